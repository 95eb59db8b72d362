"""Office hours: sessions of the week, lunch break, Vietnam's public holidays and Tết."""

from __future__ import annotations

import datetime as dt

import pytest

from handoff.office_hours import VIETNAM, OfficeHours, holiday_name

HOURS = OfficeHours()  # the default: Monday–Friday 7:30–11:30 and 13:30–17:00


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=VIETNAM)


@pytest.mark.parametrize(("moment", "open_"), [
    ("2026-12-01 07:30", True),  # a Tuesday, at opening
    ("2026-12-01 07:29", False),
    ("2026-12-01 12:15", False),  # lunch break
    ("2026-12-01 16:59", True),
    ("2026-12-01 17:00", False),
    ("2026-12-05 09:00", False),  # Saturday
    ("2027-02-08 09:00", False),  # a Monday in Tết
    ("2027-09-02 09:00", False),  # National Day
])
def test_the_default_office_is_open_on_working_days_in_its_sessions_only(moment, open_):
    assert HOURS.is_open(at(moment)) is open_


def test_a_moment_in_another_time_zone_is_read_in_vietnam_time():
    assert HOURS.is_open(dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.timezone.utc))  # 8:00 in Hà Nội


def test_after_hours_on_friday_the_next_opening_is_monday_morning():
    assert HOURS.next_opening(at("2026-12-04 17:30")) == at("2026-12-07 07:30")


def test_the_lunch_break_reopens_the_same_afternoon():
    assert HOURS.next_opening(at("2026-12-01 11:45")) == at("2026-12-01 13:30")
    assert HOURS.describe_opening(at("2026-12-01 11:45")) == "13:30 chiều hôm nay"


def test_during_tet_the_next_opening_is_after_the_holiday():
    assert holiday_name(dt.date(2027, 2, 6)) == "Tết Nguyên Đán"
    assert HOURS.next_opening(at("2027-02-03 18:00")) == at("2027-02-11 07:30")
    assert HOURS.describe_opening(at("2027-02-03 18:00")) == "7:30 sáng thứ Năm, 11/02/2027"


def test_an_office_may_also_open_on_saturday_morning():
    hours = OfficeHours.parse("mon-fri 07:30-11:30 13:30-17:00; sat 07:30-11:30")
    assert hours.is_open(at("2026-12-05 09:00")) and not hours.is_open(at("2026-12-05 14:00"))


@pytest.mark.parametrize("bad", ["", "mon-fri", "mon-fri 7h30-11h30", "fri-mon 07:30-11:30", "mon 11:30-07:30",
                                 "thu2 07:30-11:30"])
def test_office_hours_that_make_no_sense_are_refused_with_a_reason(bad):
    with pytest.raises(ValueError):
        OfficeHours.parse(bad)


def test_the_current_session_began_at_its_opening_and_there_is_none_at_lunch():
    assert HOURS.session_start(at("2026-12-01 15:10")) == at("2026-12-01 13:30")
    assert HOURS.session_start(at("2026-12-01 12:00")) is None
