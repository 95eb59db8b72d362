"""The knowledge base the actions answer from, loaded once per action-server process.

With ``ACTIONS_WARM_UP=1`` (set by scripts/run.py) loading starts in the background as soon as the
action server imports its actions, so the first citizen does not wait for the embedding model and
the index.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time

from actions.settings import get_settings
from knowledge.catalog import load_for_search
from knowledge.dense import make_embedder
from knowledge.service import KnowledgeBase

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_knowledge_base: KnowledgeBase | None = None


def get_knowledge_base() -> KnowledgeBase:
    global _knowledge_base
    with _lock:
        if _knowledge_base is None:
            settings = get_settings()
            catalog = load_for_search(settings.knowledge_catalog, overlay=settings.knowledge_overlay)
            embedder = None if settings.knowledge_embedder == "none" else make_embedder(settings.knowledge_embedder)
            _knowledge_base = KnowledgeBase(catalog, embedder, settings.cache_dir)
            logger.info("Loaded %d procedures from %s", len(catalog), settings.knowledge_catalog or "the starter catalog")
        return _knowledge_base


def forget_knowledge_base() -> None:
    """Drop the loaded knowledge base (tests that change the settings)."""
    global _knowledge_base
    with _lock:
        _knowledge_base = None


def _warm_up(wait_seconds: float = 15.0) -> None:
    """Loads the knowledge base once the action server has started.

    The server (Sanic) sets the "spawn" start method when it starts and refuses to start if it is
    already set; loading the embedding model fixes the default ("fork"). So the load waits until the
    server has set it (or ``wait_seconds`` have passed).
    """
    deadline = time.monotonic() + wait_seconds
    while multiprocessing.get_start_method(allow_none=True) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    get_knowledge_base()


if os.environ.get("ACTIONS_WARM_UP") == "1":
    threading.Thread(target=_warm_up, name="knowledge-warm-up", daemon=True).start()
