"""action_restart (/huy, /restart): Rasa's own restart, and a half-filled declaration is forgotten too,
since the person asked to cancel what was going on."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, Restarted
from rasa_sdk.executor import CollectingDispatcher

from actions.form_services import get_form_service

logger = logging.getLogger(__name__)


class ActionRestart(Action):
    def name(self) -> str:
        return "action_restart"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        try:
            get_form_service().drafts.delete(tracker.sender_id)
        except Exception:  # noqa: BLE001 - the restart still happens; the draft expires on its own
            logger.exception("a half-filled declaration could not be deleted on restart")
        dispatcher.utter_message(response="utter_restart")
        return [Restarted()]
