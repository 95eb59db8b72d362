"""The gateway: every channel's webhooks in, Rasa's replies out (FastAPI)."""
