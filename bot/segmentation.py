"""Vietnamese word segmentation with offsets into the text the person typed.

underthesea's ``word_tokenize`` re-normalises what it is given (NFC, Ð -> Đ, tone placement), so
its tokens are not substrings of the input. Each token is aligned back to the normalised text by
comparing diacritic-folded characters, and from there to the original text through the
normaliser's character map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from underthesea import word_tokenize

from vntext import fold, normalize
from vntext.patterns import protected_spans

_FALLBACK_TOKEN = re.compile(r"\w+|[^\w\s]")
_PUNCTUATION_ONLY = re.compile(r"^[^\w]+$")
_KEPT_PUNCTUATION = {"?"}


@dataclass(frozen=True)
class Piece:
    """One word: its normalised text (syllables joined by "_") and its span in the original text."""

    text: str
    start: int
    end: int

    @property
    def folded(self) -> str:
        return fold(self.text)


def _align(segment: str, tokens: list[str]) -> list[tuple[int, int]] | None:
    """Spans of ``tokens`` in ``segment``, or None when underthesea changed the text too much."""
    folded = fold(segment)
    spans: list[tuple[int, int]] = []
    position = 0
    for token in tokens:
        wanted = [char for char in fold(token) if not char.isspace()]
        if not wanted:
            continue
        while position < len(folded) and folded[position].isspace():
            position += 1
        start = position
        for char in wanted:
            while position < len(folded) and folded[position].isspace() and char != " ":
                position += 1
            if position >= len(folded) or folded[position] != char:
                return None
            position += 1
        spans.append((start, position))
    return spans


def _segment_spans(segment: str) -> list[tuple[int, int]]:
    tokens = word_tokenize(segment) if segment.strip() else []
    spans = _align(segment, tokens)
    if spans is None:
        spans = [match.span() for match in _FALLBACK_TOKEN.finditer(segment)]
    return spans


def segment(text: str, *, normalise: bool = True, max_characters: int | None = None) -> list[Piece]:
    """Split ``text`` into words with offsets in ``text``.

    ``normalise`` expands abbreviations and chat spellings first ("cccd" becomes the words
    "căn_cước", "công_dân", both spanning "cccd" in the original). Punctuation is dropped except
    "?"; emoji are kept as words. Only the first ``max_characters`` characters are read.
    """
    source = text if max_characters is None else text[:max_characters]
    normalised = normalize(source, expand=normalise)
    body = normalised.text
    pieces: list[Piece] = []
    cursor = 0
    for start, end in protected_spans(body) + [(len(body), len(body))]:
        for a, b in _segment_spans(body[cursor:start]):
            pieces.append(_piece(normalised, body, cursor + a, cursor + b))
        if end > start:
            pieces.append(_piece(normalised, body, start, end))
        cursor = end
    return [piece for piece in pieces if _keep(piece.text)]


def _piece(normalised, body: str, start: int, end: int) -> Piece:
    original_start, original_end = normalised.original_span(start, end)
    word = "_".join(body[start:end].split())
    return Piece(word, original_start, original_end)


def _keep(word: str) -> bool:
    return bool(word) and (not _PUNCTUATION_ONLY.match(word) or word in _KEPT_PUNCTUATION or not word.isascii())
