"""The gateway's moving parts, built once at start-up: database, inbox, worker, Rasa, channels.

Webhooks call ``accept``: the message is stored (or dropped as a duplicate), the platform gets its
200 at once, and the worker answers through ``answer``. Pushes that answer nothing (a dossier
notification, an officer's reply later) go through ``push`` and the same inbox, so "delivered
exactly once" has one home.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import socket
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from channels import messages, telegram, web, zalo_bot, zalo_oa
from channels.console.accounts import Accounts
from channels.console.procedures import ConsoleCatalog
from channels.conversation import ChannelSender, converse
from channels.dossier_events import poll_followed
from channels.inbox import Inbox, RedisInbox, SqlInbox
from channels.live import LiveHub
from channels.models import IncomingMessage, Reply
from channels.options import OptionStore
from channels.rasa_client import RasaClient
from channels.rate_limit import SenderRateLimit
from channels.routing import Router
from channels.settings import GatewaySettings
from channels.worker import Worker, push_body
from dossiers.sources import HttpDossierSource
from forms.drafts import Drafts
from handoff.offices import load_offices
from storage.database import is_up, make_engine, migrate, run_sync
from storage.shared_files import SharedFiles

logger = logging.getLogger(__name__)


class Gateway:
    def __init__(self, settings: GatewaySettings, rasa: RasaClient | None = None) -> None:
        self.settings = settings
        self.engine = make_engine(settings.database_url)
        self.rasa = rasa or RasaClient(settings.rasa_url, settings.rasa_timeout_seconds)
        self.options = OptionStore(self.engine)
        self._redis: Any = None
        self.inbox: Inbox = self._make_inbox()
        self.live = LiveHub(self._redis)  # shared through Redis when the inbox is there too
        self.accounts = Accounts(self.engine)
        self.files = SharedFiles(self.engine, settings.data_dir / "files")
        self.offices = load_offices(settings.handoff_offices_file)
        self.catalog = ConsoleCatalog(settings.knowledge_catalog, settings.knowledge_overlay)
        self.router = Router(self.rasa, self.engine, self.offices, self.live, settings.handoff_minutes_per_conversation,
                             procedure_name=self.catalog.name_of)
        self.rate_limit = SenderRateLimit(settings.sender_messages_per_minute)
        self.http = httpx.AsyncClient(timeout=15.0)
        self.senders: dict[str, ChannelSender] = {}
        self._handlers: dict[str, Any] = {}
        self.telegram: telegram.TelegramBot | None = None
        self._add_channels()
        self.worker = Worker(self.inbox, self._handlers, self.senders, concurrency=settings.worker_concurrency,
                             lease_seconds=settings.worker_lease_seconds, max_attempts=settings.worker_max_attempts,
                             backoff=settings.worker_backoff_seconds, on_delivery=self._delivery_changed)
        self._task: asyncio.Task | None = None

    def _make_inbox(self) -> Inbox:
        if self.settings.gateway_redis_url:
            import redis.asyncio

            self._redis = redis.asyncio.from_url(self.settings.gateway_redis_url, decode_responses=True)
            return RedisInbox(self._redis, consumer=f"{socket.gethostname()}-{os.getpid()}")
        return SqlInbox(self.engine)

    def _add_channels(self) -> None:
        s = self.settings
        self.senders[web.NAME] = web.WebSender(self.engine)  # the web chat answers in its request; this is for pushes
        if s.telegram_on:
            self.telegram = telegram.TelegramBot(s.telegram_bot_token.get_secret_value(), s.telegram_api_base_url)
            sender = telegram.TelegramSender(self.telegram, self.options, local_file=self.shared_file)
            self.senders[telegram.NAME] = sender
            telegram.add_handlers(self.telegram.application, lambda message: converse(message, self.router, sender),
                                  self.options)
            self._handlers[telegram.NAME] = self.telegram.process_update
        if s.zalo_oa_on:
            tokens = zalo_oa.TokenKeeper(
                self.engine, self.http, s.zalo_oa_oauth_base_url, s.zalo_app_id or "",
                s.zalo_oa_secret_key.get_secret_value(), s.zalo_oa_access_token.get_secret_value(),
                s.zalo_oa_refresh_token.get_secret_value() if s.zalo_oa_refresh_token else "")
            self.senders[zalo_oa.NAME] = zalo_oa.ZaloOASender(self.http, s.zalo_oa_api_base_url, tokens, self.options)
            self._handlers[zalo_oa.NAME] = self.answer
        if s.zalo_bot_on:
            self.senders[zalo_bot.NAME] = zalo_bot.ZaloBotSender(
                self.http, s.zalo_bot_api_base_url, s.zalo_bot_token.get_secret_value(), self.options)
            self._handlers[zalo_bot.NAME] = self.answer

    def channel_states(self) -> dict[str, str]:
        s = self.settings
        return {"telegram": "on" if s.telegram_on else "off", "zalo_oa": "on" if s.zalo_oa_on else "off",
                "zalo_bot": "on" if s.zalo_bot_on else "off", "web": "on"}

    async def start(self, run_worker: bool = True) -> None:
        """Brings the database schema up to date and starts the worker. A database that is down does
        not stop the gateway: it reports it in /health, answers webhooks with 503 (platforms retry)
        and migrates as soon as the database is back."""
        self._migrated = asyncio.Event()
        self._migration = asyncio.create_task(self._migrate_when_possible(), name="migrate")
        try:
            await asyncio.wait_for(asyncio.shield(self._migrated.wait()), self.settings.database_wait_seconds)
        except TimeoutError:
            logger.error("database not reachable: the gateway starts without it and keeps trying")
        if run_worker:
            self._task = asyncio.create_task(self._run_worker(), name="inbox-worker")
        self._watcher = asyncio.create_task(self._housekeeping(), name="housekeeping") if run_worker else None
        self._relay = asyncio.create_task(self.live.relay(), name="live-events-relay")
        self._poller: asyncio.Task | None = None
        if self.settings.dossier_poll_seconds > 0 and self.settings.dossier_api_url:
            token = self.settings.dossier_api_token.get_secret_value() if self.settings.dossier_api_token else None
            source = HttpDossierSource(self.settings.dossier_api_url, token)
            self._poller = asyncio.create_task(poll_followed(self, source, self.settings.dossier_poll_seconds))

    async def _migrate_when_possible(self) -> None:
        delay = 1.0
        while True:
            try:
                await run_sync(self.engine, migrate, self.engine)
                self._migrated.set()
                return
            except Exception as error:  # noqa: BLE001 - keep trying until the database answers
                logger.warning("database migration failed (%s); retrying in %.0f s", type(error).__name__, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30)

    async def _housekeeping(self) -> None:
        """Every HOUSEKEEPING_SECONDS: citizens nobody claimed are told; expired personal data is deleted."""
        await self._migrated.wait()
        while True:
            try:
                await self.router.tell_unclaimed(self.push, self.settings.handoff_unclaimed_minutes)
                await run_sync(self.engine, self.forget_expired)
            except Exception:  # noqa: BLE001 - the watcher must outlive a bad round (database down)
                logger.exception("housekeeping failed (unclaimed handoffs, expired data)")
            await asyncio.sleep(self.settings.housekeeping_seconds)

    async def shared_file(self, url: str) -> tuple[Path, str] | None:
        """The stored file behind one of our ``/files/<token>/<name>`` links, if it is still there."""
        found = re.search(r"/files/([^/]{1,64})/([^/?#]+)$", urlsplit(url).path)
        if found is None:
            return None
        stored = await run_sync(self.engine, self.files.find, found.group(1), found.group(2))
        return (stored[0], stored[1]) if stored else None

    def forget_expired(self) -> None:
        """Personal data past its retention: half-filled declarations and shared files (filled PDFs)."""
        Drafts(self.engine, self.settings.form_retention_hours).purge()
        self.files.purge()

    async def _run_worker(self) -> None:
        await self._migrated.wait()
        await self.worker.run()

    async def stop(self) -> None:
        self._migration.cancel()
        if self._watcher:
            self._watcher.cancel()
        self._relay.cancel()
        if self._poller:
            self._poller.cancel()
        self.worker.stop()
        if self._task:
            try:
                await asyncio.wait_for(self._task, 10)
            except (TimeoutError, asyncio.CancelledError):
                self._task.cancel()
        else:
            await asyncio.sleep(0)
        if self.telegram:
            await self.telegram.close()
        await self.http.aclose()
        await self.rasa.aclose()
        if self._redis is not None:
            await self._redis.aclose()
        self.engine.dispose()

    async def accept(self, channel: str, message_id: str, sender: str, body: dict[str, Any]) -> bool:
        """Stores one webhook message for the worker; False when it was seen before or rate-limited."""
        conversation = f"{channel}:{sender}"
        if not self.rate_limit.allow(conversation):
            logger.warning("%s sender over %d messages a minute: asked to slow down",
                           channel, self.settings.sender_messages_per_minute)
            await self.push(channel, sender, [Reply(text=messages.SLOW_DOWN)],
                            key=f"slow-down:{sender}:{self.rate_limit.window()}")
            return False
        stored = await self.inbox.put(channel, message_id, conversation, "incoming", body)
        if stored:
            self.worker.wake()
        else:
            logger.info("%s message %s seen before, dropped", channel, message_id)
        return stored

    async def push(self, channel: str, recipient: str, replies: list[Reply], key: str) -> bool:
        """Queues replies that answer nothing; ``key`` makes the same push deliver only once."""
        if channel not in self.senders:
            raise ValueError(f"channel {channel} is off")
        stored = await self.inbox.put(channel, f"push:{key}", f"{channel}:{recipient}", "push",
                                      push_body(recipient, replies, key))
        if stored:
            self.worker.wake()
        return stored

    async def _delivery_changed(self, key: str, status: str) -> None:
        """An officer's reply was delivered, is being retried, or failed: the console shows it live."""
        if not key.startswith("officer-reply:"):
            return
        handoff = await run_sync(self.engine, self.router.handoffs.set_delivery, key, status)
        if handoff is not None:
            self.live.publish(handoff.office, {"kind": "conversation", "handoff": handoff.id})

    async def answer(self, body: dict[str, Any]) -> None:
        """Answers one stored message of a channel without its own handlers (both Zalo channels)."""
        message = IncomingMessage(**body)
        if not message.payload and message.text:
            chosen = await self.options.choose(message.channel, message.sender, message.text)
            if chosen is not None:  # "2" after a numbered list
                message = message.model_copy(update={"payload": chosen.payload, "text": chosen.title})
        await converse(message, self.router, self.senders[message.channel])

    async def database_up(self) -> bool:
        return await asyncio.to_thread(is_up, self.engine)
