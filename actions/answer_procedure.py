"""action_answer_procedure: answer a question about a procedure from the knowledge base."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_base import get_knowledge_base
from actions.payloads import intent_payload
from forms.catalog import shipped
from forms.service import offer_for_procedure
from knowledge.aspects import Aspect
from knowledge.service import AnswerKind, Choice

# Answers after which a citizen is likely to want the procedure's declaration filled.
OFFER_FORM_AFTER = {Aspect.DOCUMENTS, Aspect.FORM, Aspect.STEPS, Aspect.ONLINE}


def _button(choice: Choice) -> dict[str, str]:
    return {
        "title": choice.title,
        "payload": intent_payload(
            "ask_procedure",
            aspect=choice.aspect,
            procedure_code=choice.procedure_code,
        ),
    }


def question_text(tracker: Tracker) -> str:
    """The words the person typed, without the words NLU marked as the aspect asked.

    Empty for a button payload such as "/ask_procedure". What is left names the procedure.
    """
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/"):
        return ""
    spans = sorted(
        (entity["start"], entity["end"])
        for entity in tracker.latest_message.get("entities") or []
        if entity.get("entity") == "aspect" and isinstance(entity.get("start"), int) and isinstance(entity.get("end"), int)
    )
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


class ActionAnswerProcedure(Action):
    def name(self) -> str:
        return "action_answer_procedure"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        answer = get_knowledge_base().ask(
            question_text(tracker),
            aspects=list(tracker.get_latest_entity_values("aspect")),
            procedure_code=next(tracker.get_latest_entity_values("procedure_code"), None),
            last_procedure_code=tracker.get_slot("procedure_code"),
        )
        *first, last = answer.messages
        for message in first:
            dispatcher.utter_message(text=message)
        dispatcher.utter_message(text=last, buttons=[_button(choice) for choice in answer.choices])
        if answer.kind is AnswerKind.ANSWER and (not answer.aspects or OFFER_FORM_AFTER & set(answer.aspects)):
            offer = offer_for_procedure(shipped(), answer.procedure_code)
            if offer is not None:
                dispatcher.utter_message(text=offer.text, buttons=[{"title": t, "payload": p} for t, p in offer.buttons])
        return [SlotSet("procedure_code", answer.procedure_code)] if answer.procedure_code else []
