"""The draft editor's keys while typing: $EDITOR round trip, copy with a notice of what was copied,
open profile, mark sent; all in its Footer."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

from netinbox.services import Context
from netinbox.ui.dialogs.draft_editor import DraftEditor
from tests.factories import add_invitation
from tests.ui_helpers import make_app, screen_text


@pytest.fixture
def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An $EDITOR that appends a line to the file it is given, as a person would."""
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys\n"
        "path = sys.argv[1]\n"
        "text = open(path, encoding='utf-8').read()\n"
        "open(path, 'w', encoding='utf-8').write(text + '\\nWritten in my editor.')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    return script


async def open_editor(ctx: Context, pilot) -> DraftEditor:  # noqa: ANN001
    await pilot.press("a", "tab", "r")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DraftEditor)
    return pilot.app.screen


async def test_ctrl_e_round_trips_the_draft_through_editor_while_typing(
    ctx: Context, fake_editor: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_invitation(ctx, "kim", first="Kim", last="Lee")
    app = make_app(ctx)
    # The headless test driver cannot hand the terminal over; a real one suspends here.
    monkeypatch.setattr(type(app), "suspend", lambda self: contextlib.nullcontext())
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(ctx, pilot)
        before = editor.text
        await pilot.press("end", "x")  # the cursor is in the text: ctrl+e must still be ours
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert editor.text.startswith(before)
        assert editor.text.endswith("Written in my editor.")
        footer = screen_text(app).splitlines()[-1]
        assert "$EDITOR" in footer and "Mark sent" in footer and "Copy" in footer


async def test_ctrl_o_copies_and_says_what_was_copied(ctx: Context) -> None:
    add_invitation(ctx, "kim", first="Kim", last="Lee")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(ctx, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.clipboard == editor.text
        notices = [str(n.message) for n in app._notifications]
        assert any(f"Copied {len(editor.text):,} characters" in n for n in notices)
        assert any(editor.text[:20] in n for n in notices)


async def test_an_editor_the_terminal_cannot_hand_over_to_is_said(ctx: Context) -> None:
    add_invitation(ctx, "kim", first="Kim", last="Lee")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(ctx, pilot)
        before = editor.text
        await pilot.press("ctrl+e")  # the headless driver cannot suspend: no crash, a notice
        await pilot.pause()
        assert app.is_running and editor.text == before
        assert any("cannot hand the screen over" in str(n.message) for n in app._notifications)


async def test_what_is_typed_is_on_disk_a_moment_later_and_comes_back_after_a_crash(
    ctx: Context, db_path: Path
) -> None:
    from netinbox.store import Store
    from netinbox.ui.dialogs import draft_editor

    add_invitation(ctx, "kim", first="Kim", last="Lee")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(ctx, pilot)
        await pilot.press("end", *" See you at the guild")
        typed = editor.text
        assert typed.endswith("See you at the guild")
        await pilot.pause(draft_editor.AUTOSAVE_AFTER_S + 0.5)
        # As a killed process would leave it: what another reader finds in the file now.
        with Store(db_path, read_only=True) as other:
            note = other.note_for("kim")
            assert note.text != typed  # the note itself changes only when the editor closes
            assert typed in str(other.meta("typing:kim"))
    # The app "crashed" with the editor open (never closed): a new session recovers the text.
    ctx.store.close()
    again = Context(Store(db_path), ctx.clock, ctx.settings)
    app = make_app(again)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab", "r")
        await pilot.pause()
        assert isinstance(app.screen, DraftEditor)
        assert app.screen.text == typed
        assert "Recovered what you were typing to Kim Lee" in screen_text(app)
        await pilot.press("escape")  # closing keeps the recovered text, as a change
        await pilot.pause()
    assert again.store.note_for("kim").text == typed
    assert again.store.meta("typing:kim") is None
    again.store.close()


async def test_a_saved_draft_opens_as_saved_not_as_its_template(ctx: Context) -> None:
    from netinbox.services import drafting
    from tests.factories import add_sent_note

    add_sent_note(ctx, "li", first="Li", last="Wei", days_ago=3)
    drafting.save_draft(ctx, "li", "Hi Li, my own words about Fernhill.", "follow-up")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab", "r")
        await pilot.pause()
        assert isinstance(app.screen, DraftEditor)
        assert app.screen.text == "Hi Li, my own words about Fernhill."


LONG = (
    "Hi there, thanks for connecting. I run a small platform team and we are always looking for "
    "people who enjoy building internal developer tools, so let us stay in touch."
)


async def test_the_checks_beside_the_text_warn_as_you_type(ctx: Context) -> None:
    from netinbox.services import drafting
    from tests.factories import add_sent_note

    add_sent_note(ctx, "ana", first="Ana", last="Silva", days_ago=9)
    drafting.mark_draft_sent(ctx, "ana", LONG.replace("Hi there", "Hi Ana"))
    add_sent_note(ctx, "ben", first="Ben", last="Stone", days_ago=4, company="Nordwind")
    app = make_app(ctx)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("tab")
        inbox = app.screen
        while inbox.notes.person_id != "ben":
            await pilot.press("j")
        await pilot.press("r")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, DraftEditor)
        area = editor.query_one("#editor")
        area.load_text(LONG.replace("Hi there", "Hi Ben"))
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "nearly the same as the text sent to Ana Silva" in text
        assert "Nothing in it is specific to them" in text
        area.load_text("Hi Ben, worth 15 min to see a demo? calendly.com/sales/15min")
        await pilot.pause()
        assert "reads as a sales pitch" in " ".join(screen_text(app).split())
        area.load_text(
            "Hi Ben, how is the Kubernetes migration at Nordwind going? You mentioned the "
            "on-call rotation when we met at the guild; happy to share how we moved ours."
        )
        await pilot.pause()
        assert "✓ personal" in screen_text(app)


async def test_r_offers_the_template_that_fits_a_pitch_reply(ctx: Context) -> None:
    from netinbox.model import Reply, ReplyKind
    from tests.factories import add_sent_note

    pitch = Reply(ReplyKind.PITCH, "Book a call: calendly.com/pat", ctx.now())
    add_sent_note(ctx, "pat", first="Pat", last="Pitch", days_ago=3, reply=pitch)
    app = make_app(ctx)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("2", "r")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, DraftEditor)
        assert editor.request.template == "pitch-reply"
        assert "thanks for your reply" not in editor.text.lower()
