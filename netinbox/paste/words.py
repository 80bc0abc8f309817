"""The interface words of every language in `words.toml`, merged: a paste does not say its language,
so each concept is the union of what all languages call it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WORDS_FILE = Path(__file__).resolve().parent / "words.toml"
UNITS = ("minutes", "hours", "days", "weeks", "months", "years")


def fold(text: str) -> str:
    """The form lines are compared in: lower case, typographic apostrophes plain. It keeps the
    length, so a position found in the folded line is the same in the line itself."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" lowers to two characters
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered.replace("’", "'")


@dataclass(frozen=True, slots=True)
class Words:
    phrases: dict[str, tuple[str, ...]]  # concept -> folded phrases, longest first
    units: dict[str, str]  # folded unit word -> relativedelta keyword
    months: dict[str, int]  # folded month name or abbreviation -> 1..12
    weekdays: dict[str, int]  # folded weekday name -> 0 (Monday)..6
    am: tuple[str, ...]
    pm: tuple[str, ...]
    thread_header: tuple[re.Pattern[str], ...]
    view_profile: tuple[re.Pattern[str], ...]

    def get(self, concept: str) -> tuple[str, ...]:
        return self.phrases.get(concept, ())

    def is_(self, concept: str, line: str) -> bool:
        """The whole line is one of the concept's phrases."""
        return fold(line) in self.phrases.get(concept, ())

    def starts(self, concept: str, line: str) -> str | None:
        folded = fold(line)
        return next((p for p in self.get(concept) if folded.startswith(p)), None)

    def find(self, concept: str, line: str) -> tuple[int, str] | None:
        """Where the concept's longest phrase that occurs in the line begins, and the phrase."""
        folded = fold(line)
        for phrase in self.get(concept):
            at = folded.find(phrase)
            if at >= 0:
                return at, phrase
        return None


_TIME = r"(?P<time>\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?)"


def _template(text: str) -> re.Pattern[str]:
    parts = re.split(r"(\{name\}|\{time\})", text.replace("’", "'"))
    regex = "".join(
        "(?P<name>.+?)" if p == "{name}" else _TIME if p == "{time}" else re.escape(p)
        for p in parts
    )
    return re.compile(f"^{regex}(?P<rest>.*)$", re.IGNORECASE)


@cache
def words() -> Words:
    data = tomllib.loads(WORDS_FILE.read_text(encoding="utf-8"))
    phrases: dict[str, set[str]] = {}
    units: dict[str, str] = {}
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    am: set[str] = set()
    pm: set[str] = set()
    headers: list[str] = []
    views: list[str] = []
    for language in data.values():
        for concept, value in language.items():
            if concept == "units":
                for unit, names in value.items():
                    units.update({fold(n): unit for n in names})
            elif concept == "calendar":
                for number, names in enumerate(value["months"], 1):
                    months.update({fold(n): number for n in names})
                for number, names in enumerate(value["weekdays"]):
                    weekdays.update({fold(n): number for n in names})
                am.update(fold(n) for n in value["am"])
                pm.update(fold(n) for n in value["pm"])
            elif concept == "thread_header":
                headers.extend(value)
            elif concept == "view_profile":
                views.extend(value)
            else:
                phrases.setdefault(concept, set()).update(fold(p) for p in value)
    return Words(
        phrases={k: tuple(sorted(v, key=lambda p: (-len(p), p))) for k, v in phrases.items()},
        units=units,
        months=months,
        weekdays=weekdays,
        am=tuple(sorted(am, key=len, reverse=True)),
        pm=tuple(sorted(pm, key=len, reverse=True)),
        thread_header=tuple(_template(h) for h in sorted(headers, key=len, reverse=True)),
        view_profile=tuple(_template(v) for v in sorted(views, key=len, reverse=True)),
    )
