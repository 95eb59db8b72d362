"""The officer's summary: the citizen's own question, the procedures and dossier discussed, the bot's answers."""

from __future__ import annotations

from handoff.model import Reason
from handoff.summary import compose


def user(text: str, intent: str) -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def bot(text: str) -> dict:
    return {"event": "bot", "text": text}


def slot(name: str, value: str | None) -> dict:
    return {"event": "slot", "name": name, "value": value}


EVENTS = [
    {"event": "action", "name": "action_listen"},
    user("xin chào", "greet"), bot("Chào bạn! Tôi có thể giúp gì?"),
    user("tách thửa đất cần giấy tờ gì", "ask_procedure"), slot("procedure_code", "1.013831"),
    bot("Hồ sơ gồm: đơn đề nghị tách thửa..."),
    user("tra cứu hồ sơ 000.00.04.H51-200221-0001", "check_dossier"),
    slot("dossier_code", "000.00.04.H51-200221-0001"), bot("Hồ sơ đã quá hạn hẹn trả..."),
    user("/request_human", "request_human"), user("gặp cán bộ", "request_human"),
]


def test_the_summary_gives_the_case_in_the_citizen_s_words_without_the_steering():
    summary = compose("telegram", EVENTS, Reason.OVERDUE_DOSSIER, {"1.013831": "Tách thửa đất"}.get)
    assert summary.question == "tách thửa đất cần giấy tờ gì / tra cứu hồ sơ 000.00.04.H51-200221-0001"
    assert summary.procedures == ["1.013831 Tách thửa đất"] and summary.dossier_code == "000.00.04.H51-200221-0001"
    assert summary.bot_answers[-1] == "Hồ sơ đã quá hạn hẹn trả..." and len(summary.bot_answers) == 3
    assert summary.reason == Reason.OVERDUE_DOSSIER and summary.channel == "telegram"


def test_asking_for_a_person_straight_away_keeps_those_words_as_the_question():
    summary = compose("web", iter([user("cho tôi nói chuyện với người thật", "request_human")]), Reason.ASKED)
    assert summary.question == "cho tôi nói chuyện với người thật" and summary.procedures == []


def test_a_very_long_story_is_cut_from_the_front_so_the_latest_words_stay():
    story = "nhà tôi " * 400 + "cần làm sổ đỏ"
    summary = compose("zalo_oa", [user(story, "ask_procedure")], Reason.NOT_UNDERSTOOD)
    assert len(summary.question) <= 1_001 and summary.question.endswith("cần làm sổ đỏ")


def test_a_form_s_progress_is_in_the_summary_but_its_answers_are_not_the_question():
    events = [user("tôi muốn điền tờ khai khai sinh", "fill_form"),
              {"event": "active_loop", "name": "declaration_form"}, slot("form_progress", "Tờ khai đăng ký khai sinh: đã điền 3/15 mục"),
              user("019195012345", "form_answer"), bot("Đã ghi Số định danh: 019195012345."),
              user("hôm qua", "form_answer"), bot("Tôi chưa đọc được ngày này.")]
    summary = compose("web", events, Reason.FORM_STUCK)
    assert summary.form_progress == "Tờ khai đăng ký khai sinh: đã điền 3/15 mục"
    assert summary.question == "tôi muốn điền tờ khai khai sinh" and "019195012345" not in str(summary.bot_answers)
