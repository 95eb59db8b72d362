"""When an office's officers answer: weekly sessions, Vietnam's public holidays (Tết included, from the
``holidays`` package), in Vietnam's time zone.

Sessions are written as ``"mon-fri 07:30-11:30 13:30-17:00; sat 07:30-11:30"``: day ranges or days
(mon tue wed thu fri sat sun), then one or more ``HH:MM-HH:MM`` sessions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_SESSIONS = "mon-fri 07:30-11:30 13:30-17:00"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_SESSION = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")

Session = tuple[dt.time, dt.time]


@lru_cache(maxsize=8)
def _holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("VN", years=year, language="vi"))


def holiday_name(day: dt.date) -> str | None:
    """The public holiday on ``day`` (Vietnamese name), or None for a working day."""
    return _holidays(day.year).get(day)


def _days(spec: str) -> list[int]:
    first, _, last = spec.partition("-")
    if first not in DAYS or (last and last not in DAYS):
        raise ValueError(f"unknown day in {spec!r}: use {', '.join(DAYS)}")
    start, end = DAYS.index(first), DAYS.index(last or first)
    if end < start:
        raise ValueError(f"day range {spec!r} runs backwards")
    return list(range(start, end + 1))


def _session(spec: str) -> Session:
    match = _SESSION.match(spec)
    if not match:
        raise ValueError(f"session {spec!r} is not HH:MM-HH:MM")
    h1, m1, h2, m2 = map(int, match.groups())
    opens, closes = dt.time(h1, m1), dt.time(h2, m2)
    if closes <= opens:
        raise ValueError(f"session {spec!r} closes before it opens")
    return opens, closes


@dataclass(frozen=True)
class OfficeHours:
    """Weekly sessions of one office (index 0 = Monday); public holidays are always closed."""

    week: tuple[tuple[Session, ...], ...] = field(default_factory=lambda: OfficeHours.parse(DEFAULT_SESSIONS).week)
    zone: ZoneInfo = VIETNAM

    @classmethod
    def parse(cls, text: str, zone: ZoneInfo = VIETNAM) -> OfficeHours:
        week: list[list[Session]] = [[] for _ in DAYS]
        for part in filter(None, (p.strip().lower() for p in text.split(";"))):
            days, *sessions = part.split()
            if not sessions:
                raise ValueError(f"{part!r} names days but no HH:MM-HH:MM session")
            for day in _days(days):
                week[day].extend(_session(s) for s in sessions)
        if not any(week):
            raise ValueError("office hours need at least one session")
        return cls(tuple(tuple(sorted(day)) for day in week), zone)

    def local(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(self.zone) if moment.tzinfo else moment.replace(tzinfo=self.zone)

    def is_open(self, moment: dt.datetime) -> bool:
        now = self.local(moment)
        if holiday_name(now.date()):
            return False
        return any(opens <= now.time() < closes for opens, closes in self.week[now.weekday()])

    def session_start(self, moment: dt.datetime) -> dt.datetime | None:
        """When the session ``moment`` falls in began; None when the office is closed then."""
        now = self.local(moment)
        if holiday_name(now.date()):
            return None
        for opens, closes in self.week[now.weekday()]:
            if opens <= now.time() < closes:
                return dt.datetime.combine(now.date(), opens, tzinfo=self.zone)
        return None

    def next_opening(self, moment: dt.datetime) -> dt.datetime:
        """The next moment the office opens (``moment`` itself when it is open)."""
        now = self.local(moment)
        if self.is_open(now):
            return now
        for ahead in range(0, 60):  # Tết and a weekend together are under two weeks
            day = now.date() + dt.timedelta(days=ahead)
            if holiday_name(day):
                continue
            for opens, _ in self.week[day.weekday()]:
                start = dt.datetime.combine(day, opens, tzinfo=self.zone)
                if start > now:
                    return start
        raise ValueError("no opening in the next 60 days: check the office hours")

    def describe_opening(self, moment: dt.datetime) -> str:
        """"7:30 sáng thứ Hai, 08/02/2027" for the next opening, in plain Vietnamese."""
        opening = self.next_opening(moment)
        part = "sáng" if opening.hour < 12 else "chiều"
        when = f"{opening.hour}:{opening.minute:02d} {part} {WEEKDAY_VI[opening.weekday()]}, {opening:%d/%m/%Y}"
        now = self.local(moment)
        if opening.date() == now.date():
            return f"{opening.hour}:{opening.minute:02d} {part} hôm nay"
        return when
