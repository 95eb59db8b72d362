"""Rasa component that recognises messages the assistant cannot read as a question.

Placed after the intent classifiers, it replaces the predicted intent with ``unusable_input`` and
adds an ``input_problem`` entity (empty, symbols, too_long, foreign, attachment) when the message
is empty, only emoji or symbols, far too long, in English, or a picture / sticker without text.
The dialogue then answers each case with its own polite Vietnamese reply.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from vntext.inputs import MAX_MESSAGE_CHARACTERS, InputKind, check_input

UNUSABLE_INPUT_INTENT = "unusable_input"
INPUT_PROBLEM_ENTITY = "input_problem"


def input_problem(text: str | None, metadata: Dict[Text, Any] | None, max_characters: int) -> str | None:
    """The problem with a message, or None when it is ordinary text."""
    kind = check_input(text, max_characters=max_characters)
    if kind is InputKind.TEXT:
        return None
    if kind is InputKind.EMPTY and (metadata or {}).get("attachments"):
        return "attachment"
    return kind.value


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class InputGuard(GraphComponent, IntentClassifier):
    """Marks empty, symbol-only, over-long, English and attachment-only messages."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"max_characters": MAX_MESSAGE_CHARACTERS}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.component_config = config

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "InputGuard":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            problem = input_problem(
                message.get(TEXT), message.get("metadata"), self.component_config["max_characters"]
            )
            if problem is None:
                continue
            intent = {"name": UNUSABLE_INPUT_INTENT, "confidence": 1.0}
            message.data[INTENT] = intent
            message.data[INTENT_RANKING_KEY] = [intent] + list(message.data.get(INTENT_RANKING_KEY, []))
            text = message.get(TEXT) or ""
            message.data[ENTITIES] = [
                {
                    "entity": INPUT_PROBLEM_ENTITY,
                    "value": problem,
                    "start": 0,
                    "end": len(text),
                    "extractor": self.__class__.__name__,
                }
            ]
        return messages
