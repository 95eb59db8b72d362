"""Dossier lookups through Rasa and the action server against a one-stop system's HTTP API
(DOSSIER_SOURCE=http), including the system going down."""

from __future__ import annotations

import time

import pytest

from tests.dossiers.test_sources import CONTRACT_EXAMPLE
from tests.e2e.stack_fixtures import start_stack, texts
from tests.fakes.http_server import RecordingServer

pytestmark = pytest.mark.stack

CODE = CONTRACT_EXAMPLE["dossierNo"]


class OneStopSystem:
    """A provincial one-stop system that knows one dossier and can be made to fail."""

    def __init__(self) -> None:
        self.failing = False
        self.server = RecordingServer(self.handle)

    def handle(self, method: str, path: str, body: object) -> tuple[int, object]:
        if self.failing:
            return 503, {"error": "maintenance"}
        if path.endswith(CODE):
            return 200, CONTRACT_EXAMPLE
        return 404, {"error": "not found"}


@pytest.fixture(scope="module")
def one_stop():
    system = OneStopSystem()
    with system.server:
        yield system


@pytest.fixture(scope="module")
def assistant_on_http(tmp_path_factory, one_stop):
    data = tmp_path_factory.mktemp("assistant-http-data")
    env = {"DATA_DIR": str(data), "DOSSIER_SOURCE": "http", "DOSSIER_API_URL": one_stop.server.url,
           "DOSSIER_API_TOKEN": "e2e-one-stop-token"}
    running = start_stack(data / "logs", env, with_gateway=False)
    yield running
    running.stop()


def test_a_dossier_is_answered_from_the_one_stop_system(assistant_on_http, one_stop):
    one_stop.failing = False
    answer = texts(assistant_on_http.rasa_says("web:http-citizen-1", f"hồ sơ {CODE.lower()} đến đâu rồi ạ"))
    assert "đang chờ bạn bổ sung" in answer and CONTRACT_EXAMPLE["procedureName"] in answer
    assert CONTRACT_EXAMPLE["applicantName"] not in answer and CONTRACT_EXAMPLE["supplementNote"] not in answer
    assert one_stop.server.headers[-1]["Authorization"] == "Bearer e2e-one-stop-token"


def test_when_the_one_stop_system_is_down_the_citizen_hears_it_is_busy_within_3_seconds(assistant_on_http, one_stop):
    one_stop.failing = True
    try:
        for n in range(4):  # the first three try the system, then the open circuit answers at once
            started = time.monotonic()
            answer = texts(assistant_on_http.rasa_says(f"web:http-citizen-busy-{n}", f"tra cứu hồ sơ {CODE}"))
            assert "đang bận" in answer and "Traceback" not in answer
            assert time.monotonic() - started < 3.0
    finally:
        one_stop.failing = False
