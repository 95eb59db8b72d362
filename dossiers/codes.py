"""Dossier codes as one-stop systems print them (000.00.04.H51-200221-0001) and as people retype them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from vntext.patterns import DOSSIER_CODE

_PARTS = re.compile(
    r"^(\d{3})[.\s]?(\d{2})[.\s]?(\d{2})[.\s]?([a-z])(\d{2})[-\s.]?(\d{6})[-\s.]?(\d{4})$", re.IGNORECASE
)
_TOKEN = re.compile(r"[\w.\-]+")

EXAMPLE = "000.00.04.H51-200221-0001"


@dataclass(frozen=True)
class DossierCode:
    """A parsed dossier code: receiving unit, date received and sequence number."""

    unit: str  # "000.00.04.H51"
    received: dt.date
    sequence: str  # "0001"

    def __str__(self) -> str:
        return f"{self.unit}-{self.received:%y%m%d}-{self.sequence}"


def parse_dossier_code(text: str) -> DossierCode | None:
    """The code in canonical form, or None when ``text`` is not a well-formed code."""
    match = _PARTS.match(text.strip())
    if match is None:
        return None
    a, b, c, letter, province, date, sequence = match.groups()
    try:
        received = dt.datetime.strptime(date, "%y%m%d").date()
    except ValueError:
        return None
    return DossierCode(f"{a}.{b}.{c}.{letter.upper()}{province}", received, sequence)


def find_dossier_code(text: str) -> DossierCode | None:
    """The first well-formed dossier code in a message."""
    for match in DOSSIER_CODE.finditer(text or ""):
        code = parse_dossier_code(match.group())
        if code is not None:
            return code
    return None


def looks_like_a_code(text: str) -> bool:
    """True when a message holds something code-like that is not a valid dossier code."""
    if find_dossier_code(text) is not None:
        return False
    for token in _TOKEN.findall(text or ""):
        digits = sum(char.isdigit() for char in token)
        if digits >= 6 and ("-" in token or any(char.isalpha() for char in token)):
            return True
    return False
