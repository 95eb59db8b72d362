"""The web chat: a page at "/" (also shown inside the embeddable widget), a JSON endpoint it posts
to, and a sender for pushes (kept in a table until the page fetches them)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine, delete, insert, select

from channels import messages
from channels.models import IncomingMessage, Reply
from channels.rasa_client import RasaUnavailable
from channels.routing import Router
from storage.tables import web_outbox
from storage.database import run_sync

NAME = "web"
SENDER_ID = r"^[A-Za-z0-9_-]+$"
KEEP_SECONDS = 7 * 24 * 3600  # pushes nobody fetched are dropped after a week

STATIC = Path(__file__).parent / "static"

router = APIRouter()


def get_router(request: Request) -> Router:
    return request.app.state.gateway.router


RouterDep = Annotated[Router, Depends(get_router)]


class WebSender:
    """Pushes to a web chat: stored, then handed to the page on its next poll, once."""

    name = NAME

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    async def typing(self, recipient: str) -> None:
        """The page shows its own "typing…" while it waits."""

    async def send(self, recipient: str, replies: list[Reply]) -> None:
        rows = [{"sender": recipient, "reply": reply.model_dump_json(exclude_none=True), "created_at": time.time()}
                for reply in replies]
        await run_sync(self._engine, self._insert, rows)

    def _insert(self, rows: list[dict]) -> None:
        with self._engine.begin() as connection:
            connection.execute(insert(web_outbox), rows)

    async def take(self, recipient: str) -> list[Reply]:
        """The replies waiting for ``recipient``, oldest first; each is handed out only once."""
        return await run_sync(self._engine, self._take, recipient)

    def _take(self, recipient: str) -> list[Reply]:
        with self._engine.begin() as connection:
            rows = connection.execute(select(web_outbox).where(web_outbox.c.sender == recipient)
                                      .order_by(web_outbox.c.id)).all()
            if rows:
                connection.execute(delete(web_outbox).where(web_outbox.c.id.in_([row.id for row in rows])))
            connection.execute(delete(web_outbox).where(web_outbox.c.created_at < time.time() - KEEP_SECONDS))
        return [Reply(**json.loads(row.reply)) for row in rows]


class WebMessage(BaseModel):
    sender: str = Field(min_length=8, max_length=64, pattern=SENDER_ID)
    text: str = ""
    payload: str | None = Field(default=None, max_length=500)


class WebAnswer(BaseModel):
    replies: list[Reply]
    delivered: bool = True  # False when the message could not be processed and should be re-sent


@router.get("/", include_in_schema=False)
async def chat_page() -> FileResponse:
    return FileResponse(STATIC / "chat.html", media_type="text/html; charset=utf-8")


@router.post("/api/web/messages")
async def post_message(message: WebMessage, router: RouterDep) -> WebAnswer:
    incoming = IncomingMessage(channel="web", sender=message.sender, text=message.text, payload=message.payload)
    try:
        return WebAnswer(replies=await router.send(incoming))
    except RasaUnavailable:
        return WebAnswer(replies=[Reply(text=messages.RASA_UNAVAILABLE)], delivered=False)


@router.get("/api/web/updates")
async def updates(request: Request,
                  sender: Annotated[str, Query(min_length=8, max_length=64, pattern=SENDER_ID)]) -> WebAnswer:
    """Replies pushed to this chat since its last poll (an officer's answer, a dossier notification)."""
    return WebAnswer(replies=await request.app.state.gateway.senders[NAME].take(sender))
