"""sources endpoints."""
