"""The local web chat: a page at "/" and a JSON endpoint it posts to."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from channels import messages
from channels.models import IncomingMessage, Reply
from channels.rasa_client import RasaClient, RasaUnavailable

STATIC = Path(__file__).parent / "static"

router = APIRouter()


def get_rasa(request: Request) -> RasaClient:
    return request.app.state.rasa


RasaDep = Annotated[RasaClient, Depends(get_rasa)]


class WebMessage(BaseModel):
    sender: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    text: str = ""
    payload: str | None = Field(default=None, max_length=500)


class WebAnswer(BaseModel):
    replies: list[Reply]
    delivered: bool = True  # False when the message could not be processed and should be re-sent


@router.get("/", include_in_schema=False)
async def chat_page() -> FileResponse:
    return FileResponse(STATIC / "chat.html", media_type="text/html; charset=utf-8")


@router.post("/api/web/messages")
async def post_message(message: WebMessage, rasa: RasaDep) -> WebAnswer:
    incoming = IncomingMessage(channel="web", sender=message.sender, text=message.text, payload=message.payload)
    try:
        return WebAnswer(replies=await rasa.send(incoming))
    except RasaUnavailable:
        return WebAnswer(replies=[Reply(text=messages.RASA_UNAVAILABLE)], delivered=False)
