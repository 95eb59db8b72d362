"""A handoff: one conversation's stay with the officers, from the request to its close."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, Field


class State(str, Enum):
    """Who answers the conversation. The gateway routes by it; Rasa is never asked to pause."""

    BOT = "bot"  # no live handoff: Rasa answers
    WAITING = "waiting"  # in an office's queue: messages are kept for the officer, the bot is silent
    WITH_OFFICER = "with_officer"  # an officer claimed it and answers
    CLOSED = "closed"  # resolved by the officer or cancelled by the citizen: back to the bot


class Reason(str, Enum):
    ASKED = "asked"  # the citizen asked for a person
    NOT_UNDERSTOOD = "not_understood"  # the bot failed twice in a row
    UPSET = "upset"
    OVERDUE_DOSSIER = "overdue_dossier"
    FORM_STUCK = "form_stuck"


REASON_VI = {
    Reason.ASKED: "Người dân yêu cầu gặp cán bộ",
    Reason.NOT_UNDERSTOOD: "Trợ lý ảo không hiểu câu hỏi hai lần liên tiếp",
    Reason.UPSET: "Người dân đang bức xúc",
    Reason.OVERDUE_DOSSIER: "Hồ sơ quá hạn hẹn trả",
    Reason.FORM_STUCK: "Người dân không điền tiếp được tờ khai",
}


class Summary(BaseModel):
    """What the officer reads before answering, so the citizen never repeats the question."""

    channel: str
    question: str = ""  # in the citizen's own words
    procedures: list[str] = Field(default_factory=list)  # "1.001193 Đăng ký khai sinh"
    dossier_code: str | None = None
    form_progress: str | None = None
    bot_answers: list[str] = Field(default_factory=list)  # what the bot already said, latest last
    reason: Reason = Reason.ASKED


class Handoff(BaseModel):
    id: int
    conversation: str  # "channel:sender"
    office: str
    state: State
    summary: Summary
    opened_at: dt.datetime
    officer: str | None = None
    claimed_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    closed_by: str | None = None  # the officer, or "citizen" when cancelled
    snoozed_until: dt.datetime | None = None
    snooze_reason: str | None = None
    notify_when_answered: bool = False
    unclaimed_told: bool = False

    def held_by(self, officer: str) -> bool:
        """With this officer, who may answer and close it."""
        return self.state == State.WITH_OFFICER and self.officer == officer

    @property
    def channel(self) -> str:
        return self.conversation.partition(":")[0]

    @property
    def sender(self) -> str:
        return self.conversation.partition(":")[2]


class TranscriptLine(BaseModel):
    conversation: str
    at: dt.datetime
    author: str  # "citizen", "bot", "officer", "system"
    text: str
    officer: str | None = None
    handoff_id: int | None = None
    delivery: str | None = None  # an officer's reply: the key of the push that delivers it
    delivery_status: str | None = None  # queued, delivered, retrying, failed


class HandoffConflict(Exception):
    """The handoff is not in a state that allows this (claimed by another officer, already closed)."""
