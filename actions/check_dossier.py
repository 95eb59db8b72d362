"""action_check_dossier: recognise the dossier code and look the dossier up."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from dossiers.codes import EXAMPLE, find_dossier_code, looks_like_a_code, parse_dossier_code


class ActionCheckDossier(Action):
    def name(self) -> str:
        return "action_check_dossier"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        entity = next(tracker.get_latest_entity_values("dossier_code"), None)
        code = (parse_dossier_code(entity) if entity else None) or find_dossier_code(text)
        if code is None:
            if looks_like_a_code(text) or entity:
                dispatcher.utter_message(response="utter_dossier_code_malformed", example=EXAMPLE)
            else:
                dispatcher.utter_message(response="utter_ask_dossier_code")
            return []
        dispatcher.utter_message(response="utter_dossier_lookup_unavailable", code=str(code))
        return [SlotSet("dossier_code", str(code))]
