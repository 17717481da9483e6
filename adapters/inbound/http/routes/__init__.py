"""Route handlers, one module per resource; thin: parse, call the use case, present."""
