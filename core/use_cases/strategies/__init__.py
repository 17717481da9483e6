"""Manage strategy templates."""
