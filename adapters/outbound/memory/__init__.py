"""In-memory twins of every port: same contract as the real adapters, for tests and embedding."""
