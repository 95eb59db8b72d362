"""One internal message and one reply model shared by every channel."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Attachment(BaseModel):
    kind: str  # image, sticker, file, audio, video, location
    url: str | None = None
    name: str | None = None


class IncomingMessage(BaseModel):
    """What a citizen sent, whatever the channel."""

    channel: str
    sender: str
    text: str = ""
    payload: str | None = None  # a button's payload ("/check_dossier")
    attachments: list[Attachment] = Field(default_factory=list)
    message_id: str | None = None

    @property
    def conversation_id(self) -> str:
        """Rasa's conversation id: the channel keeps senders of different channels apart."""
        return f"{self.channel}:{self.sender}"


class Button(BaseModel):
    title: str
    payload: str


class Reply(BaseModel):
    """What the assistant answers, before a channel renders it in its own way."""

    text: str | None = None
    buttons: list[Button] = Field(default_factory=list)
    image: str | None = None
    document: str | None = None  # URL of a document to send
    # A turn of filling a form: its words are personal data and are not kept in the transcript.
    private: bool = False
