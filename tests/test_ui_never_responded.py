"""Never responded (`2`) through the real keys: the list, its filters, selection and bulk actions."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from netinbox.model import Reply, ReplyKind
from netinbox.services import Context
from netinbox.ui.screens.never_responded import NeverRespondedScreen
from tests.factories import add_person, add_sent_note
from tests.ui_helpers import card_text, make_app, screen_text, status_text


@pytest.fixture
def waiting_ctx(ctx: Context) -> Context:
    """Sent notes: Olga 40 days ago, Pat 20 (answered a pitch), Cam 10 (canned), Ned 8, and Fay
    only 6 days ago (not yet never-responded)."""
    now = ctx.now()
    add_sent_note(
        ctx, "olga", first="Olga", last="Old", days_ago=40, connected_at=now - timedelta(days=41)
    )
    add_sent_note(
        ctx,
        "pat",
        first="Pat",
        last="Pitch",
        days_ago=20,
        reply=Reply(ReplyKind.PITCH, "Book a call: calendly.com/pat", now - timedelta(days=19)),
    )
    add_sent_note(
        ctx,
        "cam",
        first="Cam",
        last="Canned",
        days_ago=10,
        reply=Reply(ReplyKind.CANNED, "Thanks!", now - timedelta(days=9)),
    )
    add_sent_note(ctx, "ned", first="Ned", last="Never", days_ago=8)
    add_sent_note(ctx, "fay", first="Fay", last="Fresh", days_ago=6)
    return ctx


def never(app) -> NeverRespondedScreen:
    assert isinstance(app.screen, NeverRespondedScreen)
    return app.screen


def listed(screen: NeverRespondedScreen) -> list[str]:
    return screen.table.rows_in_order()


async def test_2_shows_everyone_who_never_answered_oldest_first_with_their_wait(
    waiting_ctx: Context,
) -> None:
    app = make_app(waiting_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        screen = never(app)
        assert listed(screen) == ["olga", "pat", "cam", "ned"]  # Fay waited only 6 days
        text = screen_text(app)
        assert "Never responded (4)" in text
        assert "5w 5d" in text  # Olga: 40 days
        assert "1w 1d" in text  # Ned: 8 days
        assert "pitch" in text and "canned" in text
        # Nothing older vanishes from the Inbox either: Olga's 40-day-old note is still open there.
        await pilot.press("1")
        await pilot.pause()
        assert "Olga Old" in screen_text(app)


async def test_each_filter_key_narrows_the_list_and_says_so_in_the_title(
    waiting_ctx: Context,
) -> None:
    app = make_app(waiting_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        screen = never(app)
        await pilot.press("P")
        assert listed(screen) == ["pat"]
        assert "only: answered a pitch" in screen_text(app)
        await pilot.press("C")
        assert listed(screen) == ["cam"]
        await pilot.press("C")  # the same key again: everyone
        assert listed(screen) == ["olga", "pat", "cam", "ned"]
        await pilot.press("V")  # nobody has viewed the profile after accepting
        assert listed(screen) == ["olga", "pat", "cam", "ned"]
        assert "only: never viewed my profile" in screen_text(app)


async def test_space_selects_and_archive_acts_on_the_selection_undoably(
    waiting_ctx: Context,
) -> None:
    app = make_app(waiting_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        screen = never(app)
        await pilot.press("space", "space")  # Olga and Pat, the cursor moves on after each
        assert screen.table.selected == {"olga", "pat"}
        assert "2 selected" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        store = waiting_ctx.store
        assert store.note_for("olga").archived_at is not None
        assert store.note_for("pat").archived_at is not None
        assert store.note_for("cam").archived_at is None
        assert listed(screen) == ["cam", "ned"]
        assert screen.table.selected == set()
        await pilot.press("E")  # archived ones stay reachable
        assert listed(screen) == ["olga", "pat"]
        await pilot.press("E")
        await pilot.press("u")
        await pilot.pause()
        assert store.note_for("olga").archived_at is None
        assert listed(screen) == ["olga", "pat", "cam", "ned"]
        assert "Undone" in status_text(app)


async def test_f_flags_the_highlighted_person_and_the_flagged_filter_finds_them(
    waiting_ctx: Context,
) -> None:
    app = make_app(waiting_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "j", "j", "j")  # Ned
        screen = never(app)
        assert screen.table.person_id == "ned"
        await pilot.press("f")
        await pilot.pause()
        assert "spam" in waiting_ctx.store.person("ned").flags
        assert "flagged" in card_text(app)
        await pilot.press("F")
        assert listed(screen) == ["ned"]
        await pilot.press("u")
        await pilot.pause()
        assert "spam" not in waiting_ctx.store.person("ned").flags
        assert listed(screen) == []


async def test_export_writes_the_selection(waiting_ctx: Context, tmp_path: Path) -> None:
    app = make_app(waiting_ctx)
    target = tmp_path / "out.json"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "j", "space", "space")  # Pat and Cam
        await pilot.press("x")
        await pilot.pause()
        field = app.screen.query_one("#path")
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert "Wrote 2 never-responded rows" in status_text(app)
    import json

    rows = json.loads(target.read_text(encoding="utf-8"))
    assert [row["id"] for row in rows] == ["pat", "cam"]


async def test_person_keys_work_here_too_record_reply_and_viewed(waiting_ctx: Context) -> None:
    app = make_app(waiting_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "j", "j", "j")  # Ned: nothing recorded yet
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("p")  # a personal reply after all
        await pilot.pause()
        screen = never(app)
        assert waiting_ctx.store.note_for("ned").reply.kind is ReplyKind.PERSONAL
        assert "ned" not in listed(screen)
        assert screen.table.person_id == "cam"  # the cursor stayed at the end of the list
        await pilot.press("w")
        await pilot.pause()
        field = app.screen.query_one("#when")
        field.value = "yesterday"
        await pilot.pause()
        assert "→" in screen_text(app)  # the resolved date is shown before saving
        await pilot.press("enter")
        await pilot.pause()
        views = waiting_ctx.store.person("cam").profile_views
        assert [v.date() for v in views] == [(waiting_ctx.now() - timedelta(days=1)).date()]
        await pilot.press("V")  # Cam viewed after accepting: not in "never viewed"
        assert "cam" not in listed(screen)


async def test_a_change_made_on_another_screen_shows_when_coming_back(
    waiting_ctx: Context,
) -> None:
    app = make_app(waiting_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        assert "ned" in listed(never(app))
        await pilot.press("1")
        inbox = app.screen
        await pilot.press("tab")
        while inbox.notes.person_id != "ned":
            await pilot.press("j")
        await pilot.press("R", "n")  # nothing came back: it stays never-responded, as "nothing"
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        screen = never(app)
        assert "ned" in listed(screen)
        assert "nothing" in screen_text(app)


async def test_empty_list_says_why(ctx: Context) -> None:
    add_person(ctx, "x")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert "Nobody has left a thank-you note unanswered" in screen_text(app)


async def test_its_keys_are_in_the_footer_help_and_palette(waiting_ctx: Context) -> None:
    from netinbox.ui.screens.help import HelpScreen

    app = make_app(waiting_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "Select" in footer and "Archive" in footer and "Flag spam" in footer
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Archive (e)", "Export (x)", "Pitch (P)", "Flagged (F)", "Flag spam (f)"} <= titles
        assert "Accept (a)" not in titles  # the Inbox's own keys stay on the Inbox
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Only those who answered a pitch" in text and "Never responded" in text
        assert "Viewed me" in text or "viewed my profile" in text
