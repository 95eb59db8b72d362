"""Tracker and lock stores chosen from the environment, named in endpoints.yml.

- ``TRACKER_STORE_URL`` (e.g. ``postgresql://rasa@127.0.0.1:5432/rasa``): conversations are kept in
  that database; unset, in an SQLite file under ``DATA_DIR`` (default ``var/`` in the project).
- ``LOCK_STORE_URL`` (e.g. ``redis://127.0.0.1:6379/1``): conversation locks in Redis, so several
  Rasa instances can share the conversations; unset, in memory.

Rasa builds a custom store by calling the class named in endpoints.yml; these classes hand back
Rasa's own SQL / Redis / in-memory stores.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Optional
from urllib.parse import unquote, urlsplit

from rasa.core.brokers.broker import EventBroker
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.private_turns import hide_private_turns

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def data_dir() -> Path:
    path = Path(os.environ.get("DATA_DIR") or PROJECT_ROOT / "var")
    path.mkdir(parents=True, exist_ok=True)
    return path


def redacted(url: str) -> str:
    """The URL with its password hidden, for logs."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return parts._replace(netloc=netloc).geturl()
    return url


class PrivateTurnsSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store, except that a declaration's answers are not stored (bot/private_turns.py)."""

    async def save(self, tracker: DialogueStateTracker) -> None:
        hide_private_turns(tracker.events)
        await super().save(tracker)


class EnvironmentTrackerStore:
    """SQL tracker store on ``TRACKER_STORE_URL``, or on an SQLite file under ``DATA_DIR``; either way
    without the words of a declaration's turns."""

    def __new__(  # type: ignore[misc]
        cls,
        domain: Optional[Domain] = None,
        host: Optional[str] = None,
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> TrackerStore:
        url = os.environ.get("TRACKER_STORE_URL", "").strip()
        if url:
            logger.info("Tracker store: %s", redacted(url))
            return PrivateTurnsSQLTrackerStore(domain=domain, host=url, event_broker=event_broker)
        path = data_dir() / "rasa-tracker.db"
        logger.info("Tracker store: SQLite file %s", path)
        return PrivateTurnsSQLTrackerStore(domain=domain, dialect="sqlite", db=str(path), event_broker=event_broker)


class EnvironmentLockStore:
    """Redis lock store on ``LOCK_STORE_URL``, or an in-memory one."""

    def __new__(cls, endpoint_config: Any = None) -> LockStore:  # type: ignore[misc]
        url = os.environ.get("LOCK_STORE_URL", "").strip()
        if not url:
            return InMemoryLockStore()
        parts = urlsplit(url)
        database = parts.path.lstrip("/") or "1"
        logger.info("Lock store: %s", redacted(url))
        return RedisLockStore(
            host=parts.hostname or "localhost",
            port=parts.port or 6379,
            db=int(database),
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            use_ssl=parts.scheme == "rediss",
            key_prefix=os.environ.get("LOCK_STORE_PREFIX") or None,
        )
