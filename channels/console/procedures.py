"""The procedure catalog inside the console: the same facts the bot answers from (``knowledge/``),
searched lexically (no embedding model in the gateway), loaded on first use off the event loop."""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from knowledge import answers
from knowledge.catalog import load_for_search
from knowledge.search import ProcedureSearch

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProcedureCard:
    code: str
    name: str
    card: str  # what the officer may insert into a reply


class ConsoleCatalog:
    def __init__(self, path: Path | None = None, overlay: bool = True) -> None:
        self._path = path
        self._overlay = overlay
        self._lock = threading.Lock()
        self._search: ProcedureSearch | None = None

    def _loaded(self) -> ProcedureSearch:
        with self._lock:
            if self._search is None:
                catalog = load_for_search(self._path, overlay=self._overlay)
                self._search = ProcedureSearch(catalog, embedder=None)
                logger.info("console catalog: %d procedures", len(catalog))
            return self._search

    def find(self, question: str, limit: int = 5) -> list[ProcedureCard]:
        question = question.strip()[:300]
        if not question:
            return []
        search = self._loaded()
        hits = search.search(question, k=limit).hits
        cards = []
        for hit in hits[:limit]:
            procedure = search.catalog.get(hit.code)
            if procedure is not None:
                cards.append(ProcedureCard(procedure.code, procedure.name, answers.full_card(procedure)))
        return cards

    def name_of(self, code: str) -> str | None:
        try:
            procedure = self._loaded().catalog.get(code)
        except Exception:  # noqa: BLE001 - a name is a nicety for the summary
            return None
        return procedure.name if procedure else None

    async def afind(self, question: str, limit: int = 5) -> list[ProcedureCard]:
        return await asyncio.to_thread(self.find, question, limit)
