"""Character-level Vietnamese helpers: folding diacritics and normalising tone-mark placement."""

from __future__ import annotations

import re
import unicodedata

# Letters that look like Đ/đ but are other code points (Icelandic eth, African D).
LOOKALIKE_D = {"\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110", "\u0256": "\u0111"}

TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base.isascii() and base.isalpha() and base != char:
            table[code] = base.lower()
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    table[ord("đ")] = "d"
    table[ord("Đ")] = "d"
    for lookalike in LOOKALIKE_D:
        table[ord(lookalike)] = "d"
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics ("Đăng ký" -> "dang ky").

    On NFC text the result has exactly the same length, character for character.
    """
    return text.translate(_FOLD_TABLE)


def has_diacritics(text: str) -> bool:
    """True when any letter carries a diacritic or is đ/Đ."""
    return any(char.isalpha() and not char.isascii() and ord(char) in _FOLD_TABLE for char in text)


_LETTER = re.compile(r"[^\W\d_]")


def is_unaccented_vietnamese(text: str) -> bool:
    """True for text with letters but no diacritic at all (typed on a keyboard without Telex)."""
    return bool(_LETTER.search(text)) and not has_diacritics(text)


def split_tone(char: str) -> tuple[str, str]:
    """Return (the character without its tone mark, the tone mark or "")."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(mark for mark in decomposed if mark in TONE_MARKS)
    bare = "".join(mark for mark in decomposed if mark not in TONE_MARKS)
    return unicodedata.normalize("NFC", bare), tone


def _with_tone(char: str, tone: str) -> str:
    return unicodedata.normalize("NFC", char + tone)


# Open syllables ending in oa / oe / uy: the old style puts the tone on the second vowel
# (hoà, khoẻ, thuỷ), the new style (and underthesea) on the first (hòa, khỏe, thủy).
_OPEN_GLIDE = re.compile(r"^(?P<onset>[^aeiouy]*)(?P<pair>oa|oe|uy)$")


def normalize_tone_placement(syllable: str) -> str:
    """Move the tone mark of "oa", "oe", "uy" open syllables to the modern position.

    "hoà" -> "hòa", "khoẻ" -> "khỏe", "thuỷ" -> "thủy"; "quý", "hoàng", "thuyết" are unchanged.
    The result has the same length as the input.
    """
    if len(syllable) < 2 or fold(syllable[-2:]) not in ("oa", "oe", "uy"):
        return syllable
    bare_chars, tones = zip(*(split_tone(char) for char in syllable))
    marked = [index for index, tone in enumerate(tones) if tone]
    if len(marked) != 1:
        return syllable
    match = _OPEN_GLIDE.match("".join(bare_chars).lower())
    if match is None or match.group("onset").endswith("q"):
        return syllable
    first = match.start("pair")
    if marked[0] == first:
        return syllable
    chars = list(bare_chars)
    chars[first] = _with_tone(chars[first], tones[marked[0]])
    return "".join(chars)
