"""People worth a real conversation: a reason, a next step, a due date, a stay-in-touch cadence."""

from __future__ import annotations

from dataclasses import replace

from netinbox.model import ConversationMark, Event
from netinbox.services.context import ActionError, Context, change
from netinbox.services.dates import parse_cadence, parse_when
from netinbox.text import clean


def mark(
    ctx: Context,
    person_id: str,
    reason: str = "",
    due: str = "",
    next_step: str = "",
    cadence: str = "",
) -> Event:
    """Mark someone (or update their mark). `due` and `cadence` are as typed ("friday", "monthly")."""
    person = ctx.store.person(person_id)
    if person is None:
        raise ActionError(f"no person with id {person_id!r}")
    now = ctx.now()
    due_at = parse_when(due, now) if due.strip() else None
    cadence_text = parse_cadence(cadence)
    before = ctx.store.conversation_for(person_id)
    fields = {
        "reason": clean(reason).strip(),
        "next_step": clean(next_step).strip(),
        "due_at": due_at,
        "cadence": cadence_text,
    }
    if before is None:
        after = ConversationMark(
            ctx.store.new_id("conversation"), person_id, created_at=now, **fields
        )
        summary = f"Marked {person.name} for a conversation"
    else:
        after = replace(before, **fields)
        if after == before:
            raise ActionError("conversation unchanged")
        summary = f"Updated the conversation with {person.name}"
    return ctx.store.commit(Event("", now, "mark", summary, (person_id,), (change(before, after),)))
