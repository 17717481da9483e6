"""Workers: inbound adapters that take queued runs and hand each to the ExecuteRun use case."""
