"""Handoffs and the transcript in the app's database (SQLite or PostgreSQL), with the rules of each move:
open (once per conversation), claim, release, transfer, snooze, resolve, cancel."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, and_, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from handoff.model import Handoff, HandoffConflict, State, Summary, TranscriptLine
from storage.tables import handoff_ratings, handoffs, transcript

LIVE = (State.WAITING.value, State.WITH_OFFICER.value)
Clock = Callable[[], float]


def _at(seconds: float | None) -> dt.datetime | None:
    return None if seconds is None else dt.datetime.fromtimestamp(seconds, dt.timezone.utc)


def _row_to_handoff(row: Any) -> Handoff:
    return Handoff(
        id=row.id, conversation=row.conversation, office=row.office, state=State(row.state),
        summary=Summary.model_validate_json(row.summary), opened_at=_at(row.opened_at), officer=row.officer,
        claimed_at=_at(row.claimed_at), closed_at=_at(row.closed_at), closed_by=row.closed_by,
        snoozed_until=_at(row.snoozed_until), snooze_reason=row.snooze_reason,
        notify_when_answered=bool(row.notify_when_answered), unclaimed_told=bool(row.unclaimed_told))


class Handoffs:
    def __init__(self, engine: Engine, clock: Clock = time.time) -> None:
        self._engine = engine
        self._clock = clock

    # -- the citizen's side ------------------------------------------------------------------------
    def open(self, conversation: str, office: str, summary: Summary) -> tuple[Handoff, bool]:
        """Puts the conversation in ``office``'s queue; the live handoff and False if it already has one."""
        existing = self.live(conversation)
        if existing:
            return existing, False
        try:
            with self._engine.begin() as db:
                new_id = db.execute(insert(handoffs).values(
                    conversation=conversation, live_conversation=conversation, office=office,
                    state=State.WAITING.value, summary=summary.model_dump_json(), opened_at=self._clock(),
                    notify_when_answered=0, unclaimed_told=0)).inserted_primary_key[0]
        except IntegrityError:  # opened at the same moment by another worker
            return self.live(conversation), False
        return self.get(new_id), True

    def live(self, conversation: str) -> Handoff | None:
        with self._engine.connect() as db:
            row = db.execute(select(handoffs).where(handoffs.c.live_conversation == conversation)).first()
        return _row_to_handoff(row) if row else None

    def state_of(self, conversation: str) -> State:
        handoff = self.live(conversation)
        return handoff.state if handoff else State.BOT

    def cancel(self, conversation: str) -> Handoff | None:
        """The citizen goes back to the bot ("/huy"); the cancelled handoff, or None if there was none."""
        handoff = self.live(conversation)
        if handoff is None:
            return None
        return self._close(handoff.id, "citizen")

    def notify_when_answered(self, conversation: str) -> None:
        with self._engine.begin() as db:
            db.execute(update(handoffs).where(handoffs.c.live_conversation == conversation)
                       .values(notify_when_answered=1))

    def take_notify(self, handoff_id: int) -> bool:
        """True once, for the first officer reply to a citizen who asked to be told when an officer answers."""
        with self._engine.begin() as db:
            changed = db.execute(update(handoffs).where(handoffs.c.id == handoff_id, handoffs.c.notify_when_answered == 1)
                                 .values(notify_when_answered=0))
            return bool(changed.rowcount)

    def position(self, handoff: Handoff) -> int:
        """1 for the next in line of its office. Compared in the database, on
        the stored opening time, then the id for handoffs opened at the same moment."""
        mine = select(handoffs.c.opened_at).where(handoffs.c.id == handoff.id).scalar_subquery()
        with self._engine.connect() as db:
            ahead = db.execute(select(func.count()).select_from(handoffs).where(and_(
                handoffs.c.office == handoff.office, handoffs.c.state == State.WAITING.value,
                handoffs.c.id != handoff.id,
                (handoffs.c.opened_at < mine) | ((handoffs.c.opened_at == mine) & (handoffs.c.id < handoff.id))))
            ).scalar_one()
        return ahead + 1

    # -- the officers' side ------------------------------------------------------------------------
    def get(self, handoff_id: int) -> Handoff | None:
        with self._engine.connect() as db:
            row = db.execute(select(handoffs).where(handoffs.c.id == handoff_id)).first()
        return _row_to_handoff(row) if row else None

    def queue(self, office: str) -> list[Handoff]:
        """The office's live handoffs: waiting ones first, oldest first, then those with officers."""
        with self._engine.connect() as db:  # ordering by state puts "waiting" before "with_officer"
            rows = db.execute(select(handoffs).where(and_(handoffs.c.office == office, handoffs.c.state.in_(LIVE)))
                              .order_by(handoffs.c.state, handoffs.c.opened_at, handoffs.c.id)).all()
        return [_row_to_handoff(row) for row in rows]

    def claim(self, handoff_id: int, officer: str) -> Handoff:
        """The officer takes the conversation; a conflict if another officer holds it or it is closed."""
        with self._engine.begin() as db:
            taken = db.execute(update(handoffs).where(and_(
                handoffs.c.id == handoff_id, handoffs.c.state == State.WAITING.value)).values(
                state=State.WITH_OFFICER.value, officer=officer, claimed_at=self._clock(),
                snoozed_until=None, snooze_reason=None)).rowcount
        handoff = self.get(handoff_id)
        if not taken and not (handoff and handoff.held_by(officer)):
            raise HandoffConflict(f"handoff {handoff_id} is not waiting")
        return handoff

    def release(self, handoff_id: int, officer: str) -> Handoff:
        """Back to the queue, keeping its place (its opening time)."""
        return self._move(handoff_id, by=officer, state=State.WAITING.value, officer=None, claimed_at=None)

    def transfer(self, handoff_id: int, officer: str, to_office: str) -> Handoff:
        """To another office's queue (or the same office's queue for another officer to claim)."""
        return self._move(handoff_id, by=officer, state=State.WAITING.value, officer=None, claimed_at=None,
                          office=to_office)

    def snooze(self, handoff_id: int, officer: str, until: dt.datetime, reason: str) -> Handoff:
        return self._move(handoff_id, by=officer, snoozed_until=until.timestamp(), snooze_reason=reason.strip()[:200])

    def resolve(self, handoff_id: int, officer: str) -> Handoff:
        handoff = self.get(handoff_id)
        if handoff is None or not handoff.held_by(officer):
            raise HandoffConflict(f"handoff {handoff_id} is not held by {officer}")
        return self._close(handoff_id, officer)

    def unclaimed_since(self, seconds: float) -> list[Handoff]:
        """Waiting longer than ``seconds`` and not yet told so (the citizen is offered the bot or a call-back)."""
        now = self._clock()
        with self._engine.connect() as db:  # a snoozed one is in an officer's hands: not "unclaimed"
            rows = db.execute(select(handoffs).where(and_(
                handoffs.c.state == State.WAITING.value, handoffs.c.unclaimed_told == 0,
                handoffs.c.opened_at <= now - seconds,
                (handoffs.c.snoozed_until.is_(None)) | (handoffs.c.snoozed_until < now)))
                .order_by(handoffs.c.opened_at)).all()
        return [_row_to_handoff(row) for row in rows]

    def mark_unclaimed_told(self, handoff_id: int) -> bool:
        """True for the one caller that marks it (so the citizen is told once)."""
        with self._engine.begin() as db:
            return bool(db.execute(update(handoffs).where(and_(
                handoffs.c.id == handoff_id, handoffs.c.unclaimed_told == 0)).values(unclaimed_told=1)).rowcount)

    def _move(self, handoff_id: int, by: str, **values: Any) -> Handoff:
        """Changes a live handoff that is waiting, or held by the officer ``by``."""
        with self._engine.begin() as db:
            moved = db.execute(update(handoffs).where(and_(
                handoffs.c.id == handoff_id, handoffs.c.state.in_(LIVE),
                (handoffs.c.officer == by) | (handoffs.c.state == State.WAITING.value))).values(**values)).rowcount
        if not moved:
            raise HandoffConflict(f"handoff {handoff_id} is closed or held by another officer")
        return self.get(handoff_id)

    def _close(self, handoff_id: int, closed_by: str) -> Handoff:
        with self._engine.begin() as db:
            db.execute(update(handoffs).where(and_(handoffs.c.id == handoff_id, handoffs.c.state.in_(LIVE))).values(
                state=State.CLOSED.value, live_conversation=None, closed_at=self._clock(), closed_by=closed_by))
        return self.get(handoff_id)

    def rate(self, handoff_id: int, score: int) -> bool:
        """The citizen's satisfaction (1–5) with a closed handoff, kept with its officer and procedures;
        False when it was rated before or is not closed (a button tapped twice counts once)."""
        handoff = self.get(handoff_id)
        if handoff is None or handoff.state != State.CLOSED or not 1 <= score <= 5:
            return False
        try:
            with self._engine.begin() as db:
                db.execute(insert(handoff_ratings).values(
                    handoff_id=handoff_id, officer=handoff.officer, office=handoff.office, score=score,
                    procedures=json.dumps(handoff.summary.procedures, ensure_ascii=False), at=self._clock()))
        except IntegrityError:
            return False
        return True

    # -- transcript --------------------------------------------------------------------------------
    def record(self, conversation: str, author: str, text: str, officer: str | None = None,
               delivery: str | None = None) -> None:
        """Adds a line to the conversation's transcript (tied to its live handoff, if any); ``delivery``
        names the push that carries an officer's reply."""
        live = self.live(conversation)
        self.record_lines(conversation, live.id if live else None, [(author, text)], officer, delivery)

    def record_lines(self, conversation: str, handoff_id: int | None, lines: list[tuple[str, str]],
                     officer: str | None = None, delivery: str | None = None) -> None:
        """Adds ``(author, text)`` lines at once, for a caller that knows the conversation's live handoff
        (or that it has none): a bot turn, a message to the officer."""
        at = self._clock()
        with self._engine.begin() as db:
            db.execute(insert(transcript), [
                {"conversation": conversation, "at": at, "author": author, "officer": officer,
                 "handoff_id": handoff_id, "text": text, "delivery": delivery,
                 "delivery_status": "queued" if delivery else None} for author, text in lines])

    def set_delivery(self, delivery: str, status: str) -> Handoff | None:
        """Records how the push ``delivery`` went; the handoff its line belongs to."""
        with self._engine.begin() as db:
            db.execute(update(transcript).where(transcript.c.delivery == delivery).values(delivery_status=status))
            handoff_id = db.execute(select(transcript.c.handoff_id).where(transcript.c.delivery == delivery)).scalar()
        return self.get(handoff_id) if handoff_id else None

    def transcript(self, conversation: str, limit: int = 500) -> list[TranscriptLine]:
        """The latest ``limit`` lines, oldest first."""
        with self._engine.connect() as db:
            rows = db.execute(select(transcript).where(transcript.c.conversation == conversation)
                              .order_by(transcript.c.id.desc()).limit(limit)).all()
        return [TranscriptLine(conversation=r.conversation, at=_at(r.at), author=r.author, text=r.text,
                               officer=r.officer, handoff_id=r.handoff_id, delivery=r.delivery,
                               delivery_status=r.delivery_status)
                for r in reversed(rows)]
