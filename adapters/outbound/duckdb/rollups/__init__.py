"""Rollups: hourly and daily bars derived from the minute files, to answer long ranges fast.

The minute files stay the source of truth. A rollup holds one symbol-year of one layout at
one level and records what it was built from (`provenance`); the store serves it only while
that record matches the minute files listed now, and reads the minutes otherwise.
"""
