"""action_unusable_input: a polite reply to empty, emoji-only, over-long, English or image-only messages."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from vntext.inputs import MAX_MESSAGE_CHARACTERS

RESPONSES = {
    "empty": "utter_input_empty",
    "symbols": "utter_input_symbols",
    "attachment": "utter_input_attachment",
    "too_long": "utter_input_too_long",
    "foreign": "utter_input_foreign",
}


class ActionUnusableInput(Action):
    def name(self) -> str:
        return "action_unusable_input"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        problem = next(tracker.get_latest_entity_values("input_problem"), "empty")
        text = tracker.latest_message.get("text") or ""
        dispatcher.utter_message(
            response=RESPONSES.get(problem, "utter_input_empty"),
            length=f"{len(text):,}".replace(",", "."),
            limit=f"{MAX_MESSAGE_CHARACTERS:,}".replace(",", "."),
        )
        return []
