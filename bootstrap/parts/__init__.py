"""The container's parts, one sub-container per concern, composed in bootstrap/container.py."""
