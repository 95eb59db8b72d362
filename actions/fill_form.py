"""Filling a declaration with Rasa's form ``declaration_form``: the actions that start it, ask its
questions, check each answer and hand over the PDF. The form logic lives in ``forms/``.

The form has one slot, ``form_answer``, filled with whatever the person writes; the validation action
gives each message to the form service and empties the slot again until the form is submitted,
cancelled or paused, which ends the loop (then ``action_finish_form`` runs).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_services import get_form_service
from forms import messages
from forms.filling import Say

logger = logging.getLogger(__name__)
FORM = "declaration_form"


def _say(dispatcher: CollectingDispatcher, said: list[Say]) -> None:
    """Says ``said`` in a turn marked private: the gateway keeps no copy of a form's answers."""
    dispatcher.utter_message(json_message={"private": True})
    for item in said:
        dispatcher.utter_message(text=item.text, buttons=[{"title": t, "payload": p} for t, p in item.buttons])


def _database_down(dispatcher: CollectingDispatcher) -> list[EventType]:
    logger.exception("the form drafts' database failed")
    dispatcher.utter_message(text=messages.STORE_DOWN)
    return []


class ActionStartForm(Action):
    """ "tôi muốn điền tờ khai khai sinh", the menu's button, or "Điền tờ khai ngay" after an answer."""

    def name(self) -> str:
        return "action_start_form"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        form_id = next(tracker.get_latest_entity_values("form_id"), None)
        replace = next(tracker.get_latest_entity_values("form_replace"), None) == "yes"
        try:
            opening = get_form_service().open(tracker.sender_id, "" if text.startswith("/") else text, form_id, replace)
        except Exception:  # noqa: BLE001 - a database that is down gets a polite answer
            return _database_down(dispatcher)
        _say(dispatcher, opening.said)
        if opening.form is None:
            return []
        return [SlotSet("form_answer", None), FollowupAction(FORM)]


class ActionAskFormAnswer(Action):
    """The question for where the person's form stands (a field, or the summary to confirm)."""

    def name(self) -> str:
        return "action_ask_form_answer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        try:
            question = get_form_service().question(tracker.sender_id)
        except Exception:  # noqa: BLE001
            return _database_down(dispatcher)
        if question is None:  # the draft expired meanwhile
            dispatcher.utter_message(text=messages.NO_DRAFT)
            return [SlotSet("form_answer", "ended")]
        _say(dispatcher, [question.say])
        return [SlotSet("form_progress", question.progress)]


class ValidateDeclarationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_declaration_form"

    def validate_form_answer(self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> dict[str, Any]:
        if slot_value is None:  # emptied by the form itself (start, or the last answer): nothing was said
            return {"form_answer": None}
        text = tracker.latest_message.get("text") or ""
        try:
            turn = get_form_service().answer(tracker.sender_id, text)
        except Exception:  # noqa: BLE001 - nothing is lost: the draft is as it was
            _database_down(dispatcher)
            return {"form_answer": "paused"}
        if turn is None:
            dispatcher.utter_message(text=messages.NO_DRAFT)
            return {"form_answer": "ended"}
        _say(dispatcher, turn.said)
        if turn.status in ("submitted", "cancelled", "paused"):
            return {"form_answer": turn.status}
        return {"form_answer": None}


class ActionFinishForm(Action):
    """After the loop: the PDF (sent as a document, with its link), what to bring and how to submit."""

    def name(self) -> str:
        return "action_finish_form"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        reset = [SlotSet("form_answer", None), SlotSet("form_progress", None)]
        if tracker.get_slot("form_answer") != "submitted":
            return reset
        try:
            finished = get_form_service().finish(tracker.sender_id)
        except Exception:  # noqa: BLE001
            return _database_down(dispatcher)
        if finished.document_url:
            dispatcher.utter_message(json_message={"document": finished.document_url})
        _say(dispatcher, finished.said)
        return reset
