"""Telling a clearly upset citizen from an ordinary question."""

from __future__ import annotations

import pytest

from handoff.upset import is_upset


@pytest.mark.parametrize("text", [
    "làm ăn kiểu gì mà hồ sơ 2 tháng chưa xong",
    "lam an kieu gi vay, toi di lai 5 lan roi",
    "tôi rất bức xúc vì bị hẹn đi hẹn lại",
    "chán thật, hỏi mãi không được",
    "HỒ SƠ CỦA TÔI ĐÂU RỒI!!!",
    "đi đi lại lại mấy lần rồi mà vẫn thiếu giấy",
])
def test_anger_and_despair_are_noticed(text):
    assert is_upset(text)


@pytest.mark.parametrize("text", [
    "thủ tục khiếu nại quyết định hành chính cần gì",
    "làm căn cước cho con mất bao lâu",
    "CCCD hết hạn đổi ở đâu",
    "cảm ơn nhiều!!!",
    "",
    "tố cáo hành vi vi phạm nộp ở đâu",
    "tiếp tục điền tờ khai",  # "tục điền" folds like "tức điên"
    "tiep tuc dien to khai",
])
def test_ordinary_questions_are_not_taken_for_anger(text):
    assert not is_upset(text)
