"""Parsers for the cells of a national-portal record (dichvucong.gov.vn).

The portal's scrape flattens every HTML table into one string with the cells run together, e.g.
``"Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việcMiễn phíTrực tiếp..."``. Each
function below takes one such cell (already a ``str``, possibly not NFC-normalised) and returns
typed values. They are pure: no I/O, no state, the same input always gives the same output, and
they never raise on odd input; what they cannot read they leave out.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from knowledge.schema import ChannelKind, CopyType, LegalDocument, Level, RequiredDocument, SubmissionChannel
from vntext import fold
from vntext.chars import LOOKALIKE_D

__all__ = [
    "clean_text",
    "is_placeholder",
    "parse_money",
    "parse_processing_time",
    "split_agencies",
    "split_applicants",
    "split_channels",
    "split_conditions",
    "split_documents",
    "split_legal_documents",
    "split_results",
    "split_steps",
    "parse_levels",
    "find_form_code",
    "variant_family",
]

# ---------------------------------------------------------------------------------------------
# Text clean-up

_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACE_LIKE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACES = re.compile(r"[ ]{2,}")
_LOOKALIKE_D = str.maketrans(LOOKALIKE_D)

# Cells the portal fills when it has nothing to say (compared after folding, without punctuation).
PLACEHOLDERS = frozenset(
    {
        "khong co thong tin",
        "khong",
        "khong co",
        "khong quy dinh",
        "chua co thong tin",
        "chua quy dinh",
        "chua xac dinh",
        "chua xac dinh ro",
        "dang cap nhat",
        "n a",
        "na",
    }
)


def clean_text(text: object, *, keep_lines: bool = False) -> str:
    """NFC-normalise ``text``, drop invisible marks, turn odd spaces into plain ones and trim.

    Without ``keep_lines`` every run of whitespace (newlines included) becomes one space; with it,
    lines are kept (trimmed, blank ones dropped). Anything that is not a string gives "".
    """
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKE_D)
    text = _INVISIBLE.sub("", text)
    text = _SPACE_LIKE.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n")
    if not keep_lines:
        return " ".join(text.split())
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def is_placeholder(text: str) -> bool:
    """True for empty cells and the portal's fillers ("Không có thông tin", "Không", "Chưa quy định")."""
    words = re.findall(r"[a-z0-9]+", fold(clean_text(text)))
    return not words or " ".join(words) in PLACEHOLDERS


def _strip_bullet(text: str) -> str:
    """Remove leading list marks ("- ", "+ ", "* ", "•", "--") and surrounding spaces and separators."""
    text = re.sub(r"^[\s\-+*•·–—>]+", "", text)
    return text.strip(" ;,")


_LIST_MARK = re.compile(
    r"^(?:\((?:[ivx]{1,4}|\d{1,2}|[a-zđ])\)|(?:[ivx]{1,4}|\d{1,2}|[a-zđ])\)|\d{1,2}(?:\.\d{1,2})*\.)\s*(?=\S)"
)


def _strip_list_mark(text: str) -> str:
    """Remove leading list marks and numbering.

    "- a) Đơn" -> "Đơn", "(ii) Bản sao" -> "Bản sao", "1.2. Tờ khai" -> "Tờ khai".
    """
    text = _strip_bullet(text)
    while True:
        stripped = _strip_bullet(_LIST_MARK.sub("", text, count=1))
        if stripped == text:
            return text
        text = stripped


def _split_top_level(text: str, separators: str = ",;") -> list[str]:
    """Split at separators that are not inside parentheses."""
    parts, depth, current = [], 0, []
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _unique(items: Iterable[str]) -> list[str]:
    """Items in order, without empty ones and without repeats (compared folded)."""
    seen: set[str] = set()
    out = []
    for item in items:
        key = fold(item)
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


# ---------------------------------------------------------------------------------------------
# Money and time

_AMOUNT = r"\d{1,3}(?:[.,]\d{3})+|\d+"
_MONEY_IN_TEXT = re.compile(
    rf"(?<![\d.,])(?P<amount>{_AMOUNT})\s*"
    r"(?:(?P<unit>đồng|Đồng|ĐỒNG|đ\b|Đ\b|vnđ|VNĐ|VNđ|Vnđ|vnd|VND|Việt Nam Đồng|USD|usd)|(?=/))"
)


def parse_money(text: str) -> int | None:
    """The first amount of money in ``text`` as an integer.

    Accepts the portal's "3,500,000 Việt Nam Đồng", "50.000 đồng", "1.200.000đ", "15000000" and a
    bare number; thousands may be separated by "," or ".". Returns None when there is no number.
    """
    match = re.search(rf"(?<![\d.,])({_AMOUNT})(?![\d])", clean_text(text))
    if not match:
        return None
    return int(re.sub(r"[.,]", "", match.group(1)))


def _amounts_in(text: str) -> list[int]:
    """Amounts of money written with a currency word in ``text``."""
    return [int(re.sub(r"[.,]", "", m.group("amount"))) for m in _MONEY_IN_TEXT.finditer(text)]


_UNIT_WORDS = {
    "ngày làm việc": ("ngày làm việc", 1.0),
    "ngày": ("ngày", 1.0),
    "giờ làm việc": ("giờ làm việc", 1 / 8),
    "giờ": ("giờ", 1 / 24),
    "tuần": ("tuần", 7.0),
    "tháng": ("tháng", 30.0),
    "năm": ("năm", 365.0),
    "phút": ("phút", 1 / 1440),
}
_TIME_WITH_UNIT = re.compile(
    r"(?P<number>\d+(?:[.,]\d+)?)\s*(?P<unit>ngày làm việc|ngày|giờ làm việc|giờ|tuần|tháng|năm|phút)(?![a-zà-ỹđ])",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    """ "1,5" or "1.5" -> 1.5."""
    return float(text.replace(",", "."))


def _format_number(value: float) -> str:
    """7.0 -> "7", 1.5 -> "1,5" (Vietnamese decimal comma)."""
    return str(int(value)) if value == int(value) else f"{value:g}".replace(".", ",")


def parse_processing_time(text: str) -> tuple[str | None, float | None]:
    """Read a time cell ("15 Ngày làm việc", "7 Ngày", "12 Giờ", "6 Tháng", "Không quy định").

    Returns the time as a citizen reads it ("15 ngày làm việc") and the same in days: working days
    and days count as they are, hours as 1/24 day (working hours 1/8), weeks 7, months 30 and years
    365 days, rounded to two decimals. A number without a unit gives (None, None): the portal fills
    "1" when nobody entered a time, so the number alone says nothing. Placeholders give (None, None);
    other words ("Không quy định") are kept as text with no number.
    """
    text = clean_text(text)
    if is_placeholder(text) and fold(text) != "khong quy dinh":
        return None, None
    match = _TIME_WITH_UNIT.search(text)
    if match:
        unit, factor = _UNIT_WORDS[match.group("unit").lower()]
        value = _number(match.group("number"))
        return f"{_format_number(value)} {unit}", round(value * factor, 2)
    if re.fullmatch(r"[\d.,]+", text):
        return None, None
    return text or None, None


# ---------------------------------------------------------------------------------------------
# Submission channels (cach_thuc_thuc_hien)

_CHANNEL_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
_KINDS = {"Trực tiếp": ChannelKind.IN_PERSON, "Trực tuyến": ChannelKind.ONLINE, "Dịch vụ bưu chính": ChannelKind.POSTAL}
_KIND = re.compile("|".join(_KINDS))
_TIME_WORDS = re.compile(r"Không có thông tin|Không quy định|Không phải trả kết quả cho người nộp thuế|Không ?")
_TIME_UNIT = re.compile(r"(?P<number>\d+(?:\.\d+)?) ?(?P<unit>Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tuần|Tháng|Năm|Phút)")
_FEE_WORD = re.compile(r"(?P<free>Miễn phí)|(?P<none>Không có thông tin)")
_FEE_AMOUNT = re.compile(r"(?P<amount>\d{1,3}(?:[.,]\d{3})+|\d+)? ?(?P<currency>VNĐ|Việt Nam Đồng|USD)")
_WELL_FORMED_AMOUNT = re.compile(r"[1-9]\d{0,2}(?:[.,]\d{3})+|[1-9]\d*|0")


def _fee_token(text: str, pos: int) -> tuple[str, str | None, int] | None:
    """Match a fee cell at ``pos``: ("free"|"none"|currency, amount digits, end)."""
    word = _FEE_WORD.match(text, pos)
    if word:
        return ("free" if word.group("free") else "none"), None, word.end()
    money = _FEE_AMOUNT.match(text, pos)
    if money:
        return money.group("currency"), money.group("amount"), money.end()
    return None


def _split_time_and_amount(digits: str, following: str) -> tuple[str, str] | None:
    """Split digits run together from a unit-less time and an amount ("1100,000" -> "1", "100,000").

    Candidates keep a plain number for the time and a well-formed amount for the fee. The one whose
    amount (or a thousand times it) is quoted in the following text wins, otherwise the shortest time.
    """
    candidates = []
    for cut in range(1, len(digits)):
        time, amount = digits[:cut], digits[cut:]
        if time.isdigit() and _WELL_FORMED_AMOUNT.fullmatch(amount):
            candidates.append((time, amount))
    if not candidates:
        return None
    quoted = set(_amounts_in(following))
    for time, amount in candidates:
        value = int(re.sub(r"[.,]", "", amount))
        if value in quoted or value * 1000 in quoted:
            return time, amount
    return candidates[0]


_LOOSE_TIME = re.compile(
    r"(?P<time>[^()]{2,250}?(?:[^\d.,]|[^\d][.,]))(?=Miễn phí|Không có thông tin|\d[\d.,]* ?(?:VNĐ|Việt Nam Đồng|USD))"
)


def _read_time_and_fee(
    text: str, pos: int, *, loose: bool = False
) -> tuple[str | None, tuple[str, str | None], int] | None:
    """Read the time and fee cells that follow a channel kind, or None if they are not there.

    With ``loose``, a time cell written in words ("Hệ thống phản hồi tự động ...") is accepted too.
    """
    if loose:
        words = _LOOSE_TIME.match(text, pos)
        fee = _fee_token(text, words.end()) if words else None
        if words and fee:
            return words.group("time").strip(), fee[:2], fee[2]
        return None
    unit = _TIME_UNIT.match(text, pos)
    if unit:
        fee = _fee_token(text, unit.end())
        if fee:
            return unit.group(0), fee[:2], fee[2]
    digits = re.compile(r"\d[\d,.]*").match(text, pos)
    if digits:
        run = digits.group(0)
        word = _FEE_WORD.match(text, digits.end())
        if word and re.fullmatch(r"\d+(?:\.\d+)?", run):
            return run, ("free" if word.group("free") else "none", None), word.end()
        currency = re.compile(r" ?(VNĐ|Việt Nam Đồng|USD)").match(text, digits.end())
        if currency:
            split = _split_time_and_amount(run.rstrip(".,"), text[currency.end() : currency.end() + 300])
            if split:
                return split[0], (currency.group(1), split[1]), currency.end()
        return None
    words = _TIME_WORDS.match(text, pos)
    if words:
        fee = _fee_token(text, words.end())
        if fee:
            return words.group(0).strip(), fee[:2], fee[2]
    return None


def _take_parentheses(text: str) -> tuple[str, str]:
    """Split leading parenthesised groups "(...)(...)" off ``text``: (groups, rest). Unclosed: all."""
    pos = 0
    while pos < len(text) and text[pos] == "(":
        depth = 0
        for index in range(pos, len(text)):
            if text[index] == "(":
                depth += 1
            elif text[index] == ")":
                depth -= 1
                if depth == 0:
                    pos = index + 1
                    break
        else:
            return text, ""
    return text[:pos], text[pos:]


def _unwrap(groups: str) -> str:
    """ "(a)(b)" -> "a b" (inner parentheses kept); an unclosed "(a..." -> "a..."; "(Đồng (a))" -> "a"."""
    if not groups:
        return ""
    parts = _top_groups(groups) if groups.endswith(")") else []
    text = clean_text(" ".join(part.strip() for part in parts) if parts else groups.lstrip("("))
    wrapped = re.fullmatch(r"(?:Đồng|đồng|VNĐ)\s*\((.*)\)", text)
    if wrapped:
        text = wrapped.group(1)
    return text.strip()


def _top_groups(groups: str) -> list[str]:
    """Contents of the top-level parenthesised groups: "(a (b))(c)" -> ["a (b)", "c"]."""
    out, depth, start = [], 0, 0
    for index, char in enumerate(groups):
        if char == "(":
            if depth == 0:
                start = index + 1
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                out.append(groups[start:index])
    return out


_PER_UNIT = re.compile(r"^\s*(?:đồng|Đồng|đ|Đ|VNĐ|vnđ|USD)?\s*/\s*(?P<unit>[^\d()/;:.,]{1,25}?)\s*$")
_FREE_DETAIL = re.compile(r"^[\s(\-+.]*(khong|mien|chua quy dinh)")
_CHARGED_DETAIL = re.compile(
    r"muc (thu|phi|le phi)|le phi (cap|dang ky|doi)|phi (cap|tham dinh|kiem|cong bo|sat hach)|hoi dong nhan dan"
    r"|bieu (phi|gia|khung)|gia dich vu|thong tu|nghi dinh|theo quy dinh|ap dung"
)


def _format_vnd(value: int) -> str:
    """3500000 -> "3.500.000 đồng"."""
    return f"{value:,}".replace(",", ".") + " đồng"


def _read_fee(kind: str, digits: str | None, detail: str, description: str) -> tuple[str | None, int | None, bool]:
    """Fee text, amount in đồng, and whether ``detail`` was only a per-unit suffix."""
    unit_match = _PER_UNIT.match(detail) if detail else None
    per_unit = f"/{unit_match.group('unit').strip()}" if unit_match else ""
    if kind == "none":
        return None, None, False
    if kind == "free":
        folded = fold(detail)
        if not detail or _FREE_DETAIL.match(folded):
            return "Miễn phí", 0, False
        if _amounts_in(detail) or _CHARGED_DETAIL.search(folded):
            return "Miễn phí", None, False
        return "Miễn phí", 0, False
    if digits is None:
        return None, None, False
    value = int(re.sub(r"[.,]", "", digits))
    if kind == "USD":
        return f"{value} USD{per_unit}", None, bool(unit_match)
    if value == 0:
        return "Miễn phí", 0, bool(unit_match)
    if value < 1000:
        # The portal sometimes stores thousands ("20 VNĐ" for 20.000 đồng) or dollars under VNĐ
        # ("165 VNĐ" for 165 USD); trust it only when the details quote the full amount.
        quoted = f"{detail} {description}"
        if re.search(rf"(?<![\d.,]){value}\s*USD", quoted):
            return f"{value} USD{per_unit}", None, bool(unit_match)
        if value * 1000 in _amounts_in(quoted):
            return _format_vnd(value * 1000) + per_unit, value * 1000, bool(unit_match)
        return f"{value} VNĐ{per_unit}", None, bool(unit_match)
    return _format_vnd(value) + per_unit, value, bool(unit_match)


def split_channels(cell: str) -> list[SubmissionChannel]:
    """Split the submission-channel table into one channel per row.

    Each row is "<kind><time><fee>(<fee detail>)<description>" with no separators: kind is
    Trực tiếp / Trực tuyến / Dịch vụ bưu chính; time is "15 Ngày làm việc", "7 Ngày", "12 Giờ",
    "6 Tháng", a bare number or "Không có thông tin"; fee is "Miễn phí", "Không có thông tin" or
    "3,500,000 Việt Nam Đồng" / "150,000 VNĐ" / "10 USD", optionally followed by parenthesised
    details. A bare time run into an amount ("1100,000 VNĐ") is split so the amount stays well
    formed. When no row reads so, a time written in words is accepted. ``fee`` is the short amount
    as said to a citizen ("3.500.000 đồng/hồ sơ", "Miễn phí"),
    ``fee_vnd`` the amount in đồng: 0 when free with no rule attached, None when the fee is in USD,
    set by another rule, or implausible (under 1.000 đồng and not confirmed by the details). The
    fee details and the description cell go to ``note``. A bare number of unknown unit is read
    from the row's own text when it repeats the number with a unit, else left out.
    """
    text = clean_text(cell)
    if is_placeholder(text):
        return []
    text = text.replace(_CHANNEL_HEADER, "")
    rows = []
    for loose in (False, True):
        for match in _KIND.finditer(text):
            read = _read_time_and_fee(text, match.end(), loose=loose)
            if read is not None:
                rows.append((match.start(), match.group(0), read))
        if rows:
            break
    channels = []
    for index, (start, kind_word, (time_raw, (fee_kind, digits), fee_end)) in enumerate(rows):
        end = rows[index + 1][0] if index + 1 < len(rows) else len(text)
        if fee_end > end:
            continue
        groups, description = ("", text[fee_end:end]) if fee_kind == "none" else _take_parentheses(text[fee_end:end])
        if re.fullmatch(r"\(\s*(?:\d{1,2}|[a-zđ]|[ivx]{1,4})\s*\)", groups):  # "(1) Trường hợp ..." is a list mark
            groups, description = "", text[fee_end:end]
        per_unit = ""
        first = _top_groups(groups)[:1] if groups.endswith(")") else []
        if first and _PER_UNIT.match(first[0]) and len(_top_groups(groups)) > 1:  # "(/hồ sơ)(áp dụng ...)"
            per_unit = f"({first[0]})"
            groups = groups[len(per_unit) :]
        detail = _unwrap(groups)
        description = clean_text(description)
        fee, fee_vnd, unit_only = _read_fee(fee_kind, digits, _unwrap(per_unit) or detail, description)
        if per_unit:
            unit_only = False
        processing_time, processing_days = parse_processing_time(time_raw or "")
        if processing_time is None and time_raw and re.fullmatch(r"\d+(?:\.\d+)?", time_raw):
            stated = re.search(
                rf"(?<![\d.,])0*{re.escape(time_raw)}\s*(?:\([^)]*\)\s*)?(ngày làm việc|ngày|giờ|tháng)(?![a-zà-ỹđ])",
                f"{detail} {description}",
                re.IGNORECASE,
            )
            if stated:
                processing_time, processing_days = parse_processing_time(f"{time_raw} {stated.group(1)}")
        note_parts = []
        if detail and not unit_only and not is_placeholder(detail):
            note_parts.append(f"Phí, lệ phí: {detail}")
        if description and not is_placeholder(description):
            note_parts.append(description)
        channels.append(
            SubmissionChannel(
                kind=_KINDS[kind_word],
                processing_time=processing_time,
                processing_days=processing_days,
                fee=fee,
                fee_vnd=fee_vnd,
                note="\n".join(note_parts) or None,
            )
        )
    return channels


# ---------------------------------------------------------------------------------------------
# Documents (thanh_phan_ho_so)

_DOCUMENT_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
_COUNT = re.compile(
    r"(?<!\()(?<!\(0)(?P<original>\d) bản chính(?:,(?P<copy>\d) bản sao)?(?![ )])"
    r"|(?<![,\s\d(])(?P<copy_only>\d) bản sao(?![ )])"
)
_FILE_EXTENSION = re.compile(r"\.(?:docx|doc|pdf|xlsx|xls|rar|zip|odt)", re.IGNORECASE)
_FILE_PREFIX = re.compile(
    r"(?:\d{1,2}-)?(?:Mẫu|MẪU|mẫu|Mau|MAU|mau|Mus|Phụ lục|PHỤ LỤC|Phụ Lục|phụ lục|Phu luc|PL|Phlc"
    r"|Biểu mẫu|BM|TK|TP-|HK-|NA\d)"
)
_MAU = r"(?:[Mm]ẫu|MẪU|[Mm]au|MAU)"
_FORM_CODE = (
    r"(?P<code>(?:[IVX]{1,4}\.)?(?:[A-ZĐ]{1,6}[-/.]?){0,3}\d{1,3}(?:[a-z]|[A-ZĐ]{1,8})?"
    r"(?:[-/.](?:[A-ZĐ]{1,8}\d{0,3}|\d{1,4}[a-z]?))*)"
)
_FORM_IN_TEXT = re.compile(rf"(?<![\w]){_MAU}\s*(?:số|SỐ|so|SO)?\s*:?\s*{_FORM_CODE}(?![\w])")
_APPENDIX = r"(?P<appendix>(?:Phụ lục|PHỤ LỤC|phụ lục)\s*(?:số|SỐ)?\s*(?:[IVXLC]{1,6}[A-Z]?|\d{1,3}[a-z]?)(?![\w]))"
_FORM_IN_APPENDIX = re.compile(
    rf"(?<![\w])(?:theo |theo biểu )?{_MAU}(?: đơn| văn bản)?(?: quy định| được quy định| ban hành)?"
    rf"\s+(?:tại|ở|theo)\s+{_APPENDIX}"
)
_APPENDIX_FILE = re.compile(rf"^{_APPENDIX}$")
_FORM_FILE = re.compile(rf"^(?:\d{{1,2}}-)?{_MAU}\s*(?:số|SỐ|so|SO)?\s*{_FORM_CODE}(?![a-zà-ỹ])")
_CODE_FILE = re.compile(r"^(?P<code>[A-ZĐ]{2,6}(?:-[A-ZĐ]{1,6})*-?\d{1,3}[a-z]?)$")
_CONDITION = re.compile(
    r"\s*\((?P<paren>(?:nếu|trường hợp|đối với|áp dụng|trừ|khi|chỉ|không bắt buộc)[^()]*(?:\([^()]*\)[^()]*)*)\)"
    r"|[,;]?\s+(?P<clause>(?:trong trường hợp|đối với trường hợp|nếu có|nếu)\s.*)$",
    re.IGNORECASE,
)


def find_form_code(text: str) -> str | None:
    """The form a document names: "Mẫu số 01", "mẫu CT01", "Mẫu TK01", "Mẫu TP-CC-09".

    Codes that start with letters are given bare ("CT01", "TP-CC-09"); numeric ones keep their
    word ("Mẫu số 01", "Mẫu số 02-1/NTNN"). A form given as an appendix ("theo mẫu tại Phụ lục
    số 01") gives "Phụ lục số 01". A "mẫu" without a number ("theo mẫu") gives None.
    """
    text = clean_text(text)
    match = _FORM_IN_TEXT.search(text)
    if match:
        return _format_form_code(match.group("code"))
    match = _FORM_IN_APPENDIX.search(text)
    return _format_appendix(match.group("appendix")) if match else None


def _format_appendix(appendix: str) -> str:
    """ "PHỤ LỤC SỐ 02" -> "Phụ lục số 02", "Phụ lục  II" -> "Phụ lục II"."""
    words = appendix.split()
    rest = [word.lower() if word.upper() == "SỐ" else word for word in words[2:]]
    return " ".join(["Phụ lục", *rest])


def _format_form_code(code: str) -> str:
    """Letter codes bare ("CT01"), roman or one-letter ones as "Mẫu I.1.8", numeric ones as "Mẫu số 01"."""
    code = code.rstrip(".-/")
    if re.match(r"[A-ZĐ]{2,}", code):
        return code
    if re.match(r"[IVX]{1,4}\.", code) or re.match(r"[A-ZĐ][-/.]?\d", code):
        return f"Mẫu {code}"
    return f"Mẫu số {code}"


def _form_code_from_file(stem: str) -> str | None:
    """Form code of an attached file that is a form ("Mẫu số 05", "Mau02", "TP-DGTS-09", "Phụ lục II")."""
    stem = stem.strip()
    match = _FORM_FILE.match(stem)
    if match:
        return _format_form_code(match.group("code"))
    match = _CODE_FILE.match(stem)
    if match and not stem.startswith(("PL", "TK")):
        return match.group("code")
    match = _APPENDIX_FILE.match(stem)
    return _format_appendix(match.group("appendix")) if match else None


def _split_files(text: str) -> tuple[str, list[str]]:
    """Split trailing attached file names ("...theo mẫu.Mẫu số 01.docx") off a document row.

    Working back from the last extension, a file name starts at the last known prefix (Mẫu, Mau,
    Phụ lục, PL, TK, ...) glued to the text before it by ".", ";", ")" or a lower-case letter (or,
    for word prefixes such as "Mẫu", any letter); failing that, at the last ".", ";", ")" or
    lower-to-upper case change. A row with no such boundary keeps its text, minus the extension.
    """
    files: list[str] = []
    while True:
        ext = next((found for found in _FILE_EXTENSION.finditer(text) if found.end() == len(text)), None)
        if ext is None:
            return text, files
        body = text[: ext.start()]
        previous = None
        for found in _FILE_EXTENSION.finditer(body):
            previous = found
        floor = previous.end() if previous else 0
        window = max(floor, len(body) - 120)
        start = None
        for prefix in _FILE_PREFIX.finditer(body, window):
            at = prefix.start()
            before = body[at - 1] if at > floor else ""
            wordlike = bool(re.match(r"(?:\d{1,2}-)?(?:Mẫu|MẪU|mẫu|Mau|MAU|mau|Phụ|PHỤ|phụ|Phu|Biểu)", prefix.group(0)))
            if not before or before in ".;:)]" or before.islower() or (wordlike and before.isalnum()):
                start = at
        if start is None:
            boundaries = []
            for index in range(max(window, 1), len(body)):
                before, char = body[index - 1], body[index]
                if before in ";)]" and not char.isspace():
                    boundaries.append(index)
                elif before == "." and not char.isspace() and not body[index - 2 : index - 1].isdigit():
                    boundaries.append(index)  # not after a digit: "12.4", "1.nxin" are inside a file name
                elif before.islower() and (char.isupper() or char.isdigit()):
                    boundaries.append(index)
            if boundaries:
                start = boundaries[-1]
            elif previous is not None or " " not in body.strip():
                start = floor
            else:
                return body, files
        files.insert(0, text[start : ext.end()].strip())
        text = body[:start]


def _copy_type(name: str, original: int, copy: int, presented: bool) -> CopyType | None:
    """Copy type from the name's own words first, then the section, then the counts (see split_documents)."""
    folded = fold(name)
    head = folded[:250]
    if re.search(r"ban chinh hoac ban sao|ban sao (co |duoc )?chung thuc hoac ban chinh", head) or (
        re.match(r"ban (sao|chup)", head) and "hoac ban chinh" in head
    ):
        return CopyType.ORIGINAL_OR_CERTIFIED
    if re.match(r"ban sao (co |duoc )?chung thuc", folded):
        return CopyType.CERTIFIED_COPY
    if re.match(r"ban (sao|chup|photo)", folded):
        return CopyType.COPY
    if presented or "xuat trinh ban chinh" in folded:
        return CopyType.PRESENT_ORIGINAL
    if folded.startswith("ban chinh"):
        return CopyType.ORIGINAL
    if original and copy:
        return CopyType.ORIGINAL_OR_CERTIFIED
    if original:
        return CopyType.ORIGINAL
    if copy:
        return CopyType.COPY
    return None


def _split_condition(name: str) -> tuple[str, str | None]:
    """Move a conditional part of a document name ("(nếu có)", "trong trường hợp ...") to a note.

    Only parts outside other parentheses are moved, and never the whole name.
    """
    notes = []
    search_from = 0
    while True:
        match = _CONDITION.search(name, search_from)
        if not match or match.start() == 0:
            break
        before = name[: match.start()]
        if before.count("(") != before.count(")"):
            search_from = match.start() + 1
            continue
        notes.insert(0, (match.group("paren") or match.group("clause")).strip().rstrip(" ;,."))
        name = (before + name[match.end() :]).strip()
    return name.strip(" ;,:."), "; ".join(dict.fromkeys(notes)) or None


_STRUCTURAL_TITLE = re.compile(
    r"^(?:thanh phan ho so|giay to phai nop|giay to phai xuat trinh|bao gom|ho so gom|ho so bao gom|gom|giay to)\s*$"
)


def _section_context(title: str) -> tuple[str, str | None]:
    """Classify a section title: ("present"|"notes"|"plain", note to attach or None)."""
    text = _strip_bullet(clean_text(title)).rstrip(" :.")
    folded = fold(text)
    if not text or is_placeholder(text) or not re.search(r"[a-z]", folded):
        return "plain", None
    if "xuat trinh" in folded and len(folded) < 60:
        return "present", None
    if re.match(r"(luu y|ghi chu)\b", folded):
        return "notes", None
    if _STRUCTURAL_TITLE.match(folded) or len(folded) < 4:
        return "plain", None
    return "plain", text


def split_documents(cell: str) -> list[RequiredDocument]:
    """Split the dossier table into documents.

    Rows are "<name><attached file names><count>" where count is "1 bản chính", "0 bản chính,1 bản
    sao" or "1 bản chính,1 bản sao" (a single digit, never followed by a space). Tables are headed by
    "Tên giấy tờMẫu đơn, tờ khaiSố lượng" and preceded by a section title ("--", "* Giấy tờ phải
    nộp:", "* Giấy tờ phải xuất trình:", "a) Đối với cấp mới:"). Header rows and placeholders are
    dropped; rows of a "Lưu ý" section are notes, not papers, and are dropped; a papers-to-show
    section makes its rows ``present_original``; any other section title becomes the rows' note.
    Rows without copies that only introduce a list ("- Giấy tờ phải nộp:", "Người yêu cầu nộp các
    giấy tờ sau:") are dropped; those that open a group ("Hồ sơ đề nghị ... gồm:", "Trường hợp ...:")
    become the note of the papers that follow. Conditional parts of a name ("(nếu có)", "trong trường hợp ...")
    move to ``note``; a row without copies that is only a condition ("Trường hợp ... thì ...") is
    kept as a note of the previous paper of its section (or of the next one at a section start).
    ``form_code`` comes from the name ("theo Mẫu số 05") or else from an attached file that is a
    form. ``copy_type``: a name that says "bản chính hoặc bản sao có chứng thực", "bản sao có chứng
    thực", "bản chụp" wins; then a papers-to-show section or "xuất trình bản chính"; otherwise both
    counts give ``original_or_certified``, only originals ``original``, only copies ``copy``.
    """
    text = clean_text(cell)
    if is_placeholder(text):
        return []
    builder = _DocumentBuilder()
    parts = text.split(_DOCUMENT_HEADER)
    if len(parts) > 1 and not _COUNT.search(parts[0]):
        builder.start_section(parts[0])
        parts = parts[1:]
    for part_index, part in enumerate(parts):
        position = 0
        for count in _COUNT.finditer(part):
            original = int(count.group("original") or 0)
            copy = int(count.group("copy") or count.group("copy_only") or 0)
            builder.add(part[position : count.start()], original, copy)
            position = count.end()
        tail = part[position:]
        if part_index + 1 < len(parts):
            builder.start_section(tail)
        elif tail.strip() and not is_placeholder(tail):
            builder.add(tail, 0, 0)
    return builder.finish()


_LIST_INTRO = re.compile(
    r"(cac |nhung )?(giay to|tai lieu|ho so|thanh phan)[^:]{0,40}(sau|sau day|nhu sau|gom|gom co|bao gom)$"
    r"|(sau|sau day|nhu sau)$|^(giay to|ho so|tai lieu) phai (nop|xuat trinh)"
)


class _DocumentBuilder:
    """Collects document rows, tracking the current section (mode and note) and loose conditions."""

    def __init__(self) -> None:
        """Start with no documents, in a plain section."""
        self.documents: list[RequiredDocument] = []
        self.section_start = 0
        self.mode = "plain"
        self.section_note: str | None = None
        self.pending: list[str] = []

    def start_section(self, title: str) -> None:
        """A new table starts under ``title``."""
        self.mode, self.section_note = _section_context(title)
        self.section_start = len(self.documents)

    def _note_previous(self, note: str) -> None:
        """Attach ``note`` to the last paper of this section, or keep it for the next paper."""
        if len(self.documents) > self.section_start:
            last = self.documents[-1]
            self.documents[-1] = last.model_copy(update={"note": "; ".join(filter(None, [last.note, note]))})
        else:
            self.pending.append(note)

    def add(self, row: str, original: int, copy: int) -> None:
        """Read one row (name and attached files) with its counts of originals and copies."""
        if self.mode == "notes":
            return
        row, files = _split_files(clean_text(row))
        name = _strip_list_mark(row).strip(" .;")
        if not name and files:
            name = _FILE_EXTENSION.sub("", files[0]).strip()
        if not name or is_placeholder(name.rstrip(":")) or not re.search(r"[^\W\d_]", name):
            return
        folded = fold(name).rstrip(" :")
        if not (original or copy):
            if name.endswith(":"):
                kind, _ = _section_context(name)
                if kind in ("present", "notes") or _STRUCTURAL_TITLE.match(folded) or _LIST_INTRO.search(folded):
                    if kind == "present":
                        self.mode = "present"
                    return
                if re.match(r"(ho so|thanh phan ho so|truong hop|doi voi|neu)\b", folded):
                    # "Hồ sơ đề nghị ... gồm:" / "Trường hợp ...:" opens a group of papers: it is their note
                    self.section_note = _strip_list_mark(name).rstrip(" :")
                    return
            elif re.match(r"(truong hop|neu|khi|luu y|ghi chu)\b", folded):
                self._note_previous(name)
                return
        form_code = find_form_code(name)
        for file in files:
            if form_code:
                break
            form_code = _form_code_from_file(_FILE_EXTENSION.sub("", file))
        short, condition = _split_condition(name.rstrip(":").strip())
        notes = list(dict.fromkeys(note for note in (self.section_note, condition, *self.pending) if note))
        self.pending = []
        self.documents.append(
            RequiredDocument(
                name=short or name,
                form_code=form_code,
                copies=original or copy or None,
                copy_type=_copy_type(name, original, copy, self.mode == "present"),
                note="; ".join(notes) or None,
            )
        )

    def finish(self) -> list[RequiredDocument]:
        """The documents, with notes still waiting attached to the last one."""
        if self.pending and self.documents:
            last = self.documents[-1]
            self.documents[-1] = last.model_copy(update={"note": "; ".join(filter(None, [last.note, *self.pending]))})
        return self.documents


# ---------------------------------------------------------------------------------------------
# Legal basis (can_cu_phap_ly)

_LEGAL_HEADER = "Tên văn bản pháp lýMã văn bản"
_LEGAL_TAIL = re.compile(r"Cơ quan thực hiện|Yêu cầu, điều kiện thực hiện|Kết quả xử lý")
# Issuer abbreviations, used to tell where a number ends when the next title follows with no space.
ISSUERS = frozenset(
    """BCA BCN BCT BCVT BCĐ BDT BGD BGDDT BGDĐT BGTVT BHXH BKH BKHCN BKHDT BKHĐT BLDTBXH BLĐTBXH BNG BNN
    BNNMT BNNPTNT BNV BQL BQP BTC BTM BTNMT BTP BTS BTTTT BTTUBTWMTTQVN BVHTT BVHTTDL BXD BYT CP CT CTN
    CTUBND CV HD HĐND HĐTP KH KTNN L MTTQ NHNN NHNNVN NN NQ NĐ PL PTNT QH QH11 QH12 QH13 QH14 QH15 QHTW
    QĐ TANDTC TB TCCB TCHQ TCT TLĐ TT TTLT TTg TW UBCKNN UBDT UBND UBTVQH UBTVQH11 UBTVQH12 UBTVQH13
    UBTVQH14 UBTVQH15 VBHN VKSNDTC VPCP""".split()
)
_COMPONENT = r"(?:[A-ZĐ]*QH\d{2}|TTg|[A-ZĐ]+)"
_LEGAL_NUMBER = re.compile(
    # not inside another number, but possibly right after a year ("năm 202437/2024/QH15") or a QH suffix
    r"(?:(?<![\d/])(?<!\d\.)|(?<=[^\d.](?:19|20)\d\d)|(?<=QH\d\d)|(?<=(?:19|20)\d\d\.))"
    rf"(?P<number>\d{{1,4}}[a-zđ]?(?:\.\d{{1,3}})?/(?:(?:19|20)\d{{2}}/)?{_COMPONENT}(?:[-–]{_COMPONENT})*)"
)
_DOC_TYPE_TAIL = re.compile(
    r"(?<=[a-zà-ỹđ.)\]”\"])(?:Thông tư liên tịch|Thông tư|Nghị định|Nghị quyết liên tịch|Nghị quyết|Luật|Bộ luật"
    r"|Quyết định|Pháp lệnh|Lệnh|Văn bản hợp nhất|Chỉ thị|Công văn)(?:\s+số)?\s*$"
)


_DOC_TYPE_ONLY = re.compile(
    r"(?:Thông tư liên tịch|Thông tư|Nghị định|Nghị quyết|Luật|Bộ luật|Quyết định|Pháp lệnh|Lệnh|Chỉ thị"
    r"|NĐ|TT|QĐ|NQ)(?:\s+số)?",
    re.IGNORECASE,
)


def _trim_number(number: str, following: str) -> str:
    """Give back letters that belong to the next title ("NĐ-CPNghị định" matched "NĐ-CPN")."""
    cut = max(number.rfind("-"), number.rfind("/"))
    head, last = number[: cut + 1], number[cut + 1 :]
    if last in ISSUERS or re.fullmatch(r"[A-ZĐ]*QH\d{2}|TTg", last):
        return number
    for size in range(len(last) - 1, 0, -1):
        if last[:size] in ISSUERS:
            return head + last[:size]
    if following[:1].islower() and len(last) > 1:
        return head + last[:-1]
    return number


_TITLE_CONTINUES = (" ngày", " của", " về", " quy định", " hướng dẫn", " sửa đổi")


def split_legal_documents(cell: str) -> list[LegalDocument]:
    """Split the legal-basis table into (number, title) pairs.

    Rows are "<title><number>" with no separator, e.g. "Thông tư hướng dẫn ...85/2019/TT-BTCNghị
    định ...". Numbers look like 85/2019/TT-BTC, 123/2015/NĐ-CP, 66.7/2025/NQ-CP, 54/2014/QH13,
    24/2026/NQ-CP, 72/2011/TTLT-BTC-BGTVT or 163/QĐ-BTP. A number ends a row when:
      - the next title follows with no space ("...TT-BTCNghị định"), or the cell ends; or
      - it is glued to the end of its title ("Luật Hộ tịch123/2015/NĐ-CP", "...2025;143/2025/QH15")
        even if a space follows; or
      - another number follows glued to it and the two are equal ("Luật 60/2014/QH1360/2014/QH13":
        the first is the title, the second the number cell), or the next one is itself followed by
        its own copy, or this one is glued to its title.
    Numbers quoted inside a title ("Nghị định số 123/2015/NĐ-CP ngày ...") end no row. Letters glued
    from the next title are given back using a list of issuer abbreviations ("NĐ-CPNghị" -> "NĐ-CP").
    A row with an empty title takes the previous number as its title when they are equal; "...của Bộ
    Tư phápThông tư số" loses the glued "Thông tư số"; a title that is only a number becomes None.
    When no row can be told apart, the numbers quoted in the cell are kept (with the cell as title
    when there is only one). The trailing "Cơ quan thực hiện..." text is dropped; documents are
    de-duplicated by number.
    """
    text = clean_text(cell)
    if is_placeholder(text):
        return []
    text = text.replace(_LEGAL_HEADER, "")
    tail = _LEGAL_TAIL.search(text)
    if tail:
        text = text[: tail.start()]
    found: list[tuple[int, int, str]] = []
    for match in _LEGAL_NUMBER.finditer(text):
        number = match.group("number")
        trimmed = _trim_number(number, text[match.end() :])
        found.append((match.start(), match.end() - (len(number) - len(trimmed)), trimmed))
    rows: list[list[str]] = []
    position = 0
    for index, (start, end, number) in enumerate(found):
        if start < position:
            continue
        before = text[start - 1] if start > 0 else ""
        glued = bool(before) and (before in ";.,:)" or before.islower() or before.isdigit())
        following = text[end:]
        if not following:
            row_end = True
        elif following[0].isdigit():
            glued_next = [item for item in found[index + 1 : index + 3] if item[0] in (end, found[index + 1][1])]
            following_number = glued_next[0][2] if glued_next and glued_next[0][0] == end else None
            # "…NĐ-CP14/2025/TT-BNNMT14/2025/TT-BNNMT": the next row's title is its own number
            next_is_own_title = len(glued_next) == 2 and glued_next[1][2] == following_number
            row_end = glued or following_number in (number, None) or next_is_own_title
        elif following[0].isspace() or following[0] in ",;.:)]/”\"'-–" or following.startswith("ngày"):
            row_end = glued and not following.startswith(_TITLE_CONTINUES)
        else:
            row_end = True
        if not row_end:
            continue
        title = text[position:start]
        position = end
        if not title.strip() and rows and rows[-1][1] == number:
            rows[-1] = [rows[-1][0] + rows[-1][1], number]
            continue
        rows.append([title, number])
    if not rows and found:
        # No number cell could be told apart (the cell holds prose): keep the numbers it quotes.
        numbers = list(dict.fromkeys(number for _, _, number in found))
        whole = text.strip(" .,;:-–")
        rows = [[whole if len(numbers) == 1 and len(whole) <= 300 else "", number] for number in numbers]
    documents: list[LegalDocument] = []
    seen: set[str] = set()
    for title, number in rows:
        if not title.strip().endswith(number):
            title = re.sub(r"\.\s*(?:NĐ|TT|QĐ|NQ|TTLT)(?:\s+số)?\s*$", ".", _DOC_TYPE_TAIL.sub("", title))
        title = title.strip(" .,;:-–")
        if _DOC_TYPE_ONLY.fullmatch(title):
            title = f"{title} {number}"
        if number in seen:
            continue
        seen.add(number)
        documents.append(LegalDocument(number=number, title=None if not title or title == number else title))
    return documents


# ---------------------------------------------------------------------------------------------
# Results (ket_qua_xu_ly)

_RESULT_TAIL = re.compile(r"Từ khóa|Chọn cơ quan thực hiện|Tỉnh/ Thành phốBộ ngành|Nộp hồ sơ$")
_RESULT_CODE = re.compile(r"Mã:\s?(?:[A-Za-z0-9.\-_+]*\d|[A-Za-z]*?(?=[A-ZĐ][a-zà-ỹđ]|$))")


def split_results(cell: str) -> list[str]:
    """The papers a citizen receives: split at "Mã: KQ.G15.000031" codes, portal menu text dropped.

    Everything from "Từ khóa" (keywords, description, "Chọn cơ quan thực hiện" agency picker,
    "Nộp hồ sơ" button) is menu text. Placeholders ("Không có thông tin", "Chưa xác định") are
    dropped and duplicates removed.
    """
    text = clean_text(cell)
    last_code = text.rfind("Mã:")
    tail = _RESULT_TAIL.search(text, max(last_code, 0))
    if tail:
        text = text[: tail.start()]
    results = []
    for piece in _RESULT_CODE.split(text):
        piece = _strip_list_mark(piece).strip(" .;:")
        if piece and not is_placeholder(piece):
            results.append(piece)
    return _unique(results)


# ---------------------------------------------------------------------------------------------
# Levels, applicants, agencies

_LEVELS = (
    (re.compile(r"cap xa|xa, phuong"), Level.COMMUNE),
    (re.compile(r"cap huyen"), Level.DISTRICT),
    (re.compile(r"cap tinh"), Level.PROVINCE),
    (re.compile(r"cap bo|trung uong"), Level.MINISTRY),
    (re.compile(r"co quan khac|khac"), Level.OTHER),
)


def parse_levels(cell: str) -> list[Level]:
    """ "Cấp bộ, Cấp tỉnh, Cấp xã, Cơ quan khác" -> [ministry, province, commune, other] (in order, unique)."""
    levels: list[Level] = []
    for part in clean_text(cell).split(","):
        folded = fold(part)
        for pattern, level in _LEVELS:
            if pattern.search(folded) and level not in levels:
                levels.append(level)
                break
    return levels


def _split_names(cell: str) -> list[str]:
    """Split a list of names at commas/semicolons outside parentheses that start a capitalised name.

    "Cán bộ, công chức, viên chức" and "Ủy ban nhân dân xã, phường, thị trấn" stay whole because
    the parts after their commas start in lower case.
    """
    text = clean_text(cell)
    if is_placeholder(text):
        return []
    names: list[str] = []
    for part in _split_top_level(text):
        part = part.strip()
        if names and (not part or not (part[0].isupper() or part[0].isdigit())):
            names[-1] = f"{names[-1]}, {part}" if part else names[-1]
        else:
            names.append(part)
    cleaned = (_strip_bullet(name).strip(" .") for name in names)
    return _unique(name for name in cleaned if name and not is_placeholder(name))


def split_applicants(cell: str) -> list[str]:
    """Who may apply: "Công dân Việt Nam, Tổ chức (không bao gồm doanh nghiệp, HTX), Cán bộ, công chức, viên chức"."""
    return _split_names(cell)


def split_agencies(cell: str) -> list[str]:
    """Who carries the procedure out, one agency per item ("Sở Tư pháp", "Ủy ban nhân dân xã, phường, thị trấn")."""
    return _split_names(cell)


# ---------------------------------------------------------------------------------------------
# Steps and conditions

_INLINE_BREAK = re.compile(
    r"(?<=[.;:!?])\s+(?=(?:[-+•*]\s|Bước\s*\d|\d{1,2}[.)]\s|[a-zđ]\)\s|\((?:[ivx]+|\d{1,2}|[a-zđ])\)\s))"
)
_LINE_MARK = re.compile(r"^(?:[-+•*–]|Bước\s*\d|\d{1,2}[.)]|[a-zđ]\)|\((?:[ivx]+|\d{1,2}|[a-zđ])\))")


_BARE_STEP = re.compile(r"(?:Bước\s*\d{1,2}|\d{1,2}|[a-zđ])\s*[.:)]?")


def _split_items(cell: str) -> list[str]:
    """Lines, split again at inline bullets/numbering; wrapped lines (starting in lower case) are joined."""
    text = clean_text(cell, keep_lines=True)
    if not text or is_placeholder(text):
        return []
    lines: list[str] = []
    for line in text.split("\n"):
        if lines and line[:1].islower() and not _LINE_MARK.match(line) and not lines[-1].endswith((".", ";", ":")):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    items: list[str] = []
    heading = ""
    for line in lines:
        for piece in _INLINE_BREAK.split(line):
            piece = _strip_bullet(piece)
            if _BARE_STEP.fullmatch(piece):  # "Bước 1." alone: join it to what follows
                heading = f"{heading} {piece}".strip()
                continue
            if piece and re.search(r"[^\W\d_]", piece) and not is_placeholder(piece):
                items.append(f"{heading} {piece}" if heading else piece)
                heading = ""
    if heading:
        items.append(heading)
    return _unique(items)


def split_steps(cell: str) -> list[str]:
    """The steps of ``trinh_tu_thuc_hien``: one item per line, bullet ("- ", "+ ") or numbering ("Bước 2:",
    "a)", "(ii)") even when run inline after a sentence end; list marks trimmed, placeholders dropped."""
    return _split_items(cell)


def split_conditions(cell: str) -> list[str]:
    """The conditions of ``yeu_cau_dieu_kien``, split like steps; "Không có thông tin" / "Không" give []."""
    return _split_items(cell)


# ---------------------------------------------------------------------------------------------
# Variant families

# Each rule finds a variant phrase in the folded name; group "cut" is removed from the family
# key, and the original words of group "label" (default: "cut") describe the variant.
_VARIANT_RULES = (
    # what is done to the paper: first issue, re-issue, exchange, extension, change
    re.compile(
        r"^(?P<cut>(?:(?:cap lan dau|cap moi|cap doi|cap lai|cap|doi(?= (?:giay|the|bang|so|ho chieu))|gia han"
        r"|dieu chinh|sua doi, bo sung|sua doi bo sung|sua doi|bo sung)(?:\s*(?:,|;|/|va|hoac)\s*|\s+))+)"
    ),
    re.compile(r"(?P<label>dang ky (?P<cut>lai|lan dau|moi))\b"),
    re.compile(r"\(\s*(?P<cut>cap moi|cap lai|cap doi|gia han|dieu chinh|lan dau)\s*\)"),
    re.compile(r"(?<![a-z])(?P<cut>lan dau)(?![a-z])"),
    # age group
    re.compile(
        r"(?P<cut>(?:cho |doi voi )?(?:nguoi |cong dan viet nam |cong dan |tre em |tre )?"
        r"(?:duoi|chua du|tu du|tu|tren|du) \d+ tuoi(?: tro len| tro xuong)?)"
    ),
    # foreign element
    re.compile(r"(?P<cut>co yeu to nuoc ngoai|tai khu vuc bien gioi)"),
    # level of government
    re.compile(
        r"(?P<cut>\(?\s*(?:thuc hien\s+)?(?:tai\s+|o\s+)?cap\s+(?:tinh|xa|huyen|bo|tw|trung uong)"
        r"(?:\s*,\s*cap\s+(?:tinh|xa|huyen|bo|trung uong))*\s*\)?)"
    ),
    re.compile(r"(?P<cut>\(\s*(?:thuc hien\s+)?(?:tai\s+)?(?:trung uong|tw|dia phuong)\s*\))"),
    # online channel variants
    re.compile(r"(?P<cut>truc tuyen (?:toan trinh|mot phan))"),
)
_MAX_KEY = 80


def variant_family(name: str) -> tuple[str | None, str | None]:
    """Family key and variant label of a procedure name.

    Rules, applied to the name folded to plain ASCII (leading "Thủ tục" removed):
      1. A leading act on a paper ("Cấp", "Cấp lần đầu", "Cấp mới", "Cấp đổi", "Cấp lại", "Đổi"
         a card/licence/book, "Gia hạn", "Điều chỉnh", "Sửa đổi, bổ sung", also in lists such as
         "Cấp, cấp lại") is removed; so are "lại"/"lần đầu"/"mới" after "đăng ký", "(cấp mới)"-style
         parentheses and "lần đầu" anywhere.
      2. Age groups ("cho người dưới 14 tuổi", "từ đủ 14 tuổi trở lên") are removed.
      3. Foreign element ("có yếu tố nước ngoài", "tại khu vực biên giới") is removed.
      4. The level of government ("(cấp tỉnh)", "thực hiện tại cấp trung ương", "cấp Bộ", "(TW)") is removed.
      5. "trực tuyến toàn trình / một phần" is removed.
    The key is the remaining words joined by "-" (long keys are cut to 80 characters with a short
    hash of the rest, so they stay distinct); the label is the removed phrases in their original
    words, joined by ", " (None when nothing was removed). An empty name gives (None, None).
    Procedures whose names differ only by such phrases therefore share a key.
    """
    text = clean_text(name)
    text = re.sub(r"^thủ tục\s+", "", text, flags=re.IGNORECASE)
    if not text:
        return None, None
    folded = fold(text)
    if len(folded) != len(text):  # fold is length-preserving on NFC text; be safe otherwise
        folded = "".join(fold(char)[:1] or " " for char in text)
    removed = [False] * len(folded)
    labels: list[tuple[int, str]] = []
    for rule in _VARIANT_RULES:
        for match in rule.finditer(folded):
            start, end = match.span("cut")
            if any(removed[start:end]):
                continue
            for index in range(start, end):
                removed[index] = True
            has_label = "label" in rule.groupindex and match.group("label")
            label_start, label_end = match.span("label") if has_label else (start, end)
            label = text[label_start:label_end].strip(" ,;/()").strip()
            label = re.sub(r"\s*(?:,|;|/)\s*$|\s+(?:và|hoặc)$", "", label)
            if label:
                labels.append((label_start, label[0].lower() + label[1:]))
    remaining = "".join(" " if gone else char for char, gone in zip(folded, removed))
    words = re.findall(r"[a-z0-9]+", remaining)
    if not words:
        words = re.findall(r"[a-z0-9]+", folded)
        labels = []
    key = "-".join(words)
    if len(key) > _MAX_KEY:
        digest = hashlib.sha1(key.encode()).hexdigest()[:8]
        key = f"{key[: _MAX_KEY - 9].rstrip('-')}-{digest}"
    variant = ", ".join(label for _, label in sorted(labels)) or None
    return key, variant
