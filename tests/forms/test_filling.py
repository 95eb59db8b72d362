"""The form conversation without Rasa: one field at a time, corrections, skips, help, conditions,
confirmation, cancel and pause."""

from __future__ import annotations

from datetime import date

import pytest

from forms.filling import CONFIRM, Draft, answer_payload, handle, progress, prompt, start
from forms.schema import FormSpec

TODAY = date(2026, 12, 1)
FORM = FormSpec.model_validate({
    "id": "thu", "code": "TK01", "name": "Tờ khai thử", "issued_by": "Ban hành kèm theo Thông tư thử",
    "addressee": "Ủy ban nhân dân xã", "intro": "Thử.", "commitment": "Tôi cam đoan.", "signer_title": "NGƯỜI KHAI",
    "signer_field": "ho_ten", "submit_online": "https://dichvucong.gov.vn", "submit_in_person": "Bộ phận một cửa",
    "fields": [
        {"id": "ho_ten", "label": "Họ, chữ đệm và tên", "type": "name", "prompt": "Họ tên của bạn?", "help": "Như trên CCCD.",
         "aliases": ["họ tên", "tên"], "section": "Người khai"},
        {"id": "ngay_sinh", "label": "Ngày, tháng, năm sinh", "type": "date", "prompt": "Ngày sinh?", "help": "Ngày sinh.",
         "aliases": ["ngày sinh"], "rules": {"not_future": True}},
        {"id": "ten_khac", "label": "Tên gọi khác", "type": "text", "prompt": "Tên gọi khác?", "help": "Nếu có.",
         "required": False},
        {"id": "co_con", "label": "Có con", "type": "yes_no", "prompt": "Có con không?", "help": "Có con chưa."},
        {"id": "so_con", "label": "Số con", "type": "number", "prompt": "Mấy con?", "help": "Số con.",
         "aliases": ["số con"], "rules": {"minimum": 1, "maximum": 20}, "when": {"field": "co_con", "equals": "yes"}},
        {"id": "gioi_tinh", "label": "Giới tính", "type": "choice", "prompt": "Giới tính?", "help": "Nam hay nữ.",
         "choices": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}]},
    ]})


def say(draft: Draft, *texts: str):
    turn = None
    for text in texts:
        turn = handle(FORM, draft, text, TODAY)
        draft = turn.draft
    return turn


def test_fields_are_asked_one_at_a_time_in_order_and_conditions_skip_what_does_not_apply():
    draft = start(FORM)
    assert draft.current == "ho_ten" and "Người khai" in prompt(FORM, draft).text
    turn = say(draft, "Nguyễn Văn An", "05/03/1990", "bỏ qua", "không")
    assert turn.draft.current == "gioi_tinh"  # "số con" applies only with children
    question = prompt(FORM, turn.draft)
    assert [title for title, _ in question.buttons] == ["Nam", "Nữ"]
    turn = say(turn.draft, answer_payload("nu"))
    assert turn.status == "confirming" and turn.draft.current == CONFIRM
    assert turn.draft.answers == {"ho_ten": "Nguyễn Văn An", "ngay_sinh": "1990-03-05", "ten_khac": None,
                                  "co_con": "no", "gioi_tinh": "nu"}
    summary = prompt(FORM, turn.draft).text
    assert "Ngày, tháng, năm sinh: 05/03/1990" in summary and "Tên gọi khác: (bỏ trống)" in summary
    assert say(turn.draft, answer_payload("confirm")).status == "submitted"


def test_an_invalid_answer_is_explained_and_the_same_field_is_asked_again():
    turn = say(start(FORM), "Nguyễn Văn An", "31/02/1990")
    assert turn.status == "asking" and turn.draft.current == "ngay_sinh" and "không có trên lịch" in turn.said[0].text


def test_three_wrong_answers_in_a_row_offer_an_officer():
    turn = say(start(FORM), "Nguyễn Văn An", "abc", "xyz")
    assert not turn.stuck
    turn = say(turn.draft, "hôm qua")
    assert turn.stuck and ("Gặp cán bộ", "/handoff_form_stuck") in turn.said[-1].buttons


def test_a_required_field_cannot_be_skipped_but_an_optional_one_can():
    turn = say(start(FORM), "bỏ qua")
    assert turn.draft.current == "ho_ten" and "bắt buộc" in turn.said[0].text
    turn = say(turn.draft, "Nguyễn Văn An", "1/1/1990", answer_payload("skip"))
    assert turn.draft.answers["ten_khac"] is None and turn.draft.current == "co_con"


def test_no_answers_a_yes_no_question_instead_of_skipping_it():
    turn = say(start(FORM), "Nguyễn Văn An", "05/03/1990", "không có")  # nothing to write: skipped
    assert turn.draft.answers["ten_khac"] is None
    turn = say(turn.draft, "không có")
    assert turn.draft.answers["co_con"] == "no" and turn.draft.current == "gioi_tinh"


def test_an_earlier_answer_is_corrected_in_one_message_and_filling_goes_on_where_it_was():
    turn = say(start(FORM), "Nguyễn Văn An", "05/03/1990", "bỏ qua")
    turn = say(turn.draft, "sửa ngày sinh thành 12/04/1991")
    assert turn.draft.answers["ngay_sinh"] == "1991-04-12" and "12/04/1991" in turn.said[0].text
    assert turn.draft.current == "co_con"
    turn = say(turn.draft, "đổi họ tên thành trần thị bình")
    assert turn.draft.answers["ho_ten"] == "Trần Thị Bình"


def test_a_correction_with_a_wrong_value_is_explained_and_that_field_is_asked():
    turn = say(start(FORM), "Nguyễn Văn An", "05/03/1990", "sửa ngày sinh thành 40/40/1990")
    assert turn.draft.answers["ngay_sinh"] == "1990-03-05" and turn.draft.current == "ngay_sinh"
    turn = say(turn.draft, "06/03/1990")
    assert turn.draft.answers["ngay_sinh"] == "1990-03-06" and turn.draft.current == "ten_khac"


def test_correcting_a_yes_to_a_no_drops_the_answers_that_no_longer_apply():
    turn = say(start(FORM), "Nguyễn Văn An", "05/03/1990", "bỏ qua", "có", "2", "Nam")
    assert turn.draft.answers["so_con"] == "2"
    turn = say(turn.draft, "sửa có con thành không")
    assert "so_con" not in turn.draft.answers and turn.status == "confirming"
    turn = say(turn.draft, "sửa có con thành có")
    assert turn.draft.current == "so_con"  # the newly relevant field is asked before the summary


def test_an_unknown_field_to_correct_lists_the_fields():
    turn = say(start(FORM), "Nguyễn Văn An", "sửa quê quán thành Huế")
    assert "Họ, chữ đệm và tên" in turn.said[0].text and turn.draft.current == "ngay_sinh"


def test_asking_what_a_field_means_explains_it_without_counting_as_an_answer():
    turn = say(start(FORM), "Nguyễn Văn An", "ngày sinh là gì?")
    assert "Ngày sinh." in turn.said[0].text and turn.draft.current == "ngay_sinh" and turn.draft.failures == 0


def test_a_name_without_diacritics_is_questioned_once_then_accepted():
    turn = say(start(FORM), "nguyen van an")
    assert turn.draft.current == "ho_ten" and "có dấu" in turn.said[0].text
    turn = say(turn.draft, "nguyen van an")
    assert turn.draft.answers["ho_ten"] == "Nguyen Van An"


def test_going_back_asks_the_previous_field_again():
    turn = say(start(FORM), "Nguyễn Văn An", "quay lại")
    assert turn.draft.current == "ho_ten"


@pytest.mark.parametrize("words, status", [("hủy", "cancelled"), ("thôi không điền nữa", "cancelled"),
                                           ("để sau", "paused"), (answer_payload("pause"), "paused")])
def test_cancel_and_pause_end_the_conversation_about_the_form(words, status):
    assert say(start(FORM), "Nguyễn Văn An", words).status == status


def test_a_draft_survives_being_stored_as_json():
    turn = say(start(FORM), "Nguyễn Văn An", "05/03/1990")
    again = Draft.from_json(turn.draft.to_json())
    assert again == turn.draft and progress(FORM, again) == (2, 5)


def test_the_summary_can_be_corrected_before_confirming():
    turn = say(start(FORM), "Nguyễn Văn An", "05/03/1990", "bỏ qua", "không", "nam")
    turn = say(turn.draft, "sửa giới tính thành nữ")
    assert turn.status == "confirming" and turn.draft.answers["gioi_tinh"] == "nu"
    assert say(turn.draft, "xác nhận").status == "submitted"


def test_a_question_or_a_request_for_an_officer_is_not_taken_as_an_answer():
    turn = say(start(FORM), "làm khai sinh mất bao lâu?")
    assert "ho_ten" not in turn.draft.answers and "để sau" in turn.said[0].text
    turn = say(turn.draft, "cho tôi gặp cán bộ")
    assert "ho_ten" not in turn.draft.answers and ("Gặp cán bộ", "/handoff_form_stuck") in turn.said[0].buttons
