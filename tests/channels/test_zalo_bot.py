"""Zalo Bot API: the secret-token header, text replies under 2,000 characters, numbered options."""

from __future__ import annotations

import json

import pytest

from tests.fakes.zalo import BOT_TOKEN, FakeZaloBot

SECRET = "zalo-bot-secret-123"
CHAT = "e4ea2cd5189df1c3a88c"


@pytest.fixture
def zalo_bot():
    with FakeZaloBot() as server:
        yield server


@pytest.fixture
def client(gateway_client, zalo_bot):
    with gateway_client(zalo_bot_token=BOT_TOKEN, zalo_bot_secret_token=SECRET,
                        zalo_bot_api_base_url=zalo_bot.url) as client:
        yield client


def update(text: str, message_id: str = "m1", event: str = "message.text.received") -> dict:
    return {"ok": True, "result": {"event_name": event, "message": {
        "chat": {"id": CHAT, "chat_type": "PRIVATE"}, "from": {"id": CHAT, "display_name": "Lan"},
        "message_id": message_id, "date": 1766619597466, "text": text}}}


def post(client, body, secret: str | None = SECRET):
    headers = {"X-Bot-Api-Secret-Token": secret} if secret else {}
    return client.post("/webhooks/zalo-bot", content=json.dumps(body), headers=headers)


def test_a_text_is_answered_with_buttons_as_a_numbered_list(client, zalo_bot, rasa):
    assert post(client, update("xin chao")).status_code == 200
    client.drain()
    assert zalo_bot.calls("sendChatAction") == []  # a quick answer needs no "typing…"
    assert zalo_bot.calls("sendMessage") == [
        {"chat_id": CHAT, "text": "đã nhận: xin chao"},
        {"chat_id": CHAT, "text": "Bạn cần gì thêm?\n\nBạn trả lời bằng số thứ tự để chọn:\n1. Tra cứu hồ sơ"},
    ]


def test_a_number_after_a_list_sends_that_options_payload(client, zalo_bot, rasa):
    post(client, update("xin chao", "m1"))
    client.drain()
    post(client, update("1", "m2"))
    client.drain()
    assert rasa.requests[-1][2]["message"] == "/check_dossier"


def test_a_number_without_a_list_is_just_text(client, rasa):
    post(client, update("2", "m3"))
    client.drain()
    assert rasa.requests[-1][2]["message"] == "2"


@pytest.mark.parametrize("secret", [None, "wrong-secret"])
def test_a_webhook_without_the_secret_token_is_refused(client, rasa, zalo_bot, secret):
    assert post(client, update("xin chao"), secret=secret).status_code == 403
    client.drain()
    assert rasa.requests == [] and zalo_bot.requests == []


def test_a_retried_update_is_answered_once(client, rasa):
    for _ in range(3):
        post(client, update("cccd", "same-id"))
    client.drain()
    assert len([r for r in rasa.requests if r[1].endswith("webhook")]) == 1


def test_malformed_updates_get_the_status_the_platform_expects(client, rasa):
    assert client.post("/webhooks/zalo-bot", content=b"not json", headers={"X-Bot-Api-Secret-Token": SECRET}).status_code == 400
    assert post(client, {"ok": True, "result": {"event_name": "message.unsupported.received"}}).status_code == 200
    assert post(client, [1, 2, 3]).status_code == 200
    client.drain()
    assert rasa.requests == []


def test_a_sticker_reaches_rasa_as_an_attachment(client, rasa):
    post(client, update("", "st-1", event="message.sticker.received"))
    client.drain()
    assert rasa.requests[-1][2]["metadata"]["attachments"] == [{"kind": "sticker"}]


def test_a_long_reply_is_sent_in_pieces_of_at_most_2000_characters(client, zalo_bot):
    from channels.models import Reply

    text = "Bước một. " * 450
    client.portal.call(client.gateway.senders["zalo_bot"].send, CHAT, [Reply(text=text)])
    pieces = [call["text"] for call in zalo_bot.calls("sendMessage")]
    assert len(pieces) == 3 and all(len(p) <= 2000 for p in pieces)
