"""`netinbox screen`: the JSON-lines contract of SCREENING.md."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netinbox.cli import main
from netinbox.screening import command

MESSAGE = {
    "id": "m1",
    "kind": "reply_to_thanks",
    "recipient_first_name": "Robin",
    "text": "Likewise!",
}
PITCH = {
    "id": "m2",
    "kind": "inmail",
    "text": "Hi Robin, I help platform teams cut CI costs by 40%. Book a slot: calendly.com/x/15",
}
PROFILE = {"id": "p1", "name": "Ana Silva", "connections": 300, "education": []}


def _lines(*items: object) -> bytes:
    return b"".join(
        (item if isinstance(item, bytes) else json.dumps(item).encode()) + b"\n" for item in items
    )


def _run(data: bytes) -> tuple[int, list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    status = command.run("-", stdin=io.BytesIO(data), stdout=out, stderr=err)
    return status, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_one_verdict_per_line_in_order_with_ids() -> None:
    status, rows, _ = _run(_lines(PITCH, MESSAGE, PROFILE))
    assert status == 0
    assert [r["id"] for r in rows] == ["m2", "m1", "p1"]
    assert [r["label"] for r in rows] == ["pitch", "canned", "genuine"]
    for row in rows:
        assert set(row) == {"id", "label", "score", "reasons"}
        assert 0.0 <= row["score"] <= 1.0
        assert all(set(r) == {"signal", "evidence"} for r in row["reasons"])


def test_bad_lines_get_an_error_and_the_rest_go_on() -> None:
    data = _lines(
        MESSAGE,
        b"{not json",
        [1, 2],
        {"id": "x1"},  # neither kind
        {"id": "x2", "text": 5},  # wrong type
        {"id": "x3", "connections": "many"},
        {"id": "x4", "education": [{"end_year": "2010"}]},
        {"id": "x5", "text": "hi", "received_at": "not a time"},
        b"\xff\xfe",
        PITCH,
    )
    status, rows, err = _run(data)
    assert status == 1
    assert "could not be screened" in err
    assert [r.get("id") for r in rows] == [
        "m1",
        None,
        None,
        "x1",
        "x2",
        "x3",
        "x4",
        "x5",
        None,
        "m2",
    ]
    assert [("error" in r) for r in rows] == [False] + [True] * 8 + [False]
    assert "text must be a string" in rows[4]["error"]
    assert "connections" in rows[5]["error"]
    assert "education[0].end_year" in rows[6]["error"]
    assert rows[-1]["label"] == "pitch"


def test_unknown_keys_are_ignored_and_optional_keys_may_be_missing() -> None:
    status, rows, _ = _run(
        _lines({"text": "Thanks for connecting!", "mood": "sunny"}, {"education": []})
    )
    assert status == 0
    assert rows[0] == {
        "id": None,
        "label": "canned",
        "score": rows[0]["score"],
        "reasons": rows[0]["reasons"],
    }
    assert rows[1]["label"] == "unchecked"  # a profile line with no facts is not judged


def test_blank_lines_are_skipped_and_empty_input_is_fine() -> None:
    status, rows, _ = _run(b"\n" + _lines(MESSAGE) + b"   \n\n")
    assert status == 0 and len(rows) == 1
    assert _run(b"") == (0, [], "")


def test_templates_are_found_across_lines() -> None:
    text = (
        "Hi {n}, quick question: how does your team review vendor security today? We have been "
        "talking to a lot of teams about this lately and are curious."
    )
    items = [
        {"id": f"t{i}", "sender_name": sender, "recipient_first_name": n, "text": text.format(n=n)}
        for i, (sender, n) in enumerate(
            [("Ann Lee", "Ana"), ("Bo Chan", "Sam"), ("Cy Diaz", "Kai")]
        )
    ]
    _, rows, _ = _run(_lines(*items))
    for row, item in zip(rows, items, strict=True):
        assert row["label"] == "pitch"
        # Each copy quotes its own ask, cut like any evidence.
        first = row["reasons"][0]
        assert first["signal"] == "template"
        assert first["evidence"].startswith(
            f"same text as 2 other senders, asking: {item['recipient_first_name']}, quick question"
        )
        assert len(first["evidence"]) <= 80


def test_file_argument_and_stdin_through_main(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(_lines(MESSAGE, PITCH))
    assert main(["screen", str(path)]) == 0
    from_file = capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(_lines(MESSAGE, PITCH))))
    assert main(["screen"]) == 0
    assert capsys.readouterr().out == from_file
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(_lines(MESSAGE))))
    assert main(["screen", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "m1"


def test_missing_file_is_one_line_and_status_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["screen", "/nonexistent/in.jsonl"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("netinbox: cannot read") and "Traceback" not in err


def test_screen_never_opens_or_creates_a_database(
    tmp_path: Path, isolated_environment: Path
) -> None:
    db = tmp_path / "never.json"
    env = {**os.environ, "NETINBOX_DB": str(db)}
    result = subprocess.run(
        [sys.executable, "-m", "netinbox", "--db", str(db), "screen"],
        input=_lines(MESSAGE, b"oops"),
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert [json.loads(line).get("label") for line in result.stdout.splitlines()] == [
        "canned",
        None,
    ]
    assert b"Traceback" not in result.stderr
    assert not db.exists()
    assert not list(isolated_environment.rglob("*.json"))
