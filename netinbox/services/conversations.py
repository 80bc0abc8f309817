"""People worth a real conversation: a reason, a next step, a due date, a stay-in-touch cadence.

Any recorded interaction (a reply, a sent note or draft, an imported message) restarts the timer:
the services that record one add `interaction_changes` to their own event, so one undo takes back
both.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from netinbox.model import Change, ConversationMark, Event, Person
from netinbox.services.context import ActionError, Context, change
from netinbox.services.dates import (
    at_due_hour,
    cadence_text,
    describe_when,
    next_due,
    parse_cadence,
    parse_when,
)
from netinbox.text import clean


def _person(ctx: Context, person_id: str) -> Person:
    person = ctx.store.person(person_id)
    if person is None:
        raise ActionError(f"no person with id {person_id!r}")
    return person


def _active_mark(ctx: Context, person: Person) -> ConversationMark:
    found = ctx.store.conversation_for(person.id)
    if found is None:
        raise ActionError(f"{person.name} ({person.id}) is not marked for a conversation")
    return found


def _commit(ctx: Context, action: str, summary: str, person: Person, *changes: Change) -> Event:
    return ctx.store.commit(Event("", ctx.now(), action, summary, (person.id,), changes))


def mark(
    ctx: Context,
    person_id: str,
    reason: str = "",
    due: str | None = "",
    next_step: str = "",
    cadence: str = "",
) -> Event:
    """Mark someone (or update their mark). `due` and `cadence` are as typed ("friday", "monthly");
    `due=None` keeps the current due date (an edit that leaves it alone, even when it is overdue).
    With a cadence and no due date, the first one is due a period from today."""
    person = _person(ctx, person_id)
    now = ctx.now()
    rule = parse_cadence(cadence)
    before = ctx.store.conversation_for(person_id)
    if due is None:
        due_at = before.due_at if before is not None else None
    else:
        due_at = parse_when(due, now) if due.strip() else None
    if due_at is None and rule:
        due_at = next_due(rule, at_due_hour(now), now)
    fields = {
        "reason": clean(reason).strip(),
        "next_step": clean(next_step).strip(),
        "due_at": due_at,
        "cadence": rule,
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
    if due_at is not None:
        summary += f", due {describe_when(due_at, now)}"
    if rule:
        summary += f", {cadence_text(rule)}"
    return _commit(ctx, "mark", summary, person, change(before, after))


def done(ctx: Context, person_id: str) -> Event:
    """The next step is done. With a cadence the next one falls due on the schedule (never in the
    past); without one the conversation is over and leaves the list."""
    person = _person(ctx, person_id)
    before = _active_mark(ctx, person)
    now = ctx.now()
    if not before.cadence:
        after = replace(before, done_at=now, last_contact_at=now)
        summary = f"Done with the conversation with {person.name}"
    else:
        anchor = (before.due_at or at_due_hour(now)).astimezone(now.tzinfo)
        due_at = next_due(before.cadence, anchor, max(anchor, now))
        after = replace(before, due_at=due_at, last_contact_at=now)
        summary = f"Done: next with {person.name} due {describe_when(due_at, now)}"
    return _commit(ctx, "done", summary, person, change(before, after))


def snooze(ctx: Context, person_id: str, when: str) -> Event:
    """Put the conversation off until `when` ("next monday", "in 10 days")."""
    person = _person(ctx, person_id)
    before = _active_mark(ctx, person)
    now = ctx.now()
    due_at = parse_when(when, now)
    after = replace(before, due_at=due_at)
    summary = f"Snoozed {person.name} until {describe_when(due_at, now)}"
    return _commit(ctx, "snooze", summary, person, change(before, after))


def unmark(ctx: Context, person_id: str) -> Event:
    """End the conversation, whatever its cadence."""
    person = _person(ctx, person_id)
    before = _active_mark(ctx, person)
    after = replace(before, done_at=ctx.now())
    summary = f"Unmarked {person.name}"
    return _commit(ctx, "unmark", summary, person, change(before, after))


def reset_timer(mark: ConversationMark, at: datetime) -> ConversationMark | None:
    """The mark after an interaction at `at`, or None when it changes nothing: the mark is done,
    or `at` is not newer than the last contact (nor than the mark itself, whose schedule was set
    knowing everything before it)."""
    if mark.done_at is not None:
        return None
    if mark.last_contact_at is not None and at <= mark.last_contact_at:
        return None
    if mark.last_contact_at is None and at < mark.created_at:
        return None
    after = replace(mark, last_contact_at=at)
    if mark.cadence:
        moment = at_due_hour(at)
        after = replace(after, due_at=next_due(mark.cadence, moment, max(moment, at)))
    return after


def interaction_changes(ctx: Context, person_id: str, at: datetime) -> list[Change]:
    """What an interaction with `person_id` at `at` changes on their conversation mark: the
    changes to add to the event that records the interaction (empty when nothing changes)."""
    before = ctx.store.conversation_for(person_id)
    if before is None:
        return []
    after = reset_timer(before, at.astimezone(ctx.now().tzinfo))
    return [] if after is None else [change(before, after)]
