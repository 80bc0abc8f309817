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
