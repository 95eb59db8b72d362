"""Splitting long texts under each channel's limit."""

from __future__ import annotations

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
