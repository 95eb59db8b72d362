"""Gateway settings from the environment (one pydantic-settings class for this process)."""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class GatewaySettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    rasa_url: str = "http://127.0.0.1:5005"  # RASA_URL
    action_server_url: str = "http://127.0.0.1:5055"  # ACTION_SERVER_URL
    rasa_timeout_seconds: float = 30.0
    # Requests larger than this are refused before they are read (bytes).
    max_request_bytes: int = 64_000
