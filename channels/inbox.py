"""The durable queue between webhooks and the worker.

A webhook stores what arrived and answers the platform at once; a worker processes it later, with
retries. ``put`` refuses a (channel, message id) it has already seen, so a platform's retries and
replays are processed once. Messages of one conversation are handed out one at a time, in order.

Two back ends with the same methods: a database table (default) and Redis streams (``REDIS_URL``).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Engine, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.database import run_sync
from storage.tables import inbox

DEDUP_SECONDS = 7 * 24 * 3600  # how long Redis remembers a message id


@dataclass
class InboxItem:
    id: str
    channel: str
    conversation: str
    kind: str  # "incoming": answer it; "push": deliver it
    body: dict[str, Any]
    attempts: int  # including the current one


class Inbox(Protocol):
    async def put(self, channel: str, message_id: str, conversation: str, kind: str, body: dict[str, Any]) -> bool: ...
    async def claim(self, limit: int, lease_seconds: float) -> list[InboxItem]: ...
    async def done(self, item: InboxItem) -> None: ...
    async def retry(self, item: InboxItem, error: str, delay_seconds: float,
                    kind: str | None = None, body: dict[str, Any] | None = None) -> None: ...
    async def fail(self, item: InboxItem, error: str) -> None: ...
    async def unfinished(self) -> int: ...


class SqlInbox:
    """The queue as a table (SQLite or PostgreSQL).

    Statements run on the engine's database threads (one thread on SQLite: see
    ``storage.database.executor_for``), which keeps webhook acknowledgements fast.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._waiting: list[tuple[dict[str, Any], asyncio.Future]] = []  # puts not yet written
        self._writing = False

    async def _run(self, function, *args, **kwargs):
        return await run_sync(self._engine, lambda: function(*args, **kwargs))

    async def put(self, channel: str, message_id: str, conversation: str, kind: str, body: dict[str, Any]) -> bool:
        """Stores one message; messages arriving together are written in one transaction (one commit
        for a burst of webhooks instead of one each)."""
        now = time.time()
        row = {"channel": channel, "message_id": message_id[:128], "conversation": conversation[:170], "kind": kind,
               "body": json.dumps(body, ensure_ascii=False), "status": "pending", "attempts": 0,
               "not_before": now, "created_at": now}
        stored = asyncio.get_running_loop().create_future()
        self._waiting.append((row, stored))
        if not self._writing:
            self._writing = True
            asyncio.ensure_future(self._write_waiting())
        return await stored

    async def _write_waiting(self) -> None:
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, []
                try:
                    results = await self._run(self._insert_new, [row for row, _ in batch])
                except Exception as error:  # noqa: BLE001 - each webhook gets the failure (and its platform retries)
                    for _, stored in batch:
                        stored.set_exception(error)
                    continue
                for (_, stored), result in zip(batch, results):
                    stored.set_result(result)
        finally:
            self._writing = False

    def _insert_new(self, rows: list[dict[str, Any]]) -> list[bool]:
        """Inserts each row unless its (channel, message id) is there already; True for each one stored."""
        dialect = self._engine.dialect.name
        insert_new = (postgresql_insert if dialect == "postgresql" else sqlite_insert)(inbox).on_conflict_do_nothing(
            index_elements=["channel", "message_id"])
        with self._engine.begin() as connection:
            return [connection.execute(insert_new.values(**row)).rowcount == 1 for row in rows]

    async def claim(self, limit: int, lease_seconds: float) -> list[InboxItem]:
        return await self._run(self._claim, limit, lease_seconds)

    def _claim(self, limit: int, lease_seconds: float) -> list[InboxItem]:
        now = time.time()
        unfinished = inbox.c.status.in_(("pending", "processing"))
        # A conversation waits while one of its messages is being processed or waits for a retry.
        busy = select(inbox.c.conversation).where(unfinished, inbox.c.not_before > now)
        first_of_each = (
            select(func.min(inbox.c.id))
            .where(unfinished, inbox.c.not_before <= now, inbox.c.conversation.not_in(busy))
            .group_by(inbox.c.conversation)
            .order_by(func.min(inbox.c.id))  # oldest waiting conversation first: none starves
            .limit(limit)
        )
        claimed = []
        with self._engine.begin() as connection:
            rows = connection.execute(select(inbox).where(inbox.c.id.in_(first_of_each)).order_by(inbox.c.id)).all()
            for row in rows:
                taken = connection.execute(
                    update(inbox)
                    .where(inbox.c.id == row.id, inbox.c.status == row.status, inbox.c.not_before == row.not_before)
                    .values(status="processing", attempts=row.attempts + 1, not_before=now + lease_seconds)
                ).rowcount
                if taken:  # another worker may have taken it between the select and the update
                    claimed.append(InboxItem(str(row.id), row.channel, row.conversation, row.kind,
                                             json.loads(row.body), row.attempts + 1))
        return claimed

    async def done(self, item: InboxItem) -> None:
        # the row stays (its message id drops a platform's retries) but not what the citizen wrote: a
        # form's answers, ID card numbers... are personal data and are not kept once answered
        await self._run(self._set, item, status="done", last_error=None, body="{}")

    async def retry(self, item: InboxItem, error: str, delay_seconds: float,
                    kind: str | None = None, body: dict[str, Any] | None = None) -> None:
        """Due again after ``delay_seconds``; ``kind`` and ``body`` replace the stored ones if given."""
        values: dict[str, Any] = {"status": "pending", "last_error": error[:500],
                                  "not_before": time.time() + delay_seconds}
        if kind is not None and body is not None:
            values.update(kind=kind, body=json.dumps(body, ensure_ascii=False))
        await self._run(self._set, item, **values)

    async def fail(self, item: InboxItem, error: str) -> None:
        await self._run(self._set, item, status="failed", last_error=error[:500])

    def _set(self, item: InboxItem, **values: Any) -> None:
        with self._engine.begin() as connection:
            connection.execute(update(inbox).where(inbox.c.id == int(item.id)).values(**values))

    async def unfinished(self) -> int:
        def count() -> int:
            with self._engine.connect() as connection:
                return connection.execute(
                    select(func.count()).select_from(inbox).where(inbox.c.status.in_(("pending", "processing")))
                ).scalar_one()
        return await self._run(count)

    async def statuses(self) -> dict[str, int]:
        def count() -> dict[str, int]:
            with self._engine.connect() as connection:
                rows = connection.execute(select(inbox.c.status, func.count()).group_by(inbox.c.status)).all()
            return {status: n for status, n in rows}
        return await self._run(count)


class RedisInbox:
    """The queue as a Redis stream with a consumer group; message ids remembered for a week.

    A claimed entry stays pending in the group until it is acknowledged; one that is not acknowledged
    within the lease (its worker died) is claimed again by any worker. A batch may hold several
    messages of one conversation: the worker handles those one after another, in stream order.
    """

    STREAM = "gateway:inbox"
    GROUP = "workers"

    def __init__(self, redis: Any, consumer: str) -> None:  # redis.asyncio.Redis
        self._redis = redis
        self._consumer = consumer
        self._ready = False

    async def _ensure_group(self) -> None:
        if self._ready:
            return
        try:
            await self._redis.xgroup_create(self.STREAM, self.GROUP, id="0", mkstream=True)
        except Exception as error:  # noqa: BLE001 - BUSYGROUP: it exists already
            if "BUSYGROUP" not in str(error):
                raise
        self._ready = True

    async def put(self, channel: str, message_id: str, conversation: str, kind: str, body: dict[str, Any]) -> bool:
        await self._ensure_group()
        if not await self._redis.set(f"gateway:seen:{channel}:{message_id}", 1, nx=True, ex=DEDUP_SECONDS):
            return False
        entry = {"channel": channel, "conversation": conversation, "kind": kind,
                 "body": json.dumps(body, ensure_ascii=False), "attempts": 0, "not_before": 0}
        await self._redis.xadd(self.STREAM, {"entry": json.dumps(entry, ensure_ascii=False)})
        return True

    async def claim(self, limit: int, lease_seconds: float) -> list[InboxItem]:
        await self._ensure_group()
        lease_ms = int(lease_seconds * 1000)
        _, stale, _ = await self._redis.xautoclaim(self.STREAM, self.GROUP, self._consumer, lease_ms, "0-0", count=limit)
        fresh = await self._redis.xreadgroup(self.GROUP, self._consumer, {self.STREAM: ">"}, count=limit)
        deliveries = {}
        for entry_id, _ in stale:  # taken over from a worker that died: count its earlier delivery
            pending = await self._redis.xpending_range(self.STREAM, self.GROUP, min=entry_id, max=entry_id, count=1)
            deliveries[entry_id] = pending[0]["times_delivered"] if pending else 1
        entries = list(stale) + [entry for _, stream_entries in fresh for entry in stream_entries]
        items = []
        for entry_id, fields in entries:
            delivered = deliveries.get(entry_id, 1)
            if not fields:  # deleted meanwhile
                continue
            entry = json.loads(fields[b"entry"] if b"entry" in fields else fields["entry"])
            entry_id = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
            if entry["not_before"] > time.time():
                continue  # a retry not yet due: stays pending and is claimed again after the lease
            items.append(InboxItem(entry_id, entry["channel"], entry["conversation"], entry["kind"],
                                   json.loads(entry["body"]), entry["attempts"] + delivered))
        return items

    async def done(self, item: InboxItem) -> None:
        await self._redis.xack(self.STREAM, self.GROUP, item.id)
        await self._redis.xdel(self.STREAM, item.id)

    async def retry(self, item: InboxItem, error: str, delay_seconds: float,
                    kind: str | None = None, body: dict[str, Any] | None = None) -> None:
        entry = {"channel": item.channel, "conversation": item.conversation, "kind": kind or item.kind,
                 "body": json.dumps(body if body is not None else item.body, ensure_ascii=False),
                 "attempts": item.attempts,
                 "not_before": time.time() + delay_seconds, "last_error": error[:500]}
        await self._redis.xadd(self.STREAM, {"entry": json.dumps(entry, ensure_ascii=False)})
        await self.done(item)

    async def fail(self, item: InboxItem, error: str) -> None:
        record = {"channel": item.channel, "conversation": item.conversation, "error": error[:500]}
        await self._redis.rpush("gateway:failed", json.dumps(record, ensure_ascii=False))
        await self.done(item)

    async def unfinished(self) -> int:
        await self._ensure_group()
        return int(await self._redis.xlen(self.STREAM))

