"""Conversations (`3`) through the real keys: overdue first, done, snooze, end, edit."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netinbox.model import ConversationMark
from netinbox.services import Context, conversations
from netinbox.services.context import change
from netinbox.services.dates import parse_cadence
from netinbox.ui.dialogs.conversation import ConversationDialog
from netinbox.ui.screens.conversations import ConversationsScreen
from tests.factories import add_person
from tests.ui_helpers import make_app, screen_text, status_text


def add_mark(
    ctx: Context, person_id: str, first: str, due_days: int | None, cadence: str = ""
) -> None:
    add_person(ctx, person_id, first=first, last="Talk")
    conversations.mark(ctx, person_id, reason=f"why {first}", next_step=f"ask {first}")
    mark = ctx.store.conversation_for(person_id)
    due = None if due_days is None else ctx.now() + timedelta(days=due_days)
    rule = parse_cadence(cadence) if cadence else ""
    ctx.store.write_records(
        [change(mark, ConversationMark(**{**_fields(mark), "due_at": due, "cadence": rule}))]
    )


def _fields(mark: ConversationMark) -> dict:
    return {name: getattr(mark, name) for name in mark.__dataclass_fields__}


@pytest.fixture
def talk_ctx(ctx: Context) -> Context:
    add_mark(ctx, "soon", "Sonia", 5)
    add_mark(ctx, "late", "Lars", -3, "every month")
    add_mark(ctx, "undated", "Uma", None)
    add_mark(ctx, "today", "Tove", 0)
    return ctx


def talks(app) -> ConversationsScreen:
    assert isinstance(app.screen, ConversationsScreen)
    return app.screen


async def test_3_lists_overdue_first_then_soonest_and_says_how_many_are_overdue(
    talk_ctx: Context,
) -> None:
    app = make_app(talk_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = talks(app)
        assert screen.table.rows_in_order() == ["late", "today", "soon", "undated"]
        text = screen_text(app)
        assert "Conversations (4)" in text and "1 overdue" in text
        assert "3d overdue" in text and "every month" in text
        assert "ask Lars" in text


async def test_done_with_a_cadence_moves_the_date_on_and_undo_brings_it_back(
    talk_ctx: Context,
) -> None:
    app = make_app(talk_ctx)
    before = talk_ctx.store.conversation_for("late").due_at
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "d")
        await pilot.pause()
        after = talk_ctx.store.conversation_for("late")
        assert after.done_at is None and after.due_at > talk_ctx.now()
        assert talks(app).table.rows_in_order()[-2:] == ["late", "undated"]
        await pilot.press("u")
        await pilot.pause()
        assert talk_ctx.store.conversation_for("late").due_at == before


async def test_done_without_a_cadence_ends_it(talk_ctx: Context) -> None:
    app = make_app(talk_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "j")  # Tove, due today, no cadence
        await pilot.press("d")
        await pilot.pause()
        assert talk_ctx.store.conversation_for("today") is None
        assert "today" not in talks(app).table.rows_in_order()


async def test_z_snoozes_to_a_date_in_words_shown_before_it_is_saved(talk_ctx: Context) -> None:
    app = make_app(talk_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "z")
        await pilot.pause()
        field = app.screen.query_one("#when")
        field.value = "next monday"  # Sunday 1 March: the coming Monday is the 2nd, next is the 9th
        await pilot.pause()
        assert "Mon 09 Mar" in screen_text(app)
        field.value = "monday"
        await pilot.pause()
        assert "Mon 02 Mar" in screen_text(app)
        field.value = "in 10 days"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        due = talk_ctx.store.conversation_for("late").due_at
        assert due.date() == (talk_ctx.now() + timedelta(days=10)).date()
        assert "11 Mar" in status_text(app)


async def test_a_date_that_cannot_be_read_is_said_and_nothing_is_saved(talk_ctx: Context) -> None:
    app = make_app(talk_ctx)
    before = talk_ctx.store.conversation_for("late")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "z")
        await pilot.pause()
        app.screen.query_one("#when").value = "someday maybe"
        await pilot.press("enter")
        await pilot.pause()
        assert "could not read" in screen_text(app)
        await pilot.press("escape")
    assert talk_ctx.store.conversation_for("late") == before


async def test_x_ends_and_c_edits_from_here(talk_ctx: Context) -> None:
    app = make_app(talk_ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "X")
        await pilot.pause()
        assert talk_ctx.store.conversation_for("late") is None
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConversationDialog)
        app.screen.query_one("#next-step").value = "send the deck"
        await pilot.press("ctrl+s")
        await pilot.pause()
        highlighted = talks(app).table.person_id
        assert talk_ctx.store.conversation_for(highlighted).next_step == "send the deck"


async def test_marking_on_the_inbox_shows_on_conversations(ctx: Context) -> None:
    from tests.factories import add_invitation

    add_invitation(ctx, "kim", first="Kim", last="Lee")
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        assert talks(app).table.rows_in_order() == []
        await pilot.press("1", "c")
        await pilot.pause()
        app.screen.query_one("#reason").value = "met at the meetup"
        app.screen.query_one("#due").value = "friday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert talks(app).table.rows_in_order() == ["kim"]
        assert "met at the meetup" in screen_text(app)


async def test_help_lists_the_keys_and_the_rule_for_weekdays(talk_ctx: Context) -> None:
    from netinbox.ui.screens.help import HelpScreen

    app = make_app(talk_ctx)
    async with app.run_test(size=(120, 70)) as pilot:  # the whole help, unscrolled
        await pilot.press("3", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Snooze" in text and "Done" in text
        assert '"next friday"' in text and "never today" in text  # the rule for weekdays
        await pilot.press("escape")
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Done (d)", "Snooze (z)", "End (X)", "Reply (r)", "Inbox (1)"} <= titles
