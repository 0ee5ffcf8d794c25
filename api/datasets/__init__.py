"""datasets endpoints."""
