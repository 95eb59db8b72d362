"""Who answers a message: Rasa, or the officers. The gateway decides; Rasa is never asked to pause.

Every channel's turn goes through ``Router.send`` (it stands where the Rasa client stood):
- ``/handoff`` or ``/handoff_<reason>`` (buttons the bot offers) puts the conversation in an office's queue,
  with a summary composed from Rasa's tracker, and tells the citizen their place and a rough wait,
  or when the office opens;
- while a conversation waits or is with an officer, the citizen's messages go to the console and
  the bot says nothing; "quay lại trợ lý ảo" or /huy gives the conversation back to the bot;
- ``/rate_officer{...}`` records the satisfaction answer after an officer closed the conversation;
- everything else goes to Rasa, and both sides of the turn are kept in the transcript; a citizen who is
  clearly upset is also offered an officer.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from channels.live import LiveHub
from channels.models import Button, IncomingMessage, Reply
from channels.rasa_client import RasaClient
from handoff import messages
from handoff.model import Handoff, Reason, State
from handoff.offices import Office
from handoff.store import Handoffs
from handoff.summary import compose
from handoff.upset import is_upset
from storage.database import run_sync
from vntext.chars import fold

logger = logging.getLogger(__name__)

_HANDOFF = re.compile(r"^/handoff(?:_(%s))?$" % "|".join(reason.value for reason in Reason))
_RATE = re.compile(r"^/rate_officer(\{.*\})$", re.DOTALL)
BACK_TO_BOT_PAYLOAD = "/restart"
# What a waiting citizen types to go back to the bot (compared without diacritics or case).
BACK_WORDS = {"/huy", "huy", "/restart", "quay lai tro ly ao", "quay lai tro ly", "tro ly ao", "quay lai bot",
              "gap tro ly ao", "thoi khong can can bo", "khong can can bo nua"}
BACK_BUTTON = Button(title="Quay lại trợ lý ảo", payload=BACK_TO_BOT_PAYLOAD)


def _json(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def rating_buttons(handoff_id: int) -> list[Button]:
    return [Button(title=title, payload=f'/rate_officer{{"handoff": {handoff_id}, "score": {score}}}')
            for title, score in messages.RATING_BUTTONS]


def button_payload(message: IncomingMessage) -> str:
    """The button's payload, also where a channel sends it back as the person's text (Zalo OA)."""
    if message.payload:
        return message.payload.strip()
    text = message.text.strip()
    return text if text.startswith("/") else ""


def citizen_words(message: IncomingMessage) -> str:
    """What the officer sees of a citizen's message (a button by its title, an attachment by its kind)."""
    words = message.text.strip()
    if message.attachments:
        words = " ".join(filter(None, [words] + [f"[{a.kind}]" for a in message.attachments]))
    return words or (message.payload or "")


class Router:
    def __init__(self, rasa: RasaClient, engine: Engine, offices: dict[str, Office], live: LiveHub,
                 minutes_per_conversation: float = 5.0, clock=None,
                 procedure_name: Callable[[str], str | None] = lambda code: None) -> None:
        self.rasa = rasa
        self.engine = engine
        self.offices = offices
        self.default_office = next(iter(offices))
        self.live = live
        self.minutes_per_conversation = minutes_per_conversation
        self.procedure_name = procedure_name
        self.handoffs = Handoffs(engine, clock=clock) if clock else Handoffs(engine)
        self._now = (lambda: dt.datetime.fromtimestamp(clock(), dt.timezone.utc)) if clock else \
            (lambda: dt.datetime.now(dt.timezone.utc))

    async def send(self, message: IncomingMessage) -> list[Reply]:
        payload = button_payload(message)
        if match := _HANDOFF.match(payload):
            return await self._hand_off(message, match.group(1))
        if match := _RATE.match(payload):
            return await self._rate(message.conversation_id, _json(match.group(1)))
        try:
            live = await self._db(self.handoffs.live, message.conversation_id)
        except Exception as error:  # noqa: BLE001 - a database that is down must not silence the bot
            logger.warning("handoff state unknown (%s): the bot answers", type(error).__name__)
            return await self.rasa.send(message)
        if live is not None:
            return await self._to_officer(message, live)
        replies = await self.rasa.send(message)
        if is_upset(message.text) and not any(b.payload.startswith("/handoff") for r in replies for b in r.buttons):
            replies = [*replies, Reply(text=messages.UPSET_OFFER, buttons=[
                Button(title="Gặp cán bộ", payload=f"/handoff_{Reason.UPSET.value}"),
                Button(title="Tiếp tục với trợ lý ảo", payload="/help")])]
        await self._keep_turn(message, replies)
        return replies

    # -- the bot's turn ----------------------------------------------------------------------------
    async def _keep_turn(self, message: IncomingMessage, replies: list[Reply]) -> None:
        """Both sides of a bot turn go to the transcript the officer will read (best effort)."""
        try:
            if any(reply.private for reply in replies):  # a form's answers are personal data: not copied
                said = messages.PRIVATE_CITIZEN_LINE if citizen_words(message) else ""
                answers = [messages.PRIVATE_BOT_LINE]
            else:
                said, answers = citizen_words(message), [r.text for r in replies if r.text]
            await self._db(self._record_turn, message.conversation_id, said, answers)
        except Exception as error:  # noqa: BLE001 - the answer matters more than its copy
            logger.warning("transcript not written: %s", type(error).__name__)

    def _record_turn(self, conversation: str, said: str, answers: list[str]) -> None:
        lines = ([("citizen", said)] if said else []) + [("bot", answer) for answer in answers]
        if lines:  # the conversation has no live handoff: send() has just looked
            self.handoffs.record_lines(conversation, None, lines)

    # -- handing off -------------------------------------------------------------------------------
    async def _hand_off(self, message: IncomingMessage, reason: str | None) -> list[Reply]:
        conversation = message.conversation_id
        live = await self._db(self.handoffs.live, conversation)
        if live is not None:
            office = self.offices.get(live.office) or self.offices[self.default_office]
            if live.state == State.WITH_OFFICER:
                return [Reply(text=messages.ALREADY_WITH_OFFICER.format(office=office.name), buttons=[BACK_BUTTON])]
            position = await self._db(self.handoffs.position, live)
            return [Reply(text=messages.ALREADY_QUEUED.format(office=office.name, position=position),
                          buttons=[BACK_BUTTON])]
        try:
            why = Reason(reason or Reason.ASKED.value)
        except ValueError:
            why = Reason.ASKED
        events = await self.rasa.tracker_events(conversation)
        summary = await asyncio.to_thread(compose, message.channel, events, why, self.procedure_name)
        handoff, _ = await self._db(self.handoffs.open, conversation, self.default_office, summary)
        await self._db(self.handoffs.record, conversation, "system", f"Chuyển cho cán bộ ({why.value})")
        self.live.publish(handoff.office, {"kind": "queue", "handoff": handoff.id})
        return [await self._queued_reply(handoff)]

    async def _queued_reply(self, handoff: Handoff) -> Reply:
        office = self.offices.get(handoff.office) or self.offices[self.default_office]
        position = await self._db(self.handoffs.position, handoff)
        now = self._now()
        buttons = [BACK_BUTTON]
        if office.hours.is_open(now):
            minutes = max(1, round(position * self.minutes_per_conversation))
            text = messages.QUEUED_OPEN.format(office=office.name, position=position, minutes=minutes)
        else:  # nobody reads it before the office opens: offer to be told when an officer answers
            text = messages.QUEUED_CLOSED.format(office=office.name, position=position,
                                                 opening=office.hours.describe_opening(now))
            title, payload = messages.NOTIFY_BUTTON
            buttons = [Button(title=title, payload=payload), BACK_BUTTON]
        return Reply(text=f"{text}\n{messages.HOW_TO_LEAVE}", buttons=buttons)

    async def _to_officer(self, message: IncomingMessage, live: Handoff) -> list[Reply]:
        conversation = message.conversation_id
        payload = button_payload(message)
        if payload == BACK_TO_BOT_PAYLOAD or fold(message.text.strip().lower()).strip(" .!") in BACK_WORDS:
            cancelled = await self._db(self.handoffs.cancel, conversation)
            await self._db(self.handoffs.record, conversation, "system", "Người dân quay lại trợ lý ảo")
            self.live.publish(live.office, {"kind": "queue", "handoff": live.id})
            if cancelled is not None:
                self.live.publish(live.office, {"kind": "conversation", "handoff": live.id})
            return [Reply(text=messages.BACK_TO_BOT)]
        if payload == "/handoff_wait":
            return [Reply(text=messages.KEEP_WAITING, buttons=[BACK_BUTTON])]
        if payload == messages.NOTIFY_BUTTON[1]:
            await self._db(self.handoffs.notify_when_answered, conversation)
            await self._db(self.handoffs.record_lines, conversation, live.id,
                           [("system", "Người dân muốn được nhắn khi cán bộ trả lời")])
            self.live.publish(live.office, {"kind": "conversation", "handoff": live.id})
            return [Reply(text=messages.NOTIFY_SET, buttons=[BACK_BUTTON])]
        if payload == "/handoff_call_back":
            await self._db(self.handoffs.record_lines, conversation, live.id,
                           [("system", "Người dân muốn được gọi lại")])
            self.live.publish(live.office, {"kind": "conversation", "handoff": live.id})
            return [Reply(text=messages.CALL_BACK)]
        await self._db(self.handoffs.record_lines, conversation, live.id, [("citizen", citizen_words(message))])
        self.live.publish(live.office, {"kind": "conversation", "handoff": live.id})
        return []  # the officer answers; the bot stays silent

    async def _rate(self, conversation: str, answer: dict[str, Any]) -> list[Reply]:
        try:
            handoff_id, score = int(answer.get("handoff")), int(answer.get("score"))
        except (TypeError, ValueError):
            return [Reply(text=messages.THANKS_FOR_RATING)]
        handoff = await self._db(self.handoffs.get, handoff_id)
        if handoff is not None and handoff.conversation == conversation:  # only one's own conversation
            await self._db(self.handoffs.rate, handoff_id, score)
        return [Reply(text=messages.THANKS_FOR_RATING)]

    async def tell_unclaimed(self, push, after_minutes: float) -> int:
        """Tells each citizen whom nobody claimed within ``after_minutes`` of office time, once, and
        offers the bot or a call-back; ``push(channel, recipient, replies, key)`` delivers."""
        now = self._now()
        told = 0
        for handoff in await self._db(self.handoffs.unclaimed_since, after_minutes * 60):
            office = self.offices.get(handoff.office) or self.offices[self.default_office]
            session = office.hours.session_start(now)
            if session is None or now - max(handoff.opened_at, session) < dt.timedelta(minutes=after_minutes):
                continue  # closed, or not waited that long since the office opened
            buttons = [Button(title=title, payload=payload) for title, payload in messages.UNCLAIMED_BUTTONS]
            try:
                await push(handoff.channel, handoff.sender, [Reply(text=messages.UNCLAIMED, buttons=buttons)],
                           f"handoff-unclaimed:{handoff.id}")
            except ValueError:
                logger.warning("handoff %s is on channel %s, which is off", handoff.id, handoff.channel)
            await self._db(self.handoffs.mark_unclaimed_told, handoff.id)
            await self._db(self.handoffs.record, handoff.conversation, "system", "Báo người dân: chưa có cán bộ nhận")
            self.live.publish(handoff.office, {"kind": "conversation", "handoff": handoff.id})
            told += 1
        return told

    async def _db(self, function, *args):
        return await run_sync(self.engine, function, *args)
