"""Handoffs in the app's database (SQLite and the real PostgreSQL): one live handoff per conversation,
the queue of each office, the officers' moves and who may make them, and the transcript."""

from __future__ import annotations

import datetime as dt

import pytest

from handoff.model import HandoffConflict, Reason, State, Summary
from handoff.store import Handoffs
from storage.database import make_engine, migrate
from tests.services import app_database


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        self.now += 1
        return self.now


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    with app_database(request.param, tmp_path) as url:
        engine = make_engine(url)
        migrate(engine)
        clock = Clock()
        store = Handoffs(engine, clock=clock)
        store.clock = clock
        yield store
        engine.dispose()


def summary(question: str = "tôi nộp hồ sơ đất 2 tháng rồi chưa có kết quả") -> Summary:
    return Summary(channel="telegram", question=question, procedures=["1.013831 Đăng ký biến động đất đai"],
                   dossier_code="000.00.04.H51-200221-0001", reason=Reason.OVERDUE_DOSSIER)


def test_a_conversation_has_one_live_handoff_however_often_it_asks(store):
    first, created = store.open("telegram:1", "ubnd-ben-nghe", summary())
    again, created_again = store.open("telegram:1", "ubnd-ben-nghe", summary("gặp cán bộ"))
    assert created and not created_again and again.id == first.id
    assert store.state_of("telegram:1") == State.WAITING and store.state_of("telegram:2") == State.BOT
    assert store.get(first.id).summary == summary()


def test_each_office_has_its_own_queue_in_order_of_arrival(store):
    a, _ = store.open("telegram:a", "office-1", summary())
    b, _ = store.open("zalo_oa:b", "office-2", summary())
    c, _ = store.open("web:c", "office-1", summary())
    assert [h.id for h in store.queue("office-1")] == [a.id, c.id]
    assert store.position(a) == 1 and store.position(c) == 2 and store.position(b) == 1
    store.claim(a.id, "officer-1")
    assert store.position(store.get(c.id)) == 1
    assert [h.state for h in store.queue("office-1")] == [State.WAITING, State.WITH_OFFICER]


def test_an_officer_claims_answers_and_resolves_then_the_bot_has_the_conversation_again(store):
    handoff, _ = store.open("telegram:1", "office-1", summary())
    claimed = store.claim(handoff.id, "officer-1")
    assert claimed.state == State.WITH_OFFICER and claimed.officer == "officer-1"
    assert store.claim(handoff.id, "officer-1").officer == "officer-1"  # a double click is harmless
    closed = store.resolve(handoff.id, "officer-1")
    assert closed.state == State.CLOSED and closed.closed_by == "officer-1" and store.state_of("telegram:1") == State.BOT
    reopened, created = store.open("telegram:1", "office-1", summary("lại là tôi"))
    assert created and reopened.id != handoff.id


def test_a_conversation_held_by_one_officer_cannot_be_taken_or_closed_by_another(store):
    handoff, _ = store.open("telegram:1", "office-1", summary())
    store.claim(handoff.id, "officer-1")
    for move in (lambda: store.claim(handoff.id, "officer-2"), lambda: store.resolve(handoff.id, "officer-2"),
                 lambda: store.release(handoff.id, "officer-2"),
                 lambda: store.transfer(handoff.id, "officer-2", "office-2")):
        with pytest.raises(HandoffConflict):
            move()
    assert store.get(handoff.id).officer == "officer-1"


def test_released_it_keeps_its_place_and_transferred_it_joins_the_other_office(store):
    first, _ = store.open("telegram:1", "office-1", summary())
    second, _ = store.open("telegram:2", "office-1", summary())
    store.claim(first.id, "officer-1")
    released = store.release(first.id, "officer-1")
    assert released.state == State.WAITING and released.officer is None and store.position(released) == 1
    moved = store.transfer(second.id, "officer-1", "office-2")
    assert moved.office == "office-2" and [h.id for h in store.queue("office-2")] == [second.id]


def test_a_snooze_keeps_the_reason_and_ends_when_claimed(store):
    handoff, _ = store.open("telegram:1", "office-1", summary())
    until = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.timezone.utc)
    snoozed = store.snooze(handoff.id, "officer-1", until, "  chờ phòng địa chính trả lời  ")
    assert snoozed.snoozed_until == until and snoozed.snooze_reason == "chờ phòng địa chính trả lời"
    assert store.claim(handoff.id, "officer-1").snoozed_until is None


def test_the_citizen_can_cancel_while_waiting(store):
    handoff, _ = store.open("web:c", "office-1", summary())
    cancelled = store.cancel("web:c")
    assert cancelled.id == handoff.id and cancelled.state == State.CLOSED and cancelled.closed_by == "citizen"
    assert store.cancel("web:c") is None
    with pytest.raises(HandoffConflict):
        store.claim(handoff.id, "officer-1")


def test_nobody_claiming_in_time_is_found_once(store):
    old, _ = store.open("telegram:old", "office-1", summary())
    store.clock.now += 600
    store.open("telegram:new", "office-1", summary())
    due = store.unclaimed_since(300)
    assert [h.id for h in due] == [old.id]
    assert store.mark_unclaimed_told(old.id) and not store.mark_unclaimed_told(old.id)
    assert store.unclaimed_since(300) == []
    snoozed, _ = store.open("telegram:snoozed", "office-1", summary())
    store.snooze(snoozed.id, "officer-1", dt.datetime.fromtimestamp(store.clock.now + 7200, dt.timezone.utc), "chờ")
    store.clock.now += 600
    assert snoozed.id not in [h.id for h in store.unclaimed_since(300)]


def test_the_transcript_keeps_every_author_in_order_and_ties_lines_to_the_handoff(store):
    store.record("telegram:1", "citizen", "lệ phí làm sổ đỏ bao nhiêu")
    store.record("telegram:1", "bot", "Lệ phí ...")
    handoff, _ = store.open("telegram:1", "office-1", summary())
    store.record("telegram:1", "citizen", "cho tôi gặp cán bộ")
    store.record("telegram:1", "officer", "Chào anh, tôi xem hồ sơ giúp anh.", officer="officer-1")
    lines = store.transcript("telegram:1")
    assert [line.author for line in lines] == ["citizen", "bot", "citizen", "officer"]
    assert [line.handoff_id for line in lines] == [None, None, handoff.id, handoff.id]
    assert lines[-1].officer == "officer-1" and store.transcript("telegram:2") == []


def test_the_satisfaction_answer_is_kept_once_with_the_officer_and_procedures(store):
    handoff, _ = store.open("telegram:1", "office-1", summary())
    assert not store.rate(handoff.id, 5)  # not closed yet
    store.claim(handoff.id, "officer-1")
    store.resolve(handoff.id, "officer-1")
    assert store.rate(handoff.id, 5) and not store.rate(handoff.id, 1) and not store.rate(999, 5)
    from sqlalchemy import select

    from storage.tables import handoff_ratings
    with store._engine.connect() as db:
        row = db.execute(select(handoff_ratings)).one()
    assert (row.officer, row.office, row.score) == ("officer-1", "office-1", 5)
    assert "Đăng ký biến động đất đai" in row.procedures
