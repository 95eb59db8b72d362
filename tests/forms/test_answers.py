"""Reading one answer per field type: accepted values are normalised, refusals explain themselves."""

from __future__ import annotations

from datetime import date

import pytest

from forms.answers import Accepted, Refused, date_in_words, name_lacks_diacritics, read, shown
from forms.schema import Choice, FieldSpec, Rules

TODAY = date(2026, 12, 1)


def field(kind: str, **extra) -> FieldSpec:
    return FieldSpec(id="f", label="Mục", type=kind, prompt="?", help="…", **extra)


BIRTH = field("date", rules=Rules(not_future=True, min_year=1900))
GENDER = field("choice", choices=[Choice(value="nam", label="Nam", aliases=["trai"]),
                                  Choice(value="nu", label="Nữ", aliases=["gái", "con gái"])])


@pytest.mark.parametrize("typed", ["05/03/2024", "5-3-2024", "5.3.2024", "ngày 5 tháng 3 năm 2024",
                                   "ngay 5 thang 3 nam 2024", "mùng 5 tháng 3, năm 2024", "2024-03-05", " 05 / 03 / 2024 "])
def test_dates_are_read_in_the_ways_people_write_them(typed):
    assert read(BIRTH, typed, TODAY) == Accepted("2024-03-05")


@pytest.mark.parametrize("typed, says", [
    ("31/02/2024", "không có trên lịch"),
    ("05/03/2027", "sau hôm nay"),
    ("5/3/24", "4 chữ số"),
    ("hôm qua", "ví dụ 05/03/2024"),
    ("01/01/1850", "trước năm 1900"),
])
def test_impossible_future_or_unreadable_dates_are_refused_with_the_reason(typed, says):
    reading = read(BIRTH, typed, TODAY)
    assert isinstance(reading, Refused) and says in reading.reason


def test_a_date_is_shown_and_spelled_out_as_civil_status_papers_do():
    assert shown(BIRTH, "2024-03-05") == "05/03/2024"
    assert date_in_words("2024-03-05") == "ngày năm tháng ba năm hai nghìn không trăm hai mươi tư"
    assert date_in_words("2021-11-15") == "ngày mười lăm tháng mười một năm hai nghìn không trăm hai mươi mốt"


@pytest.mark.parametrize("typed", ["001204012345", "0012 0401 2345", "001.204.012.345"])
def test_an_id_number_keeps_its_twelve_digits(typed):
    assert read(field("id_number"), typed, TODAY) == Accepted("001204012345")


@pytest.mark.parametrize("typed, says", [("123456789", "chứng minh nhân dân cũ"), ("00120401234", "có 11 chữ số"),
                                         ("999204012345", "mã tỉnh"), ("00120401234a", "12 chữ số")])
def test_wrong_id_numbers_are_explained(typed, says):
    reading = read(field("id_number"), typed, TODAY)
    assert isinstance(reading, Refused) and says in reading.reason


@pytest.mark.parametrize("typed", ["0912345678", "0912 345 678", "+84912345678", "84912345678", "091.234.5678"])
def test_phone_numbers_are_kept_in_their_national_form(typed):
    assert read(field("phone"), typed, TODAY) == Accepted("0912345678")


@pytest.mark.parametrize("typed", ["012345678", "0112345678", "09123456789", "số nhà tôi"])
def test_wrong_phone_numbers_are_refused(typed):
    assert isinstance(read(field("phone"), typed, TODAY), Refused)


@pytest.mark.parametrize("typed, kept", [("nguyễn văn AN", "Nguyễn Văn An"), ("  TRẦN   thị  bích ", "Trần Thị Bích"),
                                         ("h'hen niê", "H'hen Niê")])
def test_names_written_in_any_case_are_stored_properly_capitalised(typed, kept):
    assert read(field("name"), typed, TODAY) == Accepted(kept)


@pytest.mark.parametrize("typed", ["Nguyễn Văn 2", "làm giấy khai sinh cần những giấy tờ gì ạ ở đâu vậy", "an@b",
                                   "tôi muốn điền tờ khai"])
def test_names_with_digits_symbols_or_a_whole_sentence_are_refused(typed):
    assert isinstance(read(field("name"), typed, TODAY), Refused)


def test_a_name_typed_without_its_diacritics_is_noticed():
    assert name_lacks_diacritics("Nguyen Van An")
    assert not name_lacks_diacritics("Nguyễn Văn An")
    assert not name_lacks_diacritics("Lan Anh")  # written so even with diacritics
    assert not name_lacks_diacritics("Thu Linh")


@pytest.mark.parametrize("typed, value", [("Nữ", "nu"), ("nu", "nu"), ("con gái", "nu"), ("2", "nu"), ("nam", "nam"),
                                          ("bé là con trai", "nam")])
def test_choices_are_taken_by_label_alias_or_number(typed, value):
    assert read(GENDER, typed, TODAY) == Accepted(value)


def test_a_choice_named_inside_a_sentence_is_the_longest_name_found():
    request = field("choice", choices=[Choice(value="thuong-tru", label="Đăng ký thường trú"),
                                       Choice(value="xoa-thuong-tru", label="Xóa đăng ký thường trú")])
    assert read(request, "tôi muốn xóa đăng ký thường trú", TODAY) == Accepted("xoa-thuong-tru")
    assert read(request, "em cần đăng ký thường trú ạ", TODAY) == Accepted("thuong-tru")


def test_an_unknown_choice_lists_the_options():
    reading = read(GENDER, "không rõ", TODAY)
    assert isinstance(reading, Refused) and "1. Nam" in reading.reason and "2. Nữ" in reading.reason


@pytest.mark.parametrize("typed, value", [("có", "yes"), ("Co a", "yes"), ("ừ", "yes"), ("không", "no"), ("ko", "no")])
def test_yes_and_no_in_chat_spellings(typed, value):
    assert read(field("yes_no"), typed, TODAY) == Accepted(value)


def test_numbers_respect_their_range_and_take_simple_words():
    copies = field("number", rules=Rules(minimum=1, maximum=20))
    assert read(copies, "2 bản", TODAY) == Accepted("2")
    assert read(copies, "hai", TODAY) == Accepted("2")
    assert isinstance(read(copies, "50", TODAY), Refused)


def test_addresses_need_more_than_a_word_and_emails_their_shape():
    assert isinstance(read(field("address"), "HN", TODAY), Refused)
    assert read(field("address"), "số 12, tổ 3, phường Quang Trung, tỉnh Thái Nguyên", TODAY).value.startswith("số 12")
    assert read(field("email"), "An.Nguyen@Gmail.com", TODAY) == Accepted("an.nguyen@gmail.com")
    assert isinstance(read(field("email"), "an.nguyen@", TODAY), Refused)


def test_an_empty_answer_is_refused():
    assert isinstance(read(field("text"), "   ", TODAY), Refused)
