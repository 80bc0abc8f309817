"""Licensed professions practised before their degree: a lawyer years before the law degree, a
head of cardiology before the medical degree, a consultant cardiologist a year after it.

A title names a profession when it matches that profession's `titles` in profiles.toml
`[licensed.*]`; it is a specialist title when it also carries a `senior` word or a `specialties`
word without a `trainee` word ("Consultant Cardiologist", "Chefe de Cardiologia", not "Cardiology
Resident"). Practice may start at most `slack_years` before the qualifying degree ends (a final-year
student's first contract); a specialist title needs `specialist_years` after it. Only a degree
that qualifies counts: one whose title is the profession's degree ("MD", "LLB"), or a first degree
(bachelor's level) in its field. A master's or doctorate in the field is study on top of a career
(an LLM, a PhD in medicine), and a profile that lists no qualifying degree is never judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from netinbox.screening import config
from netinbox.screening.degree_sequence import Degree
from netinbox.screening.phrases import PhraseIndex
from netinbox.screening.textnorm import tokenize


@dataclass(frozen=True, slots=True)
class _Profession:
    key: str
    label: str
    index: PhraseIndex  # categories: title, senior, specialty, trainee, degree, field
    slack: int
    specialist_years: int


@cache
def _professions() -> tuple[_Profession, ...]:
    table = config.load()["profiles"].get("licensed", {})
    out = []
    for key, entry in table.items():
        lists = {
            name: list(entry.get(plural, []))
            for name, plural in (
                ("title", "titles"), ("senior", "senior"), ("specialty", "specialties"),
                ("trainee", "trainee"), ("degree", "degrees"), ("field", "fields"),
            )
        }  # fmt: skip
        out.append(
            _Profession(
                key,
                str(entry.get("label", key)),
                PhraseIndex(lists),
                int(entry.get("slack_years", 1)),
                int(entry.get("specialist_years", 3)),
            )
        )
    return tuple(out)


def _clear() -> None:
    _professions.cache_clear()
    _categories_of.cache_clear()


config.on_reset(_clear)


def _categories(profession: _Profession, text: str) -> frozenset[str]:
    return _categories_of(profession.key, text) if text else frozenset()


@lru_cache(maxsize=16384)
def _categories_of(key: str, text: str) -> frozenset[str]:
    # Titles and degree lines repeat across thousands of profiles: read each one once.
    profession = next(p for p in _professions() if p.key == key)
    return frozenset(hit.category for hit in profession.index.find(tokenize(text)))


def _qualifying_end(profession: _Profession, degrees: list[Degree]) -> int | None:
    ends = []
    for degree in degrees:
        if degree.end is None:
            continue
        named = "degree" in _categories(profession, degree.label)
        first = degree.level in {"bachelor", None} or degree.first
        if named or (
            first and "field" in _categories(profession, f"{degree.label} {degree.field}")
        ):
            ends.append(degree.end)
    return min(ends, default=None)


def practised_too_early(
    degrees: list[Degree], roles: list[tuple[str, str, int | None]]
) -> str | None:
    """Evidence of a licensed profession practised before its degree allows, or None.
    Roles are (title, company, start)."""
    for profession in _professions():
        qualified = None
        for title, company, start in roles:
            if start is None:
                continue
            found = _categories(profession, title)
            if "title" not in found and "specialty" not in found:
                continue
            if qualified is None:
                qualified = _qualifying_end(profession, degrees)
                if qualified is None:
                    break  # no qualifying degree listed: nothing to compare with
            specialist = "trainee" not in found and ("senior" in found or "specialty" in found)
            if specialist and start < qualified + profession.specialist_years:
                return (
                    f"{title} in {start}, {profession.label} only in {qualified}"
                    f" (a specialist needs {profession.specialist_years}+ years after it)"
                )
            if start < qualified - profession.slack:
                return f"{title} at {company} in {start}, {profession.label} only in {qualified}"
    return None
