from actions.fallback import ActionFallback, consecutive_fallbacks
from tests.actions.conftest import make_tracker, user_event


def test_first_misunderstanding_asks_to_rephrase(dispatcher):
    history = [user_event("xin chào", "greet"), {"event": "bot", "text": "Xin chào!"}]
    ActionFallback().run(dispatcher, make_tracker("asdf qwer", "nlu_fallback", history=history), {})
    assert dispatcher.messages[0]["response"] == "utter_rephrase"


def test_second_in_a_row_offers_the_portal_and_a_person(dispatcher):
    history = [user_event("asdf", "nlu_fallback"), {"event": "bot", "text": "..."}]
    ActionFallback().run(dispatcher, make_tracker("zxcv", "nlu_fallback", history=history), {})
    assert dispatcher.messages[0]["response"] == "utter_still_not_understood"


def test_counting_stops_at_an_understood_message():
    events = [user_event("a", "nlu_fallback"), user_event("b", "greet"), user_event("c", "nlu_fallback")]
    assert consecutive_fallbacks(events) == 1
    assert consecutive_fallbacks([]) == 0
