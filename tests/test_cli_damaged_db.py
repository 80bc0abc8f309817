"""Damaged and foreign database files through the command line, and what --demo never overwrites."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

import pytest

# cli, demo_db and frozen are fixtures: imported as themselves so that pytest finds them.
from cli_helpers import cli as cli
from cli_helpers import db_state, ids_of
from cli_helpers import demo_db as demo_db
from cli_helpers import frozen as frozen
from factories import add_invitation, add_person

from netinbox.services import Context

# Files netinbox wrote, damaged: set aside by writers, named by readers.
OURS_DAMAGED = {
    "old-layout-cut-short": b'{"people": {"ana": {"first_name": "An',
    "snapshot-without-index": b'#netinbox snapshot\npeople\t"ana"\t{"first_name":"Ana"}\n',
    "format-2-without-index": b'people\t"ana"\t{"first_name":"Ana"}\n',
}
# Files netinbox never wrote: left exactly as they are by every command.
FOREIGN = {
    "bad-json": b"{not json",
    "not-an-object": b"[1, 2, 3]",
    "not-utf8": b"\xff\xfe\x00garbage",
    "notes": b"Call Priya about the offsite\n",
    "blank-lines": b"\n\n\n",
}


@pytest.mark.parametrize("content", OURS_DAMAGED.values(), ids=OURS_DAMAGED.keys())
@pytest.mark.parametrize(
    "argv", [["list", "pending", "--json"], ["list", "people"]], ids=lambda argv: "-".join(argv)
)
def test_a_damaged_database_is_named_and_left_untouched_by_readers(
    db_path: Path, frozen: datetime, cli, content: bytes, argv: list[str]
) -> None:
    db_path.write_bytes(content)
    message = cli("--db", db_path, *argv).assert_one_line_error()
    assert str(db_path) in message and "recover" in message
    assert db_path.read_bytes() == content
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


@pytest.mark.parametrize("content", OURS_DAMAGED.values(), ids=OURS_DAMAGED.keys())
@pytest.mark.parametrize("argv", [["accept", "ana"], ["undo"]], ids=lambda argv: "-".join(argv))
def test_a_damaged_database_is_set_aside_intact_by_writers(
    db_path: Path, frozen: datetime, cli, content: bytes, argv: list[str]
) -> None:
    db_path.write_bytes(content)
    message = cli("--db", db_path, *argv).assert_one_line_error()
    assert str(db_path) in message and "set aside" in message
    aside = [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert not db_path.exists()
    # It is never treated as empty: the next command refuses until the user recovers.
    again = cli("--db", db_path, "list", "pending", "--json").assert_one_line_error()
    assert "set aside" in again and not db_path.exists()


@pytest.mark.parametrize("content", FOREIGN.values(), ids=FOREIGN.keys())
@pytest.mark.parametrize(
    "argv",
    [["list", "pending"], ["accept", "ana"], ["undo"], ["recover"], ["--demo", "list", "people"]],
    ids=lambda argv: "-".join(argv),
)
def test_a_file_netinbox_did_not_write_is_left_untouched_by_every_command(
    db_path: Path, frozen: datetime, cli, content: bytes, argv: list[str]
) -> None:
    db_path.write_bytes(content)
    db_path.chmod(0o640)
    before = db_path.stat()
    message = cli("--db", db_path, *argv).assert_one_line_error()
    assert f"{db_path} is not a netinbox database" in message and "left untouched" in message
    after = db_path.stat()
    assert db_path.read_bytes() == content
    assert (after.st_ino, after.st_mode, after.st_mtime_ns) == (
        before.st_ino,
        before.st_mode,
        before.st_mtime_ns,
    )
    # No lock file, no journal, nothing set aside next to it.
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


# --- --demo safety --------------------------------------------------------------------------------


def test_demo_refuses_a_database_holding_real_data(
    ctx: Context, db_path: Path, frozen: datetime, cli
) -> None:
    add_invitation(ctx, "ana-real", note="Hi Robin")
    add_person(ctx, "bo-real", "Bo", "Berg")
    ctx.store.close()
    before = db_state(db_path)
    message = cli("--demo", "--db", db_path, "list", "pending", "--json").assert_one_line_error()
    assert str(db_path) in message
    assert db_state(db_path) == before
    # still the user's own data, readable as before
    assert ids_of(cli("--db", db_path, "list", "pending", "--json")) == ["ana-real"]


def test_demo_never_overwrites_a_damaged_file(db_path: Path, frozen: datetime, cli) -> None:
    damaged = OURS_DAMAGED["old-layout-cut-short"]
    db_path.write_bytes(damaged)
    assert str(db_path) in cli("--demo", "--db", db_path, "list", "people").assert_one_line_error()
    aside = [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]
    assert [p.read_bytes() for p in aside] == [damaged]


def test_demo_refuses_a_foreign_json_database(db_path: Path, frozen: datetime, cli) -> None:
    content = b'{"_default": {"1": {"title": "my own todo list"}}}'
    db_path.write_bytes(content)
    result = cli("--demo", "--db", db_path, "list", "people", "--json")
    assert db_path.read_bytes() == content
    result.assert_one_line_error()


def test_demo_twice_on_a_demo_database_reseeds_it(demo_db: Path, cli) -> None:
    first = cli("--db", demo_db, "list", "pending", "--json").out
    pid = json.loads(first)[0]["id"]
    cli("--db", demo_db, "accept", pid).assert_one_line_ok()

    again = cli("--demo", "--db", demo_db, "list", "pending", "--json")
    assert (again.code, again.err) == (0, "")
    assert again.out == first  # a fresh demo, the earlier accept forgotten
    assert cli("--demo", "--db", demo_db, "list", "pending", "--json").out == first
    assert "nothing to undo" in cli("--db", demo_db, "undo").assert_one_line_error()


def test_demo_without_db_uses_a_temporary_file(
    frozen: datetime, cli, isolated_environment: Path
) -> None:
    result = cli("--demo", "list", "people", "--json")
    assert result.code == 0 and result.json
    assert not Path(os.environ["NETINBOX_DB"]).exists()
