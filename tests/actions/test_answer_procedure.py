from rasa_sdk.events import SlotSet

from actions.answer_procedure import ActionAnswerProcedure
from tests.actions.conftest import make_tracker


def run(tracker, dispatcher):
    return ActionAnswerProcedure().run(dispatcher, tracker, {})


def test_answers_and_remembers_the_procedure(dispatcher):
    events = run(make_tracker("làm hộ chiếu cần giấy tờ gì", "ask_procedure"), dispatcher)
    assert events == [SlotSet("procedure_code", "1.001456")]
    assert "TK01" in dispatcher.messages[0]["text"]


def test_follow_up_uses_the_remembered_procedure(dispatcher):
    tracker = make_tracker("thế lệ phí bao nhiêu?", "ask_procedure", slots={"procedure_code": "1.001456"})
    run(tracker, dispatcher)
    assert "200.000 đồng/lần" in dispatcher.messages[0]["text"]


def test_nlu_aspect_entity_is_used(dispatcher):
    entities = [{"entity": "aspect", "value": "time", "start": 9, "end": 18}]
    run(make_tracker("hộ chiếu lâu la cỡ nào", "ask_procedure", entities), dispatcher)
    assert "8 ngày làm việc" in dispatcher.messages[0]["text"]


def test_overview_offers_buttons_that_ask_again_with_an_aspect(dispatcher):
    run(make_tracker("hộ chiếu", "ask_procedure"), dispatcher)
    buttons = dispatcher.messages[-1]["buttons"]
    assert {"title": "Giấy tờ cần chuẩn bị", "payload": '/ask_procedure{"aspect": "documents", "procedure_code": "1.001456"}'} in buttons
    assert {"title": "Xem đầy đủ", "payload": '/ask_procedure{"aspect": "card", "procedure_code": "1.001456"}'} in buttons


def test_menu_button_without_text_asks_which_procedure(dispatcher):
    events = run(make_tracker("/ask_procedure", "ask_procedure"), dispatcher)
    assert events == []
    assert "thủ tục nào" in dispatcher.messages[0]["text"]


def test_unknown_procedure_keeps_the_previous_one(dispatcher):
    tracker = make_tracker("xin giấy phép bay lên mặt trăng", "ask_procedure", slots={"procedure_code": "1.001456"})
    assert run(tracker, dispatcher) == []
    assert "chưa tìm thấy" in dispatcher.messages[0]["text"]
