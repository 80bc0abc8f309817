"""Stay-in-touch cadences (`netinbox.services.dates`): RRULE text, as people say it, next_due."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from dateutil import tz
from hypothesis import given, settings
from hypothesis import strategies as st

from netinbox.services.dates import WhenError, cadence_text, next_due, parse_cadence

# Sunday 1 March 2026, 09:00 UTC: the frozen "now" of the test suite (see conftest.FROZEN_NOW).
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=tz.UTC)


def at9(year: int, month: int, day: int, zone=tz.UTC) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=zone)


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
