import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.input_guard import InputGuard


@pytest.fixture
def guard(model_storage, resource, execution_context):
    return InputGuard.create(InputGuard.get_default_config(), model_storage, resource, execution_context)


def classified(text, metadata=None):
    message = Message(data={TEXT: text, "metadata": metadata or {}})
    message.data[INTENT] = {"name": "ask_procedure", "confidence": 0.9}
    message.data[INTENT_RANKING_KEY] = [{"name": "ask_procedure", "confidence": 0.9}]
    return message


@pytest.mark.parametrize(
    ("text", "metadata", "problem"),
    [
        ("", None, "empty"),
        ("   ", None, "empty"),
        ("😀👍", None, "symbols"),
        ("x" * 10_000, None, "too_long"),
        ("How do I renew my passport?", None, "foreign"),
        ("", {"attachments": [{"kind": "sticker"}]}, "attachment"),
    ],
)
def test_unusable_messages_get_their_own_intent_and_problem(guard, text, metadata, problem):
    message = classified(text, metadata)
    guard.process([message])
    assert message.get(INTENT)["name"] == "unusable_input"
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "unusable_input"
    assert [(e["entity"], e["value"]) for e in message.get(ENTITIES)] == [("input_problem", problem)]


def test_ordinary_messages_keep_their_intent(guard):
    message = classified("lam ho chieu can giay to gi")
    guard.process([message])
    assert message.get(INTENT)["name"] == "ask_procedure"
    assert not message.get(ENTITIES)
