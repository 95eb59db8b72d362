"""The form-filling service the action server uses, built once at start-up from the settings."""

from __future__ import annotations

from functools import lru_cache

from actions.dossier_source import get_app_engine
from actions.knowledge_base import get_knowledge_base
from actions.settings import get_settings
from forms.catalog import shipped
from forms.drafts import Drafts
from forms.service import FormService
from knowledge.answers import document_lines
from storage.shared_files import SharedFiles


def _documents(code: str) -> list[str]:
    procedure = get_knowledge_base().catalog.get(code)
    return document_lines(procedure) if procedure else []


@lru_cache(maxsize=1)
def get_form_service() -> FormService:
    settings = get_settings()
    engine = get_app_engine()
    return FormService(shipped(), Drafts(engine, settings.form_retention_hours),
                       SharedFiles(engine, settings.data_dir / "files"), settings.form_link_hours,
                       settings.files_base_url, documents_for=_documents)


def forget() -> None:
    get_form_service.cache_clear()
