"""Scores that mean what they say: a verdict's score is how often verdicts like it were right.

Each label's raw score (the rules' and the model's own confidence) is mapped through a monotone
table fitted on **first-pass** verdicts: lines of labelled sets screened before any rule was
changed because of them, the only honest record of how the screening does on text it has not seen.
`benchmarks/calibrate_screening.py` fits the table (isotonic regression, counts shrunk towards a
coin flip so a handful of lines cannot promise certainty) and writes `data/calibration.toml`.
Between the table's points the score is interpolated; labels without a table keep their raw score.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from netinbox.screening import config
from netinbox.screening.verdict import Verdict

# Labels that are no judgement (nothing to read, nothing known): their score is not a confidence.
_UNCALIBRATED = frozenset({"empty", "unchecked"})


@cache
def _tables() -> dict[str, tuple[tuple[float, ...], tuple[float, ...]]]:
    labels = config.load()["calibration"].get("labels", {})
    tables = {}
    for label, table in labels.items():
        raw, calibrated = tuple(table["raw"]), tuple(table["calibrated"])
        if raw and len(raw) == len(calibrated):
            tables[label] = (raw, calibrated)
    return tables


config.on_reset(_tables.cache_clear)


def calibrated_score(label: str, raw: float) -> float:
    if label in _UNCALIBRATED:
        return raw
    return apply_table(_tables().get(label), raw)


def calibrate(verdict: Verdict) -> Verdict:
    score = round(calibrated_score(verdict.label, verdict.score), 2)
    return verdict if score == verdict.score else replace(verdict, score=score)


def fit(
    points: Sequence[tuple[float, bool]], prior: float = 2.0
) -> tuple[list[float], list[float]]:
    """An isotonic (non-decreasing) map from raw score to the share of verdicts that were right.

    `points` are (raw score, was right). Pool-adjacent-violators over the points sorted by score;
    each pooled block's rate is shrunk towards 0.5 by `prior` pseudo-verdicts. Returns the table's
    (raw, calibrated) columns, one point per block at its mean raw score."""
    tied: dict[float, list[float]] = {}  # equal scores are one observation: [sum, right, count]
    for score, right in points:
        entry = tied.setdefault(score, [0.0, 0.0, 0.0])
        entry[0] += score
        entry[1] += float(right)
        entry[2] += 1.0
    blocks: list[list[float]] = []
    for score in sorted(tied):
        blocks.append(tied[score])
        while len(blocks) > 1 and _rate(blocks[-2], prior) >= _rate(blocks[-1], prior):
            s, r, n = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += r
            blocks[-1][2] += n
    merged: list[list[float]] = []
    for block in blocks:  # blocks whose mean scores round alike become one point
        if merged and round(merged[-1][0] / merged[-1][2], 3) == round(block[0] / block[2], 3):
            merged[-1] = [a + b for a, b in zip(merged[-1], block, strict=True)]
        else:
            merged.append(block)
    raw = [round(s / n, 3) for s, _, n in merged]
    calibrated = [round(_rate(b, prior), 3) for b in merged]
    return raw, calibrated


_NOT_JUDGED = frozenset({"empty", "unchecked", "error"})
MIN_VERDICTS = 5  # fewer first-pass verdicts of a label than this: no table for it


def fit_tables(records: Iterable[dict]) -> dict[str, tuple[list[float], list[float]]]:
    """A table per label from first-pass records ({"truth", "label", "score"} each)."""
    points: dict[str, list[tuple[float, bool]]] = {}
    for r in records:
        if r["label"] not in _NOT_JUDGED:
            points.setdefault(r["label"], []).append((float(r["score"]), r["label"] == r["truth"]))
    return {label: fit(p) for label, p in sorted(points.items()) if len(p) >= MIN_VERDICTS}


def table_toml(tables: dict[str, tuple[list[float], list[float]]], sources: Iterable[str]) -> str:
    lines = [
        "# Written by benchmarks/calibrate_screening.py: do not edit by hand (run the script).",
        "# Fitted on the first-pass records of: " + ", ".join(sources) + ".",
        "# For each label: raw scores, and the share of first-pass verdicts with that label and",
        "# score that were right (isotonic, shrunk towards 0.5 by two pseudo-verdicts).",
        "[labels]",
    ]
    for label, (raw, cal) in tables.items():
        lines.append(f"{label} = {{ raw = {raw}, calibrated = {cal} }}")
    return "\n".join(lines) + "\n"


def apply_table(table: tuple[Sequence[float], Sequence[float]] | None, raw: float) -> float:
    """`raw` mapped through a (raw, calibrated) table, interpolated; unchanged without one."""
    if table is None:
        return raw
    xs, ys = table
    if raw <= xs[0]:
        return ys[0]
    if raw >= xs[-1]:
        return ys[-1]
    i = bisect_right(xs, raw) - 1
    x0, x1, y0, y1 = xs[i], xs[i + 1], ys[i], ys[i + 1]
    return y0 + (y1 - y0) * (raw - x0) / (x1 - x0) if x1 > x0 else y1


def held_out_pairs(records: dict[str, list[dict]]) -> list[tuple[float, bool]]:
    """(score, was right) for every judged first-pass verdict, each set's raw scores mapped by a
    table fitted on the other sets only: the honest reliability of the calibration."""
    pairs = []
    for name, rows in records.items():
        others = fit_tables(r for n, rs in records.items() if n != name for r in rs)
        for r in rows:
            if r["label"] not in _NOT_JUDGED:
                score = apply_table(others.get(r["label"]), float(r["score"]))
                pairs.append((score, r["label"] == r["truth"]))
    return pairs


def expected_error(pairs: Sequence[tuple[float, bool]], bins: int = 10) -> float:
    """Expected calibration error: the mean gap, weighted by count, between the scores in a bin
    and the share of those verdicts that were right."""
    if not pairs:
        return 0.0
    grouped: dict[int, list[tuple[float, bool]]] = {}
    for score, right in pairs:
        grouped.setdefault(min(int(score * bins), bins - 1), []).append((score, right))
    gap = 0.0
    for inside in grouped.values():
        mean_score = sum(s for s, _ in inside) / len(inside)
        share = sum(1 for _, r in inside if r) / len(inside)
        gap += len(inside) * abs(mean_score - share)
    return gap / len(pairs)


def _rate(block: list[float], prior: float) -> float:
    _, right, n = block
    return (right + prior * 0.5) / (n + prior)
