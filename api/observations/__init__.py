"""observations endpoints."""
