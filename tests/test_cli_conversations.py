"""`netinbox mark`, `done` and `snooze`: one line saying what was saved, or one line of error."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from cli_helpers import db_state
from cli_helpers import run as run

from netinbox.cli import main
from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.services import Context
from netinbox.store import Store
from tests.conftest import FROZEN_NOW, FROZEN_NOW_TEXT
from tests.factories import HOSTILE, add_person


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NETINBOX_NOW", FROZEN_NOW_TEXT)  # Sunday 1 March 2026, 09:00 UTC
    path = tmp_path / "cli.json"
    with Store(path) as store:
        add_person(Context(store, Clock(FROZEN_NOW), Settings()), "ana", "Ana", "Silva")
    return path


def ok(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert (code, err) == (0, ""), err
    assert out.count("\n") == 1
    return out.strip()


def error(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert (code, out) == (1, "")
    assert err.startswith("netinbox: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.strip()


def mark_of(db: Path):
    with Store(db, read_only=True) as store:
        return store.conversation_for("ana")


def test_mark_says_what_was_saved_with_the_resolved_date(run, db: Path) -> None:
    line = ok(
        run("mark", "ana", "--reason", "Crossplane", "--next", "Send a link", "--due", "friday",
            "--every", "every other week")
    )  # fmt: skip
    assert line == (
        "Marked Ana Silva for a conversation, due Fri 06 Mar 2026 (in 5 days), every other week"
    )
    mark = mark_of(db)
    assert (mark.reason, mark.next_step, mark.cadence) == (
        "Crossplane",
        "Send a link",
        "FREQ=WEEKLY;INTERVAL=2",
    )
    assert mark.due_at == datetime.fromisoformat("2026-03-06T09:00:00+00:00")


def test_mark_still_takes_the_old_option_names(run, db: Path) -> None:
    ok(run("mark", "ana", "--next-step", "Call", "--cadence", "quarterly"))
    mark = mark_of(db)
    assert (mark.next_step, mark.cadence) == ("Call", "FREQ=MONTHLY;INTERVAL=3")
    assert mark.due_at == datetime.fromisoformat("2026-06-01T09:00:00+00:00")


def test_the_old_option_names_are_hidden_from_the_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["mark", "--help"])
    shown = capsys.readouterr().out
    assert "--every" in shown and "--next" in shown
    assert "--cadence" not in shown and "--next-step" not in shown
    assert '"next friday"' in " ".join(shown.split())  # the rule, where the date is typed


def test_done_advances_a_cadence_and_says_the_new_date(run, db: Path) -> None:
    ok(run("mark", "ana", "--due", "tomorrow", "--every", "monthly"))
    assert ok(run("done", "ana")) == "Done: next with Ana Silva due Thu 02 Apr 2026 (in 32 days)"
    assert mark_of(db).due_at == datetime.fromisoformat("2026-04-02T09:00:00+00:00")


def test_done_without_a_cadence_ends_the_conversation(run, db: Path) -> None:
    ok(run("mark", "ana", "--reason", "hello"))
    assert ok(run("done", "ana")) == "Done with the conversation with Ana Silva"
    assert mark_of(db) is None
    assert ok(run("undo")) == "Undid: Done with the conversation with Ana Silva"
    assert mark_of(db) is not None


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["next", "monday"], "Mon 09 Mar 2026 (in 8 days)"),
        (["in 10 days"], "Wed 11 Mar 2026 (in 10 days)"),
    ],
)
def test_snooze_takes_natural_dates(run, db: Path, words: list[str], expected: str) -> None:
    ok(run("mark", "ana", "--due", "tomorrow"))
    assert ok(run("snooze", "ana", *words)) == f"Snoozed Ana Silva until {expected}"


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["mark", "ghost"], "no person with id 'ghost'"),
        (["done", "ghost"], "no person with id 'ghost'"),
        (["snooze", "ghost", "friday"], "no person with id 'ghost'"),
        (["done", "ana"], "not marked for a conversation"),
        (["snooze", "ana", "friday"], "not marked for a conversation"),
        (["mark", "ana", "--due", "whenever"], "could not read 'whenever' as a date"),
        (["mark", "ana", "--every", "sometimes"], "could not read 'sometimes' as a cadence"),
        (["mark", "ana", "--due", "2026-02-01"], "is in the past"),
        (["snooze", "ana"], "the following arguments are required: WHEN"),
        (["done"], "the following arguments are required: ID"),
    ],
)
def test_an_unknown_id_or_unreadable_date_is_one_line_and_changes_nothing(
    run, db: Path, argv: list[str], says: str
) -> None:
    before = db_state(db)
    assert says in error(run(*argv))
    assert db_state(db) == before


def test_an_unreadable_snooze_date_leaves_the_mark_alone(run, db: Path) -> None:
    ok(run("mark", "ana", "--due", "tomorrow"))
    before = db_state(db)
    assert "could not read 'whenever' as a date" in error(run("snooze", "ana", "whenever"))
    assert db_state(db) == before


def test_hostile_dates_are_not_echoed_raw(run) -> None:
    ok(run("mark", "ana"))
    for value in HOSTILE.values():
        message = error(run("snooze", "ana", value))
        assert "\x1b" not in message and "\x07" not in message
