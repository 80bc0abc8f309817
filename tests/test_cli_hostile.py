"""Hostile text (markup, escapes) through the command line: printed and echoed as plain, clean text."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

# cli, demo_db and frozen are fixtures: imported as themselves so that pytest finds them.
from cli_helpers import cli as cli
from cli_helpers import demo_db as demo_db
from cli_helpers import frozen as frozen
from factories import HOSTILE, add_invitation, add_person

from netinbox.services import Context
from netinbox.text import clean


def test_hostile_ids_in_error_messages_are_not_echoed_raw(demo_db: Path, cli) -> None:
    for value in HOSTILE.values():
        message = cli("--db", demo_db, "accept", value).assert_one_line_error()
        assert "\x1b" not in message and "\x07" not in message


# --- hostile text ---------------------------------------------------------------------------------


@pytest.fixture
def hostile_db(ctx: Context, db_path: Path, frozen: datetime) -> Path:
    for index, (key, value) in enumerate(HOSTILE.items()):
        add_invitation(
            ctx,
            f"pending-{key}",
            note=f"note {value} end",
            hours_ago=index + 1,
            first=value,
            last=f"{value}Z",
            headline=f"head {value}",
        )
        add_person(ctx, f"person-{key}", f"P{value}", value, headline=value)
    ctx.store.close()  # hand the database over to the CLI (one writer at a time)
    return db_path


@pytest.mark.parametrize("kind", ["pending", "people"])
def test_hostile_text_is_printed_as_plain_text(
    hostile_db: Path, cli, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # wide enough that no cell is cut short
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    result = cli("--db", hostile_db, "list", kind)
    assert (result.code, result.err) == (0, "")
    assert "\x1b" not in result.out and "\x07" not in result.out
    for literal in ("[/x]", "[@click=app.quit]boom", "[bold red]x"):
        assert literal in result.out
    assert "]52;" not in result.out and "[2J" not in result.out


@pytest.mark.parametrize("kind", ["pending", "people"])
def test_hostile_text_in_json_is_clean(hostile_db: Path, cli, kind: str) -> None:
    result = cli("--db", hostile_db, "list", kind, "--json")
    assert (result.code, result.err) == (0, "")
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "\\u001b" not in result.out.lower() and "\\u0007" not in result.out
    rows = {row["id"]: row for row in result.json}
    assert len(rows) == len(HOSTILE) * (1 if kind == "pending" else 2)
    prefix = "pending" if kind == "pending" else "person"
    for key, value in HOSTILE.items():
        row = rows[f"{prefix}-{key}"]
        if kind == "pending":
            assert row["name"] == f"{clean(value)} {clean(value)}Z".strip()
            assert row["note"] == f"note {clean(value)} end"
            assert row["headline"] == f"head {clean(value)}"
        else:
            assert row["headline"] == clean(value)


def test_hostile_people_can_be_accepted_by_id(hostile_db: Path, cli) -> None:
    line = cli("--db", hostile_db, "accept", "pending-osc52", "pending-click").assert_one_line_ok()
    assert "\x1b" not in line
    line = cli("--db", hostile_db, "accept", "pending-style").assert_one_line_ok()
    assert line == "Accepted [bold red]x [bold red]xZ"
