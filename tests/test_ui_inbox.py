"""The Inbox through the real keys: every action changes the store and the screen."""

from __future__ import annotations

import pytest

from netinbox.model import InvitationStatus, ReplyKind
from netinbox.services import Context, triage
from netinbox.ui.dialogs.conversation import ConversationDialog
from netinbox.ui.dialogs.draft_editor import DraftEditor
from netinbox.ui.dialogs.record_reply import RecordReplyDialog
from netinbox.ui.screens.help import HelpScreen
from netinbox.ui.screens.inbox import InboxScreen
from tests.factories import add_invitation, add_sent_note
from tests.ui_helpers import make_app, screen_text, status_text


@pytest.fixture
def small_ctx(ctx: Context) -> Context:
    """Three invitations (newest first: Kayla, Brandon, Ravi) and two notes waiting."""
    add_invitation(
        ctx, "kayla", first="Kayla", last="Brooks", hours_ago=1, headline="Aspiring Sales Pro"
    )
    add_invitation(
        ctx, "brandon", first="Brandon", last="Hale", hours_ago=2, note="Hi, let's connect"
    )
    add_invitation(ctx, "ravi", first="Ravi", last="Iyer", hours_ago=3, note="calendly.com/ravi")
    add_sent_note(ctx, "priya", first="Priya", last="Raman", days_ago=15)
    add_sent_note(ctx, "li", first="Li", last="Wei", days_ago=3)
    return ctx


def inbox(app) -> InboxScreen:
    screen = app.screen
    assert isinstance(screen, InboxScreen)
    return screen


async def test_inbox_shows_both_panes_with_counts_and_a_card(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Invitations (3)" in text
        assert "Thank-you notes (2)" in text
        assert "Kayla Brooks" in text and "Priya Raman" in text
        assert "sent 15d" in text and "sent 3d" in text
        # The card shows the highlighted (newest) invitation.
        assert "Aspiring Sales Pro" in text and "Invited 1h ago: no note" in text
        # Side by side at 120 columns: both titles on the same line.
        title_line = next(line for line in text.splitlines() if "Invitations (3)" in line)
        assert "Thank-you notes (2)" in title_line


async def test_panes_stack_below_100_columns(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        title_line = next(line for line in text.splitlines() if "Invitations (3)" in line)
        assert "Thank-you notes" not in title_line
        assert "Thank-you notes (2)" in text
        assert "Kayla Brooks" in text


async def test_move_with_j_k_and_arrows_updates_the_card(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = inbox(app)
        assert screen.invitations.person_id == "kayla"
        await pilot.press("j")
        assert screen.invitations.person_id == "brandon"
        assert "“Hi, let's connect”" in screen_text(app)
        await pilot.press("down")
        assert screen.invitations.person_id == "ravi"
        await pilot.press("k")
        await pilot.press("up")
        assert screen.invitations.person_id == "kayla"


async def test_tab_switches_pane(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = inbox(app)
        await pilot.press("tab")
        assert screen.active is screen.notes
        assert "Thank-you note sent" in screen_text(app)
        await pilot.press("tab")
        assert screen.active is screen.invitations


async def test_accept_with_a(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = inbox(app)
        await pilot.press("a")
        await pilot.pause()
        # On disk and on screen.
        assert small_ctx.store.pending_invitation("kayla") is None
        assert small_ctx.store.note_for("kayla").sent_at is None
        assert "kayla" not in screen.invitations.rows and "kayla" in screen.notes.rows
        text = screen_text(app)
        assert "Invitations (2)" in text and "Thank-you notes (3)" in text
        assert "to send" in text
        # The cursor moved on to the next invitation.
        assert screen.invitations.person_id == "brandon"


async def test_decline_with_d(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "d")
        await pilot.pause()
        assert small_ctx.store.invitations_of("brandon")[0].status is InvitationStatus.DECLINED
        assert "brandon" not in inbox(app).invitations.rows
        assert "Invitations (2)" in screen_text(app)
        assert "Declined Brandon Hale (u to undo)" in status_text(app)


async def test_accept_in_the_notes_pane_explains_instead_of_acting(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab", "a")
        await pilot.pause()
        assert len(small_ctx.store.pending_invitations()) == 3
        assert "press tab to go to the Invitations pane" in status_text(app)


async def test_draft_thank_you_note_copy_and_mark_sent(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = inbox(app)
        await pilot.press("a", "tab")
        assert screen.notes.person_id == "kayla"
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, DraftEditor)
        text = screen_text(app)
        assert "Thank-you note to Kayla Brooks" in text
        assert "Aspiring Sales Pro" in text  # context
        assert "greet them by their first name" not in text  # the name check is met
        await pilot.press("end", "space", "S", "e", "e", " ", "y", "o", "u", "!")
        await pilot.press("ctrl+o")
        assert app.clipboard.endswith("See you!")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        note = small_ctx.store.note_for("kayla")
        assert note.sent_at == small_ctx.now() and note.text.endswith("See you!")
        assert "sent now" in screen_text(app)


async def test_draft_personal_reply_is_saved_on_escape(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab", "r")  # Li Wei: note sent, so r drafts a personal reply
        await pilot.pause()
        assert isinstance(app.screen, DraftEditor)
        assert "Reply to Li Wei" in screen_text(app)
        for key in "Coffee?":
            await pilot.press(key if key != "?" else "question_mark")
        await pilot.press("escape")
        await pilot.pause()
        draft = small_ctx.store.draft_for("li")
        assert (
            draft is not None and draft.text.rstrip().endswith("Coffee?") and draft.sent_at is None
        )
        assert "Draft reply:" in screen_text(app)


async def test_draft_editor_warns_when_the_first_name_is_missing(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab", "j", "r")
        await pilot.pause()
        editor = app.screen
        area = editor.query_one("TextArea")
        area.text = "Hello there"
        await pilot.pause()
        assert "does not greet them by their first name, Priya" in screen_text(app)


async def test_mark_for_conversation_with_c(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConversationDialog)
        await pilot.press(*"peer")
        await pilot.press("tab", *"coffee", "tab")
        await pilot.press(*"friday")
        await pilot.pause()
        assert "Fri 06 Mar" in screen_text(app)  # 2026-03-01 is a Sunday
        await pilot.press("enter")
        await pilot.pause()
        mark = small_ctx.store.conversation_for("kayla")
        assert mark.reason == "peer" and mark.next_step == "coffee"
        assert mark.due_at.date().isoformat() == "2026-03-06"
        assert "★" in screen_text(app)
        assert "★ Conversation: peer → coffee" in screen_text(app)


async def test_conversation_dialog_refuses_a_date_it_cannot_read(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", *"x", "tab", "tab", *"someday", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConversationDialog)
        assert "could not read 'someday'" in screen_text(app)
        assert small_ctx.store.conversation_for("kayla") is None
        await pilot.press("escape")
        assert isinstance(app.screen, InboxScreen)


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("p", ReplyKind.PERSONAL),
        ("c", ReplyKind.CANNED),
        ("i", ReplyKind.PITCH),
        ("n", ReplyKind.NONE),
    ],
)
async def test_record_what_came_back_with_R(small_ctx: Context, key: str, kind: ReplyKind) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = inbox(app)
        await pilot.press("tab")
        assert screen.notes.person_id == "li"  # most recently sent first
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, RecordReplyDialog)
        assert "What came back from Li Wei?" in screen_text(app)
        await pilot.press(key)
        await pilot.pause()
        assert small_ctx.store.note_for("li").reply.kind is kind
        assert "li" not in screen.notes.rows
        assert "Thank-you notes (1)" in screen_text(app)


async def test_record_reply_with_its_text(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab", "R", "tab")
        await pilot.press(*"Thanks Robin")
        await pilot.press("shift+tab", "enter")  # back to the list; the first choice is personal
        await pilot.pause()
        reply = small_ctx.store.note_for("li").reply
        assert reply.kind is ReplyKind.PERSONAL and reply.text == "Thanks Robin"


async def test_undo_several_levels_with_u(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = inbox(app)
        await pilot.press("a", "d")  # accept Kayla, decline Brandon
        await pilot.pause()
        assert small_ctx.store.pending_invitations()[0].person_id == "ravi"
        await pilot.press("u")
        await pilot.pause()
        assert small_ctx.store.pending_invitation("brandon") is not None
        assert "Brandon Hale" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert small_ctx.store.pending_invitation("kayla") is not None
        assert small_ctx.store.note_for("kayla") is None
        assert "Invitations (3)" in screen_text(app) and "Thank-you notes (2)" in screen_text(app)
        assert screen.invitations.person_id == "kayla"
        await pilot.press("u")
        await pilot.pause()
        assert "nothing to undo" in status_text(app)


async def test_help_screen_lists_every_binding(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(140, 90)) as pilot:  # tall enough for all of it, unscrolled
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for binding in InboxScreen.BINDINGS:
            first_words = " ".join((binding.tooltip or binding.description).split()[:4])
            assert first_words in text, binding
        await pilot.press("escape")
        assert isinstance(app.screen, InboxScreen)


@pytest.mark.parametrize("size", [(120, 40), (160, 45)])
async def test_footer_shows_the_main_keys(small_ctx: Context, size: tuple[int, int]) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for label in (
            "Accept",
            "Decline",
            "Reply",
            "Conversation",
            "Got reply",
            "Undo",
            "Pane",
            "Move",
            "Help",
            "Quit",
        ):
            assert label in footer, label


async def test_every_action_is_in_the_command_palette(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for binding in InboxScreen.BINDINGS:
            assert any(title.startswith(binding.description) for title in titles), (
                binding.description
            )
        # And a palette command really runs the action.
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title.startswith("Accept")
        )
        await command.callback()
        await pilot.pause()
        assert small_ctx.store.pending_invitation("kayla") is None


async def test_quit_with_q(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_copy_and_open_profile(small_ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    triage.accept(small_ctx, ["kayla"])
    opened = []
    app = make_app(small_ctx)
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab", "y")
        assert "Kayla" in app.clipboard
        await pilot.press("o")
        assert opened == []  # no profile address for this test person: a warning instead
        assert any("No profile address" in str(n.message) for n in app._notifications)


async def test_state_survives_a_restart(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "d")
        await pilot.pause()
    from netinbox.services import Context as Ctx
    from netinbox.store import Store

    small_ctx.store.close()  # as when the app exits
    fresh = Ctx(Store(small_ctx.store.path), small_ctx.clock, small_ctx.settings)
    app2 = make_app(fresh)
    async with app2.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app2)
        assert "Invitations (1)" in text and "Ravi Iyer" in text
        assert "Kayla Brooks" in text and "to send" in text


async def test_keys_typed_right_after_q_do_nothing(small_ctx: Context) -> None:
    """In a real terminal the keys typed after `q` are still queued while the app shuts down;
    none of them may open a dialog then (one did, and crashed on a half-torn-down app)."""
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = inbox(app)
        assert screen.check_action("reply", ()) is True
        app.exit = lambda *args, **kwargs: None  # stay up, as the queue is drained, to look
        await pilot.press("q")
        assert app.leaving
        for action in ("reply", "accept", "conversation", "undo"):
            assert screen.check_action(action, ()) is False
        await pilot.press("a", "r")
        await pilot.pause()
        assert small_ctx.store.pending_invitation("kayla") is not None
        assert app.screen is screen


async def test_S_marks_the_highlighted_note_sent_without_opening_it(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "tab")  # Kayla's note is ready, unsent
        await pilot.pause()
        assert inbox(app).notes.person_id == "kayla"
        await pilot.press("S")
        await pilot.pause()
        assert small_ctx.store.note_for("kayla").sent_at == small_ctx.now()
        assert "Marked the thank-you note to Kayla Brooks as sent" in status_text(app)
        await pilot.press("S")  # nothing unsent any more
        await pilot.pause()
        assert "Nothing unsent" in status_text(app)
