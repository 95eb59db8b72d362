"""Dossier sources: the local store (SQLite and the real PostgreSQL) and a one-stop system's HTTP API."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from dossiers.model import LookupUnavailable, Status
from dossiers.seed import demo_dossiers
from dossiers.sources import CircuitBreaker, HttpDossierSource, LocalDossierSource
from storage.database import make_engine, migrate
from tests.fakes.http_server import RecordingServer
from tests.services import POSTGRES_URL, reachable, temporary_postgres_database

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(params=["sqlite", "postgresql"])
def local(request, tmp_path):
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'app.db'}")
        migrate(engine)
        yield LocalDossierSource(engine)
        engine.dispose()
    else:
        if not reachable(POSTGRES_URL):
            pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}")
        with temporary_postgres_database() as url:
            engine = make_engine(url)
            migrate(engine)
            yield LocalDossierSource(engine)
            engine.dispose()


def test_a_stored_dossier_comes_back_whole_with_its_history(local):
    for dossier in demo_dossiers(TODAY):
        local.save(dossier)
    original = demo_dossiers(TODAY)[3]
    assert local.get(original.code) == original
    assert [change.status for change in local.get(original.code).history] == [Status.RECEIVED, Status.NEEDS_SUPPLEMENT]


def test_saving_again_replaces_the_dossier(local):
    dossier = demo_dossiers(TODAY)[1]
    local.save(dossier)
    local.save(dossier.model_copy(update={"status": Status.RESULT_READY}))
    assert local.get(dossier.code).status == Status.RESULT_READY and len(local.get(dossier.code).history) == 2


def test_an_unknown_code_is_none(local):
    assert local.get("000.00.04.H51-200221-9999") is None


CONTRACT_EXAMPLE = {
    "dossierNo": "000.00.04.H51-200221-0001", "procedureCode": "1.001193", "procedureName": "Đăng ký khai sinh",
    "agencyName": "UBND phường Bến Nghé", "acceptedDate": "21/02/2020", "appointmentDate": "2020-02-24",
    "dossierStatusCode": "3", "dossierStatusName": "Chờ bổ sung", "currentStep": "Chờ công dân bổ sung",
    "supplementNote": "Giấy chứng sinh bản chính", "applicantName": "Trần Thị Mẫu", "applicantPhone": "0912000111",
    "applicantIdNumber": "001203000111",
    "history": [{"statusCode": "1", "changedAt": "2020-02-21T08:30:00"},
                {"statusCode": "3", "changedAt": "2020-02-22T10:00:00", "note": "Thiếu giấy chứng sinh"}],
}


def one_stop_system(status: int = 200, delay: float = 0.0):
    def handle(method, path, body):
        time.sleep(delay)
        if path.endswith("000.00.04.H51-200221-0001"):
            return status, CONTRACT_EXAMPLE
        return 404, {"error": "not found"}
    return RecordingServer(handle)


def test_the_http_source_reads_the_documented_contract():
    with one_stop_system() as server:
        dossier = HttpDossierSource(server.url, token="t0k").get("000.00.04.H51-200221-0001")
        assert server.headers[-1]["Authorization"] == "Bearer t0k"
        assert server.requests[-1][1] == "/dossiers/000.00.04.H51-200221-0001"
    assert dossier.status == Status.NEEDS_SUPPLEMENT and dossier.received_on == dt.date(2020, 2, 21)
    assert dossier.appointment_on == dt.date(2020, 2, 24) and dossier.to_supplement == "Giấy chứng sinh bản chính"
    assert [c.note for c in dossier.history] == [None, "Thiếu giấy chứng sinh"]


def test_the_http_source_says_none_for_an_unknown_code():
    with one_stop_system() as server:
        assert HttpDossierSource(server.url).get("000.00.04.H51-200221-0002") is None


@pytest.mark.parametrize(("status", "delay"), [(500, 0.0), (200, 5.0)], ids=["server error", "too slow"])
def test_a_failing_or_slow_system_is_reported_unavailable_within_3_seconds(status, delay):
    with one_stop_system(status=status, delay=delay) as server:
        source = HttpDossierSource(server.url)
        started = time.monotonic()
        with pytest.raises(LookupUnavailable):
            source.get("000.00.04.H51-200221-0001")
        assert time.monotonic() - started < 3.0


def test_nothing_listening_is_unavailable():
    with pytest.raises(LookupUnavailable):
        HttpDossierSource("http://127.0.0.1:9").get("000.00.04.H51-200221-0001")


def test_after_repeated_failures_the_circuit_opens_and_answers_at_once_then_tries_again():
    now = [0.0]
    breaker = CircuitBreaker(failures=2, cooldown=30, clock=lambda: now[0])
    with one_stop_system(status=500) as server:
        source = HttpDossierSource(server.url, breaker=breaker)
        for _ in range(2):
            with pytest.raises(LookupUnavailable):
                source.get("000.00.04.H51-200221-0001")
        calls = len(server.requests)
        with pytest.raises(LookupUnavailable, match="circuit open"):
            source.get("000.00.04.H51-200221-0001")
        assert len(server.requests) == calls  # the system was not even asked
        now[0] = 31.0
        with pytest.raises(LookupUnavailable):
            source.get("000.00.04.H51-200221-0001")
        assert len(server.requests) > calls  # after the cool-down it is tried again
