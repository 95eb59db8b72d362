"""Zalo Bot API (Telegram-like ``bot<TOKEN>/method``): webhook with a secret token, text replies.

The API has no buttons, so options go out as a numbered list and a typed number picks one.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

import httpx
from fastapi import APIRouter, Request, Response

from channels import messages
from channels.models import Attachment, IncomingMessage, Reply
from channels.text_split import split_text

logger = logging.getLogger(__name__)

NAME = "zalo_bot"
TEXT_LIMIT = 2000
SECRET_HEADER = "X-Bot-Api-Secret-Token"
MEDIA_EVENTS = {"message.image.received": "image", "message.sticker.received": "sticker",
                "message.file.received": "file", "message.audio.received": "audio", "message.video.received": "video"}


def to_incoming(update: dict[str, Any]) -> IncomingMessage | None:
    """The internal message for an update; None for what needs no answer or lacks a sender."""
    result = update.get("result") if isinstance(update.get("result"), dict) else update
    name = result.get("event_name") or ""
    message = result.get("message") or {}
    chat = str((message.get("chat") or {}).get("id") or (message.get("from") or {}).get("id") or "")
    if not chat or not message.get("message_id"):
        return None
    base = {"channel": NAME, "sender": chat, "message_id": str(message["message_id"])}
    if name == "message.text.received" or (not name and "text" in message):
        return IncomingMessage(**base, text=str(message.get("text") or ""))
    if name in MEDIA_EVENTS:
        return IncomingMessage(**base, text=str(message.get("caption") or ""),
                               attachments=[Attachment(kind=MEDIA_EVENTS[name], url=message.get("photo_url"))])
    return None


class ZaloBotSender:
    name = NAME

    def __init__(self, http: httpx.AsyncClient, api_base_url: str, token: str, options) -> None:
        self._http = http
        self._base = f"{api_base_url.rstrip('/')}/bot{token}"
        self._options = options  # channels.options.OptionStore

    async def typing(self, recipient: str) -> None:
        await self._call("sendChatAction", {"chat_id": recipient, "action": "typing"})

    async def send(self, recipient: str, replies: list[Reply]) -> None:
        for reply in replies:
            text = reply.text or ""
            if reply.buttons:
                await self._options.remember(NAME, recipient, reply.buttons)
                text += ("\n\n" if text else "") + messages.CHOOSE_BY_NUMBER + "".join(
                    f"\n{number}. {button.title}" for number, button in enumerate(reply.buttons, start=1))
            if reply.document:
                text += ("\n\n" if text else "") + messages.DOCUMENT_LINK.format(url=reply.document)
            for piece in split_text(text, TEXT_LIMIT):
                await self._call("sendMessage", {"chat_id": recipient, "text": piece})
            if reply.image:
                await self._call("sendPhoto", {"chat_id": recipient, "photo": reply.image})

    async def _call(self, method: str, body: dict[str, Any]) -> None:
        response = await self._http.post(f"{self._base}/{method}", json=body)
        result = response.json() if response.content else {}
        if response.status_code != 200 or not result.get("ok"):
            raise RuntimeError(f"Zalo Bot API {method} failed: HTTP {response.status_code}, "
                               f"error {result.get('error_code')} {result.get('description', '')}")


router = APIRouter()


@router.post("/webhooks/zalo-bot")
async def webhook(request: Request) -> Response:
    gateway = request.app.state.gateway
    settings = gateway.settings
    if not settings.zalo_bot_on:
        return Response(messages.CHANNEL_OFF, status_code=404, media_type="text/plain; charset=utf-8")
    secret = settings.zalo_bot_secret_token.get_secret_value() if settings.zalo_bot_secret_token else ""
    if secret and not hmac.compare_digest(request.headers.get(SECRET_HEADER, "").encode(), secret.encode()):
        logger.warning("zalo bot webhook refused: missing or wrong secret token")
        return Response(status_code=403)
    try:
        update = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        logger.warning("zalo bot webhook: body is not JSON")
        return Response(status_code=400)
    message = to_incoming(update) if isinstance(update, dict) else None
    if message is None:
        logger.info("zalo bot update needs no answer or has no sender, ignored")
        return Response(status_code=200)
    await gateway.accept(NAME, message.message_id or "", message.sender, message.model_dump())
    return Response(status_code=200)
