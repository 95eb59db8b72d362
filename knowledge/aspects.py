"""What part of a procedure a question asks about (giấy tờ, lệ phí, thời gian, ...)."""

from __future__ import annotations

import re
from enum import Enum

from vntext import fold, normalize


class Aspect(str, Enum):
    DOCUMENTS = "documents"
    FEE = "fee"
    TIME = "time"
    PLACE = "place"
    STEPS = "steps"
    FORM = "form"
    ELIGIBILITY = "eligibility"
    RESULT = "result"
    LEGAL_BASIS = "legal_basis"
    ONLINE = "online"


# Phrases (folded, on normalised text) that signal each aspect. Order inside a list does not matter;
# the order of the dict is the priority when two aspects start at the same word.
_CUES: dict[Aspect, tuple[str, ...]] = {
    Aspect.ONLINE: (
        "online", "truc tuyen", "qua mang", "tren mang", "dich vu cong", "cong dvc", "vneid",
        "nop mang", "tai nha", "tren app", "qua app", "qua ung dung", "tren ung dung", "tren dien thoai",
    ),
    Aspect.FEE: (
        "le phi", "phi", "bao nhieu tien", "mat tien", "ton tien", "het tien", "chi phi", "mien phi",
        "tien", "gia", "thu phi", "dong bao nhieu", "nop bao nhieu", "het bao nhieu",
    ),
    Aspect.TIME: (
        "bao lau", "may ngay", "bao nhieu ngay", "thoi gian", "bao gio co", "bao gio lay",
        "khi nao co", "khi nao lay", "khi nao nhan", "bao gio nhan", "lau khong", "lau ko",
        "nhanh khong", "thoi han", "may hom", "may tuan", "bao nhieu lau", "mat may", "bao gio xong",
        "khi nao xong", "bao gio", "may thang",
    ),
    Aspect.DOCUMENTS: (
        "giay to", "ho so gom", "ho so can", "thanh phan ho so", "can mang", "mang theo",
        "mang gi", "chuan bi gi", "chuan bi nhung", "can nhung gi", "can gi", "can nop gi",
        "nop nhung gi", "can co gi", "ho so nhu the nao", "bo ho so", "ban sao", "ban chinh",
    ),
    Aspect.FORM: (
        "mau don", "to khai", "mau nao", "mau so", "tai mau", "bieu mau",
        "mau to", "don xin", "mau giay", "mau khai", "mau",
    ),
    Aspect.LEGAL_BASIS: (
        "can cu", "luat nao", "nghi dinh", "thong tu", "van ban nao", "van ban phap", "phap ly",
        "quy dinh nao", "quy dinh o dau", "theo luat", "dieu luat", "co so phap",
    ),
    Aspect.RESULT: (
        "nhan duoc gi", "ket qua", "duoc cap gi", "nhan gi", "cap giay gi", "duoc giay gi",
        "duoc nhan", "tra ket qua",
    ),
    Aspect.PLACE: (
        "o dau", "cho nao", "noi nao", "co quan nao", "nop o", "lam o", "den dau", "dia chi",
        "phuong hay", "xa hay", "tinh hay", "o phuong", "o xa", "dau lam", "dau nop",
        "ben nao", "cap nao", "ai giai quyet", "ai cap",
    ),
    Aspect.ELIGIBILITY: (
        "ai duoc", "dieu kien", "doi tuong", "co duoc khong", "bao nhieu tuoi",
        "may tuoi", "du tuoi", "co the lam", "co duoc lam", "co phai lam", "co bat buoc",
        "ai co the", "ai phai",
    ),
    Aspect.STEPS: (
        "cac buoc", "trinh tu", "quy trinh", "nhu the nao", "the nao", "ra sao", "lam sao",
        "cach lam", "huong dan", "thu tuc ra sao", "bat dau tu", "lam gi truoc",
    ),
}

_PATTERNS = [
    (aspect, re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(cue) for cue in sorted(cues, key=len, reverse=True)) + r")(?![a-z0-9])"))
    for aspect, cues in _CUES.items()
]
_PRIORITY = {aspect: index for index, aspect in enumerate(_CUES)}

# Words asking for the whole procedure card rather than one aspect of it ("xem đầy đủ thủ tục hộ chiếu").
_WHOLE_CARD = re.compile(
    r"(?<![a-z0-9])(xem day du|thong tin day du|day du|xem toan bo|toan bo|tat ca thong tin|chi tiet het|xem het)(?![a-z0-9])"
)


def asks_for_whole_card(text: str) -> bool:
    """Whether ``text`` asks for the whole card of a procedure."""
    return bool(_WHOLE_CARD.search(_folded(text)))

ASPECT_LABELS: dict[Aspect, str] = {
    Aspect.DOCUMENTS: "Giấy tờ cần chuẩn bị",
    Aspect.FEE: "Lệ phí",
    Aspect.TIME: "Thời gian giải quyết",
    Aspect.PLACE: "Nộp ở đâu",
    Aspect.STEPS: "Các bước thực hiện",
    Aspect.FORM: "Mẫu tờ khai",
    Aspect.ELIGIBILITY: "Ai được làm, điều kiện",
    Aspect.RESULT: "Kết quả nhận được",
    Aspect.LEGAL_BASIS: "Căn cứ pháp lý",
    Aspect.ONLINE: "Nộp trực tuyến",
}


def _folded(text: str) -> str:
    return fold(normalize(text).text)


def _spans_in_folded(folded: str) -> list[tuple[int, int, Aspect]]:
    found: list[tuple[int, int, Aspect]] = []
    for aspect, pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            found.append((match.start(), match.end(), aspect))
    found.sort(key=lambda item: (item[0], -(item[1] - item[0]), _PRIORITY[item[2]]))
    kept: list[tuple[int, int, Aspect]] = []
    for start, end, aspect in found:
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, aspect))
    return kept


def find_aspect_spans(text: str) -> list[tuple[int, int, Aspect]]:
    """Aspect cues in the folded, normalised ``text``: (start, end, aspect), by position."""
    return _spans_in_folded(_folded(text))


def detect_aspects(text: str) -> list[Aspect]:
    """Aspects asked in ``text``, most specific first, without repeats."""
    spans = find_aspect_spans(text)
    ordered = sorted(spans, key=lambda item: _PRIORITY[item[2]])
    aspects: list[Aspect] = []
    for _, _, aspect in ordered:
        if aspect not in aspects:
            aspects.append(aspect)
    return aspects


def canonical_aspect(value: str | None) -> Aspect | None:
    """An aspect from an NLU entity value: a canonical name ("fee") or words ("lệ phí")."""
    if not value:
        return None
    try:
        return Aspect(value.strip().lower())
    except ValueError:
        aspects = detect_aspects(value)
        return aspects[0] if aspects else None


def remove_aspect_words(normalised: str) -> str:
    """Already-normalised text with the aspect cues (and words asking for the whole card) cut out,
    diacritics kept.

    Folding keeps the length of normalised text, so cue positions found on the folded text cut
    the accented text at the same places. What is left names the procedure.
    """
    folded = fold(normalised)
    spans = [(start, end) for start, end, _ in _spans_in_folded(folded)]
    spans += [match.span() for match in _WHOLE_CARD.finditer(folded)]
    pieces = []
    cursor = 0
    for start, end in sorted(spans):
        if start < cursor:  # inside a cue already cut
            cursor = max(cursor, end)
            continue
        pieces.append(normalised[cursor:start])
        cursor = end
    pieces.append(normalised[cursor:])
    return " ".join(" ".join(pieces).split())


def strip_aspect_words(text: str) -> str:
    """The folded normalised text with aspect cues removed."""
    return fold(remove_aspect_words(normalize(text).text))
