"""Dates people type (`netinbox.services.dates`): due dates, "friday" vs "next friday", past dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from netinbox.services.dates import (
    WHEN_RULE,
    WhenError,
    describe_when,
    parse_past,
    parse_when,
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
        ("next friday", at9(2026, 3, 13)),  # the Friday after the coming one
        ("next fri", at9(2026, 3, 13)),
        ("thurs", at9(2026, 3, 5)),
        ("next sunday", at9(2026, 3, 15)),
        ("sunday", at9(2026, 3, 8)),  # said on a Sunday: a week later, never today
        ("monday", at9(2026, 3, 2)),
        ("in 2 weeks", at9(2026, 3, 15)),
        ("in 10 days", at9(2026, 3, 11)),
        ("24 dec", at9(2026, 12, 24)),
        ("2026-12-24", at9(2026, 12, 24)),
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
def test_friday_and_next_friday_on_each_day_of_the_week(today: date, expected: date) -> None:
    now = datetime.combine(today, datetime.min.time(), tzinfo=tz.UTC).replace(hour=16)
    assert parse_when("friday", now).date() == expected
    assert parse_when("this friday", now).date() == expected
    assert parse_when("next friday", now).date() == expected + timedelta(days=7)


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
    later = parse_when(f"next {weekday}", now)
    assert later - result == timedelta(days=7)  # "friday" and "next friday" never coincide


def test_the_rule_for_weekdays_is_stated_for_the_help() -> None:
    assert '"next friday"' in WHEN_RULE and "never today" in WHEN_RULE
    assert "\n" not in WHEN_RULE


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
        "last fri",
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


# Any instant of this century, in a zone with a fixed offset.
_any_moment = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2090, 12, 31),
    timezones=st.sampled_from(FIXED_ZONES),
)


@settings(max_examples=400, deadline=None)
@given(
    _date_ish,
    _any_moment,
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


# --- describe_when --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at9(2026, 3, 1), "Sun 01 Mar 2026 (today)"),
        (at9(2026, 3, 2), "Mon 02 Mar 2026 (tomorrow)"),
        (at9(2026, 3, 4), "Wed 04 Mar 2026 (in 3 days)"),
        (at9(2027, 1, 1), "Fri 01 Jan 2027 (in 306 days)"),
        (at9(2026, 2, 28), "Sat 28 Feb 2026 (yesterday)"),
        (at9(2026, 2, 20), "Fri 20 Feb 2026 (9 days ago)"),
    ],
)
def test_describe_when(moment: datetime, expected: str) -> None:
    assert describe_when(moment, NOW) == expected


def test_describe_when_shows_the_day_in_the_zone_of_now() -> None:
    moment = datetime(2026, 3, 2, 1, 0, tzinfo=timezone(timedelta(hours=14)))
    assert describe_when(moment, NOW) == "Sun 01 Mar 2026 (today)"


def test_friday_and_next_friday_describe_different_days() -> None:
    assert describe_when(parse_when("friday", NOW), NOW) == "Fri 06 Mar 2026 (in 5 days)"
    assert describe_when(parse_when("next friday", NOW), NOW) == "Fri 13 Mar 2026 (in 12 days)"


# --- parse_past -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", NOW),
        ("now", NOW),
        ("yesterday", at9(2026, 2, 28)),
        ("3 days ago", NOW - timedelta(days=3)),
        ("a week ago", NOW - timedelta(weeks=1)),
        ("2 hours ago", NOW - timedelta(hours=2)),
        ("last monday", at9(2026, 2, 23)),
        ("monday", at9(2026, 2, 23)),
        ("sunday", at9(2026, 2, 22)),  # said on a Sunday: the one before, never today
        ("last sun", at9(2026, 2, 22)),
        ("saturday", at9(2026, 2, 28)),
        ("2026-02-20", at9(2026, 2, 20)),
        ("20 nov", at9(2025, 11, 20)),  # a day without a year not yet come: last year's
        ("20 feb", at9(2026, 2, 20)),
        ("2026-03-01", NOW),
    ],
)
def test_parse_past_examples(text: str, expected: datetime) -> None:
    result = parse_past(text, NOW)
    assert result == expected
    assert result <= NOW


def test_parse_past_today_in_the_early_morning_is_not_in_the_future() -> None:
    early = NOW.replace(hour=6)
    assert parse_past("today", early) == early
    assert parse_past("2026-03-01", early) == early


@pytest.mark.parametrize("today", [date(2026, 3, 2) + timedelta(days=n) for n in range(7)])
def test_monday_in_the_past_is_the_most_recent_one_before_today(today: date) -> None:
    now = datetime.combine(today, datetime.min.time(), tzinfo=tz.UTC).replace(hour=16)
    result = parse_past("monday", now)
    assert result.weekday() == 0
    assert 1 <= (today - result.date()).days <= 7
    assert parse_past("last monday", now) == result


@pytest.mark.parametrize("text", ["2026-03-02", "2027-01-01", "tomorrow", "next monday"])
def test_a_future_date_is_refused_as_such(text: str) -> None:
    with pytest.raises(WhenError) as info:
        parse_past(text, NOW)
    assert "future" in str(info.value) or "could not read" in str(info.value)
    assert "try" in str(info.value)


@pytest.mark.parametrize("text", ["", "blah", "in 3 days", "32 dec", "friday\x1b[2J"])
def test_parse_past_refuses_garbage_with_a_hint(text: str) -> None:
    with pytest.raises(WhenError, match="try"):
        parse_past(text, NOW)


@settings(max_examples=300, deadline=None)
@given(
    _date_ish,
    _any_moment,
)
def test_parse_past_returns_a_past_aware_date_or_raises_whenerror(text: str, now: datetime) -> None:
    try:
        result = parse_past(text, now)
    except WhenError:
        return
    assert result.tzinfo is not None
    assert result <= now
