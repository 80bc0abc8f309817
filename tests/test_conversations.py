"""Conversations: mark, done, snooze, unmark, the list, and marks as stored."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from dateutil import tz

from netinbox.model import ConversationMark, Person
from netinbox.services import ActionError, Context, conversations, undo
from netinbox.services.context import change
from netinbox.services.dates import WhenError
from netinbox.services.lists.conversations import conversations as conversation_list
from netinbox.store.codec import dump_mark, load_mark
from tests.conftest import FROZEN_NOW
from tests.conversation_helpers import active, at9, later, put_mark
from tests.factories import add_person

BERLIN = tz.gettz("Europe/Berlin")


# --- mark -----------------------------------------------------------------------------------------


def test_mark_keeps_the_cadence_as_a_rule_and_says_the_resolved_date(ctx: Context) -> None:
    add_person(ctx, "ana", first="Ana", last="Silva")
    event = conversations.mark(ctx, "ana", reason="Crossplane", due="friday", cadence="quarterly")
    mark = active(ctx, "ana")
    assert mark.cadence == "FREQ=MONTHLY;INTERVAL=3"
    assert mark.due_at == at9(2026, 3, 6)
    assert event.summary == (
        "Marked Ana Silva for a conversation, due Fri 06 Mar 2026 (in 5 days), every 3 months"
    )


def test_mark_with_a_cadence_and_no_due_date_is_due_one_period_from_today(ctx: Context) -> None:
    add_person(ctx, "ana")
    conversations.mark(ctx, "ana", cadence="every other week")
    assert active(ctx, "ana").due_at == at9(2026, 3, 15)
    afternoon = later(ctx, FROZEN_NOW.replace(hour=17, minute=42))
    add_person(afternoon, "ben")
    conversations.mark(afternoon, "ben", cadence="monthly")
    assert active(ctx, "ben").due_at == at9(2026, 4, 1)  # at nine, like every due date


def test_mark_without_a_cadence_or_date_has_no_due_date(ctx: Context) -> None:
    add_person(ctx, "ana")
    event = conversations.mark(ctx, "ana", reason="hello")
    assert active(ctx, "ana").due_at is None
    assert event.summary == "Marked Ana Silva for a conversation"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"cadence": "sometimes"}, WhenError), ({"due": "whenever"}, WhenError)],
)
def test_mark_refuses_what_it_cannot_read(ctx: Context, kwargs: dict, error: type) -> None:
    add_person(ctx, "ana")
    with pytest.raises(error):
        conversations.mark(ctx, "ana", **kwargs)
    assert ctx.store.conversation_for("ana") is None


@pytest.mark.parametrize("action", ["mark", "done", "unmark"])
def test_an_unknown_person_is_one_clear_error(ctx: Context, action: str) -> None:
    with pytest.raises(ActionError, match="no person with id 'ghost'"):
        getattr(conversations, action)(ctx, "ghost")


# --- done -----------------------------------------------------------------------------------------


def test_done_with_a_cadence_advances_the_due_date_on_its_schedule(ctx: Context) -> None:
    add_person(ctx, "ana", first="Ana", last="Silva")
    conversations.mark(ctx, "ana", due="2026-03-03", cadence="monthly")
    event = conversations.done(later(ctx, at9(2026, 3, 2)), "ana")
    mark = active(ctx, "ana")
    assert mark.due_at == at9(2026, 4, 3)  # anchored at the old due date, not at today
    assert mark.last_contact_at == at9(2026, 3, 2)
    assert mark.done_at is None
    assert event.summary == "Done: next with Ana Silva due Fri 03 Apr 2026 (in 32 days)"
    assert [row.person_id for row in conversation_list(ctx)] == ["ana"]


def test_done_long_overdue_skips_to_the_first_date_after_today(ctx: Context) -> None:
    put_mark(ctx, "ana", due_at=at9(2025, 10, 31), cadence="FREQ=MONTHLY")
    conversations.done(ctx, "ana")  # now: 1 Mar 2026
    assert active(ctx, "ana").due_at == at9(2026, 3, 31)


def test_done_across_a_month_end_and_a_leap_day(ctx: Context) -> None:
    put_mark(ctx, "ana", due_at=at9(2026, 1, 31), cadence="FREQ=MONTHLY")
    conversations.done(later(ctx, at9(2026, 1, 31)), "ana")
    assert active(ctx, "ana").due_at == at9(2026, 2, 28)
    put_mark(ctx, "ben", due_at=at9(2028, 2, 29), cadence="FREQ=YEARLY")
    conversations.done(later(ctx, at9(2028, 2, 29)), "ben")
    assert active(ctx, "ben").due_at == at9(2029, 2, 28)


def test_done_keeps_nine_oclock_across_a_dst_change(ctx: Context) -> None:
    berlin = later(ctx, datetime(2026, 3, 20, 10, 0, tzinfo=BERLIN))
    add_person(berlin, "ana")
    conversations.mark(berlin, "ana", cadence="weekly")
    assert active(ctx, "ana").due_at == datetime(2026, 3, 27, 9, 0, tzinfo=BERLIN)
    conversations.done(later(ctx, datetime(2026, 3, 27, 12, 0, tzinfo=BERLIN)), "ana")
    due = active(ctx, "ana").due_at
    assert due == datetime(2026, 4, 3, 9, 0, tzinfo=BERLIN)  # summer time: 07:00 UTC
    assert due.astimezone(BERLIN).hour == 9


def test_a_cadence_saved_before_rrule_still_advances(ctx: Context) -> None:
    put_mark(ctx, "ana", due_at=at9(2026, 3, 1), cadence="every 3 months")
    conversations.done(ctx, "ana")
    assert active(ctx, "ana").due_at == at9(2026, 6, 1)
    assert conversation_list(ctx)[0].cadence == "every 3 months"


def test_done_without_a_cadence_ends_the_conversation_and_undo_brings_it_back(
    ctx: Context,
) -> None:
    add_person(ctx, "ana", first="Ana", last="Silva")
    conversations.mark(ctx, "ana", due="friday")
    event = conversations.done(ctx, "ana")
    assert event.summary == "Done with the conversation with Ana Silva"
    assert ctx.store.conversation_for("ana") is None
    assert conversation_list(ctx) == []
    stored = ctx.store.record_doc("conversations", event.changes[0].key)
    assert stored["done_at"] == FROZEN_NOW.isoformat()
    undo.undo(ctx)
    assert active(ctx, "ana").done_at is None
    assert [row.person_id for row in conversation_list(ctx)] == ["ana"]


def test_done_on_someone_not_marked_is_one_clear_error(ctx: Context) -> None:
    add_person(ctx, "ana", first="Ana", last="Silva")
    with pytest.raises(ActionError, match=r"Ana Silva \(ana\) is not marked"):
        conversations.done(ctx, "ana")


# --- snooze, unmark -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("next monday", at9(2026, 3, 9)),
        ("monday", at9(2026, 3, 2)),
        ("in 10 days", at9(2026, 3, 11)),
        ("24 dec", at9(2026, 12, 24)),
    ],
)
def test_snooze_takes_natural_dates(ctx: Context, when: str, expected: datetime) -> None:
    add_person(ctx, "ana", first="Ana", last="Silva")
    conversations.mark(ctx, "ana", due="tomorrow", cadence="monthly")
    event = conversations.snooze(ctx, "ana", when)
    mark = active(ctx, "ana")
    assert mark.due_at == expected
    assert mark.cadence == "FREQ=MONTHLY"
    assert event.summary.startswith(f"Snoozed Ana Silva until {expected:%a %d %b %Y} (")
    undo.undo(ctx)
    assert active(ctx, "ana").due_at == at9(2026, 3, 2)


def test_snooze_refuses_a_date_it_cannot_read_and_changes_nothing(ctx: Context) -> None:
    add_person(ctx, "ana")
    conversations.mark(ctx, "ana", due="tomorrow")
    with pytest.raises(WhenError, match="try"):
        conversations.snooze(ctx, "ana", "whenever")
    assert active(ctx, "ana").due_at == at9(2026, 3, 2)


def test_unmark_ends_the_conversation_whatever_the_cadence(ctx: Context) -> None:
    add_person(ctx, "ana", first="Ana", last="Silva")
    conversations.mark(ctx, "ana", cadence="weekly")
    event = conversations.unmark(ctx, "ana")
    assert event.summary == "Unmarked Ana Silva"
    assert ctx.store.conversation_for("ana") is None
    undo.undo(ctx)
    assert active(ctx, "ana").cadence == "FREQ=WEEKLY"


# --- the list -------------------------------------------------------------------------------------


def test_the_list_is_overdue_first_then_soonest_then_undated_ties_by_name_then_id(
    ctx: Context,
) -> None:
    people = {
        "z-late": ("Zoe", at9(2026, 2, 27)),
        "a-later": ("Ann", at9(2026, 2, 28)),
        "soon": ("Bea", at9(2026, 3, 2)),
        "tie-2": ("Cal", at9(2026, 3, 5)),
        "tie-1": ("Cal", at9(2026, 3, 5)),
        "abe": ("Abe", at9(2026, 3, 5)),
        "none-b": ("Bob", None),
        "none-a": ("Ada", None),
    }
    for person_id, (first, due) in people.items():
        ctx.store.write_records([change(None, Person(person_id, first, "X"))])
        put_mark(ctx, person_id, due_at=due)
    rows = conversation_list(ctx)
    assert [row.person_id for row in rows] == [
        "z-late",
        "a-later",
        "soon",
        "abe",
        "tie-1",
        "tie-2",
        "none-a",
        "none-b",
    ]
    assert [row.overdue for row in rows] == [True, True] + [False] * 6


def test_the_list_row_carries_the_cadence_as_said_and_as_a_rule(ctx: Context) -> None:
    add_person(ctx, "ana")
    conversations.mark(ctx, "ana", cadence="fortnightly")
    put_mark(ctx, "old", cadence="every 3 months")
    put_mark(ctx, "odd", cadence="when the moon is full")  # edited by hand: shown, not hidden
    rows = {row.person_id: row for row in conversation_list(ctx)}
    assert (rows["ana"].cadence, rows["ana"].cadence_rule) == (
        "every other week",
        "FREQ=WEEKLY;INTERVAL=2",
    )
    assert (rows["old"].cadence, rows["old"].cadence_rule) == (
        "every 3 months",
        "FREQ=MONTHLY;INTERVAL=3",
    )
    assert (rows["odd"].cadence, rows["odd"].cadence_rule) == ("when the moon is full", "")


def test_a_due_date_at_this_very_minute_is_not_overdue_yet(ctx: Context) -> None:
    put_mark(ctx, "ana", due_at=FROZEN_NOW)
    put_mark(ctx, "ben", due_at=FROZEN_NOW - timedelta(minutes=1))
    overdue = {row.person_id: row.overdue for row in conversation_list(ctx)}
    assert overdue == {"ana": False, "ben": True}


# --- stored marks ---------------------------------------------------------------------------------


def test_last_contact_round_trips_and_old_marks_without_it_load(ctx: Context) -> None:
    mark = ConversationMark(
        "7", "ana", "why", FROZEN_NOW, cadence="FREQ=WEEKLY", last_contact_at=FROZEN_NOW
    )
    assert load_mark("7", dump_mark(mark)) == mark
    old = dump_mark(mark)
    del old["last_contact_at"]
    assert load_mark("7", old).last_contact_at is None
