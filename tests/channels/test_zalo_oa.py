"""Zalo OA: signed, badly signed and replayed webhooks; replies to the OA API; the token refresh path."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select

from channels.zalo_oa import signature
from storage.tables import channel_tokens
from tests.fakes.zalo import FakeZaloOA

APP_ID = "4301234567890"
SECRET = "oa-secret-key-for-tests"
USER = "8412345678901234567"


@pytest.fixture
def zalo():
    with FakeZaloOA("access-0", "refresh-0") as server:
        yield server


@pytest.fixture
def client(gateway_client, zalo):
    with gateway_client(zalo_app_id=APP_ID, zalo_oa_secret_key=SECRET, zalo_oa_access_token="access-0",
                        zalo_oa_refresh_token="refresh-0", zalo_oa_api_base_url=zalo.url,
                        zalo_oa_oauth_base_url=zalo.url) as client:
        yield client


def event(text: str = "lam cccd can gi", msg_id: str = "msg-1", name: str = "user_send_text",
          timestamp: int | None = None) -> dict:
    return {"app_id": APP_ID, "event_name": name, "timestamp": str(timestamp or int(time.time() * 1000)),
            "sender": {"id": USER}, "recipient": {"id": "oa-1"}, "user_id_by_app": "u1",
            "message": {"text": text, "msg_id": msg_id}}


def post(client, body: dict, sign: bool = True, secret: str = SECRET):
    raw = json.dumps(body, ensure_ascii=False).encode()
    headers = {"X-ZEvent-Signature": signature(APP_ID, raw, body["timestamp"], secret)} if sign else {}
    return client.post("/webhooks/zalo-oa", content=raw, headers={**headers, "Content-Type": "application/json"})


def test_a_signed_text_is_answered_through_the_customer_service_api(client, zalo, rasa):
    assert post(client, event()).status_code == 200
    client.drain()
    first, second = zalo.sent()
    assert first == {"recipient": {"user_id": USER}, "message": {"text": "đã nhận: lam cccd can gi"}}
    assert second["message"]["attachment"]["payload"]["buttons"] == [
        {"title": "Tra cứu hồ sơ", "type": "oa.query.hide", "payload": "/check_dossier"}]
    assert zalo.headers[-1]["access_token"] == "access-0"
    assert rasa.requests[-1][2]["sender"] == f"zalo_oa:{USER}"


def test_a_hidden_button_payload_comes_back_as_the_intent(client, zalo, rasa):
    post(client, event(text="/check_dossier", msg_id="msg-b"))
    client.drain()
    assert rasa.requests[-1][2]["message"] == "/check_dossier"


@pytest.mark.parametrize("how", ["unsigned", "wrong secret", "body changed"])
def test_a_badly_signed_webhook_is_refused_before_anything_else(client, zalo, rasa, how):
    body = event()
    if how == "unsigned":
        response = post(client, body, sign=False)
    elif how == "wrong secret":
        response = post(client, body, secret="guess")
    else:
        raw = json.dumps(body).encode()
        good = signature(APP_ID, raw, body["timestamp"], SECRET)
        tampered = raw.replace(b"lam cccd", b"LAM CCCD")
        response = client.post("/webhooks/zalo-oa", content=tampered, headers={"X-ZEvent-Signature": good})
    assert response.status_code == 403
    client.drain()
    assert rasa.requests == [] and zalo.requests == []


def test_a_replayed_webhook_is_processed_once(client, zalo, rasa):
    body = event(msg_id="msg-replay")
    assert post(client, body).status_code == 200
    assert post(client, body).status_code == 200
    client.drain()
    assert len([r for r in rasa.requests if r[1].endswith("webhook")]) == 1


def test_an_old_signed_event_is_refused_as_a_replay(client, rasa):
    stale = event(timestamp=int((time.time() - 3600) * 1000))
    assert post(client, stale).status_code == 403


def test_echoes_of_the_oas_own_messages_are_ignored(client, zalo, rasa):
    assert post(client, event(name="oa_send_text", msg_id="echo-1")).status_code == 200
    client.drain()
    assert rasa.requests == [] and zalo.sent() == []


def test_an_unknown_or_malformed_event_is_acknowledged_and_ignored(client, rasa):
    body = {"app_id": APP_ID, "event_name": "user_reacted_message", "timestamp": str(int(time.time() * 1000))}
    assert post(client, body).status_code == 200
    client.drain()
    assert rasa.requests == []


def test_an_image_reaches_rasa_as_an_attachment(client, rasa):
    body = event(name="user_send_image", msg_id="img-1", text="")
    body["message"]["attachments"] = [{"type": "image", "payload": {"url": "https://zalo.example/a.jpg"}}]
    post(client, body)
    client.drain()
    assert rasa.requests[-1][2]["metadata"]["attachments"] == [{"kind": "image", "url": "https://zalo.example/a.jpg"}]


def test_an_invalid_access_token_is_refreshed_the_message_resent_and_the_new_pair_stored(client, zalo):
    zalo.expire_token()
    post(client, event(msg_id="msg-token"))
    client.drain()
    assert zalo.refreshes == 1
    refresh_call = next(body for _, path, body in zalo.requests if path == "/v4/oa/access_token")
    assert refresh_call == {"refresh_token": "refresh-0", "app_id": APP_ID, "grant_type": "refresh_token"}
    assert [headers["access_token"] for headers, (_, path, _) in zip(zalo.headers, zalo.requests)
            if path.endswith("/cs")] == ["access-0", "access-1", "access-1"]
    with client.gateway.engine.connect() as connection:
        stored = connection.execute(select(channel_tokens)).one()
    assert (stored.access_token, stored.refresh_token) == ("access-1", "refresh-1")


def test_a_token_about_to_expire_is_renewed_before_sending(client, zalo):
    from channels.zalo_oa import TokenKeeper

    keeper = client.gateway.senders["zalo_oa"]._tokens
    assert isinstance(keeper, TokenKeeper)
    keeper._store("access-0", "refresh-0", time.time() + 60)  # one minute left
    post(client, event(msg_id="msg-soon"))
    client.drain()
    assert zalo.refreshes == 1
    assert {h["access_token"] for h, (_, p, _) in zip(zalo.headers, zalo.requests) if p.endswith("/cs")} == {"access-1"}


def test_many_options_become_a_numbered_list_and_a_number_chooses(client, zalo, rasa):
    from channels.models import Button, Reply

    buttons = [Button(title=f"Lựa chọn {n}", payload=f"/ask_procedure{{\"n\": {n}}}") for n in range(1, 8)]
    client.portal.call(client.gateway.senders["zalo_oa"].send, USER, [Reply(text="Bạn hỏi thủ tục nào?", buttons=buttons)])
    text = zalo.sent()[-1]["message"]["text"]
    assert "1. Lựa chọn 1" in text and "7. Lựa chọn 7" in text and "attachment" not in zalo.sent()[-1]["message"]
    post(client, event(text="7", msg_id="msg-7"))
    client.drain()
    assert rasa.requests[-1][2]["message"] == '/ask_procedure{"n": 7}'


def test_long_replies_are_split_under_2000_characters(client, zalo):
    from channels.models import Reply

    long_text = " ".join(f"Câu số {n} nói về giấy tờ cần mang theo khi làm thủ tục." for n in range(120))
    client.portal.call(client.gateway.senders["zalo_oa"].send, USER, [Reply(text=long_text)])
    pieces = [m["message"]["text"] for m in zalo.sent()]
    assert len(pieces) >= 3 and all(len(p) <= 2000 for p in pieces)
    assert all(p.endswith(".") for p in pieces) and " ".join(pieces) == long_text
