"""The knowledge base the actions answer from, loaded once per action-server process."""

from __future__ import annotations

import logging
from functools import lru_cache

from actions.settings import get_settings
from knowledge.service import KnowledgeBase

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def get_knowledge_base() -> KnowledgeBase:
    path = get_settings().knowledge_catalog
    knowledge_base = KnowledgeBase.from_path(path)
    logger.info("Loaded %d procedures from %s", len(knowledge_base.catalog), path or "the starter catalog")
    return knowledge_base
