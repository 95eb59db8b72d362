"""The worker answers each message exactly once: across Rasa outages, channel failures and restarts."""

from __future__ import annotations

import json
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from channels.app import create_app
from channels.settings import GatewaySettings
from storage.tables import inbox
from tests.fakes.rasa import fake_rasa
from tests.fakes.zalo import BOT_TOKEN, FakeZaloBot

SECRET = "zalo-bot-secret-123"


@pytest.fixture
def zalo_bot():
    with FakeZaloBot() as server:
        yield server


def settings(rasa_url: str, database_url: str, bot_url: str, **extra) -> GatewaySettings:
    return GatewaySettings(_env_file=None, rasa_url=rasa_url, action_server_url="http://127.0.0.1:9",
                           database_url=database_url, zalo_bot_token=BOT_TOKEN, zalo_bot_secret_token=SECRET,
                           zalo_bot_api_base_url=bot_url, rasa_timeout_seconds=2,
                           **{"worker_backoff_seconds": (0,), **extra})


def update(text: str, message_id: str, chat: str = "chat-1") -> bytes:
    return json.dumps({"ok": True, "result": {"event_name": "message.text.received", "message": {
        "chat": {"id": chat}, "from": {"id": chat}, "message_id": message_id, "date": 1, "text": text}}}).encode()


def post(client, body: bytes):
    return client.post("/webhooks/zalo-bot", content=body, headers={"X-Bot-Api-Secret-Token": SECRET})


def statuses(client) -> list[str]:
    with client.app.state.gateway.engine.connect() as connection:
        return [row.status for row in connection.execute(select(inbox).order_by(inbox.c.id))]


def test_messages_stored_before_a_restart_are_answered_once_by_the_next_gateway(database_url, zalo_bot):
    with fake_rasa() as rasa:
        config = settings(rasa.url, database_url, zalo_bot.url)
        with TestClient(create_app(config, run_worker=False)) as first:  # stores, then stops unprocessed
            for n in range(5):
                assert post(first, update(f"tin {n}", f"m{n}")).status_code == 200
            post(first, update("tin 0", "m0"))  # Zalo retrying the first one
        assert rasa.requests == []
        with TestClient(create_app(config, run_worker=True)) as second:
            deadline = time.time() + 10
            while len(zalo_bot.calls("sendMessage")) < 10 and time.time() < deadline:
                time.sleep(0.05)
            time.sleep(0.3)
            assert statuses(second) == ["done"] * 5
        assert [body["message"] for _, path, body in rasa.requests if path.endswith("webhook")] == [
            f"tin {n}" for n in range(5)]
        assert len(zalo_bot.calls("sendMessage")) == 10


def test_while_rasa_is_down_the_message_waits_and_is_answered_when_it_is_back(database_url, zalo_bot):
    down = "http://127.0.0.1:9"
    config = settings(down, database_url, zalo_bot.url, worker_backoff_seconds=(0.5,))
    with TestClient(create_app(config, run_worker=False)) as client:
        post(client, update("lam ho chieu", "m1"))
        client.portal.call(client.app.state.gateway.worker.run_until_idle)  # one failed attempt, then a wait
        assert zalo_bot.calls("sendMessage") == [] and statuses(client) == ["pending"]
    time.sleep(0.6)
    with statuses_after_restart(database_url, zalo_bot) as (client, rasa):
        assert [body["message"] for _, path, body in rasa.requests if path.endswith("webhook")] == ["lam ho chieu"]
        assert zalo_bot.calls("sendMessage")[0]["text"] == "đã nhận: lam ho chieu"


class statuses_after_restart:
    def __init__(self, database_url, zalo_bot):
        self._args = database_url, zalo_bot

    def __enter__(self):
        database_url, zalo_bot = self._args
        self._rasa = fake_rasa().__enter__()
        self._client = TestClient(create_app(settings(self._rasa.url, database_url, zalo_bot.url), run_worker=False))
        self._client.__enter__()
        self._client.portal.call(self._client.app.state.gateway.worker.run_until_idle)
        return self._client, self._rasa

    def __exit__(self, *exc):
        self._client.__exit__(*exc)
        self._rasa.__exit__(*exc)


def test_after_the_last_attempt_the_person_is_told_and_the_message_is_kept(database_url, zalo_bot):
    config = settings("http://127.0.0.1:9", database_url, zalo_bot.url, worker_max_attempts=3)
    with TestClient(create_app(config, run_worker=False)) as client:
        post(client, update("cap lai cccd", "m1"))
        client.portal.call(client.app.state.gateway.worker.run_until_idle)
        assert statuses(client) == ["failed"]
        [apology] = zalo_bot.calls("sendMessage")
        assert apology["chat_id"] == "chat-1" and "chưa xử lý được" in apology["text"]


def test_when_the_channel_refuses_the_reply_rasa_is_not_asked_twice(database_url, zalo_bot):
    with fake_rasa() as rasa:
        with TestClient(create_app(settings(rasa.url, database_url, "http://127.0.0.1:9"), run_worker=False)) as client:
            post(client, update("cccd", "m1"))
            gateway = client.app.state.gateway
            client.portal.call(gateway.worker.process, client.portal.call(gateway.inbox.claim, 5, 60)[0])
        with TestClient(create_app(settings(rasa.url, database_url, zalo_bot.url), run_worker=False)) as client:
            client.portal.call(client.app.state.gateway.worker.run_until_idle)
        assert len([r for r in rasa.requests if r[1].endswith("webhook")]) == 1
        assert [call["text"] for call in zalo_bot.calls("sendMessage")][0] == "đã nhận: cccd"


def test_a_sender_who_floods_is_asked_once_to_slow_down(database_url, zalo_bot):
    with fake_rasa() as rasa:
        config = settings(rasa.url, database_url, zalo_bot.url, sender_messages_per_minute=3)
        with TestClient(create_app(config, run_worker=False)) as client:
            for n in range(6):
                assert post(client, update(f"spam {n}", f"s{n}")).status_code == 200
            client.portal.call(client.app.state.gateway.worker.run_until_idle)
        asked = [r for r in rasa.requests if r[1].endswith("webhook")]
        assert len(asked) == 3
        slow_down = [c for c in zalo_bot.calls("sendMessage") if "gửi tin nhắn hơi nhanh" in c["text"]]
        assert len(slow_down) == 1


def test_a_push_is_delivered_once_even_if_queued_twice(gateway_client, zalo_bot):
    from channels.models import Reply

    with gateway_client(zalo_bot_token=BOT_TOKEN, zalo_bot_secret_token=SECRET,
                        zalo_bot_api_base_url=zalo_bot.url) as client:
        push = client.app.state.gateway.push
        reply = [Reply(text="Hồ sơ 000.00.04.H51-200221-0001 đã có kết quả.")]
        assert client.portal.call(push, "zalo_bot", "chat-9", reply, "dossier:0001:done") is True
        assert client.portal.call(push, "zalo_bot", "chat-9", reply, "dossier:0001:done") is False
        client.drain()
        assert zalo_bot.calls("sendMessage") == [{"chat_id": "chat-9", "text": reply[0].text}]
