"""The evaluation sets stay apart from the training data, and the training data stays rich enough."""

from collections import Counter
from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data

ROOT = Path(__file__).resolve().parents[2]
MAIN_INTENTS = (
    "greet", "goodbye", "thank", "affirm", "deny", "help", "ask_procedure", "check_dossier",
    "fill_form", "request_human", "feedback_good", "feedback_bad", "bot_challenge", "out_of_scope",
)


def _texts(path: Path) -> list[str]:
    return [example.get("text").strip().lower() for example in load_data(str(path)).intent_examples]


@pytest.fixture(scope="module")
def training_texts() -> set[str]:
    return set(_texts(ROOT / "data" / "nlu"))


@pytest.mark.parametrize("name", ["heldout.yml", "dev.yml"])
def test_evaluation_messages_never_appear_in_training(training_texts, name):
    shared = sorted(set(_texts(ROOT / "tests" / "nlu" / name)) & training_texts)
    assert shared == [], f"{name} shares messages with data/nlu: {shared[:10]}"


def test_heldout_set_has_at_least_300_messages():
    assert len(_texts(ROOT / "tests" / "nlu" / "heldout.yml")) >= 300


def test_every_main_intent_has_at_least_40_training_examples():
    counts = Counter(example.get("intent") for example in load_data(str(ROOT / "data" / "nlu")).intent_examples)
    assert {intent: counts[intent] for intent in MAIN_INTENTS if counts[intent] < 40} == {}
