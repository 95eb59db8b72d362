"""action_follow_dossier and action_unfollow_dossier: status-change messages for a dossier, on or off."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError

from actions.check_dossier import code_in
from actions.dossier_source import get_dossier_source, get_followers
from dossiers.messages import (ALREADY_FOLLOWING, BUSY, FOLLOWING, NOTHING_FOLLOWED, UNFOLLOWED, UNKNOWN_CODE)
from dossiers.model import LookupUnavailable

logger = logging.getLogger(__name__)


class ActionFollowDossier(Action):
    def name(self) -> str:
        return "action_follow_dossier"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        code = code_in(tracker) or tracker.get_slot("dossier_code")
        if not code:
            dispatcher.utter_message(response="utter_ask_dossier_code")
            return []
        try:
            if get_dossier_source().get(code) is None:
                dispatcher.utter_message(text=UNKNOWN_CODE.format(code=code))
                return []
            new = get_followers().follow(code, tracker.sender_id)
        except (LookupUnavailable, SQLAlchemyError) as error:
            logger.warning("following a dossier failed: %s", type(error).__name__)
            dispatcher.utter_message(text=BUSY)
            return []
        dispatcher.utter_message(text=(FOLLOWING if new else ALREADY_FOLLOWING).format(code=code))
        return [SlotSet("dossier_code", code)]


class ActionUnfollowDossier(Action):
    def name(self) -> str:
        return "action_unfollow_dossier"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        code = code_in(tracker)  # a code in this message: only that one; otherwise every dossier followed
        try:
            stopped = get_followers().unfollow(tracker.sender_id, code)
        except SQLAlchemyError as error:
            logger.warning("unfollowing failed: %s", type(error).__name__)
            dispatcher.utter_message(text=BUSY)
            return []
        if not stopped:
            dispatcher.utter_message(text=NOTHING_FOLLOWED)
        else:
            dispatcher.utter_message(text=UNFOLLOWED.format(what=f"hồ sơ {code}" if code else "tất cả hồ sơ"))
        return []
