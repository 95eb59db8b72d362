"""action_verify_dossier_owner: the last 4 digits of the phone or ID number on file unlock the details."""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.dossier_source import get_dossier_source, get_guard
from dossiers.guard import WRONG_DIGITS_ALLOWED, Verdict
from dossiers.messages import (ASK_CODE_FIRST, ASK_DIGITS, BUSY, DIGITS_LOCKED, UNKNOWN_CODE, WRONG_DIGITS,
                               details_answer)
from dossiers.model import Dossier, LookupUnavailable

logger = logging.getLogger(__name__)
_FOUR_DIGITS = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def owns(dossier: Dossier, digits: str) -> bool:
    on_file = [number for number in (dossier.applicant_phone, dossier.applicant_id_number) if number]
    return any(re.sub(r"\D", "", number).endswith(digits) for number in on_file)


class ActionVerifyDossierOwner(Action):
    def name(self) -> str:
        return "action_verify_dossier_owner"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        code = tracker.get_slot("dossier_code")
        if not code:
            dispatcher.utter_message(text=ASK_CODE_FIRST)
            return []
        match = _FOUR_DIGITS.search(tracker.latest_message.get("text") or "")
        if match is None:
            dispatcher.utter_message(text=ASK_DIGITS)
            return []
        try:
            guard = get_guard()
            if guard.check_verification(tracker.sender_id) == Verdict.LOCKED:
                dispatcher.utter_message(text=DIGITS_LOCKED)
                return []
            dossier = get_dossier_source().get(code)
            if dossier is None:
                dispatcher.utter_message(text=UNKNOWN_CODE.format(code=code))
                return []
            if owns(dossier, match.group(1)):
                dispatcher.utter_message(text=details_answer(dossier))
                return []
            guard.record(tracker.sender_id, "wrong_digits")
            left = WRONG_DIGITS_ALLOWED - guard.count_recent(tracker.sender_id, "wrong_digits")
        except (LookupUnavailable, SQLAlchemyError) as error:
            logger.warning("owner check unavailable: %s", type(error).__name__)
            dispatcher.utter_message(text=BUSY)
            return []
        dispatcher.utter_message(text=WRONG_DIGITS.format(code=code, left=left) if left > 0 else DIGITS_LOCKED)
        return []
