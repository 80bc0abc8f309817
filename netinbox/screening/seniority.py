"""How senior a job title is: a rank on the ladder of profiles.toml's [seniority] table.

From trainee (0) to the top of a company (9), in the title words of several languages. A title's
rank is the highest of its phrases, counting only the longest phrase where phrases overlap
("Senior Manager" is one phrase, "Assistant Manager" another), and a support role ("Executive
Assistant to the CEO", "Chief of Staff") ranks as itself, not as the person it supports.
"""

from __future__ import annotations

from functools import cache, lru_cache

from netinbox.screening import config
from netinbox.screening.config import ScreeningConfigError
from netinbox.screening.phrases import Hit, PhraseIndex
from netinbox.screening.textnorm import tokenize

_SUPPORT = "support"


class _Ladder:
    def __init__(self) -> None:
        table = config.load()["profiles"]["seniority"]
        self.levels: list[str] = list(table["levels"])
        unknown = sorted(set(table["titles"]) - set(self.levels))
        if unknown or table["support_level"] not in self.levels:
            raise ScreeningConfigError(
                f"profiles.toml: seniority names a level not in seniority.levels: "
                f"{', '.join(unknown) or table['support_level']}"
            )
        self.support_rank = self.levels.index(table["support_level"])
        self.index = PhraseIndex({**table["titles"], _SUPPORT: table["support"]})


@cache
def _ladder() -> _Ladder:
    return _Ladder()


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Hits not inside a longer one: "Senior Manager" counts, not also its "Manager"."""
    return [
        h
        for h in hits
        if not any(
            o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
            for o in hits
        )
    ]


@lru_cache(maxsize=16384)
def rank(title: str) -> int | None:
    """The title's rank (0 = trainee ... 9 = C-level), or None if no ladder word is in it."""
    ladder = _ladder()
    hits = _outermost(ladder.index.find(tokenize(title or "")))
    if any(h.category == _SUPPORT for h in hits):
        return ladder.support_rank
    ranks = [ladder.levels.index(h.category) for h in hits]
    return max(ranks) if ranks else None


def level_rank(level: str) -> int:
    """The rank of a named level ("senior" -> 3)."""
    return _ladder().levels.index(level)


def _clear() -> None:
    _ladder.cache_clear()
    rank.cache_clear()


config.on_reset(_clear)
