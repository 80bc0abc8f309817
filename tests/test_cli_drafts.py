"""`netinbox draft` prints the draft for scripts; `netinbox sent` records what went out."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from cli_helpers import run as run

from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.model import Reply, ReplyKind
from netinbox.paths import user_config_dir
from netinbox.services import Context
from netinbox.services.drafting import save_draft
from netinbox.store import Store
from tests.conftest import FROZEN_NOW, FROZEN_NOW_TEXT
from tests.factories import add_invitation, add_person, add_sent_note


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NETINBOX_NOW", FROZEN_NOW_TEXT)
    path = tmp_path / "cli.json"
    with Store(path) as store:
        store.write_meta({"owner": {"first_name": "Robin"}})
        ctx = Context(store, Clock(FROZEN_NOW), Settings())
        add_person(ctx, "ana", "ANA", "SILVA", company="Acme")
        add_sent_note(ctx, "li", first="Li", last="Wei")
        add_sent_note(ctx, "kim", reply=Reply(ReplyKind.PITCH, "Buy leads"), first="Kim")
        add_invitation(ctx, "sam", note="We met at PyCon", first="Sam", last="Lee")
    return path


def one_error(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert (code, out) == (1, "")
    assert err.startswith("netinbox: ") and err.count("\n") == 1 and "Traceback" not in err
    return err


def test_draft_prints_the_fitting_template_rendered(run) -> None:
    code, out, err = run("draft", "li")
    assert (code, err) == (0, "")
    assert out.startswith("Hi Li,") and "reply" not in out and out.endswith("Robin\n")
    assert "profile" in run("draft", "kim")[1]


def test_draft_with_a_template_renders_that_one(run) -> None:
    assert run("draft", "ana", "--template", "thank-you-short") == (
        0,
        "Thanks for connecting, Ana! Robin\n",
        "",
    )


def test_draft_prints_the_unsent_thank_you_note(run) -> None:
    run("accept", "sam")
    code, out, _ = run("draft", "sam")
    assert code == 0 and out.startswith("Hi Sam, thanks for the invitation")


def test_draft_prints_the_open_reply_draft_over_a_template(run, db: Path) -> None:
    with Store(db) as store:
        save_draft(Context(store, Clock(FROZEN_NOW), Settings()), "li", "Hi Li, about the launch")
    assert run("draft", "li") == (0, "Hi Li, about the launch\n", "")
    assert run("draft", "li", "--template", "blank")[1] == "Hi Li,\n"


def test_a_reply_marked_sent_to_a_pending_invitation_is_kept(run, db: Path) -> None:
    assert run("sent", "sam", "--text", "Hi Sam, not now.")[0] == 0
    with Store(db, read_only=True) as store:
        assert store.draft_for("sam").text == "Hi Sam, not now."


def test_draft_does_not_change_the_database(run, db: Path) -> None:
    before = db.read_bytes()
    run("draft", "li")
    assert db.read_bytes() == before


def test_draft_refuses_an_unknown_id_or_template_in_one_line(run) -> None:
    assert "no person with id 'nobody'" in one_error(run("draft", "nobody"))
    err = one_error(run("draft", "li", "--template", "nope"))
    assert "no template named 'nope'; known: " in err


def test_draft_uses_the_users_templates_file(run) -> None:
    user_config_dir().mkdir(parents=True, exist_ok=True)
    (user_config_dir() / "templates.toml").write_text('no-reply-nudge = "Hey {first_name}!"\n')
    assert run("draft", "li")[1] == "Hey Li!\n"
    (user_config_dir() / "templates.toml").write_text('no-reply-nudge = "Hey {firstname}!"\n')
    err = one_error(run("draft", "li"))
    assert "template 'no-reply-nudge', line 1: unknown variable {firstname}" in err


def test_sent_without_text_marks_the_thank_you_note_as_today(run, db: Path) -> None:
    run("accept", "sam")
    code, out, err = run("sent", "sam")
    assert (code, err) == (0, "") and "Sam Lee" in out
    assert "already marked sent" in one_error(run("sent", "sam"))


def test_sent_with_text_records_a_reply_once_the_note_is_out(run, db: Path) -> None:
    code, out, _ = run("sent", "li", "--text", "Hi Li, how is the launch going?")
    assert code == 0 and "reply to Li Wei" in out
    with Store(db, read_only=True) as store:
        draft = store.draft_for("li")
        assert draft is not None and draft.sent_at is not None
        assert draft.text == "Hi Li, how is the launch going?"
        assert store.note_for("li").text == "Thanks for connecting!"


def test_sent_with_text_sets_the_unsent_note_text(run, db: Path) -> None:
    run("accept", "sam")
    assert run("sent", "sam", "--text", "Hi Sam, good to meet at PyCon.")[0] == 0
    with Store(db, read_only=True) as store:
        note = store.note_for("sam")
        assert note.sent_at is not None and note.text == "Hi Sam, good to meet at PyCon."


def test_sent_reads_the_text_from_a_file_or_stdin(
    run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "reply.txt").write_text("Hi Li,\n\nfrom a file.\n", encoding="utf-8")
    assert run("sent", "li", "--file", str(tmp_path / "reply.txt"))[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("Hi Kim, from stdin."))
    assert run("sent", "kim", "--file", "-")[0] == 0
    with Store(db, read_only=True) as store:
        assert store.draft_for("li").text == "Hi Li,\n\nfrom a file.\n"
        assert store.draft_for("kim").text == "Hi Kim, from stdin."


def test_sent_refusals_are_one_line(run, tmp_path: Path) -> None:
    assert "no person with id 'nobody'" in one_error(run("sent", "nobody", "--text", "Hi"))
    assert "the text is empty" in one_error(run("sent", "li", "--text", "  "))
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    assert "is not UTF-8 text" in one_error(run("sent", "li", "--file", str(tmp_path / "bad.txt")))
    one_error(run("sent", "li", "--file", str(tmp_path / "missing.txt")))
    one_error(run("sent", "li", "--text", "a", "--file", "b"))
    assert "has no thank-you note" in one_error(run("sent", "ana"))
