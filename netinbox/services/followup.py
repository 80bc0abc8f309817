"""Thank-you notes after accepting: edit, mark sent, and record what came back."""

from __future__ import annotations

from dataclasses import replace

from netinbox.model import Event, Reply, ReplyKind, ThankYouNote
from netinbox.services.context import ActionError, Context, change
from netinbox.services.conversations import interaction_changes
from netinbox.services.screening import screen_reply
from netinbox.text import clean


def _note(ctx: Context, person_id: str) -> ThankYouNote:
    person = ctx.store.person(person_id)
    if person is None:
        raise ActionError(f"no person with id {person_id!r}")
    note = ctx.store.note_for(person_id)
    if note is None:
        raise ActionError(
            f"{person.name} ({person_id}) has no thank-you note; accept their invitation first"
        )
    return note


def _name(ctx: Context, person_id: str) -> str:
    person = ctx.store.person(person_id)
    return person.name if person else person_id


def edit_note(ctx: Context, person_id: str, text: str) -> Event:
    note = _note(ctx, person_id)
    text = clean(text)
    if note.sent_at is not None:
        raise ActionError("this thank-you note was already sent; it can no longer be edited")
    if text == note.text:
        raise ActionError("note unchanged")
    return ctx.store.commit(
        Event(
            "",
            ctx.now(),
            "edit_note",
            f"Edited the thank-you note to {_name(ctx, person_id)}",
            (person_id,),
            (change(note, replace(note, text=text)),),
        )
    )


def mark_sent(ctx: Context, person_id: str, text: str | None = None) -> Event:
    """The note went out (pasted into LinkedIn): its clock starts now."""
    note = _note(ctx, person_id)
    if note.sent_at is not None:
        raise ActionError(f"the thank-you note to {_name(ctx, person_id)} was already marked sent")
    now = ctx.now()
    after = replace(note, sent_at=now, text=clean(text) if text is not None else note.text)
    return ctx.store.commit(
        Event(
            "",
            now,
            "send_note",
            f"Marked the thank-you note to {_name(ctx, person_id)} as sent",
            (person_id,),
            (change(note, after), *interaction_changes(ctx, person_id, now)),
        )
    )


def record_reply(ctx: Context, person_id: str, kind: ReplyKind, text: str = "") -> Event:
    """Record what came back (or that nothing did); the note leaves the waiting list."""
    note = _note(ctx, person_id)
    name = _name(ctx, person_id)
    if note.sent_at is None:
        raise ActionError(f"the thank-you note to {name} is not marked sent yet")
    if note.reply is not None:
        raise ActionError(f"a reply from {name} is already recorded ({note.reply.kind.label})")
    text = clean(text)
    verdict = None
    if text.strip():
        verdict = screen_reply(ctx, text, ctx.store.person(person_id))
        if verdict is not None and kind is not ReplyKind.NONE:
            # The user said what it is: their word stands beside the machine's, and a later
            # rescreen never replaces it.
            verdict = replace(verdict, user_label=kind.value)
    now = ctx.now()
    after = replace(note, reply=Reply(kind, text, now, verdict))
    what = "no reply" if kind is ReplyKind.NONE else f"a {kind.value} reply"
    # "Nothing came back" is not an interaction: it must not restart a stay-in-touch timer.
    reset = [] if kind is ReplyKind.NONE else interaction_changes(ctx, person_id, now)
    return ctx.store.commit(
        Event(
            "",
            now,
            "record_reply",
            f"Recorded {what} from {name}",
            (person_id,),
            (change(note, after), *reset),
        )
    )
