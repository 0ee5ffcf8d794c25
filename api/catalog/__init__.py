"""catalog endpoints."""
