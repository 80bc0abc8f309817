"""The Inbox's layout as a user meets it: the card never hides their note, lists keep their height,
the cursor stays in view, ages read right, confirmations do not pile up."""

from __future__ import annotations

from dataclasses import replace

import pytest

from netinbox.services import Context
from netinbox.ui.screens.inbox import InboxScreen
from tests.factories import add_invitation, add_sent_note
from tests.ui_helpers import card_text, make_app, screen_text, status_text


def inbox(app) -> InboxScreen:
    screen = app.screen
    assert isinstance(screen, InboxScreen)
    return screen


@pytest.fixture
def small_ctx(ctx: Context) -> Context:
    add_invitation(ctx, "kayla", first="Kayla", last="Brooks", hours_ago=1)
    add_invitation(ctx, "brandon", first="Brandon", last="Hale", hours_ago=2, note="Hi")
    add_sent_note(ctx, "li", first="Li", last="Wei", days_ago=3)
    return ctx


LONG_NOTE = "Hello, I run the Nordic platform guild and would love to swap notes on Crossplane."


@pytest.fixture
def busy_card_ctx(ctx: Context) -> Context:
    """A person whose card is long (education, a draft, a mark) beside one whose card is short."""
    from netinbox.model import Education

    add_invitation(
        ctx,
        "long",
        first="Liv",
        last="Long",
        note=LONG_NOTE,
        hours_ago=1,
        headline="Staff Engineer " * 8,
        location="Oslo, Norway",
        education=tuple(Education(f"School {i}", "MSc", "CS", 2010 + i) for i in range(6)),
        connections=900,
        followers=1200,
    )
    add_invitation(ctx, "short", first="Sam", last="Short", hours_ago=2)
    return ctx


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_card_never_clips_the_invitation_note(busy_card_ctx: Context, size) -> None:
    app = make_app(busy_card_ctx)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert "swap notes" in screen_text(app)


async def test_the_lists_keep_their_height_from_person_to_person(busy_card_ctx: Context) -> None:
    app = make_app(busy_card_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = inbox(app)
        long_height = screen.invitations.region.height
        await pilot.press("j")
        await pilot.pause()
        assert screen.invitations.person_id == "short"
        assert screen.invitations.region.height == long_height


async def test_after_a_sort_the_cursor_stays_on_the_same_person_in_view(ctx: Context) -> None:
    from netinbox.model import StoredVerdict
    from netinbox.services.context import change

    for i in range(80):
        invitation = add_invitation(ctx, f"p{i:02d}", first=f"P{i:02d}", last="X", hours_ago=i + 1)
        label = ("genuine", "pitch", "likely_fake", "list_builder")[i % 4]
        ctx.store.write_records(
            [change(invitation, replace(invitation, verdict=StoredVerdict(label)))]
        )
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = inbox(app)
        for _ in range(40):
            await pilot.press("j")
        chosen = screen.invitations.person_id
        await pilot.press("s")
        await pilot.pause()
        table = screen.invitations
        assert table.person_id == chosen
        top = int(table.scroll_y)
        visible = table.scrollable_content_region.height - 1  # the header row
        assert top <= table.cursor_row < top + visible


async def test_a_note_just_sent_says_just_now_and_its_card_shows_what_was_sent(
    small_ctx: Context,
) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "tab")
        await pilot.pause()
        screen = inbox(app)
        assert screen.notes.person_id == "kayla"
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        text = card_text(app)
        assert "sent just now" in text and "now ago" not in text
        sent = small_ctx.store.note_for("kayla").text
        assert sent[:30] in text


async def test_confirmations_do_not_pile_up_as_toasts(small_ctx: Context) -> None:
    app = make_app(small_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("d", "u", "d", "u", "s", "s")
        await pilot.pause()
        assert len(app._notifications) == 0
        assert "sorted" in status_text(app)


async def test_after_a_batch_decline_the_cursor_is_on_a_person_in_view(ctx: Context) -> None:
    from netinbox.model import StoredVerdict
    from netinbox.services.context import change

    for i in range(80):
        invitation = add_invitation(ctx, f"p{i:02d}", first=f"P{i:02d}", last="X", hours_ago=i + 1)
        label = "pitch" if i < 60 else "genuine"
        verdict = StoredVerdict(label)
        ctx.store.write_records([change(invitation, replace(invitation, verdict=verdict))])
    app = make_app(ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = inbox(app)
        for _ in range(50):
            await pilot.press("j")
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("p")  # every "pitch", then confirm
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        table = screen.invitations
        assert table.total == 20
        assert table.person_id is not None
        top = int(table.scroll_y)
        visible = table.scrollable_content_region.height - 1
        assert top <= table.cursor_row < top + visible


async def test_an_unchecked_inviter_says_what_is_missing_and_how_to_get_it(ctx: Context) -> None:
    from netinbox.model import StoredVerdict
    from netinbox.services.context import change

    invitation = add_invitation(ctx, "bare", first="Bea", last="Bare", hours_ago=1)
    verdict = StoredVerdict("unchecked", 1.0, (("no_profile_facts", "all unknown"),))
    ctx.store.write_records([change(invitation, replace(invitation, verdict=verdict))])
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "unchecked" in text  # the row's verdict
        card = card_text(app)
        assert "o opens their profile" in card and "p pastes it" in card
        assert "all unknown" in card  # the reason: what is missing


async def test_the_card_shows_the_last_reply_sent_and_r_starts_afresh(ctx: Context) -> None:
    from netinbox.services import drafting

    add_sent_note(ctx, "li", first="Li", last="Wei", days_ago=3)
    drafting.mark_draft_sent(ctx, "li", "Hi Li, good to hear about the Fernhill migration!")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("tab")
        await pilot.pause()
        assert "Reply sent just now" in card_text(app)
        assert "Fernhill migration" in card_text(app)
        await pilot.press("r")
        await pilot.pause()
        from netinbox.ui.dialogs.draft_editor import DraftEditor

        assert isinstance(app.screen, DraftEditor)
        assert "Fernhill" not in app.screen.text  # a new draft, nothing stale quoted
