"""The command line's actions (accept, decline, sent, reply, mark, undo) and their one-line refusals."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

# cli, demo_db and frozen are fixtures: imported as themselves so that pytest finds them.
from cli_helpers import NOW, aware, db_state, ids_of, row_of
from cli_helpers import cli as cli
from cli_helpers import demo_db as demo_db
from cli_helpers import frozen as frozen

# --- actions --------------------------------------------------------------------------------------


def test_accept_moves_an_invitation_to_a_note_to_send(demo_db: Path, cli) -> None:
    pending = ids_of(cli("--db", demo_db, "list", "pending", "--json"))
    pid = pending[0]
    line = cli("--db", demo_db, "accept", pid).assert_one_line_ok()
    assert line.startswith("Accepted")
    assert ids_of(cli("--db", demo_db, "list", "pending", "--json")) == pending[1:]
    note = row_of(cli("--db", demo_db, "list", "unanswered", "--json"), pid)
    assert note is not None
    assert note["status"] == "to_send"
    assert note["sent_at"] is None
    assert aware(note["created_at"]) == NOW
    assert note["text"]


def test_accept_and_decline_several_at_once(demo_db: Path, cli) -> None:
    pending = ids_of(cli("--db", demo_db, "list", "pending", "--json"))
    accept, decline = pending[:2], pending[2:5]
    assert cli("--db", demo_db, "accept", *accept).assert_one_line_ok() == "Accepted 2 invitations"
    assert (
        cli("--db", demo_db, "decline", *decline).assert_one_line_ok() == "Declined 3 invitations"
    )
    assert ids_of(cli("--db", demo_db, "list", "pending", "--json")) == pending[5:]
    unanswered = ids_of(cli("--db", demo_db, "list", "unanswered", "--json"))
    assert set(accept) <= set(unanswered)
    assert not set(decline) & set(unanswered)


def test_decline_removes_from_pending_without_a_note(demo_db: Path, cli) -> None:
    pid = ids_of(cli("--db", demo_db, "list", "pending", "--json"))[-1]
    assert cli("--db", demo_db, "decline", pid).assert_one_line_ok().startswith("Declined")
    assert pid not in ids_of(cli("--db", demo_db, "list", "pending", "--json"))
    assert pid not in ids_of(cli("--db", demo_db, "list", "unanswered", "--json"))
    assert pid in ids_of(cli("--db", demo_db, "list", "people", "--json"))  # remembered


def test_sent_then_reply_takes_a_note_off_the_unanswered_list(demo_db: Path, cli) -> None:
    pid = ids_of(cli("--db", demo_db, "list", "pending", "--json"))[0]
    cli("--db", demo_db, "accept", pid).assert_one_line_ok()

    assert "sent" in cli("--db", demo_db, "sent", pid).assert_one_line_ok()
    note = row_of(cli("--db", demo_db, "list", "unanswered", "--json"), pid)
    assert note["status"] == "waiting"
    assert aware(note["sent_at"]) == NOW

    line = cli(
        "--db", demo_db, "reply", pid, "--kind", "pitch", "--text", "Buy my course"
    ).assert_one_line_ok()
    assert "pitch" in line
    assert row_of(cli("--db", demo_db, "list", "unanswered", "--json"), pid) is None


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
    assert waiting[0] not in ids_of(cli("--db", demo_db, "list", "unanswered", "--json"))


def test_mark_shows_in_conversations(demo_db: Path, cli) -> None:
    pid = ids_of(cli("--db", demo_db, "list", "pending", "--json"))[0]
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
    row = row_of(cli("--db", demo_db, "list", "conversations", "--json"), pid)
    assert row is not None
    assert row["reason"] == "Talk about Crossplane"
    assert row["next_step"] == "Send a calendar link"
    assert row["cadence"] == "every 3 months"
    assert aware(row["due_at"]) == datetime.fromisoformat("2026-03-15T09:00:00+00:00")


def test_mark_due_friday_is_the_coming_friday(demo_db: Path, cli) -> None:
    assert NOW.date().weekday() == 6  # Sunday 1 March 2026
    pid = ids_of(cli("--db", demo_db, "list", "pending", "--json"))[0]
    cli("--db", demo_db, "mark", pid, "--reason", "r", "--due", "friday").assert_one_line_ok()
    due = aware(row_of(cli("--db", demo_db, "list", "conversations", "--json"), pid)["due_at"])
    assert due.date() == date(2026, 3, 6)
    assert due.weekday() == 4
    assert due.utcoffset() == timedelta(0)


def test_undo_reverts_the_last_action(demo_db: Path, cli) -> None:
    before = {
        kind: cli("--db", demo_db, "list", kind, "--json").out
        for kind in ("pending", "unanswered", "conversations")
    }
    pid = ids_of(cli("--db", demo_db, "list", "pending", "--json"))[0]

    cli("--db", demo_db, "accept", pid).assert_one_line_ok()
    cli("--db", demo_db, "mark", pid, "--reason", "r", "--due", "tomorrow").assert_one_line_ok()

    line = cli("--db", demo_db, "undo").assert_one_line_ok()
    assert line.startswith("Undid: Marked")
    assert cli("--db", demo_db, "list", "conversations", "--json").out == before["conversations"]
    assert row_of(cli("--db", demo_db, "list", "unanswered", "--json"), pid) is not None

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
    assert row_of(cli("--db", demo_db, "list", "unanswered", "--json"), good) is None


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
