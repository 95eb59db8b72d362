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
    answer = mini_knowledge.ask("thủ tục xin visa đi sao hỏa")
    assert answer.kind is AnswerKind.NOT_FOUND
    assert "https://dichvucong.gov.vn" in answer.messages[0]


def test_nlu_aspect_and_button_choice(mini_knowledge):
    answer = mini_knowledge.ask("", aspects=["fee"], procedure_code="1.001193")
    assert answer.aspects == [Aspect.FEE] and answer.procedure_code == "1.001193"


def test_overview_offers_aspect_choices(mini_knowledge):
    answer = mini_knowledge.ask("hộ chiếu")
    assert answer.aspects == []
    assert [choice.aspect for choice in answer.choices] == [Aspect.DOCUMENTS, Aspect.FEE, Aspect.TIME, Aspect.PLACE]
