"""Human dates: "friday", "in 2 weeks", "2026-12-01", cadences, and short ages like "3d".

Parsing and shifting go through python-dateutil (parser, relativedelta, rrule) so months and
weekdays behave like a calendar, not like multiples of 24 hours.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from dateutil import rrule
from dateutil.relativedelta import relativedelta


class WhenError(ValueError):
    """A date the user typed that we could not understand; the message suggests what works."""


_UNITS = {
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "wk": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "m": "months",
    "mo": "months",
    "month": "months",
    "months": "months",
    "y": "years",
    "yr": "years",
    "year": "years",
    "years": "years",
}
_RELATIVE = re.compile(
    r"^(?:in\s+)?(\d{1,3}|a|an|one|two|three|four)\s*([a-z]+)(?:\s+from\s+now)?$"
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_DEFAULT_HOUR = time(9, 0)
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
HINT = "try 'friday', 'tomorrow', 'in 2 weeks' or '2026-12-01'"


def _at_default_hour(moment: datetime) -> datetime:
    return moment.replace(hour=_DEFAULT_HOUR.hour, minute=0, second=0, microsecond=0)


def parse_when(text: str, now: datetime) -> datetime:
    """A due date from what a person types, resolved against `now` (timezone-aware result)."""
    raw = " ".join(text.strip().lower().split())
    if not raw:
        raise WhenError(f"no date given: {HINT}")
    today = _at_default_hour(now)
    if raw in ("today", "now"):
        return today
    if raw == "tomorrow":
        return today + relativedelta(days=1)
    if raw.startswith("next ") and raw[5:] in _UNITS:
        return today + relativedelta(**{_UNITS[raw[5:]]: 1})
    match = _RELATIVE.match(raw)
    if match and match.group(2) in _UNITS:
        count = match.group(1)
        amount = _NUMBER_WORDS[count] if count in _NUMBER_WORDS else int(count)
        return today + relativedelta(**{_UNITS[match.group(2)]: amount})
    weekday_text = raw.removeprefix("next ").removeprefix("this ")
    from dateutil import parser as date_parser  # costs ~40 ms to import: only when needed

    try:
        parsed = date_parser.parse(weekday_text, default=today.replace(tzinfo=None), fuzzy=False)
    except (ValueError, OverflowError) as exc:
        raise WhenError(f"could not read {text.strip()!r} as a date: {HINT}") from exc
    result = parsed.replace(tzinfo=now.tzinfo) if parsed.tzinfo is None else parsed
    explicit_year = _FOUR_DIGIT_YEAR.search(raw) is not None
    weekday_only = _names_weekday_only(weekday_text)
    if not explicit_year and not weekday_only and result.year != now.year:
        # dateutil reads a stray number as the year ("32 dec" -> 2032): too surprising to accept.
        raise WhenError(f"could not read {text.strip()!r} as a date: {HINT}")
    if not explicit_year and not weekday_only and result.date() < now.date():
        result += relativedelta(years=1)  # "1 jan" said in March means next January
    if weekday_only and result.date() <= now.date():
        # "friday" said on a Friday means the coming one, not today.
        result += relativedelta(weeks=1)
    if result.date() < now.date():
        raise WhenError(f"{text.strip()!r} is in the past ({result:%a %d %b %Y}): {HINT}")
    return result


def _names_weekday_only(text: str) -> bool:
    return text[:3] in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") and not any(
        ch.isdigit() for ch in text
    )


_CADENCE = re.compile(r"^every\s+(?:(\d{1,2})\s+)?(day|week|month|year)s?$")
_CADENCE_WORDS = {
    "daily": (1, "day"),
    "weekly": (1, "week"),
    "fortnightly": (2, "week"),
    "monthly": (1, "month"),
    "quarterly": (3, "month"),
    "yearly": (1, "year"),
    "annually": (1, "year"),
}
_FREQ = {"day": rrule.DAILY, "week": rrule.WEEKLY, "month": rrule.MONTHLY, "year": rrule.YEARLY}


def parse_cadence(text: str) -> str:
    """Normalise a stay-in-touch cadence ("quarterly" → "every 3 months"); "" means none."""
    raw = " ".join(text.strip().lower().split())
    if not raw or raw in ("none", "no", "-"):
        return ""
    if raw in _CADENCE_WORDS:
        interval, unit = _CADENCE_WORDS[raw]
    else:
        match = _CADENCE.match(raw)
        if not match:
            raise WhenError(
                f"could not read {text.strip()!r} as a cadence: "
                "try 'every 3 months', 'monthly' or 'every 2 weeks'"
            )
        interval, unit = int(match.group(1) or 1), match.group(2)
        if interval < 1:
            raise WhenError("a cadence needs an interval of at least 1")
    return f"every {unit}" if interval == 1 else f"every {interval} {unit}s"


def next_occurrence(cadence: str, after: datetime) -> datetime | None:
    """The next date on a cadence strictly after `after` (None when there is no cadence)."""
    normal = parse_cadence(cadence)
    if not normal:
        return None
    parts = normal.split()
    interval = int(parts[1]) if len(parts) == 3 else 1
    unit = parts[-1].rstrip("s")
    if unit in ("month", "year"):
        # relativedelta keeps to the calendar: a month after 31 Jan is 28/29 Feb (rrule would skip
        # to 31 Mar, because February has no 31st).
        return after + relativedelta(**{f"{unit}s": interval})
    rule = rrule.rrule(_FREQ[unit], interval=interval, dtstart=after, count=2)
    return rule[1]


def age(since: datetime, now: datetime) -> str:
    """A compact age for table rows: "now", "35m", "5h", "3d", "11w"."""
    seconds = max((now - since).total_seconds(), 0)
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    days = int(seconds // 86400)
    return f"{days}d" if days < 100 else f"{days // 7}w"


def until(moment: datetime, now: datetime) -> str:
    """How far a due date is: "today", "in 3d", "2d overdue"."""
    days = (moment.astimezone(now.tzinfo).date() - now.date()).days
    if days == 0:
        return "today"
    return f"in {days}d" if days > 0 else f"{-days}d overdue"


def short_date(moment: datetime, now: datetime) -> str:
    """'Fri 27 Nov' this year, '27 Nov 2025' otherwise."""
    local = moment.astimezone(now.tzinfo)
    return f"{local:%a %d %b}" if local.year == now.year else f"{local:%d %b %Y}"


_OFFSET = re.compile(r"^([+-])(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")


def parse_offset(text: str, now: datetime) -> datetime:
    """A demo-data time such as "-3d4h" or "+5d", relative to `now`."""
    match = _OFFSET.match(text.strip())
    if not match or not any(match.group(i) for i in (2, 3, 4)):
        raise ValueError(f"bad relative time {text!r}: expected e.g. '-3d', '-2h', '+1d4h'")
    sign = -1 if match.group(1) == "-" else 1
    delta = timedelta(
        days=int(match.group(2) or 0),
        hours=int(match.group(3) or 0),
        minutes=int(match.group(4) or 0),
    )
    return now + sign * delta
