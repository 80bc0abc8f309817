"""After the thank-you note: profile views, the spam flag and archiving, each one undoable event."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from factories import add_invitation, add_person, add_sent_note

from netinbox.clock import Clock
from netinbox.model import SPAM_FLAG, Direction, Invitation, InvitationStatus
from netinbox.services import ActionError, Context, triage, undo
from netinbox.services.context import change
from netinbox.services.followthrough import archive, flag_spam, record_view
from netinbox.services.lists.never_responded import never_responded
from netinbox.store import Store

DAY = timedelta(days=1)


# --- profile views --------------------------------------------------------------------------------


def test_a_view_before_the_invitation_also_counts_as_viewed_before_inviting(ctx: Context) -> None:
    add_invitation(ctx, "ana", hours_ago=48)
    event = record_view(ctx, "ana", ctx.now() - 3 * DAY)
    assert event.summary.endswith("(before inviting)")
    assert event.summary.startswith("Recorded that Ana Silva viewed your profile on 2026-02-26")
    person = ctx.store.person("ana")
    assert person.profile_views == (ctx.now() - 3 * DAY,) and person.viewed_my_profile is True
    undo.undo(ctx)
    person = ctx.store.person("ana")
    assert person.profile_views == () and person.viewed_my_profile is None


def test_a_view_after_accepting_is_kept_sorted_without_touching_the_screening_fact(
    ctx: Context,
) -> None:
    add_invitation(ctx, "ana", hours_ago=48, viewed_my_profile=False)
    triage.accept(ctx, ["ana"])  # connected now
    later = ctx.now() + timedelta(hours=5)
    ctx_later = Context(ctx.store, Clock(later), ctx.settings)
    assert record_view(ctx_later, "ana", later).summary.endswith("(after accepting)")
    record_view(ctx_later, "ana", ctx.now() - 5 * DAY)  # an older one, told afterwards
    person = ctx.store.person("ana")
    assert person.profile_views == (ctx.now() - 5 * DAY, later)
    assert person.viewed_my_profile is True  # the older one came before the invitation
    with pytest.raises(ActionError, match="already recorded"):
        record_view(ctx_later, "ana", later)


def test_the_view_is_compared_with_their_latest_invitation_to_me(ctx: Context) -> None:
    add_person(ctx, "bo", first="Bo", last="Berg")
    now = ctx.now()
    old = Invitation("i1", "bo", now - 90 * DAY, status=InvitationStatus.DECLINED)
    recent = Invitation("i2", "bo", now - 10 * DAY, status=InvitationStatus.ACCEPTED)
    mine = Invitation(
        "i3", "bo", now - 2 * DAY, Direction.OUTGOING, status=InvitationStatus.ACCEPTED
    )
    ctx.store.write_records([change(None, i) for i in (old, recent, mine)])
    event = record_view(ctx, "bo", now - 20 * DAY)  # after the first, before the latest
    assert event.summary.endswith("(before inviting)")
    assert ctx.store.person("bo").viewed_my_profile is True


def test_a_view_with_nothing_to_compare_with_is_recorded_plainly(ctx: Context) -> None:
    add_person(ctx, "cy", first="Cy")
    event = record_view(ctx, "cy", ctx.now() - DAY)
    assert event.summary == "Recorded that Cy Silva viewed your profile on 2026-02-28"
    assert ctx.store.person("cy").viewed_my_profile is None


def test_views_are_refused_for_an_unknown_person_or_a_future_day(ctx: Context) -> None:
    add_person(ctx, "cy")
    with pytest.raises(ActionError, match="no person with id 'nobody'"):
        record_view(ctx, "nobody", ctx.now())
    with pytest.raises(ActionError, match="2026-03-02 is in the future"):
        record_view(ctx, "cy", ctx.now() + DAY)
    assert ctx.store.last_undoable() is None


# --- the spam flag --------------------------------------------------------------------------------


def test_flagging_many_is_one_event_and_one_undo(ctx: Context) -> None:
    for person_id in ("ana", "bo", "cy"):
        add_person(ctx, person_id, tags=("kept",))
    event = flag_spam(ctx, ["ana", "bo", "ana", "cy"])
    assert event.summary == "Flagged 3 people as spam" and len(event.changes) == 3
    assert all(ctx.store.person(p).flags == (SPAM_FLAG,) for p in ("ana", "bo", "cy"))
    undo.undo(ctx)
    assert all(ctx.store.person(p).flags == () for p in ("ana", "bo", "cy"))
    assert ctx.store.person("ana").tags == ("kept",)


def test_flagging_skips_who_is_already_flagged_and_unflagging_keeps_other_flags(
    ctx: Context,
) -> None:
    add_person(ctx, "ana", first="Ana", flags=(SPAM_FLAG,))
    add_person(ctx, "bo", first="Bo", last="Berg", flags=("later-flag",))
    event = flag_spam(ctx, ["ana", "bo"])
    assert event.summary == "Flagged Bo Berg as spam" and event.person_ids == ("bo",)
    assert ctx.store.person("bo").flags == ("later-flag", SPAM_FLAG)
    with pytest.raises(ActionError, match="^2 people are already flagged as spam$"):
        flag_spam(ctx, ["ana", "bo"])
    assert flag_spam(ctx, ["bo"], flagged=False).summary == "Unflagged Bo Berg as spam"
    assert ctx.store.person("bo").flags == ("later-flag",)
    with pytest.raises(ActionError, match="^Bo Berg is not flagged as spam$"):
        flag_spam(ctx, ["bo"], flagged=False)


def test_one_unknown_id_refuses_the_whole_flag(ctx: Context) -> None:
    add_person(ctx, "ana")
    with pytest.raises(ActionError, match="no person with id 'ghost'"):
        flag_spam(ctx, ["ana", "ghost"])
    with pytest.raises(ActionError, match="no person given"):
        flag_spam(ctx, [])
    assert ctx.store.person("ana").flags == ()


# --- archiving ------------------------------------------------------------------------------------


def test_archiving_sets_and_clears_the_latest_sent_note_in_one_undoable_event(
    ctx: Context,
) -> None:
    add_sent_note(ctx, "ana", days_ago=20)
    add_sent_note(ctx, "bo", days_ago=30)
    event = archive(ctx, ["ana", "bo"])
    assert event.summary == "Archived the thank-you notes to 2 people"
    assert ctx.store.note_for("ana").archived_at == ctx.now()
    assert len(never_responded(ctx)) == 0
    assert len(never_responded(ctx, only="archived")) == 2
    undo.undo(ctx)
    assert ctx.store.note_for("ana").archived_at is None
    assert [r.person_id for r in never_responded(ctx)] == ["bo", "ana"]
    archive(ctx, ["ana"])
    back = archive(ctx, ["ana"], archived=False)
    assert back.summary == "Brought back the thank-you note to Ana Silva"
    assert ctx.store.note_for("ana").archived_at is None


def test_archiving_picks_the_latest_sent_note_of_a_reinvited_person(ctx: Context) -> None:
    add_sent_note(ctx, "ana", days_ago=300)  # note-ana, the first time round
    add_invitation(ctx, "ana")
    triage.accept(ctx, ["ana"])  # a second note, not sent yet
    archive(ctx, ["ana"])
    notes = {n.id: n for n in ctx.store.records("notes")}
    assert notes["note-ana"].archived_at == ctx.now()
    assert [n.archived_at for k, n in notes.items() if k != "note-ana"] == [None]


def test_archiving_is_refused_without_a_sent_note_or_when_nothing_would_change(
    ctx: Context,
) -> None:
    add_invitation(ctx, "new", first="Nia", last="New")
    triage.accept(ctx, ["new"])
    add_sent_note(ctx, "ana")
    with pytest.raises(
        ActionError, match=r"^Nia New \(new\) has no sent thank-you note to archive$"
    ):
        archive(ctx, ["ana", "new"])
    assert ctx.store.note_for("ana").archived_at is None  # nothing happened at all
    with pytest.raises(ActionError, match="^the note to Ana Silva is not archived$"):
        archive(ctx, ["ana"], archived=False)
    archive(ctx, ["ana"])
    with pytest.raises(ActionError, match="^the note to Ana Silva is already archived$"):
        archive(ctx, ["ana"])


def test_the_new_facts_survive_a_reopen(ctx: Context, db_path: Path) -> None:
    add_sent_note(ctx, "ana", days_ago=20)
    record_view(ctx, "ana", ctx.now() - DAY)
    flag_spam(ctx, ["ana"])
    archive(ctx, ["ana"])
    ctx.store.close()
    with Store(db_path) as store:
        person, note = store.person("ana"), store.note_for("ana")
    assert person.profile_views == (ctx.now() - DAY,) and person.flags == (SPAM_FLAG,)
    assert note.archived_at == ctx.now()
