"""Degree lines read for the timeline, and degrees finished too soon after the one they build on.

A doctorate a year after the bachelor's, a medical degree or a JD a year after it, a master's the
same year: the minimum gaps per degree type are degrees.toml's [sequence] table. A degree that is a
first degree on its own (an MBBS, a Diplom, an integrated master's, "BS/MD") builds on nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from netinbox.screening import config
from netinbox.screening.config import ScreeningConfigError
from netinbox.screening.education import degree_families, degree_level
from netinbox.screening.phrases import PhraseIndex
from netinbox.screening.textnorm import tokenize


@dataclass(frozen=True, slots=True)
class Degree:
    level: str | None
    label: str
    end: int | None
    school: str = ""
    families: frozenset[str] = frozenset()
    kind: str | None = None  # a [sequence] type: "doctorate", "medicine", "mba", ...
    first: bool = False  # a first degree on its own: it builds on no earlier degree
    field: str = ""


@dataclass(frozen=True, slots=True)
class _Kind:
    key: str
    label: str
    level: str | None
    after: dict[str, int]


class _Sequence:
    def __init__(self) -> None:
        data = config.load()
        table = data["degrees"]["sequence"]
        self.kinds: list[_Kind] = []
        for key, entry in table.items():
            after = entry.get("after") if isinstance(entry, dict) else None
            if not isinstance(after, dict) or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in after.values()
            ):
                raise ScreeningConfigError(
                    f"degrees.toml: sequence.{key}.after must map degree levels to whole years"
                )
            # A type with names is found by them; one without takes its whole level.
            level = None if entry.get("names") else entry.get("level")
            self.kinds.append(_Kind(key, str(entry.get("label", key)), level, after))
        self.names = PhraseIndex(
            {key: entry.get("names", []) for key, entry in table.items() if entry.get("names")}
        )
        self.order = {kind.key: i for i, kind in enumerate(self.kinds)}
        self.first_degree = PhraseIndex(
            {
                "first": data["profiles"]["words"]["first_degree_masters"],
                "bachelor": data["degrees"]["levels"]["bachelor"],
            }
        )


@cache
def _sequence() -> _Sequence:
    return _Sequence()


@lru_cache(maxsize=8192)
def _read(label: str) -> tuple[str | None, bool]:
    """The [sequence] type of a degree line, and whether it is a first degree on its own."""
    table = _sequence()
    tokens = tokenize(label)
    first = bool(table.first_degree.find(tokens))
    named = sorted({h.category for h in table.names.find(tokens)}, key=table.order.__getitem__)
    if named:
        return named[0], first
    level = degree_level(label)
    for kind in table.kinds:
        if kind.level is not None and kind.level == level:
            return kind.key, first
    return None, first


def degree(entry: dict) -> Degree:
    """An education entry as the timeline reads it."""
    text = f"{entry.get('degree') or ''}".strip()
    field = f"{entry.get('field') or ''}".strip()
    kind, first = _read(text)
    return Degree(
        degree_level(text),
        text or "degree",
        entry.get("end_year"),
        f"{entry.get('school') or ''}",
        degree_families(text, field),
        kind,
        first,
        field,
    )


def too_soon(degrees: Sequence[Degree]) -> str | None:
    """Evidence of a degree finished sooner after the one it builds on than any route allows."""
    table = _sequence()
    kinds = {kind.key: kind for kind in table.kinds}
    for later in degrees:
        kind = kinds.get(later.kind or "")
        if kind is None or later.first or later.end is None:
            continue
        for level, minimum in kind.after.items():
            earlier = [
                d
                for d in degrees
                if d is not later
                and d.end is not None
                and d.end <= later.end
                # A first degree with a master's title (a Diplom) is where a career of degrees starts.
                and (d.level == level or (level == "bachelor" and d.first))
            ]
            if not earlier:
                continue
            before = min(earlier, key=lambda d: d.end or 0)
            gap = later.end - (before.end or 0)
            if gap >= minimum or (gap == 0 and _same_school(before, later)):
                continue
            return (
                f"{later.label} in {later.end}, {_after(gap)} the {before.label} "
                f"({before.end}): {kind.label} takes {minimum}+ year{'s' if minimum != 1 else ''}"
            )
    return None


def _after(gap: int) -> str:
    if gap == 0:
        return "the same year as"
    return "a year after" if gap == 1 else f"{gap} years after"


def _same_school(a: Degree, b: Degree) -> bool:
    return bool(a.school.strip()) and a.school.strip().casefold() == b.school.strip().casefold()


def _clear() -> None:
    _sequence.cache_clear()
    _read.cache_clear()


config.on_reset(_clear)
