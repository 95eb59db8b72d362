"""action_check_dossier: recognise the dossier code and answer with the dossier's status."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.dossier_source import get_dossier_source, get_guard
from dossiers.codes import EXAMPLE, find_dossier_code, looks_like_a_code, parse_dossier_code
from dossiers.guard import Verdict
from dossiers.messages import BUSY, FOLLOW_BUTTON, LOCKED, TOO_FAST, UNKNOWN_CODE, public_answer
from dossiers.model import LookupUnavailable

logger = logging.getLogger(__name__)
# Handled by the gateway, which hands the conversation to an officer (the answer already offered it).
OFFICER_BUTTON = {"title": "Gặp cán bộ", "payload": "/handoff_overdue_dossier"}


def code_in(tracker: Tracker) -> str | None:
    """The dossier code of the latest message (entity or text), in canonical form."""
    entity = next(tracker.get_latest_entity_values("dossier_code"), None)
    code = (parse_dossier_code(entity) if entity else None) or find_dossier_code(tracker.latest_message.get("text") or "")
    return str(code) if code else None


class ActionCheckDossier(Action):
    def name(self) -> str:
        return "action_check_dossier"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        code = code_in(tracker)
        if code is None:
            if looks_like_a_code(text) or next(tracker.get_latest_entity_values("dossier_code"), None):
                dispatcher.utter_message(response="utter_dossier_code_malformed", example=EXAMPLE)
            else:
                dispatcher.utter_message(response="utter_ask_dossier_code")
            return []
        try:
            guard = get_guard()
            verdict = guard.check_lookup(tracker.sender_id)
            if verdict != Verdict.ALLOWED:
                dispatcher.utter_message(text=TOO_FAST if verdict == Verdict.TOO_FAST else LOCKED)
                return []
            guard.record(tracker.sender_id, "lookup")
            dossier = get_dossier_source().get(code)
        except (LookupUnavailable, SQLAlchemyError) as error:
            logger.warning("dossier lookup unavailable: %s", type(error).__name__)
            dispatcher.utter_message(text=BUSY)
            return [SlotSet("dossier_code", code)]
        if dossier is None:
            guard.record(tracker.sender_id, "unknown_code")
            dispatcher.utter_message(text=UNKNOWN_CODE.format(code=code))
            return [SlotSet("dossier_code", None)]
        today = dt.date.today()
        buttons = [OFFICER_BUTTON] if dossier.is_overdue(today) else []
        dispatcher.utter_message(text=public_answer(dossier, today), buttons=buttons + [FOLLOW_BUTTON])
        return [SlotSet("dossier_code", code)]
