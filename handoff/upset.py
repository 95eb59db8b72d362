"""Is the citizen clearly upset? Plain words of anger or despair, or shouting, in what they typed.

Deliberately narrow (phrases, not single words such as "khiếu nại", which is also a procedure's name):
a false alarm only adds an offer to talk to an officer, a miss leaves an angry person with a bot.
"""

from __future__ import annotations

import re

from vntext.chars import fold

# Compared without diacritics or case, on word boundaries.
UPSET_PHRASES = (
    "buc xuc", "buc minh", "buc qua", "tuc qua", "tuc chet", "tuc dien", "qua te", "te qua", "te hai",
    "lam an kieu gi", "lam viec kieu gi", "vo ly", "vo trach nhiem", "that vong", "chan qua", "chan that",
    "chan lam roi", "hanh dan", "nhung nhieu", "lam kho dan", "lam kho nguoi dan", "cham qua vay", "lau qua vay",
    "khong chap nhan duoc", "het chiu noi", "chiu het noi", "qua dang", "vo dung", "bot ngu", "may ngu",
    "den bao gio", "di lai bao nhieu lan", "di di lai lai", "hoai khong xong", "mai khong xong",
)
# "tức" folds like the "tục" of "tiếp tục", "liên tục", "thủ tục": "tiếp tục điền" is not "tức điên".
_PHRASES = re.compile(r"\b(?<!tiep )(?<!lien )(?<!thu )(" + "|".join(re.escape(p) for p in UPSET_PHRASES) + r")\b")
_SHOUTED_WORD = re.compile(r"\b[^\W\d_]{2,}\b")


def is_upset(text: str) -> bool:
    if not text or len(text) > 5_000:
        return False
    if _PHRASES.search(fold(text.lower())):
        return True
    words = _SHOUTED_WORD.findall(text)
    shouted = [w for w in words if w.isupper()]
    return "!!!" in text and len(words) >= 3 and len(shouted) >= max(3, len(words) // 2)
