"""The person form's fields as typed (`PersonFields`), read and checked one by one.

Every field is refused with one sentence that starts with its name (`FieldError.field` says which,
so a form can put the cursor there). A blank field is unknown, never zero. The fields:

- name (required), headline, company, position: one line each, cleaned of control characters;
- profile URL: through `netinbox.profile_links`, kept as the rebuilt address only;
- connections, followers: whole numbers of 0 or more, "27,412" or "27 412" too; "500+" is kept as
  500 with connections_at_least, the floor it is;
- posts, comments, reactions in the last 90 days: whole numbers of 0 or more;
- education, one line per school: "Degree, Field — School (2019)" (`parse_education_line`);
- experience, one line per role: "Title — Company (2019–2023)" or "(2021–)" for a current role.

`fields_of` fills the form from a person, writing each entry back as a line these read again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netinbox.importers.values import split_name
from netinbox.model import Education, Experience, Person
from netinbox.profile_links import parse_profile_url
from netinbox.services.context import ActionError
from netinbox.text import clean, one_line

EDUCATION_FORMAT = "Degree, Field — School (2019)"
EXPERIENCE_FORMAT = "Title — Company (2019–2023), or (2021–) for a current role"
LIMITS = {"name": 100, "headline": 220, "company": 100, "position": 100}  # LinkedIn's own
MAX_CONNECTIONS = 30_000  # LinkedIn's cap
MAX_COUNT = 1_000_000_000
MAX_LINES = 50  # schools or roles: a real profile has a handful
FIRST_YEAR = 1940
LABELS = {
    "name": "Name",
    "headline": "Headline",
    "company": "Company",
    "position": "Position",
    "profile_url": "Profile URL",
    "connections": "Connections",
    "followers": "Followers",
    "posts_90d": "Posts in 90 days",
    "comments_90d": "Comments in 90 days",
    "reactions_90d": "Reactions in 90 days",
    "education": "Education",
    "experience": "Experience",
    "received": "Received",
    "note": "Note",
}
_COUNTS = ("connections", "followers", "posts_90d", "comments_90d", "reactions_90d")


@dataclass(frozen=True, slots=True)
class PersonFields:
    """The person form's fields, as typed (education and experience: one entry per line)."""

    name: str = ""
    headline: str = ""
    company: str = ""
    position: str = ""
    profile_url: str = ""
    connections: str = ""
    followers: str = ""
    posts_90d: str = ""
    comments_90d: str = ""
    reactions_90d: str = ""
    education: str = ""
    experience: str = ""


class FieldError(ActionError):
    """A form field that cannot be read; the message is one sentence that starts with its name."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{LABELS[field]}: {problem}")
        self.field = field


# -- reading one field -----------------------------------------------------------------------------


def _quoted(text: str) -> str:
    return f"“{one_line(text, 40)}”"


def _text(fields: PersonFields, name: str) -> str:
    value = one_line(getattr(fields, name))
    if len(value) > LIMITS[name]:
        raise FieldError(name, f"at most {LIMITS[name]} characters; this one has {len(value)}")
    return value


# "27,412", "27.412", "27 412" (also with a no-break or narrow space), "27'412".
_GROUPED = re.compile(r"\d{1,3}(?:[,.' \u00a0\u202f]\d{3})+|\d+")


def parse_count(text: str, field: str) -> int | None:
    """A whole number of 0 or more from a form field ("27,412", "500+"); None when blank."""
    raw = one_line(text)
    if not raw:
        return None
    number = raw[:-1].rstrip() if raw.endswith("+") else raw
    if not _GROUPED.fullmatch(number):
        raise FieldError(
            field,
            f"write a whole number of 0 or more, like 240, 27,412 or 500+ (not {_quoted(raw)})",
        )
    value = int(re.sub(r"\D", "", number))
    limit = MAX_CONNECTIONS if field == "connections" else MAX_COUNT
    if value > limit:
        why = " (LinkedIn's cap)" if field == "connections" else ""
        raise FieldError(field, f"at most {limit:,}{why}; {value:,} is more")
    return value


def parse_profile_address(text: str) -> str:
    """The rebuilt LinkedIn profile address of a form field ("" when blank), or the reason not."""
    raw = text.strip()
    if not raw:
        return ""
    link = parse_profile_url(raw)
    if link is not None:
        return link.url
    lowered = raw.lower()
    if re.search(r"[\s@\\]", raw):
        why = "it holds a space, an @ or a backslash, which no profile address has"
    elif not re.match(r"(https?://)?([a-z0-9-]+\.)*linkedin\.com(/|:|$)", lowered):
        why = "it is not on linkedin.com"
    elif "/in/" not in lowered:
        why = "it is not a profile's address (those look like linkedin.com/in/<name>/)"
    else:
        why = "it is not plainly a profile's address (a port, an encoded / or an odd name)"
    raise FieldError("profile_url", f"{_quoted(raw)} is refused: {why}")


# -- education and experience lines ----------------------------------------------------------------

# An em or en dash, spaced or not, or a hyphen with spaces around it ("Saint-Étienne" is one word).
_SEPARATOR = re.compile(r"\s*[—–]\s*|\s+-\s+|\s*--\s*")
_YEARS = re.compile(
    r"\((?P<start>\d{4})?\s*"
    r"(?:(?P<dash>[–—-]|to|bis)\s*(?P<end>\d{4}|present|now|today|heute)?)?\s*\)\s*$",
    re.IGNORECASE,
)
_YEARISH = re.compile(r"\([^()]*\d[^()]*\)\s*$")


def _years(
    line: str, what: str, number: int, shape: str
) -> tuple[str, int | None, int | None, bool]:
    """(the line without its years, start, end, whether a range was written) of `line`."""
    match = _YEARS.search(line)
    if match is None or not (match.group("start") or match.group("end")):
        if _YEARISH.search(line):
            raise FieldError(
                what,
                f"line {number} ({_quoted(line)}): write the years as (2019), (2019–2023) or "
                f"(2021–), as in {shape}",
            )
        return line, None, None, False
    start = int(match.group("start")) if match.group("start") else None
    end_text = match.group("end") or ""
    end = int(end_text) if end_text.isdigit() else None
    return line[: match.start()].strip(), start, end, bool(match.group("dash"))


def _check_year(year: int | None, last: int, what: str, number: int, line: str) -> None:
    if year is not None and not FIRST_YEAR <= year <= last:
        raise FieldError(
            what,
            f"line {number} ({_quoted(line)}): {year} is not a year between {FIRST_YEAR} "
            f"and {last}",
        )


def _split(text: str, last: bool) -> tuple[str, str] | None:
    found = list(_SEPARATOR.finditer(text))
    if not found:
        return None
    cut = found[-1] if last else found[0]
    return text[: cut.start()].strip(), text[cut.end() :].strip()


def parse_education_line(line: str, number: int, this_year: int) -> Education:
    """ "Degree, Field — School (2019)": the degree and field are optional ("School (2019)"), and
    so is the year; "(2015–2019)" keeps the year it ended. `number` counts lines from 1."""
    text, start, end, ranged = _years(one_line(line), "education", number, EDUCATION_FORMAT)
    end = end if ranged else start
    _check_year(start, this_year + 8, "education", number, line)
    _check_year(end, this_year + 8, "education", number, line)
    parts = _split(text, last=False)
    before, school = parts if parts is not None else ("", text)
    if not school:
        raise FieldError(
            "education",
            f"line {number} ({_quoted(line)}) names no school; write it as {EDUCATION_FORMAT}",
        )
    degree, _, field = before.partition(",")
    return Education(school, degree.strip(), field.strip(), end)


def parse_experience_line(line: str, number: int, this_year: int) -> Experience:
    """ "Title — Company (2019–2023)", "(2021–)" for a role still held, "(2020)" for one year; the
    years are optional. `number` counts lines from 1."""
    text, start, end, ranged = _years(one_line(line), "experience", number, EXPERIENCE_FORMAT)
    end = end if ranged else start
    for year in (start, end):
        _check_year(year, this_year, "experience", number, line)
    if start is not None and end is not None and end < start:
        raise FieldError(
            "experience",
            f"line {number} ({_quoted(line)}) ends in {end}, before it starts in {start}",
        )
    parts = _split(text, last=True)
    if parts is None or not all(parts):
        raise FieldError(
            "experience",
            f"line {number} ({_quoted(line)}) needs a title and a company; write "
            f"it as {EXPERIENCE_FORMAT}",
        )
    return Experience(parts[0], parts[1], start, end)


def _lines(text: str, what: str) -> list[str]:
    lines = [line for line in clean(text).splitlines() if line.strip()]
    if len(lines) > MAX_LINES:
        raise FieldError(what, f"at most {MAX_LINES} lines; this has {len(lines)}")
    return lines


def parse_education(text: str, this_year: int) -> tuple[Education, ...]:
    lines = _lines(text, "education")
    return tuple(parse_education_line(line, n, this_year) for n, line in enumerate(lines, 1))


def parse_experience(text: str, this_year: int) -> tuple[Experience, ...]:
    lines = _lines(text, "experience")
    return tuple(parse_experience_line(line, n, this_year) for n, line in enumerate(lines, 1))


def education_line(e: Education) -> str:
    """An entry written back as the form's line (`parse_education_line` reads it again)."""
    written = ", ".join(x for x in (e.degree, e.field) if x)
    # A field without a degree keeps its comma, so that it is read back as a field.
    before = written if e.degree or not e.field else f", {written}"
    line = f"{before} — {e.school}" if before else e.school
    return f"{line} ({e.end_year})" if e.end_year is not None else line


def experience_line(x: Experience) -> str:
    line = f"{x.title} — {x.company}"
    if x.start_year is None and x.end_year is None:
        return line
    if x.start_year == x.end_year:
        return f"{line} ({x.start_year})"
    return f"{line} ({x.start_year or ''}–{x.end_year or ''})"


def fields_of(person: Person) -> PersonFields:
    """The person form filled in with what is known of `person` (blank where nothing is)."""

    def count(value: int | None) -> str:
        return "" if value is None else str(value)

    counts = {name: count(getattr(person, name)) for name in _COUNTS}
    if person.connections_at_least and person.connections is not None:
        counts["connections"] += "+"  # "500+": shown as the floor it is
    return PersonFields(
        name=person.name if person.first_name or person.last_name else "",
        headline=person.headline,
        company=person.company,
        position=person.position,
        profile_url=person.profile_url,
        **counts,
        education="\n".join(map(education_line, person.education)),
        experience="\n".join(map(experience_line, person.experience)),
    )


def person_facts(fields: PersonFields, this_year: int) -> dict:
    """The Person fields the form sets, every one read in the form's order (the first wrong one
    is the one reported); `this_year` bounds the years of education and experience."""
    name = _text(fields, "name")
    if not name:
        raise FieldError("name", "a name is needed, as LinkedIn shows it (like Ana Silva)")
    first, last = split_name(name)
    facts: dict = {"first_name": first, "last_name": last}
    facts.update((key, _text(fields, key)) for key in ("headline", "company", "position"))
    facts["profile_url"] = parse_profile_address(fields.profile_url)
    facts.update((key, parse_count(getattr(fields, key), key)) for key in _COUNTS)
    # "500+" is what LinkedIn shows past 500: a floor, kept as one (as a pasted profile keeps it).
    facts["connections_at_least"] = fields.connections.strip().endswith("+")
    facts["education"] = parse_education(fields.education, this_year)
    facts["experience"] = parse_experience(fields.experience, this_year)
    return facts
