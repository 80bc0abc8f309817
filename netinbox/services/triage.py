"""Deciding on invitations: accept (which prepares a thank-you note) or decline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from netinbox.model import Change, Event, Invitation, InvitationStatus, Person, ThankYouNote
from netinbox.services.context import ActionError, Context, change
from netinbox.services.drafting import thank_you_text


def _pending(ctx: Context, person_ids: Sequence[str]) -> list[tuple[Person, Invitation]]:
    """Every id must have a pending invitation, or nothing happens at all."""
    if not person_ids:
        raise ActionError("no person given")
    found = []
    seen = set()
    for person_id in person_ids:
        if person_id in seen:
            continue
        seen.add(person_id)
        person = ctx.store.person(person_id)
        if person is None:
            raise ActionError(f"no person with id {person_id!r}")
        invitation = ctx.store.pending_invitation(person_id)
        if invitation is None:
            raise ActionError(f"{person.name} ({person_id}) has no pending invitation")
        found.append((person, invitation))
    return found


def _summary(verb: str, people: list[Person]) -> str:
    if len(people) == 1:
        return f"{verb} {people[0].name}"
    return f"{verb} {len(people)} invitations"


def accept(ctx: Context, person_ids: Sequence[str]) -> Event:
    """Accept pending invitations; each new contact gets a thank-you note ready to send."""
    now = ctx.now()
    changes: list[Change] = []
    people = []
    for person, invitation in _pending(ctx, person_ids):
        people.append(person)
        changes.append(
            change(
                invitation, replace(invitation, status=InvitationStatus.ACCEPTED, decided_at=now)
            )
        )
        changes.append(change(person, replace(person, connected_at=now)))
        note = ThankYouNote(ctx.store.new_id("note"), person.id, thank_you_text(ctx, person), now)
        changes.append(change(None, note))
    return ctx.store.commit(
        Event(
            "",
            now,
            "accept",
            _summary("Accepted", people),
            tuple(p.id for p in people),
            tuple(changes),
        )
    )


def decline(ctx: Context, person_ids: Sequence[str]) -> Event:
    """Decline pending invitations; the person is remembered, so a re-invite is recognised."""
    now = ctx.now()
    changes = []
    people = []
    for person, invitation in _pending(ctx, person_ids):
        people.append(person)
        changes.append(
            change(
                invitation, replace(invitation, status=InvitationStatus.DECLINED, decided_at=now)
            )
        )
    return ctx.store.commit(
        Event(
            "",
            now,
            "decline",
            _summary("Declined", people),
            tuple(p.id for p in people),
            tuple(changes),
        )
    )
