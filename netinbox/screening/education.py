"""Degrees a school does not grant: the quiet tell of polished fake profiles.

A degree line is read as a level (bachelor/master/doctorate/certificate, from the degree) and
families (engineering, management, music..., from the field and the degree). The school is looked up
in the curated schools table (schools.toml). A school missing from the table is judged only when its
name says what kind of school it is ("... Business School", "Conservatoire ...") and only for degrees
far outside that kind; otherwise a school we do not know is never held against anyone. Neither is a
certificate or exchange programme (executive education is open to any field).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from netinbox.screening import config
from netinbox.screening.phrases import PhraseIndex
from netinbox.screening.textnorm import tokenize

# Words that name no family when they come from the degree title ("Bachelor of Science").
_GENERIC_DEGREE_WORDS = frozenset({"science", "sciences", "arts", "art", "studies"})
_LEVEL_ORDER = ("doctorate", "master", "bachelor", "certificate")


@dataclass(frozen=True, slots=True)
class School:
    key: str
    name: str
    families: frozenset[str]
    levels: frozenset[str]


@dataclass(frozen=True, slots=True)
class SchoolKind:
    """What a school's name says it is, for schools missing from the table."""

    key: str
    grants: frozenset[str]
    never: frozenset[str]


class _Tables:
    def __init__(self) -> None:
        data = config.load()
        schools = data["schools"]["schools"]
        self.schools = {
            key: School(
                key, entry["names"][0], frozenset(entry["families"]), frozenset(entry["levels"])
            )
            for key, entry in schools.items()
        }
        self.school_index = PhraseIndex({key: entry["names"] for key, entry in schools.items()})
        kinds = data["schools"].get("kinds", {})
        self.kinds = {
            key: SchoolKind(key, frozenset(entry["grants"]), frozenset(entry["never"]))
            for key, entry in kinds.items()
        }
        self.kind_index = PhraseIndex({key: entry["names"] for key, entry in kinds.items()})
        self.levels = PhraseIndex(data["degrees"]["levels"])
        self.families = PhraseIndex(data["degrees"]["families"])


@cache
def _tables() -> _Tables:
    return _Tables()


@lru_cache(maxsize=8192)
def find_school(name: str) -> School | None:
    """The table entry whose name matches `name` best (the longest match)."""
    if not name:
        return None
    tables = _tables()
    hits = tables.school_index.find(tokenize(name))
    if not hits:
        return None
    best = max(hits, key=lambda h: h.end - h.start)
    return tables.schools[best.category]


@lru_cache(maxsize=8192)
def school_kind(name: str) -> SchoolKind | None:
    """The kind of school its name declares, if it declares one (the longest phrase wins)."""
    if not name:
        return None
    tables = _tables()
    hits = tables.kind_index.find(tokenize(name))
    if not hits:
        return None
    return tables.kinds[max(hits, key=lambda h: h.end - h.start).category]


@lru_cache(maxsize=8192)
def degree_level(degree: str) -> str | None:
    hits = _tables().levels.find(tokenize(degree))
    found = {h.category for h in hits}
    for level in _LEVEL_ORDER[::-1]:
        # A certificate/programme wins: "Executive Education Program in Finance" is no master's.
        if level == "certificate" and level in found:
            return level
    for level in _LEVEL_ORDER:
        if level in found:
            return level
    return None


@lru_cache(maxsize=8192)
def degree_families(degree: str, field: str) -> frozenset[str]:
    tables = _tables()
    families = {h.category for h in _outermost(tables.families.find(tokenize(field)))}
    for hit in _outermost(tables.families.find(tokenize(degree))):
        if hit.phrase not in _GENERIC_DEGREE_WORDS:
            families.add(hit.category)
    return frozenset(families)


def _outermost(hits: list) -> list:
    """Hits not inside a longer one: "Computer Science" is computing, not also "science"."""
    return [
        h
        for h in hits
        if not any(
            o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
            for o in hits
        )
    ]


def not_granted(school: str, degree: str, field: str) -> str | None:
    """Why `school` cannot have granted this degree, or None if it could (or we cannot tell)."""
    entry = find_school(school)
    if entry is None:
        return _not_granted_by_kind(school, degree, field)
    level = degree_level(degree)
    if level == "certificate":
        return None
    if level is not None and level not in entry.levels:
        return "grants no doctorates" if level == "doctorate" else f"grants no {level}'s degrees"
    families = degree_families(degree, field)
    if families and not families & entry.families:
        return f"grants {'/'.join(sorted(entry.families))} degrees only"
    return None


def _not_granted_by_kind(school: str, degree: str, field: str) -> str | None:
    kind = school_kind(school)
    if kind is None or degree_level(degree) == "certificate":
        return None
    families = degree_families(degree, field)
    if families & kind.grants:
        return None
    foreign = families & kind.never
    if not foreign:
        return None
    return f"{kind.key} school by its name: no {'/'.join(sorted(foreign))} degrees"


def _clear() -> None:
    for cached in (_tables, find_school, school_kind, degree_level, degree_families):
        cached.cache_clear()


config.on_reset(_clear)
