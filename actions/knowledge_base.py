"""The knowledge base the actions answer from, loaded once per action-server process."""

from __future__ import annotations

import logging
from functools import lru_cache

from actions.settings import get_settings
from knowledge.catalog import load_for_search
from knowledge.dense import make_embedder
from knowledge.service import KnowledgeBase

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def get_knowledge_base() -> KnowledgeBase:
    settings = get_settings()
    catalog = load_for_search(settings.knowledge_catalog, overlay=settings.knowledge_overlay)
    embedder = None if settings.knowledge_embedder == "none" else make_embedder(settings.knowledge_embedder)
    knowledge_base = KnowledgeBase(catalog, embedder, settings.cache_dir)
    logger.info("Loaded %d procedures from %s", len(catalog), settings.knowledge_catalog or "the starter catalog")
    return knowledge_base
