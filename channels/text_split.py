"""Long replies split for channels with a message size limit, at sentence boundaries."""

from __future__ import annotations

import re

# After ".", "!", "?", "…" or a line break; a reply's paragraphs and bullet lists stay whole if they fit.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of ``text`` no longer than ``limit`` characters, cut between sentences where possible,
    else between words, else inside a word (only for a single word longer than the limit)."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    current = ""
    for sentence in _sentences(text):
        for part in _fit(sentence, limit):
            joiner = "\n" if current.endswith("\n") or part.startswith("\n") else " "
            candidate = f"{current}{joiner}{part}" if current else part
            if len(candidate.strip()) <= limit:
                current = candidate
            else:
                pieces.append(current.strip())
                current = part
    if current.strip():
        pieces.append(current.strip())
    return pieces


def _sentences(text: str) -> list[str]:
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        sentences.append(text[start:match.start()] + ("\n" if "\n" in match.group() else ""))
        start = match.end()
    sentences.append(text[start:])
    return [s for s in sentences if s.strip()]


def _fit(sentence: str, limit: int) -> list[str]:
    if len(sentence.strip()) <= limit:
        return [sentence]
    parts, current = [], ""
    for word in sentence.split(" "):
        while len(word) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(word[:limit])
            word = word[limit:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit:
            current = candidate
        else:
            parts.append(current)
            current = word
    if current:
        parts.append(current)
    return parts
