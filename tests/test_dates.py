"""Human dates (`netinbox.services.dates`): due and past dates, cadences, waits, ages, offsets."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from netinbox.services.dates import (
    WHEN_RULE,
    WhenError,
    age,
    ago,
    cadence_text,
    describe_when,
    next_due,
    parse_cadence,
    parse_offset,
    parse_past,
    parse_when,
    short_date,
    until,
    waited,
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


# --- parse_cadence, cadence_text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("monthly", "FREQ=MONTHLY"),
        ("every month", "FREQ=MONTHLY"),
        ("quarterly", "FREQ=MONTHLY;INTERVAL=3"),
        ("every 3 months", "FREQ=MONTHLY;INTERVAL=3"),
        ("every three months", "FREQ=MONTHLY;INTERVAL=3"),
        ("weekly", "FREQ=WEEKLY"),
        ("daily", "FREQ=DAILY"),
        ("every day", "FREQ=DAILY"),
        ("fortnightly", "FREQ=WEEKLY;INTERVAL=2"),
        ("biweekly", "FREQ=WEEKLY;INTERVAL=2"),
        ("every fortnight", "FREQ=WEEKLY;INTERVAL=2"),
        ("every other week", "FREQ=WEEKLY;INTERVAL=2"),
        ("every 2 weeks", "FREQ=WEEKLY;INTERVAL=2"),
        ("Every  2   Weeks", "FREQ=WEEKLY;INTERVAL=2"),
        ("yearly", "FREQ=YEARLY"),
        ("annually", "FREQ=YEARLY"),
        ("every year", "FREQ=YEARLY"),
        ("every 1 month", "FREQ=MONTHLY"),
        ("every 12 months", "FREQ=MONTHLY;INTERVAL=12"),
        ("every 2 year", "FREQ=YEARLY;INTERVAL=2"),
        ("FREQ=MONTHLY;INTERVAL=3", "FREQ=MONTHLY;INTERVAL=3"),
        ("RRULE:FREQ=WEEKLY;INTERVAL=1", "FREQ=WEEKLY"),
        ("freq=daily; interval=10", "FREQ=DAILY;INTERVAL=10"),
        ("", ""),
        ("   ", ""),
        ("none", ""),
        ("-", ""),
    ],
)
def test_parse_cadence(text: str, expected: str) -> None:
    assert parse_cadence(text) == expected
    assert parse_cadence(expected) == expected  # a rule reads back as itself


@pytest.mark.parametrize(
    ("stored", "rule"),
    [
        ("every day", "FREQ=DAILY"),
        ("every week", "FREQ=WEEKLY"),
        ("every 2 weeks", "FREQ=WEEKLY;INTERVAL=2"),
        ("every month", "FREQ=MONTHLY"),
        ("every 3 months", "FREQ=MONTHLY;INTERVAL=3"),
        ("every 12 months", "FREQ=MONTHLY;INTERVAL=12"),
        ("every year", "FREQ=YEARLY"),
        ("every 2 years", "FREQ=YEARLY;INTERVAL=2"),
    ],
)
def test_cadences_saved_before_rrule_still_read(stored: str, rule: str) -> None:
    assert parse_cadence(stored) == rule
    assert next_due(stored, NOW, NOW) == next_due(rule, NOW, NOW)


@pytest.mark.parametrize(
    "text",
    [
        "sometimes",
        "every",
        "every 0 days",
        "every 100 days",
        "every blah weeks",
        "every -1 weeks",
        "3 months",
        "FREQ=HOURLY",
        "FREQ=WEEKLY;BYDAY=MO",
        "FREQ=MONTHLY;INTERVAL=x",
        "FREQ=MONTHLY;INTERVAL=0",
        "rrule:",
        "every\x1b[2J week",
    ],
)
def test_parse_cadence_refuses_garbage_with_examples(text: str) -> None:
    with pytest.raises(WhenError) as info:
        parse_cadence(text)
    message = str(info.value)
    assert "\n" not in message
    assert "\x1b" not in message.replace("\\x1b", "")


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("", ""),
        ("FREQ=DAILY", "every day"),
        ("FREQ=WEEKLY", "every week"),
        ("FREQ=WEEKLY;INTERVAL=2", "every other week"),
        ("FREQ=MONTHLY", "every month"),
        ("FREQ=MONTHLY;INTERVAL=3", "every 3 months"),
        ("FREQ=YEARLY", "every year"),
        ("FREQ=YEARLY;INTERVAL=2", "every other year"),
        ("every 3 months", "every 3 months"),  # an old stored cadence shows the same
    ],
)
def test_cadence_text(rule: str, text: str) -> None:
    assert cadence_text(rule) == text


_rules = st.builds(
    lambda freq, interval: f"FREQ={freq}" + (f";INTERVAL={interval}" if interval > 1 else ""),
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
    st.integers(min_value=1, max_value=99),
)


@given(_rules)
def test_every_rule_round_trips_through_its_text(rule: str) -> None:
    assert parse_cadence(cadence_text(rule)) == rule


@given(
    st.one_of(
        st.sampled_from(
            ["monthly", "weekly", "fortnightly", "biweekly", "quarterly", "yearly", "daily"]
        ),
        st.builds(
            lambda n, unit, plural: f"every {n} {unit}{'s' if plural else ''}",
            st.one_of(st.integers(min_value=1, max_value=99).map(str), st.just("other")),
            st.sampled_from(["day", "week", "month", "year"]),
            st.booleans(),
        ),
    )
)
def test_what_people_type_reads_back_from_its_text(typed: str) -> None:
    rule = parse_cadence(typed)
    assert parse_cadence(cadence_text(rule)) == rule
    assert cadence_text(cadence_text(rule)) == cadence_text(rule)


@given(st.text(max_size=30))
def test_parse_cadence_gives_a_rule_or_a_whenerror(text: str) -> None:
    try:
        rule = parse_cadence(text)
    except WhenError:
        return
    assert rule == "" or parse_cadence(cadence_text(rule)) == rule


# --- next_due -------------------------------------------------------------------------------------

BERLIN = tz.gettz("Europe/Berlin")


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("FREQ=DAILY", at9(2026, 3, 2)),
        ("FREQ=WEEKLY", at9(2026, 3, 8)),
        ("FREQ=WEEKLY;INTERVAL=2", at9(2026, 3, 15)),
        ("FREQ=MONTHLY", at9(2026, 4, 1)),
        ("FREQ=MONTHLY;INTERVAL=3", at9(2026, 6, 1)),
        ("FREQ=YEARLY", at9(2027, 3, 1)),
    ],
)
def test_next_due(rule: str, expected: datetime) -> None:
    result = next_due(rule, NOW, NOW)
    assert result == expected
    assert result.utcoffset() == NOW.utcoffset()


def test_next_due_is_strictly_after_and_on_the_anchored_schedule() -> None:
    anchor = at9(2026, 1, 5)
    assert next_due("FREQ=WEEKLY;INTERVAL=2", anchor, at9(2026, 3, 1)) == at9(2026, 3, 2)
    assert next_due("FREQ=WEEKLY;INTERVAL=2", anchor, at9(2026, 3, 2)) == at9(2026, 3, 16)
    assert next_due("FREQ=MONTHLY", anchor, anchor) == at9(2026, 2, 5)


def test_next_due_without_a_cadence_is_an_error() -> None:
    with pytest.raises(WhenError):
        next_due("", NOW, NOW)


def test_the_31st_monthly_falls_on_each_month_end() -> None:
    anchor = at9(2026, 1, 31)
    dates, after = [], anchor
    for _ in range(6):
        after = next_due("FREQ=MONTHLY", anchor, after)
        dates.append(after.date())
    assert dates == [
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
        date(2026, 7, 31),
    ]
    assert next_due("FREQ=MONTHLY", at9(2028, 1, 31), at9(2028, 1, 31)) == at9(2028, 2, 29)


@pytest.mark.parametrize(
    ("rule", "anchor", "expected"),
    [
        ("FREQ=MONTHLY;INTERVAL=3", at9(2026, 11, 30), at9(2027, 2, 28)),
        ("FREQ=MONTHLY", at9(2026, 1, 30), at9(2026, 2, 28)),
        ("FREQ=MONTHLY", at9(2026, 1, 29), at9(2026, 2, 28)),
        ("FREQ=YEARLY", at9(2026, 1, 31), at9(2027, 1, 31)),
    ],
)
def test_next_due_at_the_end_of_a_month(rule: str, anchor: datetime, expected: datetime) -> None:
    assert next_due(rule, anchor, anchor) == expected


def test_a_leap_day_yearly_is_the_28th_in_common_years_and_the_29th_in_leap_years() -> None:
    anchor = at9(2028, 2, 29)
    dates, after = [], anchor
    for _ in range(4):
        after = next_due("FREQ=YEARLY", anchor, after)
        dates.append(after.date())
    assert dates == [date(2029, 2, 28), date(2030, 2, 28), date(2031, 2, 28), date(2032, 2, 29)]


@pytest.mark.parametrize(
    ("rule", "anchor", "expected"),
    [
        # Summer time starts on 29 March 2026 and ends on 25 October 2026 in Berlin.
        ("FREQ=WEEKLY", datetime(2026, 3, 27, 9, tzinfo=BERLIN), (2026, 4, 3)),
        ("FREQ=DAILY", datetime(2026, 3, 28, 9, tzinfo=BERLIN), (2026, 3, 29)),
        ("FREQ=MONTHLY", datetime(2026, 3, 15, 9, tzinfo=BERLIN), (2026, 4, 15)),
        ("FREQ=WEEKLY", datetime(2026, 10, 23, 9, tzinfo=BERLIN), (2026, 10, 30)),
        ("FREQ=DAILY", datetime(2026, 10, 24, 9, tzinfo=BERLIN), (2026, 10, 25)),
        ("FREQ=MONTHLY", datetime(2026, 10, 15, 9, tzinfo=BERLIN), (2026, 11, 15)),
    ],
)
def test_a_nine_oclock_due_date_stays_nine_across_dst(
    rule: str, anchor: datetime, expected: tuple[int, int, int]
) -> None:
    result = next_due(rule, anchor, anchor)
    assert (result.year, result.month, result.day, result.hour, result.minute) == (*expected, 9, 0)
    assert result.utcoffset() != anchor.utcoffset()  # the offset changed, the wall clock did not
    assert result.astimezone(BERLIN).hour == 9


@settings(max_examples=200, deadline=None)
@given(
    _rules,
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31)),
    st.integers(min_value=0, max_value=2000),
)
def test_next_due_is_after_and_keeps_the_wall_clock(
    rule: str, anchor: datetime, days_later: int
) -> None:
    anchor = anchor.replace(microsecond=0, tzinfo=BERLIN)
    after = anchor + timedelta(days=days_later)
    result = next_due(rule, anchor, after)
    assert result > after
    assert (result.hour, result.minute) == (anchor.hour, anchor.minute)


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
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2090, 12, 31),
        timezones=st.sampled_from(FIXED_ZONES),
    ),
)
def test_parse_past_returns_a_past_aware_date_or_raises_whenerror(text: str, now: datetime) -> None:
    try:
        result = parse_past(text, now)
    except WhenError:
        return
    assert result.tzinfo is not None
    assert result <= now


# --- waited, ago ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(seconds=5), "<1m"),
        (timedelta(minutes=5), "5m"),
        (timedelta(hours=5), "5h"),
        (timedelta(hours=23, minutes=59), "23h"),
        (timedelta(days=6, hours=23), "6d"),
        (timedelta(days=7), "1w"),
        (timedelta(days=23), "3w 2d"),
        (timedelta(days=56), "8w"),  # 8 weeks still counts in weeks
        (timedelta(days=70), "2mo 1w"),  # 1 Mar back to 21 Dec: 2 months and 8 days
        (timedelta(days=90), "3mo"),  # 1 Dec to 1 Mar
        (timedelta(days=88), "2mo 3w"),
        (timedelta(days=365), "1y"),
        (timedelta(days=430), "1y 2mo"),
        (-timedelta(hours=3), "<1m"),  # a clock skew never shows a negative wait
    ],
)
def test_waited(delta: timedelta, expected: str) -> None:
    assert waited(NOW - delta, NOW) == expected


def test_waited_counts_calendar_months() -> None:
    assert waited(at9(2026, 1, 31), at9(2026, 3, 31)) == "2mo"
    assert waited(at9(2025, 1, 31), at9(2026, 3, 31)) == "1y 2mo"


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(0), "just now"),
        (timedelta(seconds=59), "just now"),
        (timedelta(minutes=5), "5m ago"),
        (timedelta(hours=3), "3h ago"),
        (timedelta(days=3), "3d ago"),
        (-timedelta(minutes=1), "just now"),
    ],
)
def test_ago_never_says_now_ago(delta: timedelta, expected: str) -> None:
    assert ago(NOW - delta, NOW) == expected


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
