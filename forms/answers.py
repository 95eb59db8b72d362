"""Reading one answer of a given field type: what the person typed becomes a clean value, or a plain
Vietnamese explanation of what is wrong. Pure functions; ``today`` is passed in."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from forms import messages
from forms.schema import FieldSpec
from vntext import fold, has_diacritics

# Province codes that start a 12-digit personal identification number (số định danh cá nhân).
PROVINCE_CODES = frozenset({
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024",
    "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
    "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070",
    "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
    "094", "095", "096"})
YES = frozenset({"yes", "co", "co a", "co nhe", "co chu", "u", "uh", "um", "vang", "vang a", "da", "da co", "dung",
                 "dung roi", "dong y", "ok", "oke", "okay", "y", "co ghi", "co thong tin"})
NO = frozenset({"no", "khong", "khong a", "ko", "k", "kh", "khong co", "khong ghi", "chua", "chua co", "n", "khong nhe"})
NUMBER_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
                "muoi": 10}
# Syllables of Vietnamese names that are never written without a diacritic: a name made only of
# unaccented letters that holds one of them was typed without diacritics. ("Thu", "Linh", "Thanh",
# "My", "Hai" are names as they are, so they are not here.)
ACCENTED_NAME_SYLLABLES = frozenset({
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "vu", "vo", "dang", "bui", "do", "ho", "ngo", "duong",
    "ly", "dinh", "thi", "van", "duc", "quoc", "thuy", "ngoc", "tuan", "dung", "hung", "thao", "trang",
    "huong", "phuong", "hien", "hieu", "khoa", "khanh", "tu", "quynh", "nhung"})

# Words of a sentence, never of a name: "tôi muốn điền tờ khai" is not a name to capitalise.
NOT_NAME_WORDS = frozenset({"tôi", "muốn", "điền", "tờ", "khai", "làm", "giúp", "của", "nhé", "ạ", "không", "gì",
                            "sao", "vậy", "mình", "em", "bạn", "cần", "hỏi", "được", "là"})


@dataclass(frozen=True)
class Accepted:
    value: str  # what the draft keeps (dates as YYYY-MM-DD, choices by their key, "yes"/"no")


@dataclass(frozen=True)
class Refused:
    reason: str  # said to the person, in Vietnamese


Reading = Accepted | Refused


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text or "")).strip()


def folded_words(text: str) -> str:
    """Lower case, no diacritics, punctuation as spaces: "Có ạ!" -> "co a"."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(clean(text))).split())


def read(spec: FieldSpec, text: str, today: date) -> Reading:
    text = clean(text)
    if not text:
        return Refused(messages.EMPTY_ANSWER)
    reader = _READERS[spec.type]
    reading = reader(spec, text, today)
    if isinstance(reading, Accepted) and spec.rules.pattern and spec.type in ("text", "address"):
        if not re.fullmatch(spec.rules.pattern, reading.value):
            return Refused(spec.rules.pattern_hint or messages.PATTERN_MISMATCH)
    return reading


def shown(spec: FieldSpec, value: str | None) -> str:
    """An answer as the person reads it (and as the PDF prints it)."""
    if value is None:
        return ""
    if spec.type == "date":
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    if spec.type == "yes_no":
        return "Có" if value == "yes" else "Không"
    if spec.type == "choice":
        return next((choice.label for choice in spec.choices if choice.value == value), value)
    return value


def date_in_words(value: str) -> str:
    day = date.fromisoformat(value)
    return f"ngày {_number_words(day.day)} tháng {_number_words(day.month)} năm {_number_words(day.year)}"


def name_lacks_diacritics(value: str) -> bool:
    """A name typed without its diacritics ("Nguyen Van An"), which the form must not print."""
    return not has_diacritics(value) and any(word in ACCENTED_NAME_SYLLABLES for word in fold(value).split())


# --- readers, one per field type --------------------------------------------------------------------------

def _text(spec: FieldSpec, text: str, today: date) -> Reading:
    return _length(spec, text, default_max=300)


def _address(spec: FieldSpec, text: str, today: date) -> Reading:
    if len(text) < 5 or not re.search(r"[^\W\d_]", text):
        return Refused(messages.ADDRESS_TOO_SHORT)
    return _length(spec, text, default_max=300)


def _name(spec: FieldSpec, text: str, today: date) -> Reading:
    words = text.replace("?", " ? ").split()
    if any(not re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", word) for word in words):
        return Refused(messages.NAME_LETTERS_ONLY)
    if len(words) > 7 or len(text) > 60:
        return Refused(messages.NAME_TOO_LONG)
    if any(word.lower() in NOT_NAME_WORDS for word in words):
        return Refused(messages.NAME_NOT_A_NAME)
    return Accepted(" ".join(word[:1].upper() + word[1:].lower() for word in words))


def _date(spec: FieldSpec, text: str, today: date) -> Reading:
    folded = folded_words(text.replace("/", " / ").replace("-", " - ").replace(".", " . "))
    numbers = None
    spoken = re.search(r"(?:ngay|mung|mong)?\s*(\d{1,2})\s*,?\s*thang\s*(\d{1,2})\s*,?\s*nam\s*(\d{2,4})\b", folded)
    written = re.search(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})\b", fold(text))
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso:
        numbers = (int(iso.group(3)), int(iso.group(2)), iso.group(1))
    elif spoken or written:
        found = spoken or written
        numbers = (int(found.group(1)), int(found.group(2)), found.group(3))
    if numbers is None:
        return Refused(messages.DATE_FORMAT)
    day_number, month, year_text = numbers
    if len(year_text) != 4:
        return Refused(messages.DATE_YEAR_DIGITS)
    try:
        value = date(int(year_text), month, day_number)
    except ValueError:
        return Refused(messages.DATE_IMPOSSIBLE.format(text=f"{day_number:02d}/{month:02d}/{year_text}"))
    rules = spec.rules
    if rules.not_future and value > today:
        return Refused(messages.DATE_IN_FUTURE.format(today=today.strftime("%d/%m/%Y")))
    if rules.min_year and value.year < rules.min_year:
        return Refused(messages.DATE_TOO_OLD.format(year=rules.min_year))
    if rules.max_age_years and (today.year - value.year) > rules.max_age_years:
        return Refused(messages.DATE_TOO_OLD.format(year=today.year - rules.max_age_years))
    return Accepted(value.isoformat())


def _id_number(spec: FieldSpec, text: str, today: date) -> Reading:
    digits = re.sub(r"[\s.\-]", "", text)
    if not digits.isdigit():
        return Refused(messages.ID_DIGITS_ONLY)
    if len(digits) == 9:
        return Refused(messages.ID_OLD_NINE_DIGITS)
    if len(digits) != 12:
        return Refused(messages.ID_LENGTH.format(count=len(digits)))
    if digits[:3] not in PROVINCE_CODES:
        return Refused(messages.ID_PROVINCE)
    return Accepted(digits)


def _phone(spec: FieldSpec, text: str, today: date) -> Reading:
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not digits.isdigit():
        return Refused(messages.PHONE_FORMAT)
    mobile = len(digits) == 10 and digits[:2] in ("03", "05", "07", "08", "09")
    landline = len(digits) == 11 and digits.startswith("02")
    if not (mobile or landline):
        return Refused(messages.PHONE_FORMAT)
    return Accepted(digits)


def _email(spec: FieldSpec, text: str, today: date) -> Reading:
    if not re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", text) or len(text) > 120:
        return Refused(messages.EMAIL_FORMAT)
    return Accepted(text.lower())


def _yes_no(spec: FieldSpec, text: str, today: date) -> Reading:
    words = folded_words(text)
    if words in YES:
        return Accepted("yes")
    if words in NO:
        return Accepted("no")
    return Refused(messages.YES_NO)


def _choice(spec: FieldSpec, text: str, today: date) -> Reading:
    words = folded_words(text)
    for choice in spec.choices:
        names = {choice.value, folded_words(choice.value), folded_words(choice.label),
                 *(folded_words(alias) for alias in choice.aliases)}
        if words in names:
            return Accepted(choice.value)
    if words.isdigit() and 1 <= int(words) <= len(spec.choices):
        return Accepted(spec.choices[int(words) - 1].value)
    padded = f" {words} "
    # a choice named inside a sentence ("tôi muốn xóa đăng ký thường trú"): the longest name wins, so
    # "xóa đăng ký thường trú" is not read as "đăng ký thường trú"
    named = sorted(((len(name), choice.value) for choice in spec.choices
                    for name in [folded_words(choice.label), *(folded_words(alias) for alias in choice.aliases)]
                    if name and f" {name} " in padded), reverse=True)
    if named and (len(named) == 1 or named[0][0] > named[1][0] or named[0][1] == named[1][1]):
        return Accepted(named[0][1])
    options = ", ".join(f"{index}. {choice.label}" for index, choice in enumerate(spec.choices, 1))
    return Refused(messages.CHOICE_UNKNOWN.format(options=options))


def _number(spec: FieldSpec, text: str, today: date) -> Reading:
    words = folded_words(text)
    found = re.search(r"\d+", words)
    number = int(found.group()) if found else NUMBER_WORDS.get(words.split()[0] if words else "")
    if number is None:
        return Refused(messages.NUMBER_FORMAT)
    low, high = spec.rules.minimum, spec.rules.maximum
    if (low is not None and number < low) or (high is not None and number > high):
        return Refused(messages.NUMBER_RANGE.format(low=low if low is not None else 0, high=high if high is not None else "…"))
    return Accepted(str(number))


def _length(spec: FieldSpec, text: str, default_max: int) -> Reading:
    longest = spec.rules.max_length or default_max
    if len(text) > longest:
        return Refused(messages.TOO_LONG.format(limit=longest))
    if spec.rules.min_length and len(text) < spec.rules.min_length:
        return Refused(messages.TOO_SHORT.format(limit=spec.rules.min_length))
    return Accepted(text)


_READERS = {"text": _text, "address": _address, "name": _name, "date": _date, "id_number": _id_number,
            "phone": _phone, "email": _email, "yes_no": _yes_no, "choice": _choice, "number": _number}

_UNITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _number_words(number: int) -> str:
    """Vietnamese words for 0..9999, as written on civil-status papers ("hai nghìn không trăm hai mươi tư")."""
    if number < 10:
        return _UNITS[number]
    if number < 100:
        tens, unit = divmod(number, 10)
        head = "mười" if tens == 1 else f"{_UNITS[tens]} mươi"
        if unit == 0:
            return head
        tail = {1: "mốt" if tens > 1 else "một", 4: "tư" if tens > 1 else "bốn", 5: "lăm"}.get(unit, _UNITS[unit])
        return f"{head} {tail}"
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        if rest == 0:
            return f"{_UNITS[hundreds]} trăm"
        middle = f"{_UNITS[hundreds]} trăm"
        return f"{middle} lẻ {_UNITS[rest]}" if rest < 10 else f"{middle} {_number_words(rest)}"
    thousands, rest = divmod(number, 1000)
    head = f"{_UNITS[thousands]} nghìn"
    if rest == 0:
        return head
    if rest < 100:
        return f"{head} không trăm {'lẻ ' + _UNITS[rest] if rest < 10 else _number_words(rest)}"
    return f"{head} {_number_words(rest)}"
