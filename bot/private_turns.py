"""Turns of filling a declaration are kept in Rasa's tracker store without their words.

The action server marks such a turn with an invisible message ``{"custom": {"private": true}}``; the
citizen's answers (names, ID numbers, addresses) are needed only while that turn is processed. Before
a tracker is saved, every marked turn loses the text the citizen wrote, the bot's words (which repeat
the answers) and the answer slot's value; intents, actions and timestamps stay, so the conversation
still replays the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from rasa.shared.core.events import BotUttered, Event, SlotSet, UserUttered

HIDDEN = "[đã ẩn: nội dung tờ khai]"
ANSWER_SLOT = "form_answer"
KEPT_ANSWER_VALUES = {None, "submitted", "cancelled", "paused", "ended"}  # what the form did, not what was said


def is_private_marker(event: Event) -> bool:
    custom = (event.data or {}).get("custom") if isinstance(event, BotUttered) else None
    return isinstance(custom, dict) and custom.get("private") is True


def hide_private_turns(events: Iterable[Event]) -> int:
    """Hides, in place, the words of every turn (a user message and what follows it) that holds a private
    marker; how many events were changed."""
    turns: list[list[Event]] = [[]]
    for event in events:
        if isinstance(event, UserUttered):
            turns.append([])
        turns[-1].append(event)
    changed = 0
    for turn in turns:
        if any(is_private_marker(event) for event in turn):
            changed += sum(_hide(event) for event in turn)
    return changed


def _hide(event: Event) -> bool:
    if isinstance(event, UserUttered) and event.text not in (None, HIDDEN):
        event.text = HIDDEN
        event.entities = []
        if isinstance(event.parse_data, dict):
            event.parse_data = {**event.parse_data, "text": HIDDEN, "entities": []}
        return True
    if isinstance(event, BotUttered) and not is_private_marker(event) and (event.text or event.data):
        event.text = HIDDEN if event.text else None
        event.data = {}
        return True
    if isinstance(event, SlotSet) and event.key == ANSWER_SLOT and event.value not in KEPT_ANSWER_VALUES:
        event.value = None
        return True
    return False
