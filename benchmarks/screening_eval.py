"""Evaluate screening on labelled JSON-lines sets (not run by pytest).

    python benchmarks/screening_eval.py            # dev set (../shared/dev) and our validation sets
    python benchmarks/screening_eval.py FILE ...   # any labelled files (a `label` key per line)
    python benchmarks/screening_eval.py --errors   # also list every wrong line
    python benchmarks/screening_eval.py --record-first-pass FILE ...
        # a new blind set, before anything changes because of it: print its figures and write each
        # line's verdict and raw score to tests/data/screening_validation/first_pass/ (the records
        # the score calibration is fitted on: benchmarks/calibrate_screening.py)

The `*_blind*.jsonl` sets were written without seeing the rules, but the rules and the model were
improved on them afterwards: they are no longer unseen data (their first-pass figures are in the
README, and from blind 10 on, each line's first-pass verdict is in `first_pass/`).

Each file is screened as one batch, exactly like `netinbox screen` (so templates count). Prints
macro-F1, per-label precision/recall, pitch precision, likely_fake recall, the share of genuine
profiles called likely_fake, and the confusion matrix (rows: truth, columns: predicted).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from netinbox.screening import screen_batch
from netinbox.screening.verdict import MESSAGE_LABELS, PROFILE_LABELS

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev"
VALIDATION = ROOT / "tests" / "data" / "screening_validation"
FIRST_PASS = VALIDATION / "first_pass"
# The dev set first, then ours in a stable order (blind2 before blind10).
DEFAULT_FILES = [
    DEV / "messages.jsonl",
    DEV / "profiles.jsonl",
    *sorted(
        VALIDATION.glob("*.jsonl"),
        key=lambda p: (int("".join(c for c in p.stem if c.isdigit()) or 0), p.stem),
    ),
]


def load(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def evaluate(rows: list[dict]) -> dict:
    """Metrics for labelled rows; the labels decide whether they are messages or profiles."""
    verdicts = screen_batch(rows)
    predicted = [v.label if not isinstance(v, Exception) else "error" for v in verdicts]
    truth = [r["label"] for r in rows]
    labels = list(MESSAGE_LABELS if truth[0] in MESSAGE_LABELS else PROFILE_LABELS)
    confusion = Counter(zip(truth, predicted, strict=True))
    per_label = {}
    for label in labels:
        tp = confusion[(label, label)]
        fp = sum(n for (t, p), n in confusion.items() if p == label and t != label)
        fn = sum(n for (t, p), n in confusion.items() if t == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = (precision, recall, f1, tp + fn)
    wrong = [
        (r.get("id"), t, p, verdict)
        for r, t, p, verdict in zip(rows, truth, predicted, verdicts, strict=True)
        if t != p
    ]
    return {
        "labels": labels,
        "per_label": per_label,
        "macro_f1": sum(v[2] for v in per_label.values()) / len(labels),
        "confusion": confusion,
        "wrong": wrong,
        "genuine_to_fake": (
            confusion[("genuine", "likely_fake")]
            / max(sum(n for (t, _), n in confusion.items() if t == "genuine"), 1)
        ),
    }


def report(path: Path, result: dict, show_errors: bool) -> None:
    labels = result["labels"]
    print(f"\n== {path}")
    print(f"macro-F1 {result['macro_f1']:.3f}")
    for label, (precision, recall, f1, support) in result["per_label"].items():
        print(
            f"  {label:13s} precision {precision:.2f}  recall {recall:.2f}  F1 {f1:.2f}  (n={support})"
        )
    if "pitch" in labels:
        print(f"pitch precision {result['per_label']['pitch'][0]:.3f}")
    else:
        print(f"likely_fake recall {result['per_label']['likely_fake'][1]:.3f}")
        print(f"genuine -> likely_fake {result['genuine_to_fake']:.3f}")
    columns = labels + (["error"] if any(p == "error" for (_, p) in result["confusion"]) else [])
    print("confusion (rows truth, columns predicted):")
    print("  " + " " * 13 + "".join(f"{c[:11]:>12s}" for c in columns))
    for t in labels:
        print(f"  {t:13s}" + "".join(f"{result['confusion'][(t, p)]:12d}" for p in columns))
    if show_errors:
        for ident, t, p, verdict in result["wrong"]:
            why = "; ".join(f"{r.signal}: {r.evidence}" for r in getattr(verdict, "reasons", ()))
            print(f"  {ident}: {t} -> {p}  {why or verdict}")


def record_first_pass(path: Path, rows: list[dict]) -> Path:
    """Each line's verdict and raw (uncalibrated) score, for the calibration."""
    FIRST_PASS.mkdir(parents=True, exist_ok=True)
    target = FIRST_PASS / path.name
    if target.exists():
        raise SystemExit(f"{target} exists: a first pass is recorded once, before any change")
    verdicts = screen_batch(rows, calibrated=False)
    lines = [
        json.dumps(
            {
                "id": row.get("id"),
                "truth": row["label"],
                "label": getattr(v, "label", "error"),
                "score": getattr(v, "score", 0.0),
            }
        )
        for row, v in zip(rows, verdicts, strict=True)
    ]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def main(argv: list[str]) -> int:
    show_errors = "--errors" in argv
    recording = "--record-first-pass" in argv
    files = [Path(a) for a in argv if not a.startswith("--")] or DEFAULT_FILES
    if recording and not [a for a in argv if not a.startswith("--")]:
        raise SystemExit("--record-first-pass needs the new set's files")
    for path in files:
        if not path.is_file():
            print(f"\n== {path}: missing, skipped")
            continue
        rows = load(path)
        report(path, evaluate(rows), show_errors)
        if recording:
            print(f"recorded {record_first_pass(path, rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
