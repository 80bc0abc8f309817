"""The `netinbox` command line: a contract scripts rely on (output shape, exit codes, errors)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from factories import HOSTILE, add_invitation, add_person

from netinbox.cli import main
from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.services import Context, screening
from netinbox.store import Store
from netinbox.text import clean

NOW_TEXT = "2026-03-01T09:00:00+00:00"  # a Sunday
NOW = datetime.fromisoformat(NOW_TEXT)
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


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self) -> list[dict]:
        return json.loads(self.out)

    def assert_one_line_ok(self) -> str:
        assert (self.code, self.err) == (0, ""), self.err
        assert self.out.endswith("\n") and self.out.count("\n") == 1, self.out
        return self.out.strip()

    def assert_one_line_error(self) -> str:
        assert self.code == 1
        assert self.out == ""
        assert self.err.startswith("netinbox: "), self.err
        assert self.err.endswith("\n") and self.err.count("\n") == 1, self.err
        assert "Traceback" not in self.err
        return self.err.strip()


def db_state(path: Path) -> tuple[bytes, ...]:
    """Everything on disk that makes up the database (the snapshot and its journal)."""
    return tuple(
        p.read_bytes() for p in (path, path.with_name(path.name + ".journal")) if p.exists()
    )


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    def run(*argv: object) -> Result:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setenv("NETINBOX_NOW", NOW_TEXT)
    return NOW


@pytest.fixture
def demo_db(tmp_path: Path, frozen: datetime, cli) -> Path:
    """A database seeded with the demo through the CLI, at the frozen time."""
    path = tmp_path / "demo.json"
    result = cli("--demo", "--db", path, "list", "pending", "--json")
    assert result.code == 0, result.err
    assert path.exists()
    return path


def _ids(result: Result) -> list[str]:
    assert result.code == 0, result.err
    return [row["id"] for row in result.json]


def _row(result: Result, person_id: str) -> dict | None:
    return next((row for row in result.json if row["id"] == person_id), None)


def _aware(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None and moment.utcoffset() is not None, value
    return moment


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
                _aware(row[name])


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
    due = [_aware(row["due_at"]) for row in rows if row["due_at"]]
    assert due == sorted(due)


def test_demo_dates_are_relative_to_netinbox_now(demo_db: Path, cli) -> None:
    rows = cli("--db", demo_db, "list", "pending", "--json").json
    for row in rows:
        received = _aware(row["received_at"])
        assert NOW - timedelta(days=7) <= received <= NOW, row
    for row in cli("--db", demo_db, "list", "unanswered", "--json").json:
        if row["sent_at"]:
            assert _aware(row["sent_at"]) <= NOW


def test_demo_follows_another_frozen_time_and_its_offset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli
) -> None:
    monkeypatch.setenv("NETINBOX_NOW", "2031-07-15T12:30:00+02:00")
    now = datetime.fromisoformat("2031-07-15T12:30:00+02:00")
    rows = cli("--demo", "--db", tmp_path / "d.json", "list", "pending", "--json").json
    assert rows
    for row in rows:
        received = _aware(row["received_at"])
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


# --- actions --------------------------------------------------------------------------------------


def test_accept_moves_an_invitation_to_a_note_to_send(demo_db: Path, cli) -> None:
    pending = _ids(cli("--db", demo_db, "list", "pending", "--json"))
    pid = pending[0]
    line = cli("--db", demo_db, "accept", pid).assert_one_line_ok()
    assert line.startswith("Accepted")
    assert _ids(cli("--db", demo_db, "list", "pending", "--json")) == pending[1:]
    note = _row(cli("--db", demo_db, "list", "unanswered", "--json"), pid)
    assert note is not None
    assert note["status"] == "to_send"
    assert note["sent_at"] is None
    assert _aware(note["created_at"]) == NOW
    assert note["text"]


def test_accept_and_decline_several_at_once(demo_db: Path, cli) -> None:
    pending = _ids(cli("--db", demo_db, "list", "pending", "--json"))
    accept, decline = pending[:2], pending[2:5]
    assert cli("--db", demo_db, "accept", *accept).assert_one_line_ok() == "Accepted 2 invitations"
    assert (
        cli("--db", demo_db, "decline", *decline).assert_one_line_ok() == "Declined 3 invitations"
    )
    assert _ids(cli("--db", demo_db, "list", "pending", "--json")) == pending[5:]
    unanswered = _ids(cli("--db", demo_db, "list", "unanswered", "--json"))
    assert set(accept) <= set(unanswered)
    assert not set(decline) & set(unanswered)


def test_decline_removes_from_pending_without_a_note(demo_db: Path, cli) -> None:
    pid = _ids(cli("--db", demo_db, "list", "pending", "--json"))[-1]
    assert cli("--db", demo_db, "decline", pid).assert_one_line_ok().startswith("Declined")
    assert pid not in _ids(cli("--db", demo_db, "list", "pending", "--json"))
    assert pid not in _ids(cli("--db", demo_db, "list", "unanswered", "--json"))
    assert pid in _ids(cli("--db", demo_db, "list", "people", "--json"))  # remembered


def test_sent_then_reply_takes_a_note_off_the_unanswered_list(demo_db: Path, cli) -> None:
    pid = _ids(cli("--db", demo_db, "list", "pending", "--json"))[0]
    cli("--db", demo_db, "accept", pid).assert_one_line_ok()

    assert "sent" in cli("--db", demo_db, "sent", pid).assert_one_line_ok()
    note = _row(cli("--db", demo_db, "list", "unanswered", "--json"), pid)
    assert note["status"] == "waiting"
    assert _aware(note["sent_at"]) == NOW

    line = cli(
        "--db", demo_db, "reply", pid, "--kind", "pitch", "--text", "Buy my course"
    ).assert_one_line_ok()
    assert "pitch" in line
    assert _row(cli("--db", demo_db, "list", "unanswered", "--json"), pid) is None


def test_reply_without_text_and_with_kind_none(demo_db: Path, cli) -> None:
    waiting = [
        row["id"]
        for row in cli("--db", demo_db, "list", "unanswered", "--json").json
        if row["status"] == "waiting"
    ]
    assert (
        "no reply"
        in cli("--db", demo_db, "reply", waiting[0], "--kind", "none").assert_one_line_ok()
    )
    assert waiting[0] not in _ids(cli("--db", demo_db, "list", "unanswered", "--json"))


def test_mark_shows_in_conversations(demo_db: Path, cli) -> None:
    pid = _ids(cli("--db", demo_db, "list", "pending", "--json"))[0]
    line = cli(
        "--db",
        demo_db,
        "mark",
        pid,
        "--reason",
        "Talk about Crossplane",
        "--due",
        "in 2 weeks",
        "--next-step",
        "Send a calendar link",
        "--cadence",
        "quarterly",
    ).assert_one_line_ok()
    assert line.startswith("Marked")
    row = _row(cli("--db", demo_db, "list", "conversations", "--json"), pid)
    assert row is not None
    assert row["reason"] == "Talk about Crossplane"
    assert row["next_step"] == "Send a calendar link"
    assert row["cadence"] == "every 3 months"
    assert _aware(row["due_at"]) == datetime.fromisoformat("2026-03-15T09:00:00+00:00")


def test_mark_due_friday_is_the_coming_friday(demo_db: Path, cli) -> None:
    assert NOW.date().weekday() == 6  # Sunday 1 March 2026
    pid = _ids(cli("--db", demo_db, "list", "pending", "--json"))[0]
    cli("--db", demo_db, "mark", pid, "--reason", "r", "--due", "friday").assert_one_line_ok()
    due = _aware(_row(cli("--db", demo_db, "list", "conversations", "--json"), pid)["due_at"])
    assert due.date() == date(2026, 3, 6)
    assert due.weekday() == 4
    assert due.utcoffset() == timedelta(0)


def test_undo_reverts_the_last_action(demo_db: Path, cli) -> None:
    before = {
        kind: cli("--db", demo_db, "list", kind, "--json").out
        for kind in ("pending", "unanswered", "conversations")
    }
    pid = _ids(cli("--db", demo_db, "list", "pending", "--json"))[0]

    cli("--db", demo_db, "accept", pid).assert_one_line_ok()
    cli("--db", demo_db, "mark", pid, "--reason", "r", "--due", "tomorrow").assert_one_line_ok()

    line = cli("--db", demo_db, "undo").assert_one_line_ok()
    assert line.startswith("Undid: Marked")
    assert cli("--db", demo_db, "list", "conversations", "--json").out == before["conversations"]
    assert _row(cli("--db", demo_db, "list", "unanswered", "--json"), pid) is not None

    assert cli("--db", demo_db, "undo").assert_one_line_ok().startswith("Undid: Accepted")
    after = {kind: cli("--db", demo_db, "list", kind, "--json").out for kind in before}
    assert after == before


def test_nothing_to_undo_is_an_error(tmp_path: Path, frozen: datetime, cli) -> None:
    assert "nothing to undo" in cli("--db", tmp_path / "empty.json", "undo").assert_one_line_error()


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["accept", "no-such-person"],
        ["decline", "no-such-person"],
        ["sent", "no-such-person"],
        ["reply", "no-such-person", "--kind", "pitch"],
        ["mark", "no-such-person", "--reason", "r"],
    ],
    ids=lambda argv: argv[0],
)
def test_an_unknown_id_is_one_line_on_stderr(demo_db: Path, cli, argv: list[str]) -> None:
    before = db_state(demo_db)
    message = cli("--db", demo_db, *argv).assert_one_line_error()
    assert "no-such-person" in message
    assert db_state(demo_db) == before


def test_accept_is_all_or_nothing(demo_db: Path, cli) -> None:
    pending = cli("--db", demo_db, "list", "pending", "--json").out
    good = json.loads(pending)[0]["id"]
    before = db_state(demo_db)
    for argv in (["accept", good, "no-such-person"], ["decline", "no-such-person", good]):
        assert "no-such-person" in cli("--db", demo_db, *argv).assert_one_line_error()
    assert db_state(demo_db) == before
    assert cli("--db", demo_db, "list", "pending", "--json").out == pending
    assert _row(cli("--db", demo_db, "list", "unanswered", "--json"), good) is None


def test_actions_that_do_not_apply_are_refused(demo_db: Path, cli) -> None:
    rows = cli("--db", demo_db, "list", "unanswered", "--json").json
    to_send = next(row["id"] for row in rows if row["status"] == "to_send")
    waiting = next(row["id"] for row in rows if row["status"] == "waiting")
    before = db_state(demo_db)
    assert "pending" in cli("--db", demo_db, "accept", to_send).assert_one_line_error()
    assert (
        "not marked sent"
        in cli("--db", demo_db, "reply", to_send, "--kind", "canned").assert_one_line_error()
    )
    assert "already" in cli("--db", demo_db, "sent", waiting).assert_one_line_error()
    assert db_state(demo_db) == before


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["reply", "{pid}", "--kind", "bogus"], id="bad-kind"),
        pytest.param(["reply", "{pid}"], id="reply-without-kind"),
        pytest.param(["accept"], id="accept-without-ids"),
        pytest.param(["decline"], id="decline-without-ids"),
        pytest.param(["sent"], id="sent-without-id"),
        pytest.param(["mark"], id="mark-without-id"),
        pytest.param(["list"], id="list-without-kind"),
        pytest.param(["list", "everything"], id="list-bad-kind"),
        pytest.param(["frobnicate"], id="unknown-subcommand"),
        pytest.param(["list", "pending", "--frobnicate"], id="unknown-option"),
        pytest.param(["mark", "{pid}", "--due", "whenever"], id="bad-due"),
        pytest.param(["mark", "{pid}", "--due", "2026-02-01"], id="past-due"),
        pytest.param(["mark", "{pid}", "--due", "32 feb 2026"], id="impossible-due"),
        pytest.param(["mark", "{pid}", "--cadence", "sometimes"], id="bad-cadence"),
    ],
)
def test_bad_usage_is_one_line_on_stderr(demo_db: Path, cli, argv: list[str]) -> None:
    pid = cli("--db", demo_db, "list", "pending", "--json").json[0]["id"]
    before = db_state(demo_db)
    cli("--db", demo_db, *(a.format(pid=pid) for a in argv)).assert_one_line_error()
    assert db_state(demo_db) == before


def test_hostile_ids_in_error_messages_are_not_echoed_raw(demo_db: Path, cli) -> None:
    for value in HOSTILE.values():
        message = cli("--db", demo_db, "accept", value).assert_one_line_error()
        assert "\x1b" not in message and "\x07" not in message


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
    assert _ids(cli("--db", db_path, "list", "pending", "--json")) == ["ana-real"]


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
    assert pid not in _ids(cli("--db", demo_db, "list", "pending", "--json"))


def test_netinbox_db_is_used_without_db(demo_db: Path, tmp_path: Path, monkeypatch, cli) -> None:
    expected = cli("--db", demo_db, "list", "pending", "--json").out
    monkeypatch.setenv("NETINBOX_DB", str(demo_db))
    assert cli("list", "pending", "--json").out == expected
    # --db wins over NETINBOX_DB
    monkeypatch.setenv("NETINBOX_DB", str(tmp_path / "elsewhere.json"))
    assert cli("list", "pending", "--json", "--db", demo_db).out == expected
    assert cli("list", "pending", "--json").json == []


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


# --- as a real process ----------------------------------------------------------------------------


def _netinbox(*argv: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NETINBOX_NOW=NOW_TEXT)
    env.pop("NETINBOX_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "netinbox", *map(str, argv)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_python_m_netinbox_runs_the_demo_listing(tmp_path: Path) -> None:
    path = tmp_path / "demo.json"
    proc = _netinbox("--demo", "--db", path, "list", "pending", "--json", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    rows = json.loads(proc.stdout)
    assert rows and all(_aware(row["received_at"]) <= NOW for row in rows)

    proc = _netinbox("--db", path, "accept", rows[0]["id"], cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.count("\n") == 1

    proc = _netinbox("--version", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("netinbox ")


@pytest.mark.parametrize(
    ("argv", "content"),
    [
        (["accept", "no-such-person"], None),
        (["reply", "x", "--kind", "bogus"], None),
        (["frobnicate"], None),
        (["list", "pending", "--json"], b"{not json"),
        (["mark", "x", "--due", "whenever"], None),
    ],
    ids=["unknown-id", "bad-kind", "unknown-command", "damaged-db", "bad-due"],
)
def test_errors_in_a_real_process_never_print_a_traceback(
    tmp_path: Path, argv: list[str], content: bytes | None
) -> None:
    path = tmp_path / "db.json"
    if content is None:
        assert (
            _netinbox("--demo", "--db", path, "list", "people", "--json", cwd=tmp_path).returncode
            == 0
        )
    else:
        path.write_bytes(content)
    before = db_state(path)
    proc = _netinbox("--db", path, *argv, cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith("netinbox: ") and proc.stderr.count("\n") == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert db_state(path) == before


def test_quitting_says_so_when_saving_will_take_a_moment(
    ctx: Context, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A long journal is folded into the snapshot at close: the user is told, not left waiting."""
    import netinbox.cli as cli_module
    import netinbox.store.engine as engine

    add_person(ctx, "ana")
    ctx.store.close()
    store = Store(ctx.store.path)
    add_person(Context(store, ctx.clock, ctx.settings), "ben")
    assert store.journal_to_fold() == 0  # a short journal: closing is instant, nothing said
    cli_module._say_when_saving_takes_a_moment(store)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(engine, "COMPACT_ON_CLOSE_BYTES", 1)
    monkeypatch.setattr(cli_module, "SAVING_NOTICE_BYTES", 1)
    assert store.journal_to_fold() > 0
    cli_module._say_when_saving_takes_a_moment(store)
    assert "netinbox: saving" in capsys.readouterr().err
    store.close()
    assert store.journal_to_fold() == 0
