import pytest
from fastapi.testclient import TestClient

from channels.app import create_app
from channels.models import Reply
from channels.settings import GatewaySettings
from tests.fakes.rasa import fake_rasa

SENDER = "citizen-0001"


@pytest.fixture
def rasa():
    with fake_rasa() as server:
        yield server


@pytest.fixture
def client(rasa, tmp_path):
    settings = GatewaySettings(_env_file=None, rasa_url=rasa.url, action_server_url="http://127.0.0.1:9",
                               database_url=f"sqlite:///{tmp_path / 'app.db'}")
    with TestClient(create_app(settings)) as client:
        yield client


def test_chat_page_is_served_for_phones(client):
    page = client.get("/")
    assert page.status_code == 200
    assert 'name="viewport"' in page.text and 'lang="vi"' in page.text
    assert client.get("/static/chat.js").status_code == 200


def test_a_message_goes_to_rasa_and_replies_come_back_with_buttons(client, rasa):
    answer = client.post("/api/web/messages", json={"sender": SENDER, "text": "làm hộ chiếu"}).json()
    assert answer["delivered"] is True
    assert answer["replies"][0]["text"] == "đã nhận: làm hộ chiếu"
    assert answer["replies"][1]["buttons"] == [{"title": "Tra cứu hồ sơ", "payload": "/check_dossier"}]
    method, path, body = rasa.requests[-1]
    assert (method, path) == ("POST", "/webhooks/rest/webhook")
    assert body["sender"] == f"web:{SENDER}" and body["metadata"] == {"channel": "web"}


def test_a_button_sends_its_payload(client, rasa):
    client.post("/api/web/messages", json={"sender": SENDER, "text": "", "payload": '/ask_procedure{"aspect": "fee"}'})
    assert rasa.requests[-1][2]["message"] == '/ask_procedure{"aspect": "fee"}'


def test_typed_slash_commands_are_not_taken_as_intents(client, rasa):
    client.post("/api/web/messages", json={"sender": SENDER, "text": "/abc xyz"})
    assert rasa.requests[-1][2]["message"] == "abc xyz"


@pytest.mark.parametrize(("typed", "sent"), [("/start", "/greet"), ("/help", "/help"), ("/menu", "/help")])
def test_chat_commands_stand_for_their_intent(client, rasa, typed, sent):
    client.post("/api/web/messages", json={"sender": SENDER, "text": typed})
    assert rasa.requests[-1][2]["message"] == sent


def test_empty_and_emoji_messages_reach_rasa(client, rasa):
    for text in ["", "😀😀"]:
        assert client.post("/api/web/messages", json={"sender": SENDER, "text": text}).status_code == 200
        assert rasa.requests[-1][2]["message"] == text


def test_huge_requests_are_refused_politely(client, rasa):
    before = len(rasa.requests)
    response = client.post("/api/web/messages", json={"sender": SENDER, "text": "a" * 100_000})
    assert response.status_code == 413
    assert "quá lớn" in response.json()["detail"]
    assert len(rasa.requests) == before


def test_bad_sender_ids_are_rejected(client):
    assert client.post("/api/web/messages", json={"sender": "../../x", "text": "hi"}).status_code == 422


def test_rasa_down_gives_a_polite_answer_and_asks_to_resend():
    settings = GatewaySettings(rasa_url="http://127.0.0.1:9", action_server_url="http://127.0.0.1:9", rasa_timeout_seconds=2)
    with TestClient(create_app(settings)) as client:
        answer = client.post("/api/web/messages", json={"sender": SENDER, "text": "làm hộ chiếu"}).json()
    assert answer["delivered"] is False
    assert "gửi lại" in answer["replies"][0]["text"]


def test_health_reports_each_service(client):
    body = client.get("/health").json()
    assert body["rasa"] == "up" and body["action_server"] == "down" and body["status"] == "degraded"


def test_health_reports_the_database_and_which_channels_are_on(client):
    body = client.get("/health").json()
    assert body["database"] == "up"
    assert body["channels"] == {"telegram": "off", "zalo_oa": "off", "zalo_bot": "off", "web": "on"}


def test_a_body_larger_than_the_limit_is_refused_before_it_is_read(client, rasa):
    huge = b'{"sender": "citizen-0001", "text": "' + b"a" * 70_000 + b'"}'
    response = client.post("/api/web/messages", content=huge, headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and rasa.requests == []


def test_the_widget_script_is_served(client):
    script = client.get("/static/widget.js")
    assert script.status_code == 200 and "iframe" in script.text


def test_a_push_to_the_web_chat_is_fetched_by_the_page_once(rasa, tmp_path):
    from channels.models import Button

    settings = GatewaySettings(_env_file=None, rasa_url=rasa.url, action_server_url="http://127.0.0.1:9",
                               database_url=f"sqlite:///{tmp_path / 'app.db'}")
    with TestClient(create_app(settings, run_worker=False)) as client:
        gateway = client.app.state.gateway
        reply = Reply(text="Cán bộ Lan: hồ sơ của bạn cần bổ sung giấy khai sinh.",
                      buttons=[Button(title="Gặp cán bộ", payload="/request_human")])
        client.portal.call(gateway.push, "web", SENDER, [reply], "officer-reply-1")
        assert client.get("/api/web/updates", params={"sender": SENDER}).json()["replies"] == []  # not yet delivered
        client.portal.call(gateway.worker.run_until_idle)
        first = client.get("/api/web/updates", params={"sender": SENDER}).json()["replies"]
        again = client.get("/api/web/updates", params={"sender": SENDER}).json()["replies"]
        other = client.get("/api/web/updates", params={"sender": "someone-else-01"}).json()["replies"]
    assert [r["text"] for r in first] == [reply.text] and first[0]["buttons"][0]["payload"] == "/request_human"
    assert again == [] and other == []


def test_updates_need_a_well_formed_sender(client):
    assert client.get("/api/web/updates", params={"sender": "../../etc"}).status_code == 422


def test_with_the_database_down_the_gateway_still_starts_says_so_and_asks_platforms_to_retry(rasa):
    settings = GatewaySettings(_env_file=None, rasa_url=rasa.url, action_server_url="http://127.0.0.1:9",
                               database_url="postgresql://nobody@127.0.0.1:9/none", database_wait_seconds=0.5,
                               zalo_bot_token="1:t", zalo_bot_secret_token="secret-123")
    with TestClient(create_app(settings)) as client:
        health = client.get("/health").json()
        assert health["database"] == "down" and health["status"] == "degraded"
        update = {"result": {"event_name": "message.text.received",
                             "message": {"chat": {"id": "c1"}, "message_id": "m1", "text": "xin chào"}}}
        response = client.post("/webhooks/zalo-bot", json=update, headers={"X-Bot-Api-Secret-Token": "secret-123"})
        assert response.status_code == 503 and "gửi lại" in response.json()["detail"]
        # the web chat answers without the database
        assert client.post("/api/web/messages", json={"sender": SENDER, "text": "cccd"}).json()["delivered"] is True
