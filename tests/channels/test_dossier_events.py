"""Status changes from a one-stop system reach every follower once, across restarts; polling too."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from channels.app import create_app
from channels.dossier_events import poll_followed
from channels.settings import GatewaySettings
from dossiers.following import Followers
from dossiers.model import LookupUnavailable, Status, StatusChange
from dossiers.seed import demo_dossiers
from dossiers.sources import LocalDossierSource
from tests.fakes.rasa import fake_rasa
from tests.fakes.zalo import BOT_TOKEN, FakeZaloBot
from tests.services import app_database

TOKEN = "ingest-token-123"
DOSSIER = next(d for d in demo_dossiers(dt.date(2026, 11, 30)) if d.status == Status.PROCESSING)


def contract(status_code: str, changed_at: str = "2026-12-01T09:00:00") -> dict:
    return {"dossierNo": DOSSIER.code, "procedureCode": DOSSIER.procedure_code, "procedureName": DOSSIER.procedure_name,
            "agencyName": DOSSIER.agency, "acceptedDate": DOSSIER.received_on.isoformat(),
            "appointmentDate": DOSSIER.appointment_on.isoformat(), "dossierStatusCode": status_code,
            "applicantName": DOSSIER.applicant_name, "applicantPhone": DOSSIER.applicant_phone,
            "history": [{"statusCode": "1", "changedAt": "2026-11-28T08:30:00"},
                        {"statusCode": status_code, "changedAt": changed_at}]}


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """The gateway's database for these tests: SQLite, then the real PostgreSQL."""
    with app_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def zalo_bot():
    with FakeZaloBot() as server:
        yield server


@pytest.fixture
def settings(database_url, zalo_bot):
    with fake_rasa() as rasa:
        yield GatewaySettings(_env_file=None, rasa_url=rasa.url, action_server_url="http://127.0.0.1:9",
                              database_url=database_url, dossier_ingest_token=TOKEN, zalo_bot_token=BOT_TOKEN,
                              zalo_bot_secret_token="secret-123", zalo_bot_api_base_url=zalo_bot.url)


def send(client, body, token=TOKEN):
    return client.post("/api/dossiers/events", json=body, headers={"Authorization": f"Bearer {token}"})


def follow(client, *conversations):
    engine = client.app.state.gateway.engine
    LocalDossierSource(engine).save(DOSSIER)
    for conversation in conversations:
        Followers(engine).follow(DOSSIER.code, conversation)


def test_a_status_change_is_stored_and_told_to_each_follower_once(settings, zalo_bot):
    with TestClient(create_app(settings, run_worker=False)) as client:
        follow(client, "zalo_bot:chat-1", "zalo_bot:chat-9", "web:citizen-web-01")
        answer = send(client, contract("4")).json()
        assert answer == {"stored": True, "notified": 3}
        assert send(client, contract("4")).json()["notified"] == 0  # the same change again: nobody told twice
        client.portal.call(client.app.state.gateway.worker.run_until_idle)
        web = client.get("/api/web/updates", params={"sender": "citizen-web-01"}).json()["replies"]
        stored = LocalDossierSource(client.app.state.gateway.engine).get(DOSSIER.code)
    zalo = zalo_bot.calls("sendMessage")
    assert sorted(call["chat_id"] for call in zalo) == ["chat-1", "chat-9"]
    assert all("đã có kết quả" in call["text"] and DOSSIER.code in call["text"] for call in zalo)
    assert "1. Hủy theo dõi" in zalo[0]["text"]
    assert len(web) == 1 and "đã có kết quả" in web[0]["text"]
    assert stored.status == Status.RESULT_READY


def test_a_notice_written_before_a_crash_is_sent_once_after_the_restart(settings, zalo_bot):
    with TestClient(create_app(settings, run_worker=False)) as client:  # stores the notice, then "dies"
        follow(client, "zalo_bot:chat-2")
        send(client, contract("3"))
    assert zalo_bot.calls("sendMessage") == []
    with TestClient(create_app(settings, run_worker=False)) as client:
        send(client, contract("3"))  # the one-stop system retries too
        client.portal.call(client.app.state.gateway.worker.run_until_idle)
    assert len(zalo_bot.calls("sendMessage")) == 1


@pytest.mark.parametrize("token", ["", "wrong"])
def test_events_need_the_token(settings, token):
    with TestClient(create_app(settings, run_worker=False)) as client:
        assert send(client, contract("4"), token=token).status_code == 401


def test_an_event_outside_the_contract_is_a_bad_request(settings):
    with TestClient(create_app(settings, run_worker=False)) as client:
        assert send(client, {"dossierNo": DOSSIER.code}).status_code == 400
        assert send(client, {**contract("4"), "dossierStatusCode": "42"}).status_code == 400


def test_polling_finds_changes_of_followed_dossiers(settings, zalo_bot):
    class OneStopSystem:
        def __init__(self):
            self.down = True

        def get(self, code):
            if self.down:
                raise LookupUnavailable("down")
            return DOSSIER.model_copy(update={"status": Status.RETURNED, "history": [
                StatusChange(status=Status.RETURNED, changed_at=dt.datetime(2026, 12, 2, 10))]})

    system = OneStopSystem()
    with TestClient(create_app(settings, run_worker=False)) as client:
        follow(client, "zalo_bot:chat-3")
        gateway = client.app.state.gateway
        client.portal.call(lambda: poll_followed(gateway, system, every_seconds=0, rounds=1))  # down: nothing
        system.down = False
        client.portal.call(lambda: poll_followed(gateway, system, every_seconds=0, rounds=2))
        client.portal.call(gateway.worker.run_until_idle)
    [notice] = zalo_bot.calls("sendMessage")
    assert "đã trả kết quả" in notice["text"]
