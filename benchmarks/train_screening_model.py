"""Train the message model shipped in netinbox/screening/data/message_model.json.

    python benchmarks/train_screening_model.py          # train on the repo's labelled sets, write it
    python benchmarks/train_screening_model.py --cv     # also: leave-one-file-out figures
    python benchmarks/train_screening_model.py --check  # fail if the shipped file is not what
                                                        # training gives (reproducibility)

Training data: every `messages*.jsonl` under tests/data/screening_validation (labelled lines, a
`label` key each). `../shared/dev` is never trained on: it stays a held-out check, and so does any
new blind set until its first-pass figures are recorded (then it is copied into the folder).

With --cv each file is screened by a model trained on all the other files: the figures are for text
the model has not seen, for the model alone and combined with the rules as netinbox combines them.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from netinbox.screening import config
from netinbox.screening.learn import row_features, train
from netinbox.screening.model import MODEL_FILE, Model

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "data" / "screening_validation"
OUTPUT = ROOT / "netinbox" / "screening" / "data" / MODEL_FILE


def load(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def training_files() -> list[Path]:
    # blind2 before blind10 in the figures; the order does not change the model (see learn.py).
    return sorted(
        SETS.glob("messages*.jsonl"),
        key=lambda p: (int("".join(c for c in p.stem if c.isdigit()) or 0), p.stem),
    )


def fit(files: list[Path]) -> Model:
    docs = [(row_features(row), row["label"]) for path in files for row in load(path)]
    return train(docs)


def _cross_validate(files: list[Path]) -> None:
    from screening_eval import evaluate  # benchmarks/ is on sys.path when this script runs

    from netinbox.screening import model as model_module

    print("leave-one-file-out (each file screened by a model that never saw it):")
    print(
        f"  {'file':26} {'model alone':>12} {'rules+model':>12} {'macro-F1':>9} "
        f"{'pitch recall':>13} {'pitch prec':>11}"
    )
    for held in files:
        model = fit([f for f in files if f != held])
        rows = load(held)
        alone = []
        for row in rows:
            if row["label"] == "empty":
                alone.append("empty")
                continue
            p = model.predict(row_features(row)).probabilities
            alone.append(max(p, key=p.get))
        original = model_module.shipped
        model_module.shipped = lambda m=model: m  # type: ignore[assignment]
        try:
            result = evaluate(rows)  # the eval script's own figures, rules and model together
        finally:
            model_module.shipped = original
            config.reset()
        gold = [r["label"] for r in rows]
        hit = sum(g == p for g, p in zip(gold, alone, strict=True)) / len(gold)
        both = 1 - len(result["wrong"]) / len(rows)
        precision, recall, _, _ = result["per_label"]["pitch"]
        print(
            f"  {held.name:26} {hit:12.3f} {both:12.3f} {result['macro_f1']:9.3f} "
            f"{recall:13.3f} {precision:11.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true", help="also print leave-one-file-out figures")
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    args = parser.parse_args(argv)
    files = training_files()
    started = time.perf_counter()
    model = fit(files)
    took = time.perf_counter() - started
    text = model.to_json()
    meta = model.meta
    print(
        f"trained on {meta['documents']} messages from {len(files)} files "
        f"{meta['per_class']} in {took:.1f} s: {meta['features']} features, "
        f"{len(text.encode()) / 1024:.0f} KiB"
    )
    if args.check:
        shipped = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if shipped != text:
            print(f"{OUTPUT} differs from what training gives: run this script and commit it")
            return 1
        print(f"{OUTPUT.name} is exactly what training gives")
    else:
        OUTPUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUTPUT}")
    if args.cv:
        _cross_validate(files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
