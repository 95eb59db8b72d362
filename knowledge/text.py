"""Query and catalog text for search: normalised syllables, with and without diacritics."""

from __future__ import annotations

import functools
import re

from vntext import fold, normalize
from vntext.spellings import COLLOQUIAL_NAMES

_SYLLABLE = re.compile(r"\w+")
_FOLDED_SYLLABLE = re.compile(r"[a-z0-9]+")

# Words (with their diacritics) that say nothing about *which* procedure is meant. Kept accented
# on purpose: folded, many collide with words that matter ("đăng"/"đang", "thẻ"/"thế", "mã"/"mà",
# "đỏ"/"đó", "bản"/"bạn", "máy"/"mấy", "căn"/"cần"); unaccented questions are restored first.
STOP_WORDS = frozenset(
    """à ạ ơi ới nhé nha nhen nhỉ hả hở vậy vầy thế nào sao gì không chăng có được cần muốn làm
    phải của ở đến tại về từ này đó kia ấy những các mọi một nhiều bao nhiêu mấy rồi đâu chưa đã
    đang sẽ còn nữa luôn đi vui lòng giúp dùm giùm cho hỏi xin tôi mình tui tớ em anh chị bạn ad
    admin ông bà cô chú bác với và hay hoặc là thì mà nếu khi thủ tục việc cái con người ta chúng
    vừa rất quá lắm thật thôi nên như ra sao vào lên xuống bây giờ hiện nay hôm nay ơn cảm dạ vâng
    ừ ok""".split()
)

# "ký"/"kí", "lý"/"lí", "mỹ"/"mĩ", "quý"/"quí": after a one-letter consonant (or "qu") a final "y"
# and "i" spell the same sound, and people write either. Search folds both to "i".
_Y_AFTER_CONSONANT = re.compile(r"\b([bcdghklmnprstvx]|qu)y\b")


def search_fold(text: str) -> str:
    """Diacritics folded and the two spellings of final i/y merged: "Chữ ký" -> "chu ki"."""
    return _Y_AFTER_CONSONANT.sub(r"\1i", fold(text))


_COLLOQUIAL = sorted(((search_fold(key), value) for key, value in COLLOQUIAL_NAMES.items()), key=lambda kv: -len(kv[0]))


# Texts up to this long are remembered once normalised (catalog names, fields, results; short questions).
_REMEMBERED_LENGTH = 500


def normalised(text: str) -> str:
    """``normalize(text).text``, remembered for short texts: catalog texts repeat (a field or a
    result is shared by hundreds of procedures, and each index reads a name again), and normalising
    is most of the cost of building the text indexes."""
    return _normalised(text) if len(text) <= _REMEMBERED_LENGTH else normalize(text).text


@functools.lru_cache(maxsize=1 << 16)
def _normalised(text: str) -> str:
    return normalize(text).text


def folded_syllables(text: str) -> list[str]:
    """Folded syllables of normalised text: "Làm CCCD?" -> ["lam", "can", "cuoc", "cong", "dan"]."""
    return _FOLDED_SYLLABLE.findall(search_fold(normalised(text)))


def with_bigrams(words: list[str]) -> list[str]:
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:])]


def index_terms(text: str) -> list[str]:
    """Terms a catalog text is indexed under: folded syllables and syllable bigrams."""
    return with_bigrams(folded_syllables(text))


# "làm trên VNeID được không": there VNeID is the way to apply (an aspect), not what is asked about.
_CHANNEL_MENTION = re.compile(r" (?:tren|qua|bang|tu) (?:ung dung |app )?vneid(?= )")


def expand_colloquial(text: str) -> str:
    """Append the official wording of colloquial names found in ``text`` ("sổ đỏ" -> "giấy chứng nhận ...").

    Longer names are looked for first and use their words up: "tách hộ khẩu" is "tách hộ", not
    also the "hộ khẩu" of "đăng ký thường trú"."""
    folded = _CHANNEL_MENTION.sub(" | ", " " + " ".join(folded_syllables(text)) + " ")
    additions = []
    for key, value in _COLLOQUIAL:
        if f" {key} " in folded:
            folded = folded.replace(f" {key} ", " | ")
            if value not in additions:
                additions.append(value)
    return " ".join([text, *additions]) if additions else text


def content_words(accented_text: str) -> list[str]:
    """Syllables of (normalised, accented) text without the stop words."""
    return [word for word in _SYLLABLE.findall(accented_text) if word not in STOP_WORDS]
