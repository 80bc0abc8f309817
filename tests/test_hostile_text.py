"""Strangers' text is data: markup and control sequences render literally and trigger nothing."""

from __future__ import annotations

import pytest

from netinbox.services import Context, triage
from netinbox.ui.dialogs.conversation import ConversationDialog
from netinbox.ui.dialogs.draft_editor import DraftEditor
from netinbox.ui.dialogs.record_reply import RecordReplyDialog
from netinbox.ui.screens.inbox import InboxScreen
from tests.factories import HOSTILE, add_invitation, add_sent_note
from tests.ui_helpers import make_app, screen_text, status_text

LITERALS = ("[/x]", "[@click=app.quit]boom", "[bold red]x")
CONTROLS = ("\x1b", "\x07", "\x9b", "\x9d")


@pytest.fixture
def hostile_ctx(ctx: Context) -> Context:
    everything = " ".join(HOSTILE.values())
    add_invitation(
        ctx,
        "hostile-inviter",
        first=HOSTILE["close_tag"],
        last=HOSTILE["click"],
        headline=f"{HOSTILE['style']} {HOSTILE['osc52']}",
        company=HOSTILE["clear"],
        note=everything,
        hours_ago=1,
    )
    add_sent_note(
        ctx,
        "hostile-contact",
        first=HOSTILE["style"],
        last=HOSTILE["osc52"] + "Zed",
        headline=HOSTILE["click"],
        text=f"Hi {HOSTILE['close_tag']} {HOSTILE['clear']}",
    )
    return ctx


def assert_literal_and_clean(text: str, literals: tuple[str, ...] = LITERALS) -> None:
    for literal in literals:
        assert literal in text, literal
    for control in CONTROLS:
        assert control not in text


async def test_inbox_rows_and_card_show_hostile_text_literally(hostile_ctx: Context) -> None:
    app = make_app(hostile_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert_literal_and_clean(screen_text(app))
        # Clicking the would-be "[@click=app.quit]" text does nothing: it is not an action.
        card = app.screen.query_one("#card")
        for x in range(2, 40, 3):
            await pilot.click(card, offset=(x, 1))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, InboxScreen)
        await pilot.press("tab")
        text = screen_text(app)
        assert "[bold red]x" in text and "[@click=app.quit]boom" in text
        assert_literal_and_clean(text, ())


async def test_every_dialog_shows_hostile_text_literally(hostile_ctx: Context) -> None:
    app = make_app(hostile_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        # Draft editor for the inviter (title, context with their note).
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, DraftEditor)
        assert_literal_and_clean(screen_text(app))
        await pilot.press("ctrl+o")  # copying the draft puts the (clean) text on the clipboard
        assert "\x1b" not in app.clipboard
        await pilot.press("escape")
        # Conversation dialog.
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConversationDialog)
        assert "Talk for real with [/x] [@click=app.quit]boom" in screen_text(app)
        await pilot.press(*"why", "enter")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        # Notifications built from the name stay literal too.
        await pilot.press("a")
        await pilot.pause()
        assert "[@click=app.quit]boom" in status_text(app)
        assert_literal_and_clean(
            screen_text(app), ("[/x] [@click=app.qu",)
        )  # the row, cut to width
        # Record-reply dialog for the contact.
        await pilot.press("tab")
        while app.screen.notes.person_id != "hostile-contact":
            await pilot.press("j")
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, RecordReplyDialog)
        assert "What came back from [bold red]x Zed?" in screen_text(app)
        await pilot.press("escape")
        # Thank-you draft of the freshly accepted inviter, and the undo notification.
        await pilot.press("u", "u")
        await pilot.pause()
        assert app.is_running
        assert "Undone" in status_text(app) and "[/x]" in status_text(app)


def test_stored_text_is_already_clean(hostile_ctx: Context) -> None:
    person = hostile_ctx.store.person("hostile-inviter")
    invitation = hostile_ctx.store.pending_invitation("hostile-inviter")
    for value in (
        person.first_name,
        person.last_name,
        person.headline,
        person.company,
        invitation.note,
    ):
        assert not any(control in value for control in CONTROLS)
    assert person.last_name == "[@click=app.quit]boom"
    assert invitation.note.startswith("[/x] [@click=app.quit]boom [bold red]x")
    triage.accept(hostile_ctx, ["hostile-inviter"])
    assert "[/x]" in hostile_ctx.store.note_for("hostile-inviter").text  # their "first name"
