import unicodedata

import pytest

from vntext import fold, normalize, normalize_tone_placement
from vntext.chars import has_diacritics, is_unaccented_vietnamese


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Làm CCCD mất bn tiền z ad", "làm căn cước công dân mất bao nhiêu tiền vậy admin"),
        ("đk tạm trú dk ko", "đăng ký tạm trú được không"),
        ("lltp cho hkd", "lý lịch tư pháp cho hộ kinh doanh"),
        ("gplx hết hạn thì sao j", "giấy phép lái xe hết hạn thì sao gì"),
        ("bhxh, bhyt, mst", "bảo hiểm xã hội, bảo hiểm y tế, mã số thuế"),
        ("chàoooo ad", "chào admin"),
        ("dcccc khongggg", "được khong"),
        ("xoong nồi", "xoong nồi"),
        ("  nhiều   khoảng\n\ttrắng  ", "nhiều khoảng trắng"),
        ("cám ơn", "cảm ơn"),
        ("cty tnhh mtv", "công ty trách nhiệm hữu hạn một thành viên"),
        ("tnhh 2 tv cần giấy cn gì", "trách nhiệm hữu hạn hai thành viên cần giấy chứng nhận gì"),
        ("chuyển đất nn lên thổ cư", "chuyển đất nông nghiệp lên thổ cư"),
        ("đăng kiểm oto, xn độc thân, bằng đh, vneid lv2 mn ơi", "đăng kiểm ô tô, xác nhận độc thân, bằng đại học, vneid mức 2 mọi người ơi"),
        ("lm hc cho con, đổi hc", "làm hộ chiếu cho con, đổi hộ chiếu"),
        ("hc ở xã", "hc ở xã"),
    ],
)
def test_normalize_expands_abbreviations_and_chat_spellings(typed, expected):
    assert normalize(typed).text == expected


def test_normalize_composes_nfd_and_maps_eth_to_d_stroke():
    typed = unicodedata.normalize("NFD", "Hộ chiếu") + " \u00d0ăng ký"
    assert normalize(typed).text == "hộ chiếu đăng ký"


def test_normalize_uses_modern_tone_placement():
    assert normalize("Hoà thuỷ khoẻ").text == "hòa thủy khỏe"


def test_every_normalised_character_maps_back_to_the_typed_text():
    typed = unicodedata.normalize("NFD", "Làm CCCD ở đâu") + " hoà?"
    normalized = normalize(typed)
    assert len(normalized.origins) == len(normalized.text)
    start = normalized.text.index("căn cước công dân")
    assert normalized.original_span(start, start + len("căn cước công dân")) == (typed.index("CCCD"), typed.index("CCCD") + 4)
    hoa = normalized.text.index("hòa")
    span = normalized.original_span(hoa, hoa + 3)
    assert unicodedata.normalize("NFC", typed[span[0] : span[1]]) == "hoà"


def test_numbers_keep_their_units():
    assert normalize("phí 50 k à").text == "phí 50 k à"
    assert normalize("k biết").text == "không biết"


def test_links_and_dossier_codes_are_not_rewritten():
    assert normalize("xem www.dvc.gov.vn nhe").text == "xem www.dvc.gov.vn nhe"
    assert normalize("ma 000.00.04.H51-200221-0001 dk ko").text == "ma 000.00.04.h51-200221-0001 được không"


def test_zero_width_space_separates_words_and_empty_text_is_empty():
    assert normalize("cmnd\u200bhết hạn").text == "chứng minh nhân dân hết hạn"
    assert normalize("").text == ""
    assert normalize(None).text == ""  # type: ignore[arg-type]


def test_fold_removes_diacritics_and_keeps_length():
    text = "Đăng KÝ hoà Ð"
    assert fold(text) == "dang ky hoa d"
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("syllable", "expected"),
    [("hoà", "hòa"), ("Hoà", "Hòa"), ("khoẻ", "khỏe"), ("thuỷ", "thủy"), ("quý", "quý"), ("hoàng", "hoàng"), ("thuyết", "thuyết"), ("hòa", "hòa")],
)
def test_tone_placement(syllable, expected):
    assert normalize_tone_placement(syllable) == expected


def test_accent_detection():
    assert has_diacritics("đi") and has_diacritics("lá")
    assert not has_diacritics("lam ho chieu")
    assert is_unaccented_vietnamese("lam ho chieu")
    assert not is_unaccented_vietnamese("làm hộ chiếu")
    assert not is_unaccented_vietnamese("123 ???")
