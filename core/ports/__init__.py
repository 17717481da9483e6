"""Ports: the small protocols the use cases call, implemented by outbound adapters."""
