"""Human dates: "friday", "in 2 weeks", "2026-12-01", "3 days ago", cadences, and "3w 2d".

Parsing and shifting go through python-dateutil (parser, relativedelta, rrule) so months and
weekdays behave like a calendar, not like multiples of 24 hours. Every result is timezone-aware,
in the zone of the `now` it was resolved against.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from dateutil import rrule
from dateutil.relativedelta import relativedelta


class WhenError(ValueError):
    """A date the user typed that we could not understand; the message suggests what works."""


WHEN_RULE = (
    '"friday" or "this friday" is the coming Friday, never today; "next friday" is the Friday '
    'a week after that. Also: "tomorrow", "in 10 days", "next week", "24 dec", "2026-12-24".'
)

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
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
HINT = "try 'friday', 'next friday', 'tomorrow', 'in 2 weeks' or '2026-12-01'"
PAST_HINT = "try 'today', 'yesterday', '3 days ago', 'last monday' or '2026-11-20'"


def at_due_hour(moment: datetime) -> datetime:
    """The same day at 09:00: due dates land at the start of a working day, not at the minute
    the user happened to type them."""
    return moment.replace(hour=_DEFAULT_HOUR.hour, minute=0, second=0, microsecond=0)


def _normal(text: str) -> str:
    return " ".join(text.strip().lower().split())


def _weekday(raw: str) -> tuple[str, int] | None:
    """("this"/"next"/"last"/"", weekday index) when `raw` names a day of the week, else None."""
    qualifier, _, word = raw.rpartition(" ")
    if qualifier not in ("", "this", "next", "last") or len(word) < 3:
        return None
    for index, name in enumerate(_WEEKDAYS):
        if name.startswith(word):
            return qualifier, index
    return None


def parse_when(text: str, now: datetime) -> datetime:
    """A due date from what a person types, resolved against `now` (see WHEN_RULE)."""
    raw = _normal(text)
    if not raw:
        raise WhenError(f"no date given: {HINT}")
    today = at_due_hour(now)
    if raw in ("today", "now"):
        return today
    if raw == "tomorrow":
        return today + relativedelta(days=1)
    weekday = _weekday(raw)
    if weekday is not None and weekday[0] == "last":
        raise WhenError(f"{text.strip()!r} is in the past: {HINT}")
    if weekday is not None:
        ahead = (weekday[1] - now.weekday()) % 7 or 7  # never today
        if weekday[0] == "next":
            ahead += 7  # so that "friday" and "next friday" never mean the same day
        return today + relativedelta(days=ahead)
    if raw.startswith("next ") and raw[5:] in _UNITS:
        return today + relativedelta(**{_UNITS[raw[5:]]: 1})
    match = _RELATIVE.match(raw)
    if match and match.group(2) in _UNITS:
        return today + relativedelta(**{_UNITS[match.group(2)]: _count(match.group(1))})
    result = _calendar_date(raw, text, today, HINT)
    explicit_year = _FOUR_DIGIT_YEAR.search(raw) is not None
    if not explicit_year and result.date() < now.date():
        result += relativedelta(years=1)  # "1 jan" said in March means next January
    if result.date() < now.date():
        raise WhenError(f"{text.strip()!r} is in the past ({result:%a %d %b %Y}): {HINT}")
    return result


def _count(word: str) -> int:
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word)


def _calendar_date(raw: str, text: str, today: datetime, hint: str) -> datetime:
    """A date such as "24 dec" or "2026-12-24", at the hour of `today`, in its zone."""
    from dateutil import parser as date_parser  # costs ~40 ms to import: only when needed

    try:
        parsed = date_parser.parse(raw, default=today.replace(tzinfo=None), fuzzy=False)
    except (ValueError, OverflowError) as exc:
        raise WhenError(f"could not read {text.strip()!r} as a date: {hint}") from exc
    result = parsed.replace(tzinfo=today.tzinfo) if parsed.tzinfo is None else parsed
    if _FOUR_DIGIT_YEAR.search(raw) is None and result.year != today.year:
        # dateutil reads a stray number as the year ("32 dec" -> 2032): too surprising to accept.
        raise WhenError(f"could not read {text.strip()!r} as a date: {hint}")
    return result


_AGO = re.compile(r"^(\d{1,4}|a|an|one|two|three|four)\s*([a-z]+)\s+ago$")
_AGO_UNITS = {**_UNITS, "h": "hours", "hour": "hours", "hours": "hours", "min": "minutes"}
_AGO_UNITS.update({"minute": "minutes", "minutes": "minutes", "mins": "minutes"})


def parse_past(text: str, now: datetime) -> datetime:
    """A moment in the past from what a person types ("yesterday", "3 days ago", "last monday",
    "20 nov"); a weekday is the most recent one before today. A future date is refused."""
    raw = _normal(text)
    if not raw:
        raise WhenError(f"no date given: {PAST_HINT}")
    if raw in ("today", "now", "just now"):
        return now
    if raw == "yesterday":
        return at_due_hour(now) - relativedelta(days=1)
    match = _AGO.match(raw)
    if match and match.group(2) in _AGO_UNITS:
        return now - relativedelta(**{_AGO_UNITS[match.group(2)]: _count(match.group(1))})
    if raw in ("last week", "last month", "last year"):
        return now - relativedelta(**{_UNITS[raw[5:]]: 1})
    weekday = _weekday(raw)
    if weekday is not None and weekday[0] != "next":
        back = (now.weekday() - weekday[1]) % 7 or 7  # never today
        return at_due_hour(now) - relativedelta(days=back)
    if weekday is not None:
        raise WhenError(f"{text.strip()!r} is in the future: {PAST_HINT}")
    result = _calendar_date(raw, text, at_due_hour(now), PAST_HINT)
    if _FOUR_DIGIT_YEAR.search(raw) is None and result.date() > now.date():
        result -= relativedelta(years=1)  # "20 nov" said in March means last November
    if result.date() > now.date():
        raise WhenError(f"{text.strip()!r} is in the future ({result:%a %d %b %Y}): {PAST_HINT}")
    return min(result, now)


def describe_when(moment: datetime, now: datetime) -> str:
    """A resolved date as the user checks it before saving: "Fri 04 Dec 2026 (in 3 days)"."""
    local = moment.astimezone(now.tzinfo)
    days = (local.date() - now.date()).days
    if days == 0:
        relative = "today"
    elif days == 1:
        relative = "tomorrow"
    elif days == -1:
        relative = "yesterday"
    else:
        relative = f"in {days} days" if days > 0 else f"{-days} days ago"
    return f"{local:%a %d %b %Y} ({relative})"


# --- cadences ------------------------------------------------------------------------------------
# Kept as RRULE text ("FREQ=MONTHLY;INTERVAL=3"); marks saved before that hold "every 3 months",
# which parse_cadence reads as well, so they keep working without a migration.

_FREQ_OF_UNIT = {"day": "DAILY", "week": "WEEKLY", "month": "MONTHLY", "year": "YEARLY"}
_UNIT_OF_FREQ = {freq: unit for unit, freq in _FREQ_OF_UNIT.items()}
_RRULE_FREQ = {"DAILY": rrule.DAILY, "WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY}
_RRULE_FREQ["YEARLY"] = rrule.YEARLY
_CADENCE_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "eight": 8,
    "ten": 10,
    "twelve": 12,
}
_CADENCE = re.compile(r"^every\s+(?:(other|\d{1,2}|[a-z]+)\s+)?(day|week|month|year)s?$")
_CADENCE_WORDS = {
    "daily": (1, "day"),
    "weekly": (1, "week"),
    "fortnightly": (2, "week"),
    "biweekly": (2, "week"),
    "every fortnight": (2, "week"),
    "monthly": (1, "month"),
    "quarterly": (3, "month"),
    "yearly": (1, "year"),
    "annually": (1, "year"),
}
_NO_CADENCE = ("none", "no", "never", "-")
CADENCE_HINT = "try 'every 3 months', 'every other week', 'monthly' or 'quarterly'"


def parse_cadence(text: str) -> str:
    """A stay-in-touch cadence as RRULE text ("quarterly" -> "FREQ=MONTHLY;INTERVAL=3"); "" for
    none. Reads what people type, RRULE text itself, and the cadences saved before RRULE."""
    raw = _normal(text)
    if not raw or raw in _NO_CADENCE:
        return ""
    if raw.startswith(("freq=", "rrule:")):
        interval, unit = _read_rrule(raw, text)
    elif raw in _CADENCE_WORDS:
        interval, unit = _CADENCE_WORDS[raw]
    else:
        interval, unit = _typed_cadence(raw, text)
    if not 1 <= interval <= 99:
        raise WhenError(f"a cadence repeats every 1 to 99 {unit}s, not {interval}")
    freq = _FREQ_OF_UNIT[unit]
    return f"FREQ={freq}" if interval == 1 else f"FREQ={freq};INTERVAL={interval}"


def _typed_cadence(raw: str, text: str) -> tuple[int, str]:
    match = _CADENCE.match(raw)
    count = match.group(1) if match else None
    if match is None or not (
        count is None or count == "other" or count.isdigit() or count in _CADENCE_NUMBERS
    ):
        raise WhenError(f"could not read {text.strip()!r} as a cadence: {CADENCE_HINT}")
    if count is None:
        return 1, match.group(2)
    if count == "other":
        return 2, match.group(2)
    return (int(count) if count.isdigit() else _CADENCE_NUMBERS[count]), match.group(2)


def _read_rrule(raw: str, text: str) -> tuple[int, str]:
    parts: dict[str, str] = {}
    for part in raw.removeprefix("rrule:").split(";"):
        key, _, value = part.partition("=")
        parts[key.strip()] = value.strip()
    unit = _UNIT_OF_FREQ.get(parts.pop("freq", "").upper())
    interval = parts.pop("interval", "1")
    if unit is None or parts or not interval.isdigit():
        raise WhenError(
            f"{text.strip()!r}: a cadence rule takes FREQ (DAILY, WEEKLY, MONTHLY or YEARLY) "
            "and INTERVAL only, e.g. FREQ=MONTHLY;INTERVAL=3"
        )
    return int(interval), unit


def _rule_parts(rule: str) -> tuple[str, int]:
    """(unit, interval) of a rule in any form parse_cadence reads; raises WhenError for none."""
    normal = parse_cadence(rule)
    if not normal:
        raise WhenError("no cadence given")
    fields = dict(part.split("=") for part in normal.split(";"))
    return _UNIT_OF_FREQ[fields["FREQ"]], int(fields.get("INTERVAL", "1"))


def cadence_text(rule: str) -> str:
    """A cadence as people say it: "every month", "every other week", "every 3 months" ("" for
    none). Reads back through parse_cadence to the same rule."""
    if not parse_cadence(rule):
        return ""
    unit, interval = _rule_parts(rule)
    if interval == 1:
        return f"every {unit}"
    return f"every other {unit}" if interval == 2 else f"every {interval} {unit}s"


def next_due(rule: str, anchor: datetime, after: datetime) -> datetime:
    """The next occurrence of the schedule that started at `anchor`, strictly after `after`.

    Wall-clock time is kept in the anchor's zone (09:00 stays 09:00 across a DST change), and a
    schedule anchored on a day some months lack falls on their last day: the 31st monthly gives
    28/29 Feb, 31 Mar, 30 Apr; 29 Feb yearly gives 28 Feb in common years."""
    unit, interval = _rule_parts(rule)
    freq = _RRULE_FREQ[_FREQ_OF_UNIT[unit]]
    extra: dict[str, object] = {}
    if unit in ("month", "year") and anchor.day > 28:
        # The anchor's day, or the month's last day when it has fewer: the first of the two.
        extra = {"bymonthday": (anchor.day, -1), "bysetpos": 1}
        if unit == "year":
            extra["bymonth"] = anchor.month
    schedule = rrule.rrule(freq, interval=interval, dtstart=anchor, **extra)
    found = schedule.after(after, inc=False)
    if found is None:  # pragma: no cover - an endless rule always has a next occurrence
        raise WhenError(f"the cadence {cadence_text(rule)!r} has no date after {after:%d %b %Y}")
    return found


# --- how long ------------------------------------------------------------------------------------


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


def ago(since: datetime, now: datetime) -> str:
    """How long ago, as a phrase: "just now", "5m ago", "3h ago", "3d ago", "14w ago"."""
    short = age(since, now)
    return "just now" if short == "now" else f"{short} ago"


def waited(since: datetime, now: datetime) -> str:
    """How long someone has been waiting, by the calendar: "5h", "6d", "3w 2d", "2mo 1w",
    "1y 2mo" (months once past 8 weeks, so a wait reads as people count it)."""
    seconds = (now - since).total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    days = int(seconds // 86400)
    if days < 7:
        return f"{days}d"
    if days <= 56:
        return _pair(days // 7, "w", days % 7, "d")
    span = relativedelta(now.astimezone(since.tzinfo), since)
    if span.years:
        return _pair(span.years, "y", span.months, "mo")
    return _pair(span.months, "mo", span.days // 7, "w")


def _pair(big: int, big_unit: str, small: int, small_unit: str) -> str:
    return f"{big}{big_unit} {small}{small_unit}" if small else f"{big}{big_unit}"


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
