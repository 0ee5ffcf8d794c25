"""publications endpoints."""
