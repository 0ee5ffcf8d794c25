"""webhooks endpoints."""
