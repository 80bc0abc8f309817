"""Bursts: several invitations within a day that share a company, a school or a note.

Coordinated list-building (a sales team, a coaching cohort) arrives in waves. Each item with a
`received_at` time is keyed by its company, schools and note template; any key with `min_items`
items inside `window_hours` marks all of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from netinbox.screening import config
from netinbox.screening.textnorm import fold


@dataclass(frozen=True, slots=True)
class Arrival:
    at: datetime
    keys: tuple[tuple[str, str], ...]  # (what, value): ("company", "Brightlane"), ("note", "#3")


def _normalise(value: str) -> str:
    return " ".join(fold(value).split())


def find(arrivals: Sequence[Arrival | None]) -> dict[int, str]:
    """Evidence for each index that is part of a burst ("4 invitations within 24h from ...")."""
    settings = config.load()["messages"]["bursts"]
    window = timedelta(hours=float(settings["window_hours"]))
    minimum = max(int(settings["min_items"]), 2)
    ignore = {_normalise(v) for v in settings["ignore"]}
    by_key: dict[tuple[str, str], list[tuple[datetime, int]]] = defaultdict(list)
    for index, arrival in enumerate(arrivals):
        if arrival is None:
            continue
        for what, value in arrival.keys:
            key = _normalise(value)
            if key and key not in ignore:
                by_key[(what, key)].append((arrival.at, index))

    found: dict[int, str] = {}
    for (what, _), events in by_key.items():
        if len(events) < minimum:
            continue
        events.sort()
        start = 0
        for end in range(len(events)):
            while events[end][0] - events[start][0] > window:
                start += 1
            count = end - start + 1
            if count >= minimum:
                index = events[end][1]
                shared = (
                    "the same note" if what == "note" else f"{what} {_show(arrivals, index, what)}"
                )
                evidence = (
                    f"{count} invitations within {settings['window_hours']}h sharing {shared}"
                )
                for _, member in events[start : end + 1]:
                    found.setdefault(member, evidence)
    return found


def _show(arrivals: Sequence[Arrival | None], index: int, what: str) -> str:
    arrival = arrivals[index]
    if arrival is None:
        return ""
    return next((value for kind, value in arrival.keys if kind == what), "")
