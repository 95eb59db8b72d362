"""Live updates for the officers' consoles: each office's events, fanned out in this process.

A console subscribes to its office; the gateway publishes when a conversation joins or leaves the
queue and when a citizen writes. A slow console misses nothing important: on any event it reloads
what it shows, and a full queue only drops events that a later one supersedes.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MAX_PENDING = 100


class LiveHub:
    def __init__(self) -> None:
        self._subscribers: dict[str, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)

    def publish(self, office: str, event: dict[str, Any]) -> None:
        for queue in list(self._subscribers.get(office, ())):
            if queue.full():
                queue.get_nowait()  # the console reloads on the next event anyway
            queue.put_nowait(event)

    @contextmanager
    def subscribe(self, office: str) -> Iterator[asyncio.Queue[dict[str, Any]]]:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(MAX_PENDING)
        self._subscribers[office].add(queue)
        try:
            yield queue
        finally:
            self._subscribers[office].discard(queue)

    def subscribers(self, office: str) -> int:
        return len(self._subscribers.get(office, ()))
