"""Conversations: mark, done, snooze, unmark, the timer every interaction restarts, and the list."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from netinbox.clock import Clock
from netinbox.importers import import_export
from netinbox.model import ConversationMark, Person, ReplyKind, ThankYouNote
from netinbox.services import ActionError, Context, conversations, drafting, followup, undo
from netinbox.services.context import change
from netinbox.services.dates import WhenError
from netinbox.services.lists.conversations import conversations as conversation_list
from netinbox.store import Store
from netinbox.store.codec import dump_mark, load_mark
from tests.conftest import FROZEN_NOW
from tests.factories import add_person, add_sent_note

UTC = tz.UTC
BERLIN = tz.gettz("Europe/Berlin")


def at9(year: int, month: int, day: int, zone=UTC) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=zone)


def later(ctx: Context, moment: datetime) -> Context:
    """The same database, with the clock at `moment`."""
    return Context(ctx.store, Clock(moment), ctx.settings)


def active(ctx: Context, person_id: str) -> ConversationMark:
    found = ctx.store.conversation_for(person_id)
    assert found is not None
    return found


def put_mark(ctx: Context, person_id: str, **fields) -> ConversationMark:
    """A mark written as it would be on disk (for cadences saved before RRULE)."""
    if ctx.store.person(person_id) is None:
        add_person(ctx, person_id)
    mark = ConversationMark(f"m-{person_id}", person_id, "", fields.pop("created_at", ctx.now()))
    mark = replace(mark, **fields)
    ctx.store.write_records([change(None, mark)])
    return mark


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


# --- the timer every interaction restarts --------------------------------------------------------


def test_an_interaction_resets_last_contact_and_the_due_date(ctx: Context) -> None:
    add_person(ctx, "ana")
    conversations.mark(ctx, "ana", due="tomorrow", cadence="monthly")
    when = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
    [reset] = conversations.interaction_changes(ctx, "ana", when)
    assert reset.after["last_contact_at"] == when.isoformat()
    assert reset.after["due_at"] == at9(2026, 4, 10).isoformat()


def test_an_interaction_without_a_cadence_only_records_the_contact(ctx: Context) -> None:
    add_person(ctx, "ana")
    conversations.mark(ctx, "ana", due="friday")
    [reset] = conversations.interaction_changes(ctx, "ana", FROZEN_NOW)
    assert reset.after["last_contact_at"] == FROZEN_NOW.isoformat()
    assert reset.after["due_at"] == at9(2026, 3, 6).isoformat()


def test_no_reset_without_a_mark_or_for_an_older_interaction(ctx: Context) -> None:
    add_person(ctx, "ana")
    assert conversations.interaction_changes(ctx, "ana", FROZEN_NOW) == []
    put_mark(ctx, "ana", cadence="FREQ=WEEKLY", last_contact_at=FROZEN_NOW)
    assert conversations.interaction_changes(ctx, "ana", FROZEN_NOW) == []
    assert conversations.interaction_changes(ctx, "ana", FROZEN_NOW - timedelta(days=1)) == []
    assert len(conversations.interaction_changes(ctx, "ana", FROZEN_NOW + timedelta(hours=1))) == 1


def test_a_message_from_before_the_mark_does_not_reset_it(ctx: Context) -> None:
    put_mark(ctx, "ana", cadence="FREQ=WEEKLY", due_at=at9(2026, 3, 8))
    assert conversations.interaction_changes(ctx, "ana", FROZEN_NOW - timedelta(days=30)) == []


def _marked(ctx: Context) -> None:
    add_person(ctx, "ana", first="Ana", last="Silva")
    conversations.mark(ctx, "ana", due="2026-03-03", cadence="weekly")


def _assert_reset_then_undo(ctx: Context, event_ctx: Context, event, at: datetime) -> None:
    assert {c.table for c in event.changes} >= {"conversations"}
    mark = active(ctx, "ana")
    assert mark.last_contact_at == at
    assert mark.due_at == at9(2026, 3, 17)  # a week after the 10th, not the old 3rd + a week
    undo.undo(event_ctx)  # one undo takes back the interaction and the reset together
    mark = active(ctx, "ana")
    assert mark.last_contact_at is None
    assert mark.due_at == at9(2026, 3, 3)


def test_recording_a_reply_resets_the_timer_in_the_same_event(ctx: Context) -> None:
    _marked(ctx)
    add_sent_note(ctx, "ana")
    on_the_10th = later(ctx, datetime(2026, 3, 10, 11, 0, tzinfo=UTC))
    event = followup.record_reply(on_the_10th, "ana", ReplyKind.PERSONAL, "Great to meet!")
    _assert_reset_then_undo(ctx, on_the_10th, event, on_the_10th.now())
    assert ctx.store.note_for("ana").reply is None


def test_recording_that_nothing_came_back_is_not_an_interaction(ctx: Context) -> None:
    _marked(ctx)
    add_sent_note(ctx, "ana")
    event = followup.record_reply(ctx, "ana", ReplyKind.NONE)
    assert [c.table for c in event.changes] == ["notes"]
    assert active(ctx, "ana").last_contact_at is None


def test_sending_the_thank_you_note_resets_the_timer_in_the_same_event(ctx: Context) -> None:
    _marked(ctx)
    note = ThankYouNote("note-ana", "ana", "Thanks, Ana!", FROZEN_NOW)
    ctx.store.write_records([change(None, note)])
    on_the_10th = later(ctx, datetime(2026, 3, 10, 11, 0, tzinfo=UTC))
    event = followup.mark_sent(on_the_10th, "ana")
    _assert_reset_then_undo(ctx, on_the_10th, event, on_the_10th.now())
    assert ctx.store.note_for("ana").sent_at is None


def test_sending_a_draft_resets_the_timer_in_the_same_event(ctx: Context) -> None:
    _marked(ctx)
    on_the_10th = later(ctx, datetime(2026, 3, 10, 11, 0, tzinfo=UTC))
    drafting.save_draft(on_the_10th, "ana", "Coffee next week?")
    event = drafting.mark_draft_sent(on_the_10th, "ana")
    _assert_reset_then_undo(ctx, on_the_10th, event, on_the_10th.now())
    assert ctx.store.draft_for("ana").sent_at is None


def test_an_interaction_with_someone_unmarked_changes_only_its_own_record(ctx: Context) -> None:
    add_sent_note(ctx, "ben")
    event = followup.record_reply(ctx, "ben", ReplyKind.PERSONAL, "hi")
    assert [c.table for c in event.changes] == ["notes"]


# --- imported messages ----------------------------------------------------------------------------

OWNER_URL = "https://www.linkedin.com/in/mara-lindgren-7d1e2f3a"
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
)
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _export(folder: Path, *messages: tuple[str, str, str]) -> Path:
    """An export with Ana and Ben as connections and `messages` as (who, direction, when)."""
    base = "https://www.linkedin.com/in/"
    folder.mkdir()
    (folder / "Connections.csv").write_text(
        CONNECTIONS_HEADER
        + f"Ana,Silva,{base}ana-silva,,Acme,Engineer,01 Oct 2025\n"
        + f"Ben,Okoro,{base}ben-okoro,,Acme,Engineer,01 Oct 2025\n",
        encoding="utf-8",
    )
    rows = []
    for index, (slug, direction, when) in enumerate(messages):
        name = slug.replace("-", " ").title()
        me = ("Mara Lindgren", OWNER_URL)
        them = (name, base + slug)
        (sender, sender_url), (to, to_url) = (me, them) if direction == "out" else (them, me)
        rows.append(
            f"conv-{slug},,{sender},{sender_url},{to},{to_url},{when},,message {index},INBOX\n"
        )
    (folder / "messages.csv").write_text(MESSAGES_HEADER + "".join(rows), encoding="utf-8")
    return folder


def test_the_newest_imported_message_to_or_from_a_marked_person_resets_the_timer(
    ctx: Context, tmp_path: Path
) -> None:
    import_export(ctx, _export(tmp_path / "first"))
    conversations.mark(ctx, "ana-silva", due="2026-03-03", cadence="weekly")
    conversations.mark(ctx, "ben-okoro", due="2026-03-03", cadence="weekly")
    on_the_12th = later(ctx, datetime(2026, 3, 12, 8, 0, tzinfo=UTC))
    import_export(
        on_the_12th,
        _export(
            tmp_path / "second",
            ("ana-silva", "in", "2026-03-05 10:00:00 UTC"),
            ("ana-silva", "out", "2026-03-10 18:00:00 UTC"),  # the newest, and mine
            ("ana-silva", "in", "2026-02-01 10:00:00 UTC"),
            ("ben-okoro", "in", "2026-02-20 10:00:00 UTC"),  # before the mark: no reset
        ),
    )
    ana = active(ctx, "ana-silva")
    assert ana.last_contact_at == datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
    assert ana.due_at == at9(2026, 3, 17)
    ben = active(ctx, "ben-okoro")
    assert (ben.last_contact_at, ben.due_at) == (None, at9(2026, 3, 3))
    before = ctx.store.record_doc("conversations", ana.id)
    import_export(on_the_12th, tmp_path / "second")  # the same export again changes nothing
    assert ctx.store.record_doc("conversations", ana.id) == before


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


def test_a_reset_survives_a_restart(ctx: Context) -> None:
    _marked(ctx)
    add_sent_note(ctx, "ana")
    followup.record_reply(ctx, "ana", ReplyKind.PERSONAL, "hi")
    ctx.store.close()
    with Store(ctx.store.path) as store:
        assert store.conversation_for("ana").last_contact_at == FROZEN_NOW
