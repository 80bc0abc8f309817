"""The Inbox's two lists: pending invitations, and every open thank-you note."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from netinbox.model import Invitation
from netinbox.services.context import ActionError, Context
from netinbox.services.lists.lazy import Item, LazyRows, ListChanged, is_marked, person_of
from netinbox.services.lists.rows import NoteRow, PendingRow

ORDERS = ("date", "verdict")
# Most in need of a look first; not yet screened last. Unchecked (no profile facts) comes after
# every warning, which is evidence, and before genuine, which rests on facts it lacks.
VERDICT_RANK = {"likely_fake": 0, "pitch": 1, "list_builder": 2, "unchecked": 3, "genuine": 4}


def invitation_order(invitation: Invitation) -> float:
    """Newest invitation first."""
    return -invitation.received_at.timestamp()


def verdict_order(invitation: Invitation) -> tuple[int, float]:
    """By verdict (the user's when they gave one), most suspicious first; newest first within.
    Uses only what is stored on the invitation: sorting never screens anything."""
    verdict = invitation.verdict
    rank = VERDICT_RANK.get(verdict.shown_label, len(VERDICT_RANK)) if verdict else 99
    return rank, -invitation.received_at.timestamp()


def pending(ctx: Context, order: str = "date") -> list[PendingRow]:
    """Invitations waiting for a decision: newest first ("date") or most suspicious first
    ("verdict"); ties by person id. They are few (LinkedIn shows a few dozen): read whole."""
    if order not in ORDERS:
        raise ActionError(f"unknown order {order!r}; use one of: {', '.join(ORDERS)}")
    rule = invitation_order if order == "date" else verdict_order

    def key(invitation: Invitation) -> tuple:
        return (rule(invitation), invitation.person_id)

    return [
        PendingRow(person_of(ctx, i.person_id), i, is_marked(ctx, i.person_id))
        for i in sorted(ctx.store.pending_invitations(), key=key)
    ]


def open_notes(ctx: Context) -> Sequence[NoteRow]:
    """Every open note, however old: those to send first (newest first), then the sent ones from
    the most recently sent. Ordered from the index; a note is read when its row is."""
    now = ctx.now()
    threshold = timedelta(days=ctx.settings.never_responded_days)

    def build(item: Item) -> NoteRow:
        person_id, key = item
        note = ctx.store.note(key)
        if note is None:  # undone since the list was read: the screen reads it again
            raise ListChanged(f"the thank-you note {key!r} is gone; reopen the list")
        overdue = note.sent_at is not None and now - note.sent_at >= threshold
        return NoteRow(person_of(ctx, person_id), note, overdue, is_marked(ctx, person_id))

    return LazyRows(ctx.store.open_note_keys(), build)
