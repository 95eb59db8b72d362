"""Search terms: normalised, diacritic-folded syllables and syllable bigrams."""

from __future__ import annotations

import re

from vntext import fold, normalize
from vntext.spellings import COLLOQUIAL_NAMES

_SYLLABLE = re.compile(r"[a-z0-9]+")

# Words that carry no information about *which* procedure is meant.
STOP_SYLLABLES = frozenset(
    """a ah ak ad admin anh chi em ban minh toi tui ta cho hoi xin oi voi va la thi ma nhe nha nhi
    vay the nao sao gi khong co duoc can muon lam phai cua o den tai ve tu nay do kia nhung cac
    mot nhieu bao nhieu may roi dau chua da dang se con nua luon di vui long giup dum ho ah a u ui
    thu tuc""".split()
)

_COLLOQUIAL = sorted(((fold(key), value) for key, value in COLLOQUIAL_NAMES.items()), key=lambda kv: -len(kv[0]))


def syllables(text: str) -> list[str]:
    """Folded syllables of normalised text: "Làm CCCD?" -> ["lam", "can", "cuoc", "cong", "dan"]."""
    return _SYLLABLE.findall(fold(normalize(text).text))


def with_bigrams(words: list[str]) -> list[str]:
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]


def index_terms(text: str) -> list[str]:
    """Terms a catalog text is indexed under."""
    return with_bigrams(syllables(text))


def expand_colloquial(text: str) -> str:
    """Append the official wording of colloquial names found in ``text`` ("sổ đỏ" -> "giấy chứng nhận ...")."""
    folded = " " + " ".join(syllables(text)) + " "
    additions = [value for key, value in _COLLOQUIAL if f" {key} " in folded]
    return " ".join([text, *additions]) if additions else text


def content_syllables(text: str) -> list[str]:
    """Syllables left after removing words that say nothing about which procedure is meant."""
    return [word for word in syllables(text) if word not in STOP_SYLLABLES]
