"""Restoring diacritics and mending typos in questions, before search."""

import pytest

from knowledge.diacritics import DiacriticRestorer
from knowledge.text import folded_syllables

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


def test_a_mended_word_keeps_the_diacritics_that_were_typed(restorer):
    # "bằg" could be bảng, băng or bằng; the typed grave accent and breve leave only "bằng".
    assert restorer.restore("bằg") == "bằng"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("xinxacnhantinhtranghonnhan", "xin xác nhận tình trạng hôn nhân"), ("sangtênxemáy", "sang tên xe máy"), ("bảnchính", "bản chính")],
)
def test_syllables_typed_without_spaces_are_split(restorer, typed, meant):
    assert restorer.restore(typed) == meant


@pytest.mark.parametrize("word", ["shopee", "canada", "vneid", "đh", "gđ", "sjc"])
def test_names_brands_and_short_forms_are_kept_as_typed(restorer, word):
    assert restorer.restore(f"đổi bằng lái {word}") == f"đổi bằng lái {word}"


def test_search_treats_final_y_and_i_as_one_spelling():
    assert folded_syllables("chữ kí, lí lịch, Mĩ, quí") == folded_syllables("chữ ký, lý lịch, Mỹ, quý")
    assert folded_syllables("huy, thủy") == ["huy", "thuy"]
