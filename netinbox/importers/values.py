"""Cell values of a LinkedIn export: dates, profile addresses, names and the ids made from them."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime
from functools import lru_cache

from dateutil import parser as date_parser

from netinbox.profile_links import parse_profile_url

EARLIEST_YEAR = 2002  # LinkedIn opened in 2003: anything before is a misread, not history
LATEST_YEAR = 2100

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# Parsed by hand, not with strptime: %b and %p follow the process locale, and a user whose
# LC_TIME is German would otherwise fail on "05 Mar 2024".
_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d)(?::(\d\d))?(?:\.\d+)?\s*(UTC|Z)?$", re.I)
_DAY_MON_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -](\d{4}|\d\d)$")
_US = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d\d),?\s+(\d{1,2}):(\d\d)(?::(\d\d))?\s*([AaPp])\.?[Mm]\.?$"
)
_DATE_DEFAULT = datetime(1900, 1, 1)  # a date without a year lands here and is refused


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if len(text) == 2 else value


def parse_date(text: str) -> datetime | None:
    """A timezone-aware time from any date shape LinkedIn (or Excel) wrote; None if unreadable.

    Only messages.csv states a zone (UTC); the other files do not, and are read as UTC too. Known
    shapes take a fast path (100,000 messages must not cost 100,000 dateutil calls); anything else
    goes to dateutil.
    """
    match = _ISO.match(text)
    if match:  # messages.csv: every value differs, so not worth caching
        try:
            return _checked(_iso(match))
        except ValueError:
            return None
    return _parse_other(text)


def _iso(match: re.Match[str]) -> datetime:
    y, mo, d, h, mi, s, _ = match.groups()
    return datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0), tzinfo=UTC)


def _checked(value: datetime) -> datetime | None:
    return value if EARLIEST_YEAR <= value.year <= LATEST_YEAR else None


@lru_cache(maxsize=20_000)
def _parse_other(text: str) -> datetime | None:
    """Cached: Connected On repeats the same few hundred days."""
    value = text.strip()
    if not value:
        return None
    try:
        result = _fast(value)
        if result is None:
            parsed = date_parser.parse(value, default=_DATE_DEFAULT)
            result = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
    except (ValueError, OverflowError, TypeError, KeyError, date_parser.ParserError):
        return None
    return _checked(result)


def _fast(value: str) -> datetime | None:
    if match := _ISO.match(value):
        return _iso(match)
    if match := _DAY_MON_YEAR.match(value):
        d, mon, y = match.groups()
        return datetime(_year(y), _MONTHS[mon.lower()], int(d), tzinfo=UTC)
    if match := _US.match(value):
        mo, d, y, h, mi, s, half = match.groups()
        hour = int(h)
        if not 1 <= hour <= 12:
            raise ValueError("hour out of range")
        hour = hour % 12 + (12 if half in "Pp" else 0)
        return datetime(_year(y), int(mo), int(d), hour, int(mi), int(s or 0), tzinfo=UTC)
    return None


# -- people ----------------------------------------------------------------------------------------


def profile_id(url: str) -> str:
    """The person id from a profile address: its slug, percent-decoded as LinkedIn shows it
    (`j%C3%BCrgen-…` -> `jürgen-…`), NFC, lower case. "" when it is not plainly a /in/ profile
    address (`netinbox.profile_links` says exactly what is)."""
    link = parse_profile_url(url)
    return "" if link is None else link.slug


@lru_cache(maxsize=100_000)
def norm_name(name: str) -> str:
    """A name as compared across files: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


_NON_WORD = re.compile(r"[\W_]+")


def fallback_id(name: str, company: str = "") -> str:
    """A stable id for someone an old export names without a profile address.

    Readable part from the name, then a hash of the normalised name (and, only to tell apart two
    people of the same name in one file, the company). The ':' never occurs in a LinkedIn slug, so
    these ids cannot collide with real ones. Company is not used otherwise: people change jobs, and
    the invitation and message files do not carry it.
    """
    key = norm_name(name) + (("|" + norm_name(company)) if company else "")
    readable = _NON_WORD.sub("-", norm_name(name)).strip("-")[:40].strip("-") or "member"
    return f"{readable}:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


def split_name(display: str) -> tuple[str, str]:
    """'María José Fernández' -> ('María', 'José Fernández'): first word, then the rest. Only for
    people we know by display name alone; Connections.csv gives the real split."""
    words = display.split()
    if not words:
        return "", ""
    return words[0], " ".join(words[1:])


def stable_id(prefix: str, *parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{prefix}{digest[:20]}"
