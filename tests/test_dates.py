"""Human dates (`netinbox.services.dates`): due dates, cadences, ages and demo offsets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from netinbox.services.dates import (
    WhenError,
    age,
    next_occurrence,
    parse_cadence,
    parse_offset,
    parse_when,
    short_date,
    until,
)

# Sunday 1 March 2026, 09:00 UTC: the frozen "now" of the test suite (see conftest.FROZEN_NOW).
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=tz.UTC)
AFTERNOON = datetime(2026, 3, 1, 15, 42, 7, 123, tzinfo=tz.UTC)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FIXED_ZONES = [
    UTC,
    timezone(timedelta(hours=5, minutes=30)),
    timezone(timedelta(hours=-8)),
    timezone(timedelta(hours=14)),
    timezone(timedelta(hours=-12)),
]


def at9(year: int, month: int, day: int, zone=tz.UTC) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=zone)


# --- parse_when -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", at9(2026, 3, 1)),
        ("now", at9(2026, 3, 1)),
        ("tomorrow", at9(2026, 3, 2)),
        ("friday", at9(2026, 3, 6)),  # 2026-03-01 is a Sunday: the coming Friday
        ("fri", at9(2026, 3, 6)),
        ("  FRIDAY ", at9(2026, 3, 6)),
        ("this friday", at9(2026, 3, 6)),
        ("next friday", at9(2026, 3, 6)),  # the code reads "next friday" as the coming Friday
        ("sunday", at9(2026, 3, 8)),  # said on a Sunday: a week later, never today
        ("monday", at9(2026, 3, 2)),
        ("in 2 weeks", at9(2026, 3, 15)),
        ("2 weeks", at9(2026, 3, 15)),
        ("in 2 weeks from now", at9(2026, 3, 15)),
        ("2w", at9(2026, 3, 15)),
        ("a week", at9(2026, 3, 8)),
        ("next week", at9(2026, 3, 8)),
        ("in 3 days", at9(2026, 3, 4)),
        ("two days", at9(2026, 3, 3)),
        ("in a month", at9(2026, 4, 1)),
        ("next month", at9(2026, 4, 1)),
        ("in 1 year", at9(2027, 3, 1)),
        ("next year", at9(2027, 3, 1)),
        ("2026-12-01", at9(2026, 12, 1)),
        ("1 dec", at9(2026, 12, 1)),
        ("Dec 1", at9(2026, 12, 1)),
        ("1 dec 2027", at9(2027, 12, 1)),
        ("2026-03-01", at9(2026, 3, 1)),  # today is not the past
    ],
)
def test_parse_when_examples(text: str, expected: datetime) -> None:
    result = parse_when(text, NOW)
    assert result == expected
    assert result.tzinfo is not None
    assert result.utcoffset() == timedelta(0)


@pytest.mark.parametrize("zone", FIXED_ZONES, ids=str)
@pytest.mark.parametrize(
    "text", ["today", "tomorrow", "friday", "in 2 weeks", "2026-12-01", "1 dec"]
)
def test_parse_when_results_are_aware_in_the_zone_of_now(text: str, zone: timezone) -> None:
    now = NOW.astimezone(zone)
    result = parse_when(text, now)
    assert result.tzinfo is not None
    assert result.utcoffset() == now.utcoffset()
    assert (result.hour, result.minute, result.second, result.microsecond) == (9, 0, 0, 0)
    assert result.date() >= now.date()


def test_due_dates_land_at_nine_whatever_the_time_of_day() -> None:
    assert parse_when("today", AFTERNOON) == at9(2026, 3, 1)
    assert parse_when("tomorrow", AFTERNOON) == at9(2026, 3, 2)
    assert parse_when("in 3 days", AFTERNOON) == at9(2026, 3, 4)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 3, 2), date(2026, 3, 6)),  # Monday
        (date(2026, 3, 3), date(2026, 3, 6)),
        (date(2026, 3, 4), date(2026, 3, 6)),
        (date(2026, 3, 5), date(2026, 3, 6)),  # Thursday: tomorrow
        (date(2026, 3, 6), date(2026, 3, 13)),  # Friday itself: next week's, not today
        (date(2026, 3, 7), date(2026, 3, 13)),  # Saturday
        (date(2026, 3, 8), date(2026, 3, 13)),  # Sunday
    ],
)
def test_friday_on_each_day_of_the_week(today: date, expected: date) -> None:
    now = datetime.combine(today, datetime.min.time(), tzinfo=tz.UTC).replace(hour=16)
    assert parse_when("friday", now).date() == expected
    assert parse_when("next friday", now).date() == expected


@settings(max_examples=150)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(WEEKDAYS),
    st.booleans(),
    st.sampled_from(FIXED_ZONES),
)
def test_a_weekday_name_is_always_the_next_such_day(
    today: date, weekday: str, short: bool, zone: timezone
) -> None:
    now = datetime.combine(today, datetime.min.time(), tzinfo=zone).replace(hour=11)
    result = parse_when(weekday[:3] if short else weekday, now)
    assert result.weekday() == WEEKDAYS.index(weekday)
    assert 1 <= (result.date() - today).days <= 7
    assert result.utcoffset() == now.utcoffset()


def test_months_are_calendar_months() -> None:
    end_of_january = at9(2026, 1, 31)
    assert parse_when("in a month", end_of_january) == at9(2026, 2, 28)
    assert parse_when("in 1 year", at9(2028, 2, 29)) == at9(2029, 2, 28)


@pytest.mark.parametrize("text", ["2026-02-28", "2025-12-01", "28 feb 2026"])
def test_past_dates_are_refused(text: str) -> None:
    with pytest.raises(WhenError, match="in the past"):
        parse_when(text, NOW)


@pytest.mark.parametrize(
    ("text", "expected"), [("1 jan", date(2027, 1, 1)), ("28 feb", date(2027, 2, 28))]
)
def test_a_day_without_a_year_that_has_passed_means_next_year(text: str, expected: date) -> None:
    assert parse_when(text, NOW).date() == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "blah",
        "soon",
        "yesterday",
        "last friday",
        "in 2 fortnights",
        "next blursday",
        "in -2 days",
        "in 1000 days",
        "2026-13-01",
        "2026-02-30",
        "friday\x1b[2J",
        "🙂",
    ],
)
def test_garbage_is_refused_with_a_hint(text: str) -> None:
    with pytest.raises(WhenError) as info:
        parse_when(text, NOW)
    message = str(info.value)
    assert "\n" not in message
    assert "try" in message


def test_an_impossible_day_of_the_month_is_refused() -> None:
    with pytest.raises(WhenError):
        parse_when("32 dec", NOW)


_date_words = st.sampled_from(
    [
        "in",
        "next",
        "this",
        "friday",
        "fri",
        "dec",
        "jan",
        "1",
        "12",
        "31",
        "2026",
        "2099",
        "99",
        "999",
        "0",
        "a",
        "an",
        "two",
        "days",
        "weeks",
        "w",
        "month",
        "years",
        "from",
        "now",
        "today",
        "at",
        "9",
        ":",
        "pm",
        "utc",
        "+",
        "-",
        "T",
        "Z",
        "/",
        ".",
        ",",
        "of",
        "\x1b",
        "\x00",
    ]
)
_date_ish = st.one_of(
    st.text(),
    st.lists(_date_words, max_size=6).map(" ".join),
    st.lists(_date_words, max_size=8).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(
    _date_ish,
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2090, 12, 31),
        timezones=st.sampled_from(FIXED_ZONES),
    ),
)
def test_parse_when_returns_a_future_aware_date_or_raises_whenerror(
    text: str, now: datetime
) -> None:
    try:
        result = parse_when(text, now)
    except WhenError:
        return
    assert isinstance(result, datetime)
    assert result.tzinfo is not None and result.utcoffset() is not None
    assert result.date() >= now.date()


# --- parse_cadence --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("monthly", "every month"),
        ("quarterly", "every 3 months"),
        ("weekly", "every week"),
        ("daily", "every day"),
        ("fortnightly", "every 2 weeks"),
        ("yearly", "every year"),
        ("annually", "every year"),
        ("every 2 weeks", "every 2 weeks"),
        ("Every  2   Weeks", "every 2 weeks"),
        ("every week", "every week"),
        ("every 1 month", "every month"),
        ("every 3 months", "every 3 months"),
        ("every 12 months", "every 12 months"),
        ("every 2 year", "every 2 years"),
        ("", ""),
        ("   ", ""),
        ("none", ""),
        ("-", ""),
    ],
)
def test_parse_cadence(text: str, expected: str) -> None:
    assert parse_cadence(text) == expected
    assert parse_cadence(expected) == expected  # a normalised cadence reads back as itself


@pytest.mark.parametrize(
    "text",
    [
        "sometimes",
        "every",
        "every 0 days",
        "every 100 days",
        "every fortnight",
        "biweekly",
        "every -1 weeks",
        "3 months",
    ],
)
def test_parse_cadence_refuses_garbage(text: str) -> None:
    with pytest.raises(WhenError):
        parse_cadence(text)


# --- next_occurrence ------------------------------------------------------------------------------


def test_next_occurrence_without_a_cadence_is_none() -> None:
    assert next_occurrence("", NOW) is None
    assert next_occurrence("none", NOW) is None


@pytest.mark.parametrize(
    ("cadence", "expected"),
    [
        ("every day", at9(2026, 3, 2)),
        ("weekly", at9(2026, 3, 8)),
        ("every 2 weeks", at9(2026, 3, 15)),
        ("monthly", at9(2026, 4, 1)),
        ("quarterly", at9(2026, 6, 1)),
        ("every year", at9(2027, 3, 1)),
    ],
)
def test_next_occurrence(cadence: str, expected: datetime) -> None:
    result = next_occurrence(cadence, NOW)
    assert result == expected
    assert result > NOW
    assert result.utcoffset() == NOW.utcoffset()


def test_next_occurrence_refuses_a_bad_cadence() -> None:
    with pytest.raises(WhenError):
        next_occurrence("sometimes", NOW)


@pytest.mark.parametrize(
    ("cadence", "after", "expected"),
    [
        ("monthly", at9(2026, 1, 31), at9(2026, 2, 28)),
        ("quarterly", at9(2026, 11, 30), at9(2027, 2, 28)),
        ("yearly", at9(2028, 2, 29), at9(2029, 2, 28)),
    ],
)
def test_next_occurrence_at_the_end_of_a_month(
    cadence: str, after: datetime, expected: datetime
) -> None:
    assert next_occurrence(cadence, after) == expected


# --- age, until, short_date -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(0), "now"),
        (timedelta(seconds=59), "now"),
        (timedelta(seconds=60), "1m"),
        (timedelta(minutes=35), "35m"),
        (timedelta(seconds=3599), "59m"),
        (timedelta(hours=1), "1h"),
        (timedelta(hours=5, minutes=59), "5h"),
        (timedelta(seconds=86399), "23h"),
        (timedelta(days=1), "1d"),
        (timedelta(days=3, hours=23), "3d"),
        (timedelta(days=99), "99d"),
        (timedelta(days=100), "14w"),
        (timedelta(days=77 * 7), "77w"),
        (-timedelta(hours=3), "now"),  # a clock skew never shows a negative age
    ],
)
def test_age(delta: timedelta, expected: str) -> None:
    assert age(NOW - delta, NOW) == expected


def test_age_across_time_zones_is_by_instant() -> None:
    since = (NOW - timedelta(hours=2)).astimezone(timezone(timedelta(hours=9)))
    assert age(since, NOW) == "2h"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (NOW, "today"),
        (NOW.replace(hour=23, minute=59), "today"),
        (NOW.replace(hour=0), "today"),
        (at9(2026, 3, 4), "in 3d"),
        (at9(2026, 3, 2), "in 1d"),
        (at9(2026, 2, 27), "2d overdue"),
        (at9(2025, 3, 1), "365d overdue"),
    ],
)
def test_until(moment: datetime, expected: str) -> None:
    assert until(moment, NOW) == expected


def test_until_counts_days_in_the_zone_of_now() -> None:
    # 2026-03-02 01:00 at +14:00 is 2026-03-01 11:00 UTC: later today for a user in UTC.
    moment = datetime(2026, 3, 2, 1, 0, tzinfo=timezone(timedelta(hours=14)))
    assert until(moment, NOW) == "today"


def test_short_date() -> None:
    assert short_date(at9(2026, 3, 6), NOW) == "Fri 06 Mar"
    assert short_date(at9(2027, 3, 6), NOW) == "06 Mar 2027"
    # shown in the zone of now: 01:00 on the 7th at +14:00 is still the 6th in UTC
    assert (
        short_date(datetime(2026, 3, 7, 1, 0, tzinfo=timezone(timedelta(hours=14))), NOW)
        == "Fri 06 Mar"
    )


# --- parse_offset ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("-3d", -timedelta(days=3)),
        ("+5d", timedelta(days=5)),
        ("-2h", -timedelta(hours=2)),
        ("-30m", -timedelta(minutes=30)),
        ("+1d4h", timedelta(days=1, hours=4)),
        ("-1d2h3m", -timedelta(days=1, hours=2, minutes=3)),
        (" -5d22h ", -timedelta(days=5, hours=22)),
        ("-0d", timedelta(0)),
    ],
)
def test_parse_offset(text: str, delta: timedelta) -> None:
    result = parse_offset(text, NOW)
    assert result == NOW + delta
    assert result.tzinfo is NOW.tzinfo


@pytest.mark.parametrize("text", ["", "-", "+", "3d", "-3x", "+d", "-4h3d", "- 3d", "-3 d", "--3d"])
def test_parse_offset_refuses_bad_text(text: str) -> None:
    with pytest.raises(ValueError, match="bad relative time"):
        parse_offset(text, NOW)
