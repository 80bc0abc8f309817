"""The inbox actions as plain Python: accept, decline, notes, replies, marks, undo, persistence."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netinbox.model import InvitationStatus, ReplyKind
from netinbox.services import (
    ActionError,
    Context,
    conversations,
    drafting,
    followup,
    listing,
    triage,
    undo,
)
from netinbox.services.dates import cadence_text
from netinbox.store import Store
from tests.factories import add_invitation, add_person, add_sent_note


def reopen(ctx: Context) -> Context:
    """A fresh process's view of the same file."""
    ctx.store.close()
    return Context(Store(ctx.store.path), ctx.clock, ctx.settings)


def test_accept_prepares_a_thank_you_note_with_the_first_name(ctx: Context) -> None:
    add_invitation(ctx, "kayla", first="Kayla", last="Brooks")
    event = triage.accept(ctx, ["kayla"])
    assert event.summary == "Accepted Kayla Brooks"
    assert ctx.store.pending_invitation("kayla") is None
    note = ctx.store.note_for("kayla")
    assert note is not None and note.sent_at is None and note.reply is None
    assert "Kayla" in note.text and "{" not in note.text
    assert ctx.store.person("kayla").connected_at == ctx.now()
    assert [i.status for i in ctx.store.invitations_of("kayla")] == [InvitationStatus.ACCEPTED]


def test_thank_you_note_waits_once_sent_and_leaves_when_a_reply_is_recorded(ctx: Context) -> None:
    add_invitation(ctx, "kayla", first="Kayla")
    triage.accept(ctx, ["kayla"])
    assert listing.unanswered(ctx)[0]["status"] == "to_send"
    followup.mark_sent(ctx, "kayla")
    row = listing.unanswered(ctx)[0]
    assert row["status"] == "waiting" and row["sent_at"] == ctx.now().isoformat()
    followup.record_reply(ctx, "kayla", ReplyKind.CANNED, "👍")
    assert listing.unanswered(ctx) == []
    assert ctx.store.note_for("kayla").reply.kind is ReplyKind.CANNED


def test_reply_cannot_be_recorded_before_the_note_is_sent(ctx: Context) -> None:
    add_invitation(ctx, "kayla", first="Kayla")
    triage.accept(ctx, ["kayla"])
    with pytest.raises(ActionError, match="not marked sent"):
        followup.record_reply(ctx, "kayla", ReplyKind.PERSONAL)


def test_decline_is_remembered(ctx: Context) -> None:
    add_invitation(ctx, "spam", first="Spam")
    triage.decline(ctx, ["spam"])
    assert ctx.store.pending_invitation("spam") is None
    assert ctx.store.invitations_of("spam")[0].status is InvitationStatus.DECLINED
    assert ctx.store.note_for("spam") is None


def test_accepting_several_is_all_or_nothing(ctx: Context) -> None:
    add_invitation(ctx, "a1")
    with pytest.raises(ActionError, match="no person with id 'ghost'"):
        triage.accept(ctx, ["a1", "ghost"])
    assert ctx.store.pending_invitation("a1") is not None
    assert ctx.store.last_undoable() is None


def test_mark_for_conversation_parses_the_due_date(ctx: Context) -> None:
    add_person(ctx, "amelie", first="Amélie")
    conversations.mark(ctx, "amelie", reason="met at meetup", due="in 2 weeks", cadence="quarterly")
    mark = ctx.store.conversation_for("amelie")
    assert mark.due_at.date() == (ctx.now() + timedelta(weeks=2)).date()
    assert cadence_text(mark.cadence) == "every 3 months"
    assert listing.conversations(ctx)[0]["id"] == "amelie"


def test_undo_goes_back_several_levels_in_order(ctx: Context) -> None:
    for pid in ("p1", "p2", "p3"):
        add_invitation(ctx, pid)
    triage.accept(ctx, ["p1"])
    triage.decline(ctx, ["p2"])
    conversations.mark(ctx, "p3", reason="why not")
    assert undo.undo(ctx).action == "mark"
    assert ctx.store.conversation_for("p3") is None
    assert undo.undo(ctx).action == "decline"
    assert ctx.store.pending_invitation("p2") is not None
    assert undo.undo(ctx).action == "accept"
    assert ctx.store.pending_invitation("p1") is not None
    assert ctx.store.note_for("p1") is None
    assert ctx.store.person("p1").connected_at is None
    with pytest.raises(ActionError, match="nothing to undo"):
        undo.undo(ctx)


def test_every_action_is_on_disk_when_the_call_returns(ctx: Context) -> None:
    add_invitation(ctx, "p1", first="Priya")
    add_invitation(ctx, "p2")
    triage.accept(ctx, ["p1"])
    followup.mark_sent(ctx, "p1")
    triage.decline(ctx, ["p2"])
    conversations.mark(ctx, "p1", reason="peer", due="2026-03-20")
    drafting.save_draft(ctx, "p1", "Hi Priya, coffee?")
    fresh = reopen(ctx)
    assert fresh.store.pending_invitations() == []
    assert fresh.store.note_for("p1").sent_at == ctx.now()
    assert fresh.store.conversation_for("p1").due_at.date().isoformat() == "2026-03-20"
    assert fresh.store.draft_for("p1").text == "Hi Priya, coffee?"
    # Undo survives a restart too: the log is in the database.
    assert undo.undo(fresh).action == "save_draft"


def test_ids_are_never_reused_across_restarts(ctx: Context) -> None:
    add_invitation(ctx, "p1")
    add_invitation(ctx, "p2")
    triage.accept(ctx, ["p1"])
    first = ctx.store.note_for("p1").id
    fresh = reopen(ctx)
    triage.accept(fresh, ["p2"])
    assert fresh.store.note_for("p2").id != first


def test_drafts_save_and_send(ctx: Context) -> None:
    add_sent_note(ctx, "p1", first="Li")
    drafting.save_draft(ctx, "p1", "Hi Li, draft one")
    drafting.save_draft(ctx, "p1", "Hi Li, draft two")
    assert ctx.store.draft_for("p1").text == "Hi Li, draft two"
    drafting.mark_draft_sent(ctx, "p1")
    assert ctx.store.draft_for("p1").sent_at == ctx.now()


def test_a_placeholder_left_in_a_draft_is_found_and_warned_of(ctx: Context) -> None:
    from netinbox.services.draft_checks import check_draft

    person = add_person(ctx, "p1", first="Kayla")
    assert drafting.unfilled_placeholders("Hi Kayla at {company}, {position} {company}") == [
        "company",
        "position",
    ]
    assert drafting.unfilled_placeholders("Hi Kayla!") == []
    kinds = {c.kind for c in check_draft(ctx, person, "Hi Kayla, how is {company}?")}
    assert "unfilled_placeholder" in kinds
    assert "unfilled_placeholder" not in {c.kind for c in check_draft(ctx, person, "Hi Kayla!")}


def test_templates_fill_known_placeholders_only(ctx: Context) -> None:
    person = add_person(ctx, "p1", first="Kayla", company="Acme")
    text = drafting.render(
        "Hi {first_name} at {company}, {unknown}. {my_first_name}", person, "Robin"
    )
    assert text == "Hi Kayla at Acme, {unknown}. Robin"


def test_demo_data_set_is_rich_enough(demo_ctx: Context) -> None:
    pending = listing.pending(demo_ctx)
    notes = demo_ctx.store.open_notes()
    assert len(pending) >= 40
    assert (
        sum(1 for p in pending if p["note"]) >= 10
        and sum(1 for p in pending if not p["note"]) >= 10
    )
    accepted_with_notes = [p for p in demo_ctx.store.people() if demo_ctx.store.note_for(p.id)]
    assert len(accepted_with_notes) >= 30
    kinds = {
        demo_ctx.store.note_for(p.id).reply.kind
        for p in accepted_with_notes
        if demo_ctx.store.note_for(p.id).reply
    }
    assert kinds == {ReplyKind.PERSONAL, ReplyKind.CANNED, ReplyKind.PITCH}
    assert any(n.sent_at is not None for n in notes) and any(n.sent_at is None for n in notes)
    assert len(demo_ctx.store.conversations()) >= 5
    # Relative dates: everything received lies in the week before "now".
    for row in pending:
        assert timedelta(0) <= demo_ctx.now() - _dt(row["received_at"]) <= timedelta(days=7)


def _dt(text: str):
    from datetime import datetime

    return datetime.fromisoformat(text)
