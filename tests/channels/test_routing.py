"""The gateway decides who answers: Rasa, or the officers while a conversation is handed off."""

from __future__ import annotations

import datetime as dt

import pytest

from channels.live import LiveHub
from channels.models import IncomingMessage
from channels.rasa_client import RasaClient
from channels.routing import Router
from handoff.model import Reason, State
from handoff.offices import Office
from handoff.office_hours import VIETNAM
from handoff.store import Handoffs
from storage.database import make_engine, migrate

SENDER = "citizen-web-0001"
CONVERSATION = f"web:{SENDER}"


def rasa_messages(rasa) -> list[str]:
    return [body["message"] for _, path, body in rasa.requests if path == "/webhooks/rest/webhook"]


def say(client, text: str = "", payload: str | None = None) -> list[dict]:
    response = client.post("/api/web/messages", json={"sender": SENDER, "text": text, "payload": payload})
    assert response.status_code == 200
    return response.json()["replies"]


def test_a_handed_off_conversation_reaches_the_officers_and_not_rasa_until_the_citizen_goes_back(gateway_client, rasa):
    with gateway_client() as client:
        say(client, "tôi nộp hồ sơ tách thửa 2 tháng rồi chưa xong")
        queued = say(client, "Chuyển cho cán bộ", "/handoff")
        assert "vị trí số 1" in queued[0]["text"] and "quay lại trợ lý ảo" in queued[0]["text"]
        assert [b["payload"] for b in queued[0]["buttons"]][-1] == "/restart"  # (+ "/handoff_notify" out of hours)
        store = Handoffs(client.gateway.engine)
        handoff = store.live(CONVERSATION)
        assert handoff.state == State.WAITING and handoff.summary.reason == Reason.ASKED
        assert handoff.summary.question == "tôi nộp hồ sơ tách thửa 2 tháng rồi chưa xong"
        assert any("tách thửa" in answer for answer in handoff.summary.bot_answers)

        asked_rasa = len(rasa_messages(rasa))
        assert say(client, "cán bộ ơi, hồ sơ của tôi mã 000.00.04.H51-200221-0001") == []  # the bot is silent
        assert len(rasa_messages(rasa)) == asked_rasa
        lines = store.transcript(CONVERSATION)
        assert [line.author for line in lines] == ["citizen", "bot", "bot", "system", "citizen"]
        assert lines[-1].handoff_id == handoff.id

        again = say(client, "Gặp cán bộ", "/handoff")
        assert "đang trong hàng chờ" in again[0]["text"]

        back = say(client, "Quay lai tro ly ao")
        assert "Đã quay lại trợ lý ảo" in back[0]["text"] and store.state_of(CONVERSATION) == State.BOT
        assert len(rasa_messages(rasa)) == asked_rasa
        say(client, "lệ phí bao nhiêu")
        assert rasa_messages(rasa)[-1] == "lệ phí bao nhiêu"


@pytest.mark.parametrize("typed", ["/huy", "hủy", "quay lại trợ lý ảo!"])
def test_huy_or_going_back_to_the_bot_works_at_any_time_while_waiting(gateway_client, typed):
    with gateway_client() as client:
        say(client, "", "/handoff")
        assert "Đã quay lại trợ lý ảo" in say(client, typed)[0]["text"]
        assert Handoffs(client.gateway.engine).state_of(CONVERSATION) == State.BOT


def test_the_reason_of_the_button_is_kept_and_an_unknown_reason_is_not_a_handoff(gateway_client, rasa):
    with gateway_client() as client:
        say(client, "Gặp cán bộ", "/handoff_overdue_dossier")
        assert Handoffs(client.gateway.engine).live(CONVERSATION).summary.reason == Reason.OVERDUE_DOSSIER
        client.post("/api/web/messages", json={"sender": "another-citizen-01", "payload": "/handoff_because_i_say_so"})
        assert rasa_messages(rasa)[-1] == "/handoff_because_i_say_so"
        assert Handoffs(client.gateway.engine).live("web:another-citizen-01") is None


def test_a_citizen_can_rate_only_their_own_closed_conversation(gateway_client):
    with gateway_client() as client:
        say(client, "", "/handoff")
        store = Handoffs(client.gateway.engine)
        handoff = store.live(CONVERSATION)
        store.claim(handoff.id, "officer-1")
        store.resolve(handoff.id, "officer-1")
        other = client.post("/api/web/messages", json={
            "sender": "someone-else-0001", "payload": f'/rate_officer{{"handoff": {handoff.id}, "score": 1}}'})
        assert "Cảm ơn" in other.json()["replies"][0]["text"]
        assert "Cảm ơn" in say(client, "😊", f'/rate_officer{{"handoff": {handoff.id}, "score": 5}}')[0]["text"]
        assert not store.rate(handoff.id, 3)  # already rated: by its citizen, with 5


async def test_waiting_messages_are_published_live_to_the_office(tmp_path, rasa):
    router, _ = make_router(tmp_path, rasa, at(dt.datetime(2026, 12, 1, 9, 0)))
    await router.send(IncomingMessage(channel="web", sender=SENDER, payload="/handoff"))
    with router.live.subscribe("mot-cua") as events:
        await router.send(IncomingMessage(channel="web", sender=SENDER, text="alo"))
        assert events.get_nowait()["kind"] == "conversation"


def at(moment: dt.datetime):
    return lambda: moment.replace(tzinfo=VIETNAM).timestamp()


def make_router(tmp_path, rasa, clock):
    engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
    migrate(engine)
    return Router(RasaClient(rasa.url), engine, {"mot-cua": Office("mot-cua")}, LiveHub(), 5.0, clock=clock), engine


async def test_inside_office_hours_the_citizen_hears_their_place_and_a_rough_wait(tmp_path, rasa):
    router, _ = make_router(tmp_path, rasa, at(dt.datetime(2026, 12, 1, 9, 0)))  # a Tuesday morning
    for n in range(2):
        await router.send(IncomingMessage(channel="telegram", sender=f"other-{n}", payload="/handoff"))
    replies = await router.send(IncomingMessage(channel="telegram", sender="me", payload="/handoff"))
    assert "vị trí số 3" in replies[0].text and "khoảng 15 phút" in replies[0].text


async def test_outside_office_hours_the_citizen_hears_when_the_office_opens(tmp_path, rasa):
    router, _ = make_router(tmp_path, rasa, at(dt.datetime(2027, 2, 5, 20, 0)))  # the eve of Tết
    replies = await router.send(IncomingMessage(channel="zalo_oa", sender="me", payload="/handoff"))
    assert "ngoài giờ làm việc" in replies[0].text and "7:30 sáng thứ Năm, 11/02/2027" in replies[0].text


async def test_outside_office_hours_the_citizen_can_ask_to_be_told_when_an_officer_answers(tmp_path, rasa):
    router, _ = make_router(tmp_path, rasa, at(dt.datetime(2026, 12, 5, 22, 0)))  # a Saturday night
    replies = await router.send(IncomingMessage(channel="telegram", sender="night-owl", payload="/handoff"))
    assert [b.payload for b in replies[0].buttons] == ["/handoff_notify", "/restart"]
    told = await router.send(IncomingMessage(channel="telegram", sender="night-owl", payload="/handoff_notify"))
    assert "nhắn cho bạn ngay" in told[0].text and not any(body.get("sender") == "telegram:night-owl" for _, _, body in rasa.requests if isinstance(body, dict))
    handoff = router.handoffs.live("telegram:night-owl")
    assert handoff.notify_when_answered
    assert router.handoffs.take_notify(handoff.id) and not router.handoffs.take_notify(handoff.id)  # the first reply only


async def test_with_the_database_down_the_bot_still_answers(tmp_path, rasa):
    router, engine = make_router(tmp_path, rasa, at(dt.datetime(2026, 12, 1, 9, 0)))
    router.engine = router.handoffs._engine = make_engine("postgresql://nobody@127.0.0.1:1/none")
    replies = await router.send(IncomingMessage(channel="web", sender=SENDER, text="làm hộ chiếu"))
    assert replies[0].text == "đã nhận: làm hộ chiếu"


async def test_nobody_claiming_within_the_office_time_is_told_once_with_choices(tmp_path, rasa):
    now = [dt.datetime(2026, 12, 1, 7, 0)]  # before opening on a Tuesday
    router, _ = make_router(tmp_path, rasa, lambda: now[0].replace(tzinfo=VIETNAM).timestamp())
    await router.send(IncomingMessage(channel="telegram", sender="555", payload="/handoff"))
    pushed = []

    async def push(channel, recipient, replies, key):
        pushed.append((channel, recipient, replies[0].text, [b.payload for b in replies[0].buttons], key))

    now[0] = dt.datetime(2026, 12, 1, 7, 40)  # 40 minutes waited, but only 10 of office time
    assert await router.tell_unclaimed(push, 15) == 0
    now[0] = dt.datetime(2026, 12, 1, 7, 46)
    assert await router.tell_unclaimed(push, 15) == 1 and await router.tell_unclaimed(push, 15) == 0
    assert pushed[0][:2] == ("telegram", "555") and "chưa có cán bộ nào nhận" in pushed[0][2]
    assert pushed[0][3] == ["/handoff_wait", "/handoff_call_back", "/restart"]
    wait = await router.send(IncomingMessage(channel="telegram", sender="555", payload="/handoff_wait"))
    assert "hàng chờ" in wait[0].text


def test_a_clearly_upset_citizen_is_offered_an_officer_after_the_bot_s_answer(gateway_client):
    with gateway_client() as client:
        replies = say(client, "làm ăn kiểu gì mà hồ sơ 2 tháng chưa xong")
        assert replies[0]["text"].startswith("đã nhận") and "phiền lòng" in replies[-1]["text"]
        assert replies[-1]["buttons"][0]["payload"] == "/handoff_upset"
        say(client, "Gặp cán bộ", "/handoff_upset")
        assert Handoffs(client.gateway.engine).live(CONVERSATION).summary.reason == Reason.UPSET
        assert "phiền lòng" not in " ".join(r["text"] for r in say(client, "lam cccd o dau"))  # waiting: silent
