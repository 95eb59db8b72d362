"""Real python-telegram-bot against a fake Bot API: exact requests for each kind of update."""

from __future__ import annotations

import json

import pytest

from tests.fakes.telegram_api import TOKEN, FakeTelegram

SECRET = "s3cret-webhook-token"
HEADERS = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
CHAT = 555000111
MENU = {"inline_keyboard": [[{"text": "Tra cứu hồ sơ", "callback_data": "/check_dossier"}]]}


def user(**extra):
    return {"id": CHAT, "is_bot": False, "first_name": "Lan", **extra}


def text_update(update_id: int, text: str, key: str = "message") -> dict:
    message = {"message_id": update_id, "date": 1700000000, "chat": {"id": CHAT, "type": "private"},
               "from": user(), "text": text}
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    if key == "edited_message":
        message["edit_date"] = 1700000100
    return {"update_id": update_id, key: message}


@pytest.fixture
def telegram():
    with FakeTelegram() as server:
        yield server


@pytest.fixture
def client(gateway_client, telegram):
    with gateway_client(telegram_bot_token=TOKEN, telegram_webhook_secret=SECRET,
                        telegram_api_base_url=telegram.url) as client:
        yield client


def post(client, update: dict, headers: dict | None = HEADERS):
    return client.post("/webhooks/telegram", content=json.dumps(update), headers=headers or {})


def test_a_text_message_gets_rasas_replies_with_an_inline_keyboard(client, telegram, rasa):
    assert post(client, text_update(1, "làm hộ chiếu cần gì")).status_code == 200
    client.drain()
    assert telegram.methods() == ["getMe", "sendMessage", "sendMessage"]  # a quick answer needs no "typing…"
    first, second = telegram.calls("sendMessage")
    assert first == {"chat_id": str(CHAT), "text": "đã nhận: làm hộ chiếu cần gì"}
    assert second["text"] == "Bạn cần gì thêm?" and json.loads(second["reply_markup"]) == MENU
    assert rasa.requests[-1][2]["sender"] == f"telegram:{CHAT}"


def test_start_help_and_huy_stand_for_their_intents(client, telegram, rasa):
    for update_id, command in enumerate(["/start", "/help", "/huy"], start=10):
        post(client, text_update(update_id, command))
    client.drain()
    assert [body["message"] for _, path, body in rasa.requests if path.endswith("webhook")] == [
        "/greet", "/help", "/restart"]


def test_a_button_tap_is_answered_and_its_payload_goes_to_rasa(client, telegram, rasa):
    update = {"update_id": 20, "callback_query": {
        "id": "cbq-1", "from": user(), "chat_instance": "ci", "data": "/check_dossier",
        "message": {"message_id": 7, "date": 1700000000, "chat": {"id": CHAT, "type": "private"}, "text": "menu"}}}
    post(client, update)
    client.drain()
    assert telegram.calls("answerCallbackQuery") == [{"callback_query_id": "cbq-1"}]
    assert rasa.requests[-1][2]["message"] == "/check_dossier"
    assert telegram.calls("sendMessage")[0]["text"] == "đã nhận: /check_dossier"


def test_a_sticker_reaches_rasa_as_an_attachment_without_text(client, telegram, rasa):
    update = {"update_id": 30, "message": {
        "message_id": 9, "date": 1700000000, "chat": {"id": CHAT, "type": "private"}, "from": user(),
        "sticker": {"file_id": "st1", "file_unique_id": "u1", "width": 512, "height": 512, "is_animated": False,
                    "is_video": False, "type": "regular"}}}
    post(client, update)
    client.drain()
    body = rasa.requests[-1][2]
    assert body["message"] == "" and body["metadata"]["attachments"] == [{"kind": "sticker"}]
    assert len(telegram.calls("sendMessage")) == 2


def test_an_edited_message_is_answered_again(client, telegram, rasa):
    post(client, text_update(40, "lam ho chieu"))
    post(client, text_update(41, "làm hộ chiếu", key="edited_message"))
    client.drain()
    assert [body["message"] for _, _, body in rasa.requests if body] == ["lam ho chieu", "làm hộ chiếu"]


def test_an_update_without_a_chat_or_text_is_acknowledged_and_ignored(client, telegram, rasa):
    for update in [{"update_id": 50, "poll": {"id": "1"}}, {"update_id": 51}, {"no": "update"}]:
        assert post(client, update).status_code == 200
    client.drain()
    assert telegram.requests == [] and rasa.requests == []


def test_a_body_that_is_not_json_is_a_bad_request(client):
    assert client.post("/webhooks/telegram", content=b"{not json", headers=HEADERS).status_code == 400


@pytest.mark.parametrize("headers", [None, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}])
def test_a_request_without_the_secret_token_is_refused_without_touching_rasa(client, rasa, telegram, headers):
    assert post(client, text_update(60, "xin chào"), headers=headers).status_code == 403
    client.drain()
    assert rasa.requests == [] and telegram.requests == []


def test_telegrams_retries_of_one_update_are_answered_once(client, telegram, rasa):
    for _ in range(3):
        post(client, text_update(70, "cccd"))
    client.drain()
    assert len([r for r in rasa.requests if r[1].endswith("webhook")]) == 1


def test_a_429_is_waited_out_and_the_message_still_arrives(client, telegram):
    telegram.rate_limit_next("sendMessage", 1)
    post(client, text_update(80, "gplx"))
    client.drain()
    sent = [body["text"] for body in telegram.calls("sendMessage")]
    assert sent == ["đã nhận: gplx", "đã nhận: gplx", "Bạn cần gì thêm?"]  # the first one was refused (429)


def test_a_long_payload_travels_as_a_short_reference(client, telegram, rasa):
    from channels.models import Button, Reply

    long_payload = '/ask_procedure{"procedure_code": "1.001193", "aspect": "documents", "variant": "x"}'
    client.portal.call(client.gateway.senders["telegram"].send, str(CHAT),
                       [Reply(text="Chọn", buttons=[Button(title="Giấy tờ", payload=long_payload)])])
    keyboard = json.loads(telegram.calls("sendMessage")[-1]["reply_markup"])
    assert keyboard["inline_keyboard"][0][0]["callback_data"] == "#1"
    update = {"update_id": 90, "callback_query": {"id": "cbq-2", "from": user(), "chat_instance": "ci", "data": "#1",
              "message": {"message_id": 8, "date": 1700000000, "chat": {"id": CHAT, "type": "private"}, "text": "x"}}}
    post(client, update)
    client.drain()
    assert rasa.requests[-1][2]["message"] == long_payload


def test_documents_are_sent_as_documents(client, telegram):
    from channels.models import Reply

    client.portal.call(client.gateway.senders["telegram"].send, str(CHAT),
                       [Reply(document="https://example.org/to-khai.pdf")])
    assert telegram.calls("sendDocument") == [{"chat_id": str(CHAT), "document": "https://example.org/to-khai.pdf"}]


def test_a_document_behind_one_of_our_own_links_is_uploaded_not_linked(client, telegram):
    from channels.models import Reply

    token, name = client.gateway.files.share(b"%PDF-1.4 to khai", "to-khai-khai-sinh.pdf", "application/pdf", 1)
    client.portal.call(client.gateway.senders["telegram"].send, str(CHAT),
                       [Reply(document=f"http://127.0.0.1:8000/files/{token}/{name}")])
    upload = telegram.calls("sendDocument")[-1]
    assert isinstance(upload, bytes) and b"%PDF-1.4 to khai" in upload and b"to-khai-khai-sinh.pdf" in upload


def test_when_telegram_is_off_the_webhook_says_so(gateway_client):
    with gateway_client() as client:
        response = client.post("/webhooks/telegram", content=json.dumps(text_update(1, "hi")))
        assert response.status_code == 404
        assert client.get("/health").json()["channels"]["telegram"] == "off"


def test_typing_is_shown_while_a_slow_answer_is_being_prepared(gateway_client, telegram, database_url):
    from tests.fakes.rasa import fake_rasa

    with fake_rasa(think_seconds=0.8) as slow_rasa, gateway_client(
            rasa_url=slow_rasa.url, telegram_bot_token=TOKEN, telegram_webhook_secret=SECRET,
            telegram_api_base_url=telegram.url) as client:
        post(client, text_update(100, "thủ tục tách thửa đất"))
        client.drain()
    assert telegram.methods() == ["getMe", "sendChatAction", "sendMessage", "sendMessage"]
    assert telegram.calls("sendChatAction") == [{"chat_id": str(CHAT), "action": "typing"}]


def test_polling_mode_answers_updates_taken_with_get_updates(client, telegram, rasa):
    from channels.telegram import poll

    telegram.pending_updates = [text_update(200, "lam lltp o dau"), text_update(201, "/start")]
    client.portal.call(lambda: poll(client.gateway, rounds=2, timeout=0))
    client.drain()
    assert "deleteWebhook" in telegram.methods()
    offsets = [call.get("offset") for call in telegram.calls("getUpdates")]
    assert offsets[1] == "202"  # the next call confirms both updates
    assert [body["message"] for _, path, body in rasa.requests if path.endswith("webhook")] == [
        "lam lltp o dau", "/greet"]
