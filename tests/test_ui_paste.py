"""The paste dialog through real `Paste` events: what was understood is shown before anything is
saved, whose profile it is can be chosen, a bad paste saves nothing, one `u` takes a paste back."""

from __future__ import annotations

from textual import events

from netinbox.services import Context
from netinbox.ui.dialogs.paste import PasteDialog
from tests.factories import add_invitation
from tests.ui_helpers import make_app, screen_text, status_text

INVITATIONS = """Skip to main content
Manage invitations
Received
People (2)
Nadia Okafor’s profile picture
Nadia Okafor
Platform Engineer at Tidewater Labs
Jonas Weber and 3 other mutual connections
2 days ago
Hi Robin, I enjoyed your talk on preview environments. Could we compare notes some time?
Reply to Nadia
Ignore
Accept
Pete Sellers’s profile picture
Pete Sellers
Growth Hacker | 10x your pipeline
1 hour ago
Ignore
Accept
"""

PROFILE = """Sam Jones
He/Him
Staff Engineer at Nordwind
Hamburg, Germany
Contact info
812 followers
500+ connections
Message
More
Experience
Staff Engineer
Nordwind · Full-time
Jan 2019 - Present · 6 yrs 11 mos
Education
Universität Hamburg
Master's degree, Computer Science
2012 - 2014
"""


async def paste(pilot, text: str) -> None:  # noqa: ANN001
    pilot.app.screen.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.pause()


async def test_p_then_a_pasted_invitation_manager_shows_the_cards_and_saves_on_enter(
    ctx: Context,
) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PasteDialog)
        await paste(pilot, INVITATIONS)
        text = screen_text(app)
        assert "Nadia Okafor" in text and "Pete Sellers" in text
        assert ctx.store.pending_invitations() == []  # nothing saved before confirming
        await pilot.press("enter")
        await pilot.pause()
        pending = {i.person_id: i for i in (ctx.store.pending_invitations())}
        assert len(pending) == 2
        names = {ctx.store.person(pid).name for pid in pending}
        assert names == {"Nadia Okafor", "Pete Sellers"}
        assert "Invitations (2)" in screen_text(app)
        assert "(u to undo)" in status_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert ctx.store.pending_invitations() == []


async def test_pasting_straight_onto_a_screen_opens_the_dialog_and_escape_drops_it(
    ctx: Context,
) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await paste(pilot, INVITATIONS)
        assert isinstance(app.screen, PasteDialog)
        assert "Nadia Okafor" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert ctx.store.pending_invitations() == []


async def test_a_paste_that_is_no_linkedin_page_says_so_and_saves_nothing(ctx: Context) -> None:
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await paste(pilot, "\x1b[2J[bold]hello[/bold] just some text\x00\x07")
        assert isinstance(app.screen, PasteDialog)
        text = screen_text(app)
        assert "Nothing saved" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PasteDialog)  # nothing to save: it stays open and says so
        assert "Paste a page first" in screen_text(app)
        await pilot.press("escape")
    assert ctx.store.count("people") == 0


async def test_a_profile_two_people_could_own_asks_whose_it_is(ctx: Context) -> None:
    add_invitation(ctx, "sam-a", first="Sam", last="Jones", headline="Recruiter")
    add_invitation(ctx, "sam-b", first="Sam", last="Jones", headline="Staff Engineer at Nordwind")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("p")
        await paste(pilot, PROFILE)
        text = screen_text(app)
        assert "could be this profile" in text
        assert "Recruiter" in text and "Staff Engineer at Nordwind" in text
        await pilot.press("down", "enter")  # the second one
        await pilot.pause()
    chosen, other = ctx.store.person("sam-b"), ctx.store.person("sam-a")
    assert chosen.followers == 812 and chosen.connections == 500
    assert other.followers is None
