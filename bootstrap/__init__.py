"""Composition root: settings, the dependency-injector container and the entry points."""
