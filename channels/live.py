"""Live updates for the officers' consoles: each office's events, fanned out to connected consoles.

A console subscribes to its office; the gateway publishes when a conversation joins or leaves the
queue and when a citizen writes. With Redis (``GATEWAY_REDIS_URL``) events go through Redis pub/sub,
so a console connected to one gateway instance sees what another instance received; without it they
stay in this process. A slow console misses nothing important: on any event it reloads what it shows,
and a full queue only drops events that a later one supersedes.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

logger = logging.getLogger(__name__)

MAX_PENDING = 100
CHANNEL_PREFIX = "console:"


class LiveHub:
    def __init__(self, redis: Any = None) -> None:  # redis.asyncio.Redis (decode_responses=True) or None
        self._subscribers: dict[str, set[asyncio.Queue[dict[str, Any]]]] = defaultdict(set)
        self._redis = redis
        self._tasks: set[asyncio.Task] = set()

    def publish(self, office: str, event: dict[str, Any]) -> None:
        if self._redis is None:
            self._fan_out(office, event)
            return
        task = asyncio.get_running_loop().create_task(self._publish_to_redis(office, event))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _publish_to_redis(self, office: str, event: dict[str, Any]) -> None:
        try:
            await self._redis.publish(CHANNEL_PREFIX + office, json.dumps(event))
        except Exception as error:  # noqa: BLE001 - Redis down: this instance's consoles still learn of it
            logger.warning("live event not shared through Redis (%s)", type(error).__name__)
            self._fan_out(office, event)

    async def relay(self) -> None:
        """Delivers events published by every gateway instance to this instance's consoles (runs
        until cancelled; reconnects when Redis goes away)."""
        if self._redis is None:
            return
        while True:
            try:
                pubsub = self._redis.pubsub()
                await pubsub.psubscribe(CHANNEL_PREFIX + "*")
                async for message in pubsub.listen():
                    if message.get("type") == "pmessage":
                        office = str(message["channel"]).removeprefix(CHANNEL_PREFIX)
                        self._fan_out(office, json.loads(message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - keep relaying once Redis is back
                logger.warning("live events relay interrupted (%s); reconnecting", type(error).__name__)
                await asyncio.sleep(1.0)

    def _fan_out(self, office: str, event: dict[str, Any]) -> None:
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
