"""How long and how far (`netinbox.services.dates`): waited, ago, age, until, short_date, offsets."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from dateutil import tz

from netinbox.services.dates import age, ago, parse_offset, short_date, until, waited

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=tz.UTC)


def at9(year: int, month: int, day: int, zone=tz.UTC) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=zone)


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
