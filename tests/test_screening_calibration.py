"""Score calibration: fitted on first-pass records (verdicts given to labelled sets before anything
was changed because of them), monotone, shrunk for small counts, shipped as fitted, and applied to
every verdict the screening gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netinbox.screening import calibration, config, screen_batch, screen_message
from netinbox.screening.verdict import Verdict

FIRST_PASS = Path(__file__).parent / "data" / "screening_validation" / "first_pass"


def _records() -> dict[str, list[dict]]:
    return {
        path.stem: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        for path in sorted(FIRST_PASS.glob("*.jsonl"))
    }


@given(st.lists(st.tuples(st.floats(0.0, 1.0), st.booleans()), max_size=60))
def test_a_fitted_table_never_decreases_and_stays_a_probability(points: list) -> None:
    raw, calibrated = calibration.fit(points)
    assert raw == sorted(raw) and len(set(raw)) == len(raw)
    assert calibrated == sorted(calibrated)
    assert all(0.0 < c < 1.0 for c in calibrated)


def test_few_verdicts_cannot_promise_certainty_and_ties_are_pooled() -> None:
    assert calibration.fit([(0.99, True)]) == ([0.99], [0.667])
    # Four verdicts at the same score, half of them wrong: one point at one half, whatever order.
    assert calibration.fit([(0.86, True), (0.86, False), (0.86, False), (0.86, True)]) == (
        [0.86],
        [0.5],
    )


def test_scores_between_points_are_interpolated_and_clamped_outside() -> None:
    table = ([0.6, 0.8], [0.5, 0.9])
    assert calibration.apply_table(table, 0.7) == pytest.approx(0.7)
    assert calibration.apply_table(table, 0.1) == 0.5
    assert calibration.apply_table(table, 0.99) == 0.9
    assert calibration.apply_table(None, 0.42) == 0.42


def test_the_shipped_table_is_what_fitting_the_first_pass_records_gives() -> None:
    records = _records()
    assert {"messages_blind10", "profiles_blind10", "messages_blind11", "profiles_blind11"} <= set(
        records
    )
    tables = calibration.fit_tables(r for rows in records.values() for r in rows)
    shipped = (config.DATA_DIR / "calibration.toml").read_text(encoding="utf-8")
    assert calibration.table_toml(tables, list(records)) == shipped, (
        "run python benchmarks/calibrate_screening.py and commit the table"
    )


def test_calibrated_first_pass_scores_are_honest_on_sets_they_were_not_fitted_on() -> None:
    """Leave one set out: each set's scores mapped by a table fitted on the others."""
    held_out = calibration.held_out_pairs(_records())
    confident = [right for score, right in held_out if score >= 0.9]
    assert sum(confident) / len(confident) >= 0.9
    assert calibration.expected_error(held_out) <= 0.06


def test_every_verdict_is_calibrated_except_empty() -> None:
    text = "Thanks for connecting!"
    raw = screen_batch([{"text": text}], calibrated=False)[0]
    assert isinstance(raw, Verdict)
    expected = round(calibration.calibrated_score(raw.label, raw.score), 2)
    assert screen_batch([{"text": text}])[0].score == expected == screen_message(text).score
    assert screen_message("   ").score == 1.0


def test_a_user_table_replaces_the_shipped_one_for_its_label() -> None:
    from netinbox.paths import user_config_dir

    folder = user_config_dir() / "screening"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "calibration.toml").write_text(
        "[labels]\ncanned = { raw = [0.0, 1.0], calibrated = [0.3, 0.3] }\n", encoding="utf-8"
    )
    config.reset()
    try:
        assert screen_message("Thanks for connecting!").score == 0.3
    finally:
        config.reset()
