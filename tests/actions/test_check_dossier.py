from rasa_sdk.events import SlotSet

from actions.check_dossier import ActionCheckDossier
from tests.actions.conftest import make_tracker


def run(dispatcher, text, entities=()):
    return ActionCheckDossier().run(dispatcher, make_tracker(text, "check_dossier", entities), {})


def test_no_code_asks_for_it(dispatcher):
    assert run(dispatcher, "hồ sơ của tôi tới đâu rồi") == []
    assert dispatcher.messages[0]["response"] == "utter_ask_dossier_code"


def test_code_typed_with_spaces_and_lower_case_is_recognised(dispatcher):
    events = run(dispatcher, "tra ho so 000 00 04 h51 200221 0001")
    assert events == [SlotSet("dossier_code", "000.00.04.H51-200221-0001")]
    assert dispatcher.messages[0]["code"] == "000.00.04.H51-200221-0001"


def test_malformed_code_is_explained_with_an_example(dispatcher):
    run(dispatcher, "tra cứu hồ sơ 000.00.04-H51")
    assert dispatcher.messages[0]["response"] == "utter_dossier_code_malformed"
    assert dispatcher.messages[0]["example"] == "000.00.04.H51-200221-0001"
