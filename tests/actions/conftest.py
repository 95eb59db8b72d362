from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_base import forget_knowledge_base
from actions.settings import get_settings

MINI_CATALOG = Path(__file__).resolve().parents[1] / "knowledge" / "fixtures" / "mini-catalog.yaml"


@pytest.fixture(autouse=True)
def mini_catalog(monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_CATALOG", str(MINI_CATALOG))
    monkeypatch.setenv("KNOWLEDGE_OVERLAY", "false")
    get_settings.cache_clear()
    forget_knowledge_base()
    yield
    get_settings.cache_clear()
    forget_knowledge_base()


@pytest.fixture
def dispatcher():
    return CollectingDispatcher()


def user_event(text, intent, entities=()):
    return {
        "event": "user",
        "text": text,
        "parse_data": {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": list(entities)},
    }


def make_tracker(text, intent, entities=(), slots=None, history=()):
    latest = user_event(text, intent, entities)
    return Tracker(
        sender_id="web:test",
        slots=slots or {},
        latest_message=latest["parse_data"],
        events=[*history, latest],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
