"""Action-server settings from the environment (one pydantic-settings class for this process)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class ActionSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    knowledge_catalog: Path | None = None  # KNOWLEDGE_CATALOG; the starter catalog when unset


@lru_cache(maxsize=1)
def get_settings() -> ActionSettings:
    return ActionSettings()
