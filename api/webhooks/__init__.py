"""Webhook subscription management (``/v1/webhooks``); delivery itself is ``notify``'s."""
