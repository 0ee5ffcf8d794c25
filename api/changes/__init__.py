"""changes endpoints."""
