"""The list queries (netinbox/services/lists): who is on each list, in what order, and that rows
are built only when read. Every test runs at the frozen "now" of conftest."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from factories import add_invitation, add_person

from netinbox.clock import Clock
from netinbox.model import (
    SPAM_FLAG,
    Invitation,
    InvitationStatus,
    Reply,
    ReplyKind,
    StoredVerdict,
    ThankYouNote,
)
from netinbox.services import ActionError, Context, conversations, triage, undo
from netinbox.services.context import change
from netinbox.services.followthrough import archive, flag_spam, record_view
from netinbox.services.lists.inbox import open_notes, pending
from netinbox.services.lists.lazy import LazyRows
from netinbox.services.lists.never_responded import ONLY, never_responded
from netinbox.services.lists.people import people
from netinbox.store import Store


def sent_note(
    ctx: Context,
    person_id: str,
    ago: timedelta,
    reply: ReplyKind | None = None,
    key: str | None = None,
    archived: bool = False,
    person: bool = True,
    **person_fields,
) -> ThankYouNote:
    """A note sent `ago` before now, with `reply` recorded (or nothing)."""
    if person and ctx.store.person(person_id) is None:
        add_person(ctx, person_id, **person_fields)
    sent = ctx.now() - ago
    note = ThankYouNote(
        key or f"note-{person_id}",
        person_id,
        f"Thanks {person_id}",
        sent - timedelta(hours=1),
        sent,
        Reply(reply, "text") if reply else None,
        archived_at=ctx.now() if archived else None,
    )
    ctx.store.write_records([change(None, note)])
    return note


def ids(rows) -> list[str]:  # noqa: ANN001 - any list of rows
    return [row.person_id for row in rows]


DAY = timedelta(days=1)


# --- never responded ------------------------------------------------------------------------------


def test_the_threshold_is_inclusive_and_six_days_23_hours_is_not_yet_seven(ctx: Context) -> None:
    sent_note(ctx, "seven", 7 * DAY)
    sent_note(ctx, "almost", 7 * DAY - timedelta(hours=1))
    sent_note(ctx, "long", 400 * DAY)
    rows = never_responded(ctx)
    assert ids(rows) == ["long", "seven"]  # nothing is hidden for its age
    assert [r.days_waiting for r in rows] == [400, 7]
    assert ids(never_responded(ctx, days=6)) == ["long", "seven", "almost"]
    assert never_responded(ctx, days=6)[2].days_waiting == 6  # whole days: 6 d 23 h is 6
    ctx.settings.never_responded_days = 8
    assert ids(never_responded(ctx)) == ["long"]


def test_recorded_nothing_pitch_and_canned_stay_whatever_their_age_personal_leaves(
    ctx: Context,
) -> None:
    sent_note(ctx, "nothing", 1 * DAY, ReplyKind.NONE)
    sent_note(ctx, "pitch", 2 * DAY, ReplyKind.PITCH)
    sent_note(ctx, "canned", 3 * DAY, ReplyKind.CANNED)
    sent_note(ctx, "personal", 30 * DAY, ReplyKind.PERSONAL)
    sent_note(ctx, "fresh", 1 * DAY)
    rows = never_responded(ctx)
    assert ids(rows) == ["canned", "pitch", "nothing"]  # oldest sent first
    assert [r.reply_kind for r in rows] == ["canned", "pitch", "none"]
    assert ids(never_responded(ctx, only="pitch")) == ["pitch"]
    assert ids(never_responded(ctx, only="canned")) == ["canned"]


def test_notes_to_send_are_not_on_the_list(ctx: Context) -> None:
    add_invitation(ctx, "new")
    triage.accept(ctx, ["new"])
    assert len(never_responded(ctx, days=0)) == 0


def test_ties_are_broken_by_person_id(ctx: Context) -> None:
    for person_id in ("cy", "ana", "bo"):
        sent_note(ctx, person_id, 10 * DAY)
    assert ids(never_responded(ctx)) == ["ana", "bo", "cy"]


def test_unviewed_means_no_view_since_connecting_or_since_the_note_when_that_is_unknown(
    ctx: Context,
) -> None:
    now = ctx.now()
    connected = now - 20 * DAY
    sent_note(ctx, "before", 10 * DAY, connected_at=connected, profile_views=(now - 30 * DAY,))
    sent_note(ctx, "at", 10 * DAY, connected_at=connected, profile_views=(connected,))
    sent_note(ctx, "after", 10 * DAY, connected_at=connected, profile_views=(now - 15 * DAY,))
    # No day of connecting: a view after the note went out counts, one before it does not.
    sent_note(ctx, "nodate-old", 10 * DAY, profile_views=(now - 11 * DAY,))
    sent_note(ctx, "nodate-new", 10 * DAY, profile_views=(now - 9 * DAY,))
    sent_note(ctx, "never", 10 * DAY, connected_at=connected)
    rows = {r.person_id: r for r in never_responded(ctx)}
    assert {pid for pid, r in rows.items() if r.viewed_after} == {"at", "after", "nodate-new"}
    assert ids(never_responded(ctx, only="unviewed")) == ["before", "never", "nodate-old"]


def test_flagged_shows_only_people_flagged_as_spam(ctx: Context) -> None:
    sent_note(ctx, "spammer", 10 * DAY, flags=(SPAM_FLAG,))
    sent_note(ctx, "other", 10 * DAY, flags=("something-later",))
    sent_note(ctx, "plain", 10 * DAY)
    assert ids(never_responded(ctx, only="flagged")) == ["spammer"]
    assert [r.flagged for r in never_responded(ctx)] == [False, False, True]


def test_archived_notes_are_left_out_unless_asked_for_and_then_only_they(ctx: Context) -> None:
    sent_note(ctx, "kept", 10 * DAY)
    sent_note(ctx, "put-away", 12 * DAY, archived=True)
    sent_note(ctx, "put-away-pitch", 1 * DAY, ReplyKind.PITCH, archived=True)
    sent_note(ctx, "put-away-fresh", 1 * DAY, archived=True)  # not yet due: not shown anywhere
    assert ids(never_responded(ctx)) == ["kept"]
    archived = never_responded(ctx, only="archived")
    assert ids(archived) == ["put-away", "put-away-pitch"]
    assert all(r.archived for r in archived)
    assert ids(never_responded(ctx, only="pitch")) == []


def test_a_reinvited_person_is_judged_by_their_latest_sent_note(ctx: Context) -> None:
    sent_note(ctx, "ana", 300 * DAY, key="note-1")  # the first time round: no reply
    assert ids(never_responded(ctx)) == ["ana"]
    second = sent_note(ctx, "ana", 2 * DAY, key="note-0")  # re-invited, accepted, sent again
    assert ids(never_responded(ctx)) == []  # waiting 2 days: not yet; the old one is not shown
    ctx.store.write_records(
        [change(second, replace(second, reply=Reply(ReplyKind.PERSONAL, "hi!")))]
    )
    assert ids(never_responded(ctx, days=0)) == []
    sent_note(ctx, "bo", 300 * DAY, key="note-b1", reply=ReplyKind.PERSONAL)
    sent_note(ctx, "bo", 20 * DAY, key="note-b2")
    rows = never_responded(ctx)
    assert ids(rows) == ["bo"] and rows[0].note.id == "note-b2"


def test_a_note_whose_person_record_is_missing_is_still_listed(ctx: Context) -> None:
    sent_note(ctx, "ghost", 10 * DAY, person=False)
    row = never_responded(ctx)[0]
    assert row.person_id == "ghost" and row.person.name == "ghost"
    assert ids(never_responded(ctx, only="unviewed")) == ["ghost"]
    assert ids(never_responded(ctx, only="flagged")) == []
    assert ids(open_notes(ctx)) == ["ghost"]


def test_rows_say_whether_the_person_is_marked_for_a_conversation(ctx: Context) -> None:
    sent_note(ctx, "ana", 10 * DAY)
    sent_note(ctx, "bo", 9 * DAY)
    conversations.mark(ctx, "bo", reason="coffee")
    assert [r.marked for r in never_responded(ctx)] == [False, True]


def test_bad_filters_and_thresholds_are_refused_in_one_sentence(ctx: Context) -> None:
    assert ONLY == ("unviewed", "pitch", "canned", "flagged", "archived")
    with pytest.raises(ActionError, match="unknown never-responded filter 'nope'; use one of"):
        never_responded(ctx, only="nope")
    with pytest.raises(ActionError, match="0 days or more, not -1"):
        never_responded(ctx, days=-1)


def test_never_responded_reads_no_note_until_a_row_is_shown(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(50):
        sent_note(ctx, f"p{n:02d}", (100 - n) * DAY)
    read: list[str] = []
    real_note = ctx.store.note
    monkeypatch.setattr(ctx.store, "note", lambda key: read.append(key) or real_note(key))
    monkeypatch.setattr(ctx.store, "records", pytest.fail)  # never a whole table
    rows = never_responded(ctx)
    assert len(rows) == 50 and read == []
    assert rows.person_ids[:2] == ["p00", "p01"] and read == []
    assert ids(rows[10:12]) == ["p10", "p11"] and read == ["note-p10", "note-p11"]
    assert rows[-1].person_id == "p49" and rows[10] is rows[10]
    assert len(read) == 3


def test_the_filters_that_need_people_read_none_until_a_row_is_shown(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = ctx.now()
    sent_note(ctx, "spam", 10 * DAY, flags=(SPAM_FLAG,))
    sent_note(ctx, "viewer", 10 * DAY, profile_views=(now - DAY,))
    sent_note(ctx, "plain", 11 * DAY)
    sent_note(ctx, "answered", 10 * DAY, ReplyKind.PERSONAL, flags=(SPAM_FLAG,))
    add_person(ctx, "no-note", flags=(SPAM_FLAG,))
    looked_up: list[str] = []
    real_person = ctx.store.person
    monkeypatch.setattr(ctx.store, "person", lambda pid: looked_up.append(pid) or real_person(pid))
    monkeypatch.setattr(ctx.store, "records", pytest.fail)
    flagged = never_responded(ctx, only="flagged")
    unviewed = never_responded(ctx, only="unviewed")
    assert flagged.person_ids == ["spam"] and unviewed.person_ids == ["plain", "spam"]
    assert looked_up == []  # chosen from the index of flags and views
    assert flagged[0].flagged and looked_up == ["spam"]


def test_flags_and_views_changed_later_are_seen_by_the_filters(ctx: Context, db_path: Path) -> None:
    sent_note(ctx, "ana", 10 * DAY, connected_at=ctx.now() - 11 * DAY)
    sent_note(ctx, "bo", 12 * DAY)
    flag_spam(ctx, ["bo"])
    record_view(ctx, "ana", ctx.now() - 2 * DAY)
    assert ids(never_responded(ctx, only="flagged")) == ["bo"]
    assert ids(never_responded(ctx, only="unviewed")) == ["bo"]
    ctx.store.close()
    with Store(db_path) as store:
        again = Context(store, ctx.clock, ctx.settings)
        assert ids(never_responded(again, only="unviewed")) == ["bo"]
        undo.undo(again)  # the view
        undo.undo(again)  # the flag
        assert ids(never_responded(again, only="unviewed")) == ["bo", "ana"]
        assert ids(never_responded(again, only="flagged")) == []


def test_the_list_follows_changes_and_survives_a_reopen(ctx: Context, db_path: Path) -> None:
    sent_note(ctx, "ana", 10 * DAY)
    sent_note(ctx, "bo", 11 * DAY)
    archive(ctx, ["bo"])
    assert ids(never_responded(ctx)) == ["ana"]
    ctx.store.compact()  # the index maps are saved with the snapshot ...
    ctx.store.close()
    reopened = Context(Store(db_path), ctx.clock, ctx.settings)
    assert ids(never_responded(reopened)) == ["ana"]  # ... and read back
    undo.undo(reopened)
    assert ids(never_responded(reopened)) == ["bo", "ana"]
    reopened.store.close()


# --- the Inbox ------------------------------------------------------------------------------------


def test_every_open_note_is_listed_however_old_to_send_first_then_most_recently_sent(
    ctx: Context,
) -> None:
    sent_note(ctx, "ancient", 900 * DAY)
    sent_note(ctx, "week", 7 * DAY)
    sent_note(ctx, "almost", 7 * DAY - timedelta(hours=1))
    sent_note(ctx, "answered", 1 * DAY, ReplyKind.PERSONAL)
    sent_note(ctx, "gave-up", 1 * DAY, ReplyKind.NONE)
    add_invitation(ctx, "older-accept", hours_ago=5)
    add_invitation(ctx, "newer-accept", hours_ago=3)
    earlier = Context(ctx.store, Clock(ctx.now() - timedelta(minutes=1)), ctx.settings)
    triage.accept(earlier, ["older-accept"])
    triage.accept(ctx, ["newer-accept"])
    rows = open_notes(ctx)
    assert isinstance(rows, LazyRows)
    assert ids(rows) == ["newer-accept", "older-accept", "almost", "week", "ancient"]
    assert [r.overdue for r in rows] == [False, False, False, True, True]


def test_open_notes_are_built_only_when_read(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(30):
        sent_note(ctx, f"p{n:02d}", (n + 1) * DAY)
    read: list[str] = []
    real_note = ctx.store.note
    monkeypatch.setattr(ctx.store, "note", lambda key: read.append(key) or real_note(key))
    rows = open_notes(ctx)
    assert len(rows) == 30 and read == []
    assert ids(rows[:3]) == ["p00", "p01", "p02"] and len(read) == 3
    assert rows[-1].person_id == "p29" and rows[::10][1].person_id == "p10"
    with pytest.raises(IndexError):
        rows[30]


def test_a_row_read_after_its_note_was_undone_says_to_read_the_list_again(ctx: Context) -> None:
    add_invitation(ctx, "ana")
    triage.accept(ctx, ["ana"])
    rows = open_notes(ctx)
    undo.undo(ctx)
    with pytest.raises(ActionError, match="reopen the list"):
        rows[0]
    assert len(open_notes(ctx)) == 0


def verdict(label: str, user: str = "") -> StoredVerdict:
    return StoredVerdict(label, 0.9, user_label=user)


def test_pending_newest_first_or_by_verdict_ties_by_person_id(ctx: Context) -> None:
    now = ctx.now()

    def invite(person_id: str, hours: int, label: str | None = None, user: str = "") -> None:
        add_person(ctx, person_id)
        v = verdict(label, user) if label else None
        inv = Invitation(f"inv-{person_id}", person_id, now - timedelta(hours=hours), verdict=v)
        ctx.store.write_records([change(None, inv)])

    invite("zed", 1, "genuine")
    invite("amy", 1, "pitch")  # the same time as zed: by id
    invite("old", 9, "likely_fake")
    invite("mine", 5, "likely_fake", user="genuine")
    invite("unscreened", 2)
    decided = Invitation("inv-x", "x", now, status=InvitationStatus.ACCEPTED)
    ctx.store.write_records([change(None, decided)])
    assert ids(pending(ctx)) == ["amy", "zed", "unscreened", "mine", "old"]
    assert ids(pending(ctx, "verdict")) == ["old", "amy", "zed", "mine", "unscreened"]
    with pytest.raises(ActionError, match="unknown order 'size'"):
        pending(ctx, "size")


def test_pending_rows_carry_the_mark_and_a_stand_in_for_a_missing_person(ctx: Context) -> None:
    add_invitation(ctx, "ana")
    conversations.mark(ctx, "ana", reason="coffee")
    inv = Invitation("inv-ghost", "ghost", ctx.now() - DAY)
    ctx.store.write_records([change(None, inv)])
    rows = pending(ctx)
    assert [(r.person_id, r.marked, r.person.name) for r in rows] == [
        ("ana", True, "Ana Silva"),
        ("ghost", False, "ghost"),
    ]


# --- people ---------------------------------------------------------------------------------------


def test_people_by_last_name_then_first_name_then_id(ctx: Context) -> None:
    add_person(ctx, "b2", first="ana", last="Zeta")
    add_person(ctx, "b1", first="Ana", last="zeta")
    add_person(ctx, "c", first="Bo", last="Alpha")
    add_person(ctx, "a", first="Cy", last="alpha")
    assert ids(people(ctx)) == ["c", "a", "b1", "b2"]
