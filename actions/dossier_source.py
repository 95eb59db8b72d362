"""The dossier source the action server uses, chosen once at start-up from the settings."""

from __future__ import annotations

from functools import lru_cache

from actions.settings import get_settings
from dossiers.sources import DossierSource, HttpDossierSource, LocalDossierSource
from storage.database import make_engine, migrate


@lru_cache(maxsize=1)
def get_dossier_source() -> DossierSource:
    settings = get_settings()
    if settings.dossier_source == "http":
        if not settings.dossier_api_url:
            raise RuntimeError("DOSSIER_SOURCE=http needs DOSSIER_API_URL")
        return HttpDossierSource(settings.dossier_api_url, settings.dossier_api_token or None)
    engine = make_engine(settings.database_url or f"sqlite:///{settings.data_dir / 'app.db'}")
    migrate(engine)
    return LocalDossierSource(engine)
