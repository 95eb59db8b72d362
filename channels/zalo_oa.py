"""Zalo Official Account: signed webhooks in, customer-service messages out, tokens renewed.

Every webhook must carry ``X-ZEvent-Signature: mac=<sha256(app_id + raw body + timestamp + OA secret
key)>``; anything else is refused with 403 before its events are read. Events older than a few
minutes are refused as replays, and a message id seen before is dropped by the inbox.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from typing import Any

import httpx
from fastapi import APIRouter, Request, Response
from sqlalchemy import Engine, delete, insert, select

from channels import messages
from channels.models import Attachment, IncomingMessage, Reply
from channels.text_split import split_text
from storage.tables import channel_tokens
from storage.database import run_sync

logger = logging.getLogger(__name__)

NAME = "zalo_oa"
TEXT_LIMIT = 2000
MAX_BUTTONS = 5  # a text with more options than this gets a numbered list instead
BUTTON_TITLE_LIMIT = 100
SIGNATURE_HEADER = "X-ZEvent-Signature"
TOKEN_INVALID = {-216, -124, -230}  # access token invalid / expired
REFRESH_MARGIN_SECONDS = 15 * 60  # renew this long before the access token expires
MEDIA_EVENTS = {"user_send_image": "image", "user_send_sticker": "sticker", "user_send_gif": "image",
                "user_send_file": "file", "user_send_audio": "audio", "user_send_video": "video",
                "user_send_location": "location", "user_send_link": "link", "user_send_business_card": "contact"}


def signature(app_id: str, raw_body: bytes, timestamp: str, secret_key: str) -> str:
    digest = hashlib.sha256(app_id.encode() + raw_body + timestamp.encode() + secret_key.encode()).hexdigest()
    return f"mac={digest}"


def to_incoming(event: dict[str, Any]) -> IncomingMessage | None:
    """The internal message for a user event; None for events that need no answer (echoes, unfollow…)."""
    name = event.get("event_name") or ""
    sender = str((event.get("sender") or {}).get("id") or "")
    message = event.get("message") or {}
    message_id = str(message.get("msg_id") or f"{name}:{sender}:{event.get('timestamp')}")
    if not sender or name.startswith("oa_send_"):  # the OA's own messages, echoed back
        return None
    if name == "user_send_text":
        return IncomingMessage(channel=NAME, sender=sender, text=str(message.get("text") or ""), message_id=message_id)
    if name in MEDIA_EVENTS:
        attachments = [Attachment(kind=MEDIA_EVENTS[name], url=(a.get("payload") or {}).get("url"))
                       for a in message.get("attachments") or [{}]]
        return IncomingMessage(channel=NAME, sender=sender, text=str(message.get("text") or ""),
                               attachments=attachments, message_id=message_id)
    if name == "follow":
        return IncomingMessage(channel=NAME, sender=str((event.get("follower") or {}).get("id") or sender),
                               payload="/greet", message_id=message_id)
    return None


class TokenKeeper:
    """The OA's access / refresh token pair: loaded from the database (or the environment the first
    time), renewed before it expires or when Zalo says it is invalid, and stored again."""

    def __init__(self, engine: Engine, http: httpx.AsyncClient, oauth_base_url: str, app_id: str,
                 secret_key: str, access_token: str, refresh_token: str) -> None:
        self._engine = engine
        self._http = http
        self._url = oauth_base_url.rstrip("/") + "/v4/oa/access_token"
        self._app_id = app_id
        self._secret_key = secret_key
        self._initial = (access_token, refresh_token)
        self._lock = asyncio.Lock()

    async def access_token(self) -> str:
        access, _, expires_at = await run_sync(self._engine, self._load)
        if expires_at and expires_at - time.time() < REFRESH_MARGIN_SECONDS:
            return await self.refresh(stale=access)
        return access

    async def refresh(self, stale: str) -> str:
        """A new pair from the stored refresh token; ``stale`` is the access token that failed (if another
        request has already renewed it meanwhile, the new one is used as it is)."""
        async with self._lock:
            access, refresh, expires_at = await run_sync(self._engine, self._load)
            if access != stale and (not expires_at or expires_at - time.time() > REFRESH_MARGIN_SECONDS):
                return access
            response = await self._http.post(
                self._url, headers={"secret_key": self._secret_key},
                data={"refresh_token": refresh, "app_id": self._app_id, "grant_type": "refresh_token"})
            body = response.json() if response.content else {}
            if response.status_code != 200 or "access_token" not in body:
                raise RuntimeError(f"Zalo token refresh refused: HTTP {response.status_code}, error {body.get('error')}")
            expires_at = time.time() + float(body.get("expires_in") or 90000)
            await run_sync(self._engine, self._store, body["access_token"], body["refresh_token"], expires_at)
            logger.info("Zalo OA access token renewed")
            return body["access_token"]

    def _load(self) -> tuple[str, str, float | None]:
        with self._engine.connect() as connection:
            row = connection.execute(select(channel_tokens).where(channel_tokens.c.channel == NAME)).first()
        if row is None:
            return self._initial[0], self._initial[1], None
        return row.access_token, row.refresh_token, row.expires_at

    def _store(self, access: str, refresh: str, expires_at: float) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(channel_tokens).where(channel_tokens.c.channel == NAME))
            connection.execute(insert(channel_tokens).values(channel=NAME, access_token=access,
                                                             refresh_token=refresh, expires_at=expires_at))


class ZaloOASender:
    """Customer-service messages: text split under 2,000 characters, buttons as ``oa.query.hide``
    (their payload comes back as the person's message), a numbered list when there are too many."""

    name = NAME

    def __init__(self, http: httpx.AsyncClient, api_base_url: str, tokens: TokenKeeper, options) -> None:
        self._http = http
        self._url = api_base_url.rstrip("/") + "/v3.0/oa/message/cs"
        self._tokens = tokens
        self._options = options  # channels.options.OptionStore

    async def typing(self, recipient: str) -> None:
        """Zalo OA has no typing indicator for customer-service messages."""

    async def send(self, recipient: str, replies: list[Reply]) -> None:
        for reply in replies:
            if len(reply.buttons) > MAX_BUTTONS:
                await self._options.remember(NAME, recipient, reply.buttons)
            for message in self.render(reply):
                await self._post(recipient, message)

    def render(self, reply: Reply) -> list[dict[str, Any]]:
        buttons = reply.buttons
        text = reply.text or ""
        if len(buttons) > MAX_BUTTONS:
            text += "\n" + messages.CHOOSE_BY_NUMBER + "".join(f"\n{n}. {b.title}" for n, b in enumerate(buttons, 1))
            buttons = []
        pieces = split_text(text, TEXT_LIMIT) or ([messages.CHOOSE_BY_NUMBER.rstrip(":")] if buttons else [])
        rendered: list[dict[str, Any]] = [{"text": piece} for piece in pieces]
        if buttons:
            rendered[-1]["attachment"] = {"type": "template", "payload": {"buttons": [
                {"title": b.title[:BUTTON_TITLE_LIMIT], "type": "oa.query.hide", "payload": b.payload} for b in buttons]}}
        if reply.image:
            rendered.append({"attachment": {"type": "template", "payload": {
                "template_type": "media", "elements": [{"media_type": "image", "url": reply.image}]}}})
        if reply.document:
            rendered.append({"text": messages.DOCUMENT_LINK.format(url=reply.document)})
        return rendered

    async def _post(self, recipient: str, message: dict[str, Any]) -> None:
        body = {"recipient": {"user_id": recipient}, "message": message}
        token = await self._tokens.access_token()
        for attempt in (1, 2):
            response = await self._http.post(self._url, headers={"access_token": token}, json=body)
            result = response.json() if response.content else {}
            error = result.get("error", -1 if response.status_code != 200 else 0)
            if error == 0:
                return
            if error in TOKEN_INVALID and attempt == 1:
                token = await self._tokens.refresh(stale=token)
                continue
            raise RuntimeError(f"Zalo OA refused the message: error {error} {result.get('message', '')}")


router = APIRouter()


@router.post("/webhooks/zalo-oa")
async def webhook(request: Request) -> Response:
    gateway = request.app.state.gateway
    settings = gateway.settings
    if not settings.zalo_oa_on:
        return Response(messages.CHANNEL_OFF, status_code=404, media_type="text/plain; charset=utf-8")
    raw = await request.body()
    given = request.headers.get(SIGNATURE_HEADER, "")
    try:
        event = json.loads(raw)
        timestamp = str(event["timestamp"])
    except (ValueError, UnicodeDecodeError, TypeError, KeyError):
        event, timestamp = None, ""
    expected = signature(settings.zalo_app_id or "", raw, timestamp, settings.zalo_oa_secret_key.get_secret_value())
    if not given or event is None or not hmac.compare_digest(given.encode(), expected.encode()):
        logger.warning("zalo oa webhook refused: missing or wrong signature")
        return Response(status_code=403)
    age = time.time() - _seconds(timestamp)
    if age > settings.zalo_oa_max_event_age_seconds:
        logger.warning("zalo oa webhook refused: event %.0f s old (replay?)", age)
        return Response(status_code=403)
    message = to_incoming(event) if isinstance(event, dict) else None
    if message is None:
        logger.info("zalo oa event %s needs no answer", event.get("event_name") if isinstance(event, dict) else "?")
        return Response(status_code=200)
    await gateway.accept(NAME, message.message_id or "", message.sender, message.model_dump())
    return Response(status_code=200)


def _seconds(timestamp: str) -> float:
    """Zalo sends milliseconds since the epoch as a string."""
    try:
        value = float(timestamp)
    except ValueError:
        return 0.0
    return value / 1000 if value > 1e11 else value
