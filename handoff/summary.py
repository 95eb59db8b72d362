"""The summary an officer reads first, composed from the conversation's events (as Rasa's tracker
lists them): the question in the citizen's words, procedures and dossier discussed, what the bot said."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from handoff.model import Reason, Summary

# Messages that only ask for a person or steer the bot say nothing about the case itself.
STEERING_INTENTS = {"request_human", "greet", "goodbye", "thank", "affirm", "deny", "help", "bot_challenge",
                    "feedback", "nlu_fallback"}
MAX_QUESTION_CHARS = 1_000
MAX_ANSWERS = 3


def compose(channel: str, events: Iterable[dict[str, Any]], reason: Reason,
            procedure_name: Callable[[str], str | None] = lambda code: None) -> Summary:
    """``procedure_name`` turns a procedure code into its name (from the catalog) for the officer; a
    form's progress comes from the ``form_progress`` slot its actions set."""
    events = list(events)
    form_progress: str | None = None
    asked: list[str] = []
    answers: list[str] = []
    procedures: list[str] = []
    dossier: str | None = None
    in_form = False  # answers given to a form are personal data, not the question
    for event in events:
        kind = event.get("event")
        if kind == "active_loop":
            in_form = bool(event.get("name"))
        elif kind == "slot" and event.get("name") == "form_progress":
            form_progress = event.get("value")
        elif kind in ("user", "bot") and in_form:
            continue
        elif kind == "user":
            text = (event.get("text") or "").strip()
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if text and not text.startswith("/") and intent not in STEERING_INTENTS:
                asked.append(text)
        elif kind == "bot" and (event.get("text") or "").strip():
            answers.append(event["text"].strip())
        elif kind == "slot" and event.get("value"):
            if event.get("name") == "procedure_code":
                label = str(event["value"])
                name = procedure_name(label)
                label = f"{label} {name}" if name else label
                if label not in procedures:
                    procedures.append(label)
            elif event.get("name") == "dossier_code":
                dossier = str(event["value"])
    question = " / ".join(asked[-3:])
    if len(question) > MAX_QUESTION_CHARS:
        question = "…" + question[-MAX_QUESTION_CHARS:]
    if not question:  # the citizen only asked for a person: their last words are all there is
        question = next((str(e.get("text")).strip() for e in reversed(events) if e.get("event") == "user"
                         and (e.get("text") or "").strip() and not str(e.get("text")).startswith("/")), "")
    return Summary(channel=channel, question=question, procedures=procedures, dossier_code=dossier,
                   form_progress=form_progress, bot_answers=answers[-MAX_ANSWERS:], reason=reason)
