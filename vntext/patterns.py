"""Patterns for things people paste into messages that must stay in one piece."""

from __future__ import annotations

import re

# A dossier code as one-stop systems print it, 000.00.04.H51-200221-0001, and as people retype it:
# lower case, spaces instead of dots or dashes, dashes left out.
DOSSIER_CODE = re.compile(
    r"(?<![\w.])\d{3}[.\s]?\d{2}[.\s]?\d{2}[.\s]?[a-z]\d{2}[-\s.]?\d{6}[-\s.]?\d{4}(?![\w])",
    re.IGNORECASE,
)

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# Spans the tokenizer keeps whole, in order of priority.
KEEP_WHOLE = (DOSSIER_CODE, URL, EMAIL)


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Non-overlapping spans of ``text`` that must not be split, sorted by start."""
    spans: list[tuple[int, int]] = []
    for pattern in KEEP_WHOLE:
        for match in pattern.finditer(text):
            start, end = match.span()
            while end > start and text[end - 1] in ".,;:!?)":
                end -= 1
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
    return sorted(spans)
