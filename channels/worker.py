"""Takes messages from the inbox and processes each exactly once, with retries.

An incoming message is sent to Rasa once. If Rasa is down, the message waits and is tried again with
growing delays; after the last attempt the person is told that it could not be processed. If Rasa
answered but the channel refused the replies, only the delivery is tried again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from channels import messages
from channels.conversation import ChannelSender, DeliveryFailed
from channels.inbox import Inbox, InboxItem
from channels.models import Reply

logger = logging.getLogger(__name__)

# Answers one incoming message (the body stored by the channel's webhook).
IncomingHandler = Callable[[dict[str, Any]], Awaitable[None]]
BACKOFF_SECONDS = (1, 2, 5, 15, 30, 60)


# Told how a keyed push went: (key, "delivered" | "retrying" | "failed"); an officer's console shows it.
DeliveryHook = Callable[[str, str], Awaitable[None]]


def push_body(recipient: str, replies: list[Reply], key: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"recipient": recipient, "replies": [reply.model_dump(exclude_none=True) for reply in replies]}
    if key:
        body["key"] = key
    return body


class Worker:
    def __init__(self, inbox: Inbox, handlers: dict[str, IncomingHandler], senders: dict[str, ChannelSender],
                 *, concurrency: int = 8, lease_seconds: float = 90.0, max_attempts: int = 6,
                 poll_seconds: float = 1.0, backoff: tuple[float, ...] = BACKOFF_SECONDS,
                 on_delivery: DeliveryHook | None = None) -> None:
        self._inbox = inbox
        self._handlers = handlers
        self._senders = senders
        self._concurrency = concurrency
        self._lease = lease_seconds
        self._max_attempts = max_attempts
        self._poll = poll_seconds
        self._backoff = backoff
        self._on_delivery = on_delivery
        self._wake = asyncio.Event()
        self._stopping = False
        self._queues: dict[str, list[InboxItem]] = {}  # conversation -> its claimed messages, in order
        self._tasks: set[asyncio.Task] = set()

    def wake(self) -> None:
        """Called after a webhook stored a message, so it is processed without waiting for a poll."""
        self._wake.set()

    async def run(self) -> None:
        """Keeps up to ``concurrency`` conversations in progress; claims more as soon as one finishes."""
        while not self._stopping:
            self._wake.clear()  # before claiming: a wake-up during the claim is not lost
            capacity = self._concurrency - len(self._queues)
            items: list[InboxItem] = []
            if capacity > 0:
                try:
                    items = await self._inbox.claim(capacity, self._lease)
                except Exception as error:  # noqa: BLE001 - the store is down: try again later, never die
                    logger.warning("inbox unavailable (%s); trying again", type(error).__name__)
            for item in items:
                self._enqueue(item)
            if not items or len(self._queues) >= self._concurrency:
                try:
                    await asyncio.wait_for(self._wake.wait(), self._poll)
                except TimeoutError:
                    pass
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    def _enqueue(self, item: InboxItem) -> None:
        """Messages of one conversation are processed one after another by a single task."""
        if item.conversation in self._queues:
            self._queues[item.conversation].append(item)
            return
        self._queues[item.conversation] = [item]
        task = asyncio.create_task(self._drain_conversation(item.conversation))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _drain_conversation(self, conversation: str) -> None:
        queue = self._queues[conversation]
        try:
            while queue:
                await self.process(queue[0])
                queue.pop(0)
        finally:
            del self._queues[conversation]
            self._wake.set()  # room for another conversation

    async def run_until_idle(self, timeout: float = 10.0) -> None:
        """Processes until nothing is due (for tests and scripts)."""
        async def drain() -> None:
            while items := await self._inbox.claim(self._concurrency, self._lease):
                for item in items:
                    self._enqueue(item)
                await asyncio.gather(*self._tasks)
        await asyncio.wait_for(drain(), timeout)

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def process(self, item: InboxItem) -> None:
        try:
            if item.kind == "push":
                await self._deliver(item)
            else:
                await self._handlers[item.channel](item.body)
            await self._inbox.done(item)
            if item.kind == "push":
                await self._tell(item, "delivered")
        except DeliveryFailed as failure:
            # Rasa's answer is kept: from now on the item is a delivery of those replies.
            pushed = InboxItem(item.id, item.channel, item.conversation, "push",
                               push_body(failure.recipient, failure.replies), item.attempts)
            await self._again(item, str(failure), kind="push", body=pushed.body)
        except Exception as error:  # noqa: BLE001 - every failure is retried or recorded, never lost
            await self._again(item, f"{type(error).__name__}: {error}")

    async def _deliver(self, item: InboxItem) -> None:
        replies = [Reply(**reply) for reply in item.body["replies"]]
        await self._senders[item.channel].send(item.body["recipient"], replies)

    async def _again(self, item: InboxItem, error: str, kind: str | None = None, body: dict | None = None) -> None:
        if item.attempts < self._max_attempts:
            delay = self._backoff[min(item.attempts - 1, len(self._backoff) - 1)]
            logger.warning("%s message %s failed (attempt %d), retry in %ss: %s",
                           item.channel, item.id, item.attempts, delay, error)
            await self._inbox.retry(item, error, delay, kind=kind, body=body)
            await self._tell(item, "retrying")
            return
        logger.error("%s message %s given up after %d attempts: %s", item.channel, item.id, item.attempts, error)
        await self._inbox.fail(item, error)
        await self._tell(item, "failed")
        if item.kind == "incoming" and kind is None:
            await self._apologise(item)

    async def _tell(self, item: InboxItem, status: str) -> None:
        key = item.body.get("key") if item.kind == "push" else None
        if key and self._on_delivery is not None:
            try:
                await self._on_delivery(key, status)
            except Exception:  # noqa: BLE001 - the delivery itself is settled; its report is best effort
                logger.exception("delivery report for %s failed", item.channel)

    async def _apologise(self, item: InboxItem) -> None:
        """Tells the person their message could not be processed, so that nothing is lost silently."""
        recipient = item.body.get("sender") or item.conversation.split(":", 1)[-1]
        try:
            await self._senders[item.channel].send(recipient, [Reply(text=messages.NOT_PROCESSED)])
        except Exception:  # noqa: BLE001
            logger.exception("could not tell %s that a message failed", item.channel)
