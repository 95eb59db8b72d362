"""A conversation survives a Rasa restart: SQLite by default, PostgreSQL + Redis when configured."""

import uuid

import pytest

from tests.e2e.stack_fixtures import start_stack, texts
from tests.services import POSTGRES_URL, REDIS_URL, reachable, temporary_postgres_database

pytestmark = pytest.mark.stack


def survives_restart(running) -> None:
    sender = f"web:{uuid.uuid4().hex}"
    first = texts(running.rasa_says(sender, "làm hộ chiếu cần giấy tờ gì"))
    assert "hộ chiếu" in first.lower()
    events_before = len(running.tracker(sender)["events"])
    running.restart("rasa")
    tracker = running.tracker(sender)
    assert len(tracker["events"]) >= events_before
    assert tracker["slots"]["procedure_code"]
    follow_up = texts(running.rasa_says(sender, "thế lệ phí bao nhiêu?"))
    assert "Lệ phí" in follow_up and "hộ chiếu" in follow_up.lower()


def test_sqlite_tracker_store_keeps_conversations_across_restarts(tmp_path):
    running = start_stack(tmp_path / "logs", {"DATA_DIR": str(tmp_path)}, with_gateway=False)
    try:
        survives_restart(running)
        assert (tmp_path / "rasa-tracker.db").exists()
    finally:
        running.stop()


@pytest.mark.skipif(not (reachable(POSTGRES_URL) and reachable(REDIS_URL)), reason="PostgreSQL or Redis not reachable")
def test_postgresql_and_redis_keep_conversations_across_restarts(tmp_path):
    with temporary_postgres_database() as url:
        env = {"DATA_DIR": str(tmp_path), "TRACKER_STORE_URL": url, "LOCK_STORE_URL": REDIS_URL.rsplit("/", 1)[0] + "/6"}
        running = start_stack(tmp_path / "logs", env, with_gateway=False)
        try:
            survives_restart(running)
            assert not (tmp_path / "rasa-tracker.db").exists()
        finally:
            running.stop()
