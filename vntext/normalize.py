"""The one normaliser shared by NLU and search, keeping a map back to the original text.

``normalize(text)`` applies, in order: Unicode NFC (and Ð -> Đ), lower case, whitespace
collapsing, runs of three or more identical letters reduced to one, modern tone-mark placement,
and the expansion of abbreviations and chat spellings. Every character of the result remembers
the span of the original text it came from, so tokens found in the normalised text can be given
offsets in the text the person typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from vntext.chars import LOOKALIKE_D, normalize_tone_placement
from vntext.patterns import protected_spans
from vntext.spellings import AMBIGUOUS, NOT_AFTER_NUMBER, chat_and_abbreviation_table, resolve_ambiguous

Span = tuple[int, int]
_Chars = list[tuple[str, int, int]]

_INVISIBLE = {"\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_SPACE_LIKE = {"\u200b"}
_WORD = re.compile(r"\w+")
_MAX_PHRASE_WORDS = 3
_REPLACEMENTS = chat_and_abbreviation_table()


@dataclass(frozen=True)
class NormalizedText:
    """Normalised text plus, for each of its characters, the original span it came from."""

    text: str
    origins: tuple[Span, ...]
    original: str

    def original_span(self, start: int, end: int) -> Span:
        """Span of the original text that produced ``text[start:end]`` (``end`` exclusive)."""
        if start >= end:
            position = self.origins[start][0] if start < len(self.origins) else len(self.original)
            return position, position
        return self.origins[start][0], self.origins[end - 1][1]


def _plain_characters() -> frozenset[str]:
    """Characters that NFC composition, the look-alike map and the invisible/control handling all
    leave alone: printable ASCII, precomposed Latin letters (all of Vietnamese) and dashes/quotes."""
    candidates = [chr(code) for code in (*range(0x20, 0x7F), *range(0xC0, 0x250), *range(0x1E00, 0x1F00), *range(0x2010, 0x2028))]
    return frozenset(
        char
        for char in candidates
        if unicodedata.normalize("NFC", char) == char
        and not unicodedata.combining(char)
        and char not in LOOKALIKE_D
        and unicodedata.category(char)[0] in "LPNSZ"
        and unicodedata.category(char) not in ("Zl", "Zp")
    )


_PLAIN = _plain_characters()


def _compose(text: str) -> _Chars:
    """NFC-compose grapheme by grapheme, so each composed character keeps its source span."""
    if _PLAIN.issuperset(text):  # already composed, nothing to drop or map: one character each
        return [(char, index, index + 1) for index, char in enumerate(text)]
    chars: _Chars = []
    index = 0
    while index < len(text):
        end = index + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        cluster = unicodedata.normalize("NFC", text[index:end])
        for char in cluster:
            char = LOOKALIKE_D.get(char, char)
            if char in _INVISIBLE:
                continue
            if char in _SPACE_LIKE or unicodedata.category(char) in ("Cc", "Zl", "Zp"):
                char = " "
            chars.append((char, index, end))
        index = end
    return chars


def _lower(chars: _Chars) -> _Chars:
    return [(low, start, end) for char, start, end in chars for low in char.lower()]


def _collapse_spaces(chars: _Chars) -> _Chars:
    out: _Chars = []
    for char, start, end in chars:
        if char.isspace():
            if out and out[-1][0] != " ":
                out.append((" ", start, end))
            continue
        out.append((char, start, end))
    if out and out[-1][0] == " ":
        out.pop()
    return out


def _free_words(text: str) -> list[re.Match[str]]:
    """Words of ``text`` outside dossier codes, links and e-mail addresses."""
    kept = protected_spans(text)
    return [
        match
        for match in _WORD.finditer(text)
        if all(match.end() <= start or match.start() >= end for start, end in kept)
    ]


def _collapse_repeats(chars: _Chars) -> _Chars:
    """"chàooooo" -> "chào", "khongggg" -> "khong"; doubled letters ("xoong") stay.

    A word that is itself a known abbreviation ("cccd") is left alone.
    """
    text = "".join(char for char, _, _ in chars)
    out: _Chars = []
    cursor = 0
    for match in _free_words(text):
        if match.group() in _REPLACEMENTS:
            continue
        out.extend(chars[cursor : match.start()])
        index = match.start()
        while index < match.end():
            char, start, _ = chars[index]
            run_end = index + 1
            while run_end < match.end() and chars[run_end][0] == char:
                run_end += 1
            if char.isalpha() and run_end - index >= 3:
                out.append((char, start, chars[run_end - 1][2]))
            else:
                out.extend(chars[index:run_end])
            index = run_end
        cursor = match.end()
    out.extend(chars[cursor:])
    return out


def _normalize_tones(chars: _Chars) -> _Chars:
    text = "".join(char for char, _, _ in chars)
    out = list(chars)
    for match in _free_words(text):
        word = match.group()
        fixed = normalize_tone_placement(word)
        if fixed != word:
            for offset, char in enumerate(fixed):
                _, start, end = out[match.start() + offset]
                out[match.start() + offset] = (char, start, end)
    return out


def _expand_words(chars: _Chars) -> _Chars:
    """Replace abbreviations and chat spellings, longest phrase first."""
    text = "".join(char for char, _, _ in chars)
    words = _free_words(text)
    out: _Chars = []
    cursor = 0
    index = 0
    while index < len(words):
        replacement, used = _replacement_at(text, words, index)
        if replacement is None:
            index += 1
            continue
        first, last = words[index], words[index + used - 1]
        out.extend(chars[cursor : first.start()])
        span_start, span_end = chars[first.start()][1], chars[last.end() - 1][2]
        out.extend((char, span_start, span_end) for char in replacement)
        cursor = last.end()
        index += used
    out.extend(chars[cursor:])
    return out


# The words a replacement can start with: any other word is skipped at once.
_FIRST_WORDS = frozenset(key.split(" ")[0] for key in _REPLACEMENTS) | set(AMBIGUOUS)


def _replacement_at(text: str, words: list[re.Match[str]], index: int) -> tuple[str | None, int]:
    if words[index].group() not in _FIRST_WORDS:
        return None, 1
    for size in range(min(_MAX_PHRASE_WORDS, len(words) - index), 0, -1):
        group = words[index : index + size]
        if any(text[a.end() : b.start()] != " " for a, b in zip(group, group[1:])):
            continue
        key = " ".join(match.group() for match in group)
        if size == 1 and key in NOT_AFTER_NUMBER and index > 0 and words[index - 1].group().isdigit():
            return None, 1
        if size == 1 and key in AMBIGUOUS:
            following = words[index + 1].group() if index + 1 < len(words) else None
            return resolve_ambiguous(key, following), 1
        if key in _REPLACEMENTS:
            return _REPLACEMENTS[key], size
    return None, 1


def normalize(text: str, *, expand: bool = True) -> NormalizedText:
    """Normalise ``text`` for matching; see the module docstring for the steps."""
    chars = _compose(text or "")
    chars = _lower(chars)
    chars = _collapse_spaces(chars)
    chars = _collapse_repeats(chars)
    chars = _normalize_tones(chars)
    if expand:
        chars = _expand_words(chars)
    return NormalizedText(
        text="".join(char for char, _, _ in chars),
        origins=tuple((start, end) for _, start, end in chars),
        original=text or "",
    )
