"""Identify the caller and describe them."""
