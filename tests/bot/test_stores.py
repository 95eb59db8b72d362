import pytest
from rasa.core.lock_store import InMemoryLockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.stores import EnvironmentLockStore, EnvironmentTrackerStore, redacted
from tests.services import POSTGRES_URL, REDIS_URL, reachable, temporary_postgres_database

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet]
slots:
  procedure_code:
    type: text
    mappings: [{type: custom}]
  form_answer:
    type: text
    mappings: [{type: custom}]
"""
)


async def round_trip(store) -> DialogueStateTracker:
    tracker = DialogueStateTracker.from_events(
        "web:citizen-1", [UserUttered("xin chào", {"name": "greet"}), SlotSet("procedure_code", "1.001193")], DOMAIN.slots
    )
    await store.save(tracker)
    return await store.retrieve("web:citizen-1")


async def test_default_tracker_store_is_an_sqlite_file_under_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    store = EnvironmentTrackerStore(domain=DOMAIN)
    assert isinstance(store, SQLTrackerStore)
    restored = await round_trip(store)
    assert restored.get_slot("procedure_code") == "1.001193"
    assert (tmp_path / "rasa-tracker.db").exists()


@pytest.mark.skipif(not reachable(POSTGRES_URL), reason=f"PostgreSQL not reachable at {POSTGRES_URL}")
async def test_tracker_store_uses_postgresql_when_a_url_is_set(monkeypatch):
    with temporary_postgres_database() as url:
        monkeypatch.setenv("TRACKER_STORE_URL", url)
        store = EnvironmentTrackerStore(domain=DOMAIN)
        assert store.engine.dialect.name == "postgresql"
        restored = await round_trip(store)
        assert restored.get_slot("procedure_code") == "1.001193"
        # A second store on the same database (a restarted Rasa) sees the conversation.
        again = await EnvironmentTrackerStore(domain=DOMAIN).retrieve("web:citizen-1")
        assert again.get_slot("procedure_code") == "1.001193"
        store.engine.dispose()


def test_lock_store_is_in_memory_by_default(monkeypatch):
    monkeypatch.delenv("LOCK_STORE_URL", raising=False)
    assert isinstance(EnvironmentLockStore(), InMemoryLockStore)


@pytest.mark.skipif(not reachable(REDIS_URL), reason=f"Redis not reachable at {REDIS_URL}")
def test_lock_store_uses_redis_when_a_url_is_set(monkeypatch):
    monkeypatch.setenv("LOCK_STORE_URL", REDIS_URL.rsplit("/", 1)[0] + "/5")
    monkeypatch.setenv("LOCK_STORE_PREFIX", "testlocks")
    store = EnvironmentLockStore()
    assert isinstance(store, RedisLockStore)
    ticket = store.issue_ticket("web:citizen-2")
    lock = store.get_lock("web:citizen-2")
    assert lock is not None and lock.now_serving == ticket
    store.delete_lock("web:citizen-2")
    assert store.get_lock("web:citizen-2") is None


def test_passwords_are_hidden_in_logged_urls():
    assert redacted("postgresql://rasa:s3cret@db:5432/rasa") == "postgresql://rasa:***@db:5432/rasa"
    assert redacted("redis://127.0.0.1:6379/1") == "redis://127.0.0.1:6379/1"


async def test_a_declaration_s_turns_are_stored_without_the_citizen_s_words(tmp_path, monkeypatch):
    from rasa.shared.core.events import ActionExecuted, BotUttered

    from bot.private_turns import HIDDEN

    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    store = EnvironmentTrackerStore(domain=DOMAIN)
    tracker = DialogueStateTracker.from_events("web:citizen-2", [
        UserUttered("làm khai sinh cần gì", {"name": "greet"}),
        BotUttered("Cần giấy chứng sinh."),
        UserUttered("019195012345", {"name": "greet"}),
        ActionExecuted("declaration_form"),
        SlotSet("form_answer", "019195012345"),
        BotUttered(None, {"custom": {"private": True}}),
        BotUttered("Đã ghi Số định danh: 019195012345."),
        SlotSet("form_answer", None),
        UserUttered("xác nhận", {"name": "greet"}),
        BotUttered(None, {"custom": {"private": True}}),
        SlotSet("form_answer", "submitted"),
    ], DOMAIN.slots)
    await store.save(tracker)
    stored = await store.retrieve("web:citizen-2")
    texts = [getattr(event, "text", None) for event in stored.events]
    assert "019195012345" not in str([event.as_dict() for event in stored.events])
    assert texts[:2] == ["làm khai sinh cần gì", "Cần giấy chứng sinh."]  # an ordinary turn is kept
    assert texts.count(HIDDEN) == 3 and "submitted" in str([event.as_dict() for event in stored.events])
    assert [e.intent_name for e in stored.events if isinstance(e, UserUttered)] == ["greet"] * 3
