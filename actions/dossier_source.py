"""The dossier services the action server uses, built once at start-up from the settings."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Engine

from actions.settings import get_settings
from dossiers.following import Followers
from dossiers.guard import LookupGuard
from dossiers.sources import DossierSource, HttpDossierSource, LocalDossierSource
from storage.database import make_engine, migrate


@lru_cache(maxsize=1)
def get_app_engine() -> Engine:
    settings = get_settings()
    engine = make_engine(settings.database_url or f"sqlite:///{settings.data_dir / 'app.db'}")
    migrate(engine)
    return engine


@lru_cache(maxsize=1)
def get_dossier_source() -> DossierSource:
    settings = get_settings()
    if settings.dossier_source == "http":
        if not settings.dossier_api_url:
            raise RuntimeError("DOSSIER_SOURCE=http needs DOSSIER_API_URL")
        return HttpDossierSource(settings.dossier_api_url, settings.dossier_api_token or None)
    return LocalDossierSource(get_app_engine())


@lru_cache(maxsize=1)
def get_guard() -> LookupGuard:
    return LookupGuard(get_app_engine())


@lru_cache(maxsize=1)
def get_followers() -> Followers:
    return Followers(get_app_engine())


def forget() -> None:
    """Drops the services (tests change the settings between cases), closing the database's connections."""
    if get_app_engine.cache_info().currsize:
        get_app_engine().dispose()
    for factory in (get_app_engine, get_dossier_source, get_guard, get_followers):
        factory.cache_clear()
