import pytest

from knowledge.schema import Procedure
from knowledge.search import MAX_PASSAGE_CHARACTERS, passage_text, passage_texts


def test_a_long_name_is_embedded_up_to_its_last_whole_word_within_the_limit():
    name = "Cấp giấy chứng nhận đăng ký đầu tư gián tiếp ra nước ngoài đối với tổ chức kinh tế nhà nước hoạt động"
    passage = passage_text(Procedure(code="1.000001", name=name))
    assert len(passage) <= MAX_PASSAGE_CHARACTERS < len(name)
    assert name.startswith(passage) and name[len(passage)] == " "


def test_each_everyday_name_is_embedded_on_its_own_beside_the_name():
    name = "Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ)"
    procedure = Procedure(code="2.000884", name=name, aliases=["chứng thực chữ ký", "xác nhận chữ ký", "chứng thực chữ ký"])
    first, *others = passage_texts(procedure)
    assert name.startswith(first) and "xác nhận" not in first
    assert others == ["chứng thực chữ ký", "xác nhận chữ ký"]


def test_the_variant_is_part_of_the_name_passage():
    procedure = Procedure(code="1.001193", name="Đăng ký khai sinh", variant="trong nước", aliases=["làm giấy khai sinh"])
    assert passage_texts(procedure) == ["Đăng ký khai sinh. trong nước", "làm giấy khai sinh"]


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("làm giấy khai sinh cho con cần gì", "1.001193"),
        ("lam giay khai sinh", "1.001193"),
        ("lệ phí làm hộ chiếu bao nhiêu", "1.001456"),
        ("lam passport o dau", "1.001456"),
        ("đổi bằng lái xe mất mấy ngày", "3.000347"),
        ("doi gplx", "3.000347"),
        ("xin lltp", "3.000333"),
        ("nhập hộ khẩu cho vợ", "1.004222"),
        ("lam so do lan dau", "1.013978"),
        ("đăng ký tạm trú online", "1.004194"),
    ],
)
def test_finds_the_procedure_however_it_is_typed(mini_knowledge, question, code):
    result = mini_knowledge.search.search(question)
    assert not result.abstain
    assert result.hits[0].code == code


@pytest.mark.parametrize("question", ["hôm nay trời đẹp quá", "giá vàng hôm nay", "kết quả bóng đá tối qua"])
def test_abstains_on_questions_outside_the_catalog(mini_knowledge, question):
    assert mini_knowledge.search.search(question).abstain


def test_a_follow_up_names_no_subject(mini_knowledge):
    result = mini_knowledge.search.search("thế lệ phí bao nhiêu?")
    assert result.abstain and not result.has_subject
    assert mini_knowledge.search.prepare("thế lệ phí bao nhiêu?").words == []


def test_unaccented_questions_get_their_diacritics_back(mini_knowledge):
    query = mini_knowledge.search.prepare("le phi lam ho chieu bao nhieu")
    assert "hộ chiếu" in query.text
    assert query.subject == "hộ chiếu"


@pytest.mark.parametrize(("question", "code"), [("lam giay khai sinh", "1.001193"), ("đổi bằng lái", "3.000347")])
def test_lexical_search_works_without_the_embedding_model(mini_lexical, question, code):
    result = mini_lexical.search.search(question)
    assert not result.abstain and result.hits[0].code == code


def test_empty_question(mini_knowledge):
    assert mini_knowledge.search.search("").abstain
