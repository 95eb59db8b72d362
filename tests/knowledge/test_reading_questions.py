"""How a question is read before search: diacritics restored, typos mended, glued words split,
everyday words given their official wording."""

import pytest

from knowledge.diacritics import DiacriticRestorer, typed_with_diacritics
from knowledge.phrasing import QUESTION_PHRASES
from knowledge.text import expand_colloquial, folded_syllables

TEXTS = [
    "Cấp hộ chiếu phổ thông",
    "Đổi giấy phép lái xe, bằng lái xe",
    "Đăng ký khai sinh",
    "Đăng ký tạm trú, tạm ngừng kinh doanh",
    "Xin xác nhận tình trạng hôn nhân",
    "Cấp phép xây dựng nhà ở riêng lẻ",
    "Chứng thực bản sao từ bản chính",
    "Đăng ký sang tên xe máy",
]


@pytest.fixture(scope="module")
def restorer():
    return DiacriticRestorer(TEXTS)


def test_unaccented_syllables_get_their_diacritics_from_their_neighbours(restorer):
    assert restorer.restore("lam ho chieu") == "lam hộ chiếu"


@pytest.mark.parametrize(("text", "work"), [("đổi bằng lái", False), ("đổi bằng lái xe", True), ("đổi bằg lái", True)])
def test_only_text_with_unaccented_or_unknown_words_is_worth_restoring(restorer, text, work):
    assert restorer.needs_restoring(text) is work


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("thủ tục làm hôj chiếu", "hộ chiếu"),  # a Telex tone key left in
        ("đổi bằg lái xe", "bằng lái"),  # a letter missing
        ("taạm trú", "tạm trú"),  # a letter doubled
        ("giấy phép xây dựnh nhà ở", "xây dựng"),  # a letter wrong
    ],
)
def test_a_typo_in_a_word_typed_with_diacritics_is_mended_by_its_neighbours(restorer, typed, meant):
    assert meant in restorer.restore(typed)


def test_a_plain_word_among_words_typed_with_diacritics_was_meant_plain():
    # "lan" is a word as it stands (hoa lan); "lần" is likelier after nothing known, and is what an
    # unaccented "thai lan" gets, but whoever typed "thái" and "hộ chiếu" would have typed "lần".
    restorer = DiacriticRestorer([*TEXTS, "Cấp hộ chiếu lần đầu", "Làm lại lần hai", "Hoa lan", "Đi Thái"])
    assert restorer.restore("đi thái lan làm hộ chiếu") == "đi thái lan làm hộ chiếu"
    assert restorer.restore("di thai lan lam ho chieu").split()[2] == "lần"


def test_a_plain_word_never_seen_plain_is_restored_among_words_typed_with_diacritics():
    restorer = DiacriticRestorer([*TEXTS, "Thủ tục cấp hộ chiếu"])
    assert restorer.restore("thủ tuc cấp hộ chiếu") == "thủ tục cấp hộ chiếu"


@pytest.mark.parametrize(
    ("typed", "accented"),
    [("Tôi định đi du lịch Thái Lan", True), ("thủ tuc làm hôj chiếu", True), ("xoa the chap", False), ("lam cccd", False), ("", False)],
)
def test_text_counts_as_typed_with_diacritics_when_at_least_half_its_words_carry_them(typed, accented):
    assert typed_with_diacritics(typed) is accented


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("toi muon lam ho chieu o dau", "tôi muốn làm hộ chiếu ở đâu"),
        ("con toi nam nay can lam ho chieu khong", "con tôi năm nay cần làm hộ chiếu không"),
        ("doi bang lai xe het bao nhieu tien", "đổi bằng lái xe hết bao nhiêu tiền"),
    ],
)
def test_the_words_around_a_procedure_name_come_back_from_how_questions_are_worded(typed, meant):
    # The catalog alone would read "toi muon" as "tối mượn" or leave it; the question phrasing says otherwise.
    restorer = DiacriticRestorer(TEXTS, phrases=QUESTION_PHRASES)
    assert restorer.restore(typed) == meant


def test_a_mended_word_keeps_the_diacritics_that_were_typed(restorer):
    # "bằg" could be bảng, băng or bằng; the typed grave accent and breve leave only "bằng".
    assert restorer.restore("bằg") == "bằng"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("xinxacnhantinhtranghonnhan", "xin xác nhận tình trạng hôn nhân"), ("sangtênxemáy", "sang tên xe máy"), ("bảnchính", "bản chính")],
)
def test_syllables_typed_without_spaces_are_split(restorer, typed, meant):
    assert restorer.restore(typed) == meant


@pytest.mark.parametrize("word", ["shopee", "canada", "vneid", "đhqg", "gđ", "sjc"])
def test_names_brands_and_short_forms_are_kept_as_typed(restorer, word):
    assert restorer.restore(f"đổi bằng lái {word}") == f"đổi bằng lái {word}"


def test_search_treats_final_y_and_i_as_one_spelling():
    assert folded_syllables("chữ kí, lí lịch, Mĩ, quí") == folded_syllables("chữ ký, lý lịch, Mỹ, quý")
    assert folded_syllables("huy, thủy") == ["huy", "thuy"]


@pytest.mark.parametrize(
    ("question", "official"),
    [
        ("con tôi cần giấy xác nhận không có tiền án tiền sự", "lý lịch tư pháp"),
        ("chồng tôi mất, tôi muốn hỏi tiền tuất", "chế độ tử tuất"),
        ("gia han visa cho chong nguoi Han", "thị thực"),
        ("chuyển đất vườn lên thổ cư", "đất ở"),
        ("quán ăn nhà tôi muốn nghỉ bán ba tháng", "tạm ngừng kinh doanh"),
        ("mo cua hang ban thuoc tru sau", "thuốc bảo vệ thực vật"),
        ("cho thuê nhà nguyên căn thì khai thuế sao", "cho thuê bất động sản"),
        ("tôi thuê trọ ở quận 7 cần giấy tờ cư trú", "đăng ký tạm trú"),
        ("làm mất bản án ly hôn, xin trích lục bản án ở đâu", "cấp sao bản án"),
        ("muốn bổ sung nhà vào sổ đỏ", "đăng ký tài sản gắn liền với đất"),
    ],
)
def test_everyday_words_bring_the_official_wording_along(question, official):
    assert official in expand_colloquial(question)


@pytest.mark.parametrize("question", ["tiền ăn bán trú của con", "tôi đang kiếm việc làm", "bị đau bao tử", "đổi tên công ty", "đổi hộ chiếu"])
def test_words_that_fold_into_an_everyday_word_bring_nothing_along(question):
    assert expand_colloquial(question) == question


def test_a_longer_everyday_name_uses_its_words_up():
    # "tách hộ khẩu" is splitting a household; its "hộ khẩu" alone would mean registering residence.
    expanded = expand_colloquial("tách hộ khẩu cho con")
    assert expanded.endswith("tách hộ")
    assert "thường trú" not in expanded


@pytest.mark.parametrize(
    ("question", "official"),
    [("xóa thế chấp sổ đỏ", "xóa đăng ký biện pháp bảo đảm"), ("giải chấp nhà", "xóa đăng ký biện pháp bảo đảm"), ("thế chấp đất vay ngân hàng", "biện pháp bảo đảm")],
)
def test_a_mortgage_is_read_as_the_security_interest_the_procedures_name(question, official):
    assert official in expand_colloquial(question)


def test_vneid_as_the_way_to_apply_brings_no_electronic_identity_along():
    assert expand_colloquial("đổi bằng lái trên ứng dụng vneid được không").endswith("giấy phép lái xe")
    assert expand_colloquial("tài khoản vneid bị khóa").endswith("tài khoản định danh điện tử")
