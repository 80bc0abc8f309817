"""Times as the pages write them: relative ages ("2 hours ago", "Viewed 3d ago", "vor 2 Tagen"),
the day and time lines of a thread ("Today", "Oct 28", "7:10 AM"), and the year ranges of a
career ("Jan 2025 - Present · 11 mos"). Every date is resolved against the clock at paste time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from netinbox.paste.words import UNITS, Words, fold

# Far enough for any age LinkedIn shows, small enough that relativedelta never overflows.
_MAX_AMOUNT = 200


def _strip_around(w: Words, text: str) -> str:
    value = fold(text).strip().strip("·•-–—:").strip()
    changed = True
    while changed:
        changed = False
        for prefix in w.get("age_prefixes"):
            if value.startswith(prefix + " ") or value.startswith(prefix + ":"):
                value, changed = value[len(prefix) + 1 :].strip(), True
        for suffix in w.get("age_suffixes"):
            if value.endswith(" " + suffix):
                value, changed = value[: -len(suffix) - 1].strip(), True
    return value


def age(w: Words, text: str, now: datetime) -> datetime | None:
    """When, for a line that is only an age; None for any other line."""
    value = _strip_around(w, text)
    if not value or len(value) > 40:
        return None
    if value in w.get("now_words") or value in w.get("today"):
        return now
    if value in w.get("yesterday"):
        return now - relativedelta(days=1)
    found = re.fullmatch(r"(\d{1,4})\s?([^\W\d].*)|([^\W\d]+)\s+([^\W\d].*)", value)
    if found is None:
        return None
    if found[1]:
        amount, unit_text = int(found[1]), found[2]
    elif found[3] in w.get("one_words"):
        amount, unit_text = 1, found[4]
    else:
        return None
    unit = w.units.get(unit_text.strip()) or w.units.get(unit_text.strip().rstrip("."))
    if unit is None or amount > _MAX_AMOUNT or unit not in UNITS:
        return None
    return now - relativedelta(**{unit: amount})


@dataclass(frozen=True, slots=True)
class Span:
    start_year: int | None
    end_year: int | None
    ongoing: bool


_YEAR = r"(?:(?P<{0}m>[^\W\d]+)\.?\s+)?(?P<{0}y>(?:19|20)\d\d)"
_RANGE = re.compile(
    "^"
    + _YEAR.format("s")
    + r"\s*(?:[-–—]|bis|to|à|a)\s*(?:"
    + _YEAR.format("e")
    + r"|(?P<open>[^·•\d]+?))"
    r"\s*(?:[·•].*)?$",
    re.IGNORECASE,
)
_ONE_YEAR = re.compile(r"^(?:[^\W\d]+\.?\s+)?((?:19|20)\d\d)\s*(?:[·•].*)?$")


def span(w: Words, line: str) -> Span | None:
    """'Jan 2025 - Present · 11 mos', '2011 - 2015', 'März 2022 – Heute': the years; None otherwise."""
    found = _RANGE.match(line)
    if found is not None:
        for part in ("sm", "em"):
            if found[part] and fold(found[part]) not in w.months:
                return None
        if found["open"] is not None:
            if fold(found["open"].strip()) not in w.get("present"):
                return None
            return Span(int(found["sy"]), None, True)
        return Span(int(found["sy"]), int(found["ey"]), False)
    single = _ONE_YEAR.match(line)
    if single is not None:
        month = line.split()[0].rstrip(".")
        if not month[:1].isdigit() and fold(month) not in w.months:
            return None
        year = int(single.group(1))
        return Span(year, year, False)
    return None


def is_duration(w: Words, line: str) -> bool:
    """'9 yrs 11 mos', 'Full-time · 5 yrs 2 mos': the total time at a company, not a role's dates."""
    units = "|".join(re.escape(u) for u in w.get("duration_units"))
    part = rf"\d{{1,2}}\+?\s?(?:{units})"
    text = fold(line)
    head, _, tail = text.rpartition("·")
    if head and fold(head.strip()) not in w.get("employment_types"):
        return False
    return re.fullmatch(rf"(?:{part})(?:\s+{part})*", tail.strip()) is not None


_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})(?:\s*([ap])\.?\s?m\.?)?$", re.IGNORECASE)


def clock_time(text: str) -> time | None:
    """'7:10 AM', '19:10', '7.10': a time of day."""
    found = _CLOCK.match(text.strip())
    if found is None:
        return None
    hour, minute = int(found[1]), int(found[2])
    half = (found[3] or "").lower()
    if half and not 1 <= hour <= 12:
        return None
    if half == "p" and hour != 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def day_line(w: Words, line: str, now: datetime) -> date | None:
    """A thread's day separator: 'Today', 'Yesterday', 'Monday', 'Oct 28', 'Oct 28, 2024'."""
    value = fold(line).strip().rstrip(".")
    if value in w.get("today"):
        return now.date()
    if value in w.get("yesterday"):
        return now.date() - timedelta(days=1)
    if value in w.weekdays:
        back = (now.weekday() - w.weekdays[value]) % 7 or 7
        return now.date() - timedelta(days=back)
    found = re.fullmatch(
        r"(?:([^\W\d]+)\.?\s+(\d{1,2})|(\d{1,2})\.?\s+([^\W\d]+)\.?)(?:,?\s+((?:19|20)\d\d))?",
        value,
    )
    if found is None:
        return None
    month_name, day_text = (found[1], found[2]) if found[1] else (found[4], found[3])
    month = w.months.get(month_name)
    if month is None:
        return None
    year = int(found[5]) if found[5] else now.year
    try:
        day = date(year, month, int(day_text))
    except ValueError:
        return None
    if not found[5] and day > now.date():  # "Dec 30" seen in January is last year's
        try:
            day = date(year - 1, month, int(day_text))
        except ValueError:
            return None
    return day


def at_day(day: date | None, when: time | None, now: datetime) -> datetime | None:
    """A thread message's moment: its day (today when the thread showed none) and time."""
    if when is None:
        return None if day is None else datetime.combine(day, time(), now.tzinfo)
    moment = datetime.combine(day or now.date(), when, now.tzinfo)
    if day is None and moment > now:  # a time later than now, under no day, was yesterday's
        moment -= timedelta(days=1)
    return moment
