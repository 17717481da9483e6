"""Use cases: one module, one callable class taking its ports in __init__."""
