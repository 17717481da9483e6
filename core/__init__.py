"""The backtesting domain: entities, value objects, ports and use cases.

Imports only the standard library, so it can be embedded in any Python service.
"""
