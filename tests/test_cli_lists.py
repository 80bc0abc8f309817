"""`netinbox list`, `netinbox export` and the follow-through commands (flag, archive, viewed):
the same people in the same order as each list's query, and one-line errors."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import FROZEN_NOW, FROZEN_NOW_TEXT
from factories import add_follow_through_people

from netinbox.cli import main
from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.services import Context
from netinbox.services.lists.conversations import conversations as conversation_rows
from netinbox.services.lists.inbox import open_notes, pending
from netinbox.services.lists.never_responded import ONLY, never_responded
from netinbox.services.lists.people import people
from netinbox.store import Store

NEVER = "never-responded"


@pytest.fixture
def db(ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo plus a few people on every never-responded filter; closed, with "now" frozen."""
    add_follow_through_people(ctx)
    ctx.store.close()
    monkeypatch.setenv("NETINBOX_NOW", FROZEN_NOW_TEXT)
    return db_path


DAY = timedelta(days=1)


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def json_ids(capsys: pytest.CaptureFixture[str], *argv: object) -> list[str]:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, ""), err
    return [row["id"] for row in json.loads(out)]


def query_ids(db: Path, query, *args) -> list[str]:  # noqa: ANN001 - any list query
    with Store(db, read_only=True) as store:
        ctx = Context(store, Clock(FROZEN_NOW), Settings())
        return [row.person_id for row in query(ctx, *args)]


# (list kind, export kind or None, the query, its arguments, extra command-line arguments)
CASES = [
    ("pending", "pending", pending, (), ()),
    ("unanswered", None, open_notes, (), ()),
    ("conversations", "conversations", conversation_rows, (), ()),
    ("people", "people", people, (), ()),
    (NEVER, NEVER, never_responded, (), ()),
    (NEVER, NEVER, never_responded, (30,), ("--days", "30")),
    (NEVER, NEVER, never_responded, (0,), ("--days", "0")),
    *((NEVER, NEVER, never_responded, (None, only), ("--only", only)) for only in ONLY),
]


@pytest.mark.parametrize(("kind", "export", "query", "args", "extra"), CASES)
def test_list_export_and_query_give_the_same_people_in_the_same_order(
    db: Path,
    capsys: pytest.CaptureFixture[str],
    kind,
    export,
    query,
    args,
    extra,  # noqa: ANN001
) -> None:
    expected = query_ids(db, query, *args)
    assert expected  # every case has someone on it, so the order is really compared
    assert json_ids(capsys, "list", kind, "--json", "--db", db, *extra) == expected
    if export is not None:
        exported = json_ids(capsys, "export", export, "--format", "json", "--db", db, *extra)
        assert exported == expected


def test_never_responded_json_has_the_contract_keys(db: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "list", NEVER, "--json", "--db", db)
    rows = {row["id"]: row for row in json.loads(out)}
    mine = ["old", "viewer", "spammer", "canned", "edge", "pitcher"]  # oldest sent first
    assert [pid for pid in rows if pid in mine] == mine
    old = rows["old"]
    for key in ("id", "name", "sent_at", "days_waiting", "reply_kind", "viewed_after", "flagged",
                "archived", "note_text"):  # fmt: skip
        assert key in old, key
    assert old["name"] == "Olga Old" and old["days_waiting"] == 40 and old["reply_kind"] is None
    assert old["sent_at"] == (FROZEN_NOW - 40 * DAY).isoformat()
    assert rows["pitcher"]["reply_kind"] == "pitch"
    assert rows["viewer"]["viewed_after"] is True and rows["spammer"]["flagged"] is True
    assert "fresh" not in rows and "put-away" not in rows
    code, out, _ = run(capsys, "list", NEVER, "--json", "--only", "archived", "--db", db)
    archived = [(r["id"], r["archived"]) for r in json.loads(out) if r["id"] in mine + ["put-away"]]
    assert archived == [("put-away", True)]


def test_never_responded_as_a_table_shows_the_wait(db: Path, capsys) -> None:  # noqa: ANN001
    code, out, err = run(capsys, "list", NEVER, "--db", db)
    assert code == 0 and err == ""
    line = next(line for line in out.splitlines() if line.startswith("old "))
    assert "Olga Old" in line and " 40 " in line
    assert out.rstrip().endswith(f"{len(query_ids(db, never_responded))} {NEVER}")


def test_conversations_json_has_due_overdue_and_cadence(db: Path, capsys) -> None:  # noqa: ANN001
    code, out, _ = run(capsys, "list", "conversations", "--json", "--db", db)
    row = next(r for r in json.loads(out) if r["id"] == "old")
    assert row["due_at"].startswith("2026-02-19") and row["overdue"] is True
    assert row["cadence"] and "cadence_rule" in row
    assert all(isinstance(r["overdue"], bool) for r in json.loads(out))


def test_flag_archive_and_viewed_commands(db: Path, capsys) -> None:  # noqa: ANN001
    assert run(capsys, "flag", "edge", "fresh", "--db", db)[1] == "Flagged 2 people as spam\n"
    flagged = json_ids(capsys, "list", NEVER, "--json", "--only", "flagged", "--db", db)
    assert [pid for pid in flagged if pid in {"spammer", "edge", "fresh"}] == ["spammer", "edge"]
    assert run(capsys, "flag", "edge", "--off", "--db", db)[0] == 0
    assert (
        run(capsys, "archive", "old", "--db", db)[1] == "Archived the thank-you note to Olga Old\n"
    )
    assert "old" not in json_ids(capsys, "list", NEVER, "--json", "--db", db)
    assert run(capsys, "archive", "old", "--undo", "--db", db)[0] == 0
    assert "old" in json_ids(capsys, "list", NEVER, "--json", "--db", db)
    code, out, err = run(capsys, "viewed", "old", "--on", "2026-02-25", "--db", db)
    assert (code, err) == (0, "")
    assert out == "Recorded that Olga Old viewed your profile on 2026-02-25 (after accepting)\n"
    assert "old" not in json_ids(capsys, "list", NEVER, "--json", "--only", "unviewed", "--db", db)
    assert run(capsys, "undo", "--db", db)[1].startswith("Undid: Recorded that Olga Old viewed")
    assert "old" in json_ids(capsys, "list", NEVER, "--json", "--only", "unviewed", "--db", db)
    code, out, _ = run(capsys, "viewed", "fresh", "--db", db)  # no --on: now
    assert code == 0 and "on 2026-03-01" in out


def files(db: Path) -> dict[str, bytes]:
    """Everything the database is made of (snapshot, journal, backups)."""
    return {p.name: p.read_bytes() for p in db.parent.glob(f"{db.name}*") if p.is_file()}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("viewed", "old", "--on", "friday"), "'friday' is not a date; give the day as YYYY-MM-DD"),
        (("viewed", "old", "--on", "2026-02-30"), "is not a date; give the day as YYYY-MM-DD"),
        (("viewed", "old", "--on", "2026-03-09"), "2026-03-09 is in the future"),
        (("viewed", "ghost"), "no person with id 'ghost'"),
        (("flag", "old", "ghost"), "no person with id 'ghost'"),
        (("archive", "newcomer"), "has no sent thank-you note to archive"),
        (("list", NEVER, "--days", "-3"), "'-3' is not a whole number of days"),
        (("list", NEVER, "--only", "nope"), "argument --only: invalid choice"),
        (("list", "people", "--days", "3"), "--days and --only apply to never-responded only"),
        (("export", "pending", "--only", "pitch"), "--days and --only apply to never-responded"),
    ],
)
def test_mistakes_are_one_line_and_change_nothing(
    db: Path,
    capsys,
    argv: tuple[str, ...],
    message: str,  # noqa: ANN001
) -> None:
    before = files(db)
    code, out, err = run(capsys, *argv, "--db", db)
    assert code == 1 and out == "" and err.count("\n") == 1, err
    assert err.startswith("netinbox: ") and message in err, err
    assert files(db) == before
