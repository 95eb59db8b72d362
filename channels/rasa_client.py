"""Talking to Rasa's REST channel."""

from __future__ import annotations

import logging
import re
from urllib.parse import quote

import httpx

from channels.models import Button, IncomingMessage, Reply

logger = logging.getLogger(__name__)

# Payloads a button may carry: "/intent" optionally followed by a JSON object of entities.
_PAYLOAD = re.compile(r"^/[a-z_]+(\{.*\})?$", re.DOTALL)
# Chat commands people type (Telegram's /start, ...) and the intent each one stands for.
# "/huy" cancels what is going on: Rasa's /restart (its domain answers with utter_restart).
COMMANDS = {"/start": "/greet", "/help": "/help", "/menu": "/help", "/batdau": "/greet", "/huy": "/restart"}


class RasaUnavailable(Exception):
    """Rasa did not answer (down, restarting or too slow)."""


def rasa_text(message: IncomingMessage) -> str:
    """The text sent to Rasa: a well-formed button payload, or what the person typed.

    Typed text that starts with "/" would be read by Rasa as an intent name, so the slash is
    dropped unless the text is exactly a payload the assistant itself offers.
    """
    if message.payload and _PAYLOAD.match(message.payload):
        return message.payload
    text = message.text or ""
    command = text.strip().split("@")[0].lower()  # Telegram appends "@botname" in groups
    if command in COMMANDS:
        return COMMANDS[command]
    return text.lstrip("/") if text.startswith("/") and not _PAYLOAD.match(text) else text


def parse_replies(body: list[dict]) -> list[Reply]:
    """Rasa's answers as replies; ``{"custom": {"private": true}}`` is not shown but marks the whole turn
    as private (an answer to a form), so the gateway keeps no copy of it."""
    replies, private = [], False
    for item in body:
        custom = item.get("custom") if isinstance(item.get("custom"), dict) else {}
        if custom.get("private"):
            private = True
            if not (item.get("text") or item.get("buttons") or item.get("image") or custom.get("document")):
                continue
        replies.append(
            Reply(
                text=item.get("text"),
                buttons=[Button(title=b["title"], payload=b["payload"]) for b in item.get("buttons") or []],
                image=item.get("image"),
                document=custom.get("document"),
            )
        )
    return [reply.model_copy(update={"private": True}) for reply in replies] if private else replies


class RasaClient:
    """Sends one message to Rasa and returns its replies."""

    def __init__(self, base_url: str, timeout: float = 30.0, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout, transport=transport)

    async def send(self, message: IncomingMessage) -> list[Reply]:
        metadata = {"channel": message.channel}
        if message.attachments:
            metadata["attachments"] = [attachment.model_dump(exclude_none=True) for attachment in message.attachments]
        body = {"sender": message.conversation_id, "message": rasa_text(message), "metadata": metadata}
        try:
            response = await self._http.post("/webhooks/rest/webhook", json=body)
            response.raise_for_status()
        except httpx.HTTPError as error:
            logger.warning("Rasa did not answer: %s", type(error).__name__)
            raise RasaUnavailable(str(error)) from error
        return parse_replies(response.json())

    async def tracker_events(self, conversation_id: str) -> list[dict]:
        """The conversation's events as Rasa keeps them (for the officer's summary); [] if Rasa cannot say."""
        try:
            response = await self._http.get(f"/conversations/{quote(conversation_id, safe='')}/tracker",
                                            params={"include_events": "ALL"}, timeout=5.0)
            response.raise_for_status()
            return list(response.json().get("events") or [])
        except (httpx.HTTPError, ValueError) as error:
            logger.warning("Rasa's tracker not available: %s", type(error).__name__)
            return []

    async def is_up(self) -> bool:
        try:
            response = await self._http.get("/", timeout=2.0)
            return response.status_code == 200
        except httpx.HTTPError:
            return False

    async def aclose(self) -> None:
        await self._http.aclose()
