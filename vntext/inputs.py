"""Recognise messages the assistant cannot read as a Vietnamese question.

``check_input`` tells an empty message, one made only of emoji or symbols, one that is far too
long, and one written in English apart from ordinary Vietnamese text. The checks are cheap and
conservative: when in doubt a message counts as ordinary text.
"""

from __future__ import annotations

import re
from enum import Enum

from vntext.chars import fold, has_diacritics

MAX_MESSAGE_CHARACTERS = 1500


class InputKind(str, Enum):
    TEXT = "text"
    EMPTY = "empty"
    SYMBOLS = "symbols"
    TOO_LONG = "too_long"
    FOREIGN = "foreign"


_ALNUM = re.compile(r"[^\W_]")
_WORDS = re.compile(r"[^\W\d_]+")

# A folded Vietnamese syllable: optional onset, vowel nucleus, optional coda.
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?"
    r"(uye|uya|uyu|uoi|uou|oai|oay|oeo|ieu|yeu|uay|uai|"
    r"ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|ua|ue|ui|uo|uu|uy|ye|"
    r"[aeiouy])"
    r"(ch|ng|nh|[cmnpt])?$"
)

# Frequent English words that are not also common unaccented Vietnamese syllables.
_ENGLISH = set(
    """the is are was were be been am do does did how what where when why who which can could would
    should will shall my your our their his her its this that these those with from for about into
    please help need want get make have has had not you i we they he she it me us them of and or if
    there here know tell give show apply renew passport card birth certificate license driving
    register registration document documents fee fees much many long office status just some any
    more most very also only than then too again still fill form forms check number""".split()
)

# Short forms and loanwords people type inside Vietnamese messages.
_LOANWORDS = set(
    """ok oke okay ad admin online offline app web website email mail zalo facebook fb vneid cccd cmnd
    gplx lltp bhxh bhyt mst hkd sdt qr code pdf file link otp sms wifi internet hotline covid
    visa""".split()
)


def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` (any case, with or without diacritics) is shaped like a Vietnamese syllable."""
    return bool(_SYLLABLE.match(fold(word)))


def looks_english(text: str) -> bool:
    """A message of three or more words, without diacritics, that reads as English."""
    if has_diacritics(text):
        return False
    words = [word.lower() for word in _WORDS.findall(text)]
    if len(words) < 3:
        return False
    english = sum(word in _ENGLISH for word in words)
    foreign_shape = sum(
        not is_vietnamese_syllable(word) and word not in _LOANWORDS for word in words
    )
    return english >= 2 and english + foreign_shape >= 0.6 * len(words) and foreign_shape >= 1


def check_input(text: str | None, *, max_characters: int = MAX_MESSAGE_CHARACTERS) -> InputKind:
    """Classify a raw message before it is interpreted."""
    if text is None or not text.strip():
        return InputKind.EMPTY
    if len(text) > max_characters:
        return InputKind.TOO_LONG
    if not _ALNUM.search(text):
        return InputKind.SYMBOLS
    if looks_english(text):
        return InputKind.FOREIGN
    return InputKind.TEXT
