from knowledge.aspects import Aspect
from knowledge.service import AnswerKind


def test_answers_the_asked_aspect_of_the_found_procedure(mini_knowledge):
    answer = mini_knowledge.ask("làm hộ chiếu cần giấy tờ gì")
    assert answer.kind is AnswerKind.ANSWER
    assert answer.procedure_code == "1.001456"
    assert answer.aspects == [Aspect.DOCUMENTS]
    assert "TK01" in answer.messages[0]


def test_follow_up_answers_about_the_last_procedure(mini_knowledge):
    answer = mini_knowledge.ask("thế lệ phí bao nhiêu?", last_procedure_code="1.001456")
    assert answer.procedure_code == "1.001456"
    assert "200.000" in answer.messages[0]


def test_a_new_procedure_replaces_the_last_one(mini_knowledge):
    answer = mini_knowledge.ask("còn đổi bằng lái thì lệ phí bao nhiêu", last_procedure_code="1.001456")
    assert answer.procedure_code == "3.000347"


def test_no_subject_and_no_history_asks_which_procedure(mini_knowledge):
    answer = mini_knowledge.ask("lệ phí bao nhiêu")
    assert answer.kind is AnswerKind.NEED_SUBJECT
    assert "thủ tục nào" in answer.messages[0]


def test_unknown_subject_says_not_found_with_the_portal(mini_knowledge):
    answer = mini_knowledge.ask("xin giấy phép bay lên mặt trăng")
    assert answer.kind is AnswerKind.NOT_FOUND
    assert "https://dichvucong.gov.vn" in answer.messages[0]


def test_nlu_aspect_and_button_choice(mini_knowledge):
    answer = mini_knowledge.ask("", aspects=["fee"], procedure_code="1.001193")
    assert answer.aspects == [Aspect.FEE] and answer.procedure_code == "1.001193"


def test_overview_offers_aspect_choices_and_the_whole_card(mini_knowledge):
    answer = mini_knowledge.ask("hộ chiếu")
    assert answer.aspects == []
    offered = [choice.aspect for choice in answer.choices if choice.procedure_code == "1.001456"]
    assert offered == ["documents", "fee", "time", "place", "card"]


def test_the_whole_card_on_request(mini_knowledge):
    answer = mini_knowledge.ask("", aspects=["card"], procedure_code="1.001456")
    text = "\n".join(answer.messages)
    assert "TK01" in text and "200.000 đồng/lần" in text and "Nguồn:" in text
    assert not any(choice.aspect == "card" for choice in answer.choices)
    card = "\n".join(mini_knowledge.ask("xem đầy đủ thủ tục hộ chiếu").messages)
    assert "Hồ sơ Cấp hộ chiếu" in card and "Thời gian giải quyết" in card


def test_look_alike_variants_are_offered_as_choices(mini_knowledge):
    answer = mini_knowledge.ask("làm căn cước cần giấy tờ gì")
    assert answer.procedure_code == "1.014061"
    variants = [choice for choice in answer.choices if choice.procedure_code == "1.014062"]
    assert variants and variants[0].title == "dưới 14 tuổi" and variants[0].aspect == "documents"
    assert "trường hợp: từ đủ 14 tuổi" in answer.messages[-1]


def test_an_age_in_the_question_picks_the_variant(mini_knowledge):
    assert mini_knowledge.ask("làm căn cước cho con 10 tuổi").procedure_code == "1.014062"
