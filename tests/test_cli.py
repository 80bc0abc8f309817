"""`netinbox list` as scripts rely on it (JSON shape, ISO dates, the table) and where the database is."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

# cli, demo_db and frozen are fixtures: imported as themselves so that pytest finds them.
from cli_helpers import NOW, aware, ids_of
from cli_helpers import cli as cli
from cli_helpers import demo_db as demo_db
from cli_helpers import frozen as frozen

from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.services import Context, screening
from netinbox.store import Store

DATE_FIELDS = {
    "pending": ("received_at",),
    "unanswered": ("created_at", "sent_at"),
    "conversations": ("due_at", "created_at"),
    "people": ("connected_at",),
}
REQUIRED_FIELDS = {
    "pending": ("id", "name", "received_at"),
    "unanswered": ("id", "name", "sent_at", "status"),
    "conversations": ("id", "name", "due_at"),
    "people": ("id", "name"),
}


# --- list --json ----------------------------------------------------------------------------------


def test_demo_seeds_the_file_and_prints_a_json_array(tmp_path: Path, frozen: datetime, cli) -> None:
    path = tmp_path / "fresh.json"
    result = cli("--demo", "--db", path, "list", "pending", "--json")
    assert (result.code, result.err) == (0, "")
    rows = result.json
    assert isinstance(rows, list) and len(rows) > 10
    for row in rows:
        assert set(REQUIRED_FIELDS["pending"]) <= set(row)
        assert isinstance(row["id"], str) and row["id"]
        assert isinstance(row["name"], str) and row["name"]
    with Store(path, read_only=True) as store:
        assert store.count("people") == len(cli("--db", path, "list", "people", "--json").json) > 0
    assert len({row["id"] for row in rows}) == len(rows)


@pytest.mark.parametrize("kind", ["pending", "unanswered", "conversations", "people"])
def test_every_list_is_a_json_array_with_iso_dates(demo_db: Path, cli, kind: str) -> None:
    result = cli("--db", demo_db, "list", kind, "--json")
    assert (result.code, result.err) == (0, "")
    rows = result.json
    assert isinstance(rows, list) and rows
    for row in rows:
        assert set(REQUIRED_FIELDS[kind]) <= set(row), row
        for name in DATE_FIELDS[kind]:
            if row[name] is not None:
                aware(row[name])


def test_unanswered_rows_have_a_status_and_null_sent_at_for_notes_to_send(
    demo_db: Path, cli
) -> None:
    rows = cli("--db", demo_db, "list", "unanswered", "--json").json
    statuses = {row["status"] for row in rows}
    assert statuses == {"to_send", "waiting"}
    for row in rows:
        assert (row["sent_at"] is None) == (row["status"] == "to_send"), row
    # notes still to send come first
    first_waiting = [row["status"] for row in rows].index("waiting")
    assert all(row["status"] == "waiting" for row in rows[first_waiting:])


def test_conversations_are_sorted_by_due_date(demo_db: Path, cli) -> None:
    rows = cli("--db", demo_db, "list", "conversations", "--json").json
    due = [aware(row["due_at"]) for row in rows if row["due_at"]]
    assert due == sorted(due)


def test_demo_dates_are_relative_to_netinbox_now(demo_db: Path, cli) -> None:
    rows = cli("--db", demo_db, "list", "pending", "--json").json
    for row in rows:
        received = aware(row["received_at"])
        assert NOW - timedelta(days=7) <= received <= NOW, row
    for row in cli("--db", demo_db, "list", "unanswered", "--json").json:
        if row["sent_at"]:
            assert aware(row["sent_at"]) <= NOW


def test_demo_follows_another_frozen_time_and_its_offset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    monkeypatch.setenv("NETINBOX_NOW", "2031-07-15T12:30:00+02:00")
    now = datetime.fromisoformat("2031-07-15T12:30:00+02:00")
    rows = cli("--demo", "--db", tmp_path / "d.json", "list", "pending", "--json").json
    assert rows
    for row in rows:
        received = aware(row["received_at"])
        assert now - timedelta(days=7) <= received <= now
        assert received.utcoffset() == timedelta(hours=2)


def test_a_bad_netinbox_now_is_a_one_line_error(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    monkeypatch.setenv("NETINBOX_NOW", "2026-03-01T09:00:00")  # no offset
    assert "NETINBOX_NOW" in cli("--db", demo_db, "list", "pending").assert_one_line_error()
    monkeypatch.setenv("NETINBOX_NOW", "yesterday-ish")
    assert "NETINBOX_NOW" in cli("--db", demo_db, "list", "pending").assert_one_line_error()


def test_human_list_ends_with_a_count(demo_db: Path, cli) -> None:
    pending = cli("--db", demo_db, "list", "pending", "--json").json
    result = cli("--db", demo_db, "list", "pending")
    assert (result.code, result.err) == (0, "")
    assert result.out.rstrip().splitlines()[-1] == f"{len(pending)} pending"
    assert "\x1b" not in result.out


def test_human_pending_list_shows_each_verdict_and_marks_the_users(demo_db: Path, cli) -> None:
    pending = cli("--db", demo_db, "list", "pending", "--json").json
    overridden = next(row["id"] for row in pending if row["verdict"] != "genuine")
    with Store(demo_db) as store:
        screening.override(Context(store, Clock(NOW), Settings()), overridden, "genuine")
    lines = cli("--db", demo_db, "list", "pending").out.splitlines()
    assert "verdict" in lines[0]
    assert "genuine (yours)" in next(line for line in lines if line.startswith(overridden))
    pitch = next(row["id"] for row in pending if row["verdict"] == "pitch")
    assert " pitch " in next(line for line in lines if line.startswith(pitch))


# --- where the database is ------------------------------------------------------------------------


def test_db_before_or_after_the_subcommand(demo_db: Path, cli) -> None:
    before = cli("--db", demo_db, "list", "pending", "--json")
    after = cli("list", "pending", "--json", "--db", demo_db)
    middle = cli("list", "--db", demo_db, "pending", "--json")
    assert before.code == after.code == middle.code == 0
    assert before.out == after.out == middle.out
    assert before.json

    pid = before.json[0]["id"]
    cli("accept", pid, "--db", demo_db).assert_one_line_ok()
    assert pid not in ids_of(cli("--db", demo_db, "list", "pending", "--json"))


def test_netinbox_db_is_used_without_db(demo_db: Path, tmp_path: Path, monkeypatch, cli) -> None:
    expected = cli("--db", demo_db, "list", "pending", "--json").out
    monkeypatch.setenv("NETINBOX_DB", str(demo_db))
    assert cli("list", "pending", "--json").out == expected
    # --db wins over NETINBOX_DB
    monkeypatch.setenv("NETINBOX_DB", str(tmp_path / "elsewhere.json"))
    assert cli("list", "pending", "--json", "--db", demo_db).out == expected
    assert cli("list", "pending", "--json").json == []
