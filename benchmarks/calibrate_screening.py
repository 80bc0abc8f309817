"""Fit the score calibration (netinbox/screening/data/calibration.toml) and print reliability tables.

    python benchmarks/calibrate_screening.py           # fit, write the table, print the figures
    python benchmarks/calibrate_screening.py --check   # fail if the shipped table is not what
                                                       # fitting gives

The table is fitted on **first-pass records** (tests/data/screening_validation/first_pass/*.jsonl):
for each labelled set written blind, the verdict and raw score each line got before any rule or
model was changed because of that set (`benchmarks/screening_eval.py --record-first-pass`). They
are the only honest sample of how screening does on text it has not seen; a set the rules were
later tuned on is not, so the current verdicts on the labelled sets are shown but not fitted on.

Printed: the reliability of first-pass verdicts raw, calibrated leave-one-set-out (each set's
scores mapped by a table fitted on the other sets: the honest figure) and calibrated in-sample, and
the reliability of today's verdicts on every labelled set in the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from netinbox.screening import calibration, config, screen_batch
from netinbox.screening.verdict import MESSAGE_LABELS, PROFILE_VERDICTS

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "data" / "screening_validation"
FIRST_PASS = SETS / "first_pass"
OUTPUT = ROOT / "netinbox" / "screening" / "data" / "calibration.toml"
BINS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
LABELS = tuple(dict.fromkeys((*MESSAGE_LABELS, *PROFILE_VERDICTS)))


def load(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def records() -> dict[str, list[dict]]:
    return {p.stem: load(p) for p in sorted(FIRST_PASS.glob("*.jsonl"))}


def reliability(pairs: list[tuple[float, bool]], title: str) -> None:
    print(f"\n{title}")
    print("  score       verdicts   right")
    for low, high in zip(BINS, BINS[1:], strict=False):
        inside = [ok for s, ok in pairs if low <= s < high]
        if inside:
            share = sum(inside) / len(inside)
            print(f"  {low:.1f}–{min(high, 1.0):.1f}   {len(inside):9d}   {share:6.1%}")
    high = [ok for s, ok in pairs if s >= 0.9]
    if high:
        print(f"  score >= 0.9: {sum(high)}/{len(high)} right ({sum(high) / len(high):.1%})")


def current_pairs() -> list[tuple[float, bool]]:
    pairs = []
    files = sorted(SETS.glob("*.jsonl"))
    for path in files:
        rows = load(path)
        for row, verdict in zip(rows, screen_batch(rows), strict=True):
            if isinstance(verdict, Exception) or verdict.label in {"empty"}:
                continue
            pairs.append((verdict.score, verdict.label == row["label"]))
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped table")
    args = parser.parse_args(argv)
    sets = records()
    everything = [r for rows in sets.values() for r in rows]
    tables = calibration.fit_tables(everything)
    text = calibration.table_toml(tables, list(sets))
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} differs from what fitting gives: run this script and commit it")
            return 1
        print(f"{OUTPUT.name} is exactly what fitting gives")
    else:
        OUTPUT.write_text(text, encoding="utf-8")
        config.reset()
        print(f"wrote {OUTPUT} from {len(everything)} first-pass verdicts in {len(sets)} sets")

    judged = [r for r in everything if r["label"] not in {"empty", "unchecked", "error"}]
    raw = [(float(r["score"]), r["label"] == r["truth"]) for r in judged]
    reliability(raw, "first pass, raw scores")
    print(f"  expected calibration error {calibration.expected_error(raw):.3f}")
    held_out = calibration.held_out_pairs(sets)
    reliability(held_out, "first pass, calibrated leave-one-set-out (the honest figure)")
    print(f"  expected calibration error {calibration.expected_error(held_out):.3f}")
    in_sample = [
        (
            calibration.apply_table(tables.get(r["label"]), float(r["score"])),
            r["label"] == r["truth"],
        )
        for r in judged
    ]
    reliability(in_sample, "first pass, calibrated with the shipped table")
    reliability(current_pairs(), "today's verdicts on every labelled set in the repository")
    return 0


if __name__ == "__main__":
    sys.exit(main())
