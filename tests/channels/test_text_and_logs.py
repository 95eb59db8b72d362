"""Pieces every channel relies on: splitting long texts, hiding secrets and numbers from logs."""

from __future__ import annotations

import logging

from channels.log_masking import MaskingFilter, mask
from channels.text_split import split_text


def test_a_short_text_stays_whole():
    assert split_text("  Lệ phí: miễn phí.  ", 2000) == ["Lệ phí: miễn phí."]
    assert split_text("", 2000) == []


def test_long_text_is_cut_between_sentences_and_nothing_is_lost():
    text = " ".join(f"Bước {n}: nộp tờ khai tại bộ phận một cửa." for n in range(200))
    pieces = split_text(text, 500)
    assert all(len(p) <= 500 for p in pieces)
    assert all(p.endswith(".") for p in pieces)
    assert " ".join(pieces) == text


def test_line_breaks_are_kept_inside_a_piece():
    text = "Giấy tờ cần mang:\n• Tờ khai CT01\n• Căn cước"
    assert split_text(text, 2000) == [text]
    assert "\n".join(split_text(text, 20)).count("•") == 2


def test_a_sentence_longer_than_the_limit_is_cut_between_words():
    text = "từ " * 300
    pieces = split_text(text, 100)
    assert all(len(p) <= 100 for p in pieces) and " ".join(pieces).split() == text.split()


def test_a_single_huge_word_is_cut_too():
    assert [len(p) for p in split_text("x" * 250, 100)] == [100, 100, 50]


def test_tokens_and_long_numbers_never_reach_the_log():
    line = ("POST https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage "
            "access_token=abc.def-123 CCCD 001203004567 phone 0912345678 code 1.001193 year 2024")
    masked = mask(line)
    assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in masked and "abc.def-123" not in masked
    assert "001203004567" not in masked and "*********567" in masked
    assert "0912345678" not in masked and "*******678" in masked
    assert "1.001193" in masked and "2024" in masked


def test_the_filter_masks_formatted_log_records(caplog):
    logger = logging.getLogger("test.masking")
    logger.addFilter(MaskingFilter())
    with caplog.at_level(logging.INFO, logger="test.masking"):
        logger.info("citizen %s sent %s", "0987654321", "hello")
    assert "0987654321" not in caplog.text and "*******321" in caplog.text
