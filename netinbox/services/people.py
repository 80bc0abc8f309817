"""People and invitations added or edited by hand (the palette's forms), each one undoable Event.

The person form's fields are read in `person_fields` (one sentence per refused field, naming it).
A new person's id is their profile slug when a URL is given, else the name-based id the importers
give someone named without an address (`importers.values.fallback_id`), so a later export of the
same person finds them. Editing a person's facts rescreens their pending invitation in the same
Event; adding or editing an invitation screens it at once.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from netinbox.importers.values import fallback_id
from netinbox.model import Direction, Event, Invitation, Person
from netinbox.profile_links import parse_profile_url
from netinbox.services.context import ActionError, Context, change
from netinbox.services.dates import WhenError, parse_past
from netinbox.services.person_fields import FieldError, PersonFields, fields_of, person_facts
from netinbox.services.verdicts import Batch, keep_user
from netinbox.text import clean

__all__ = [
    "FieldError",
    "PersonFields",
    "fields_of",
    "add_invitation",
    "add_person",
    "edit_invitation",
    "edit_person",
]

NOTE_LIMIT = 1_000  # LinkedIn's notes stop at 300; a longer one pasted whole is still kept


def _new_id(ctx: Context, facts: dict) -> str:
    name = f"{facts['first_name']} {facts['last_name']}".strip()
    link = parse_profile_url(facts["profile_url"]) if facts["profile_url"] else None
    if link is not None:
        known = ctx.store.person(link.slug)
        if known is not None:
            raise FieldError(
                "profile_url",
                f"that is the address of {known.name} ({known.id}), already "
                "here; edit them instead",
            )
        return link.slug
    for candidate in dict.fromkeys([fallback_id(name), fallback_id(name, facts["company"])]):
        if ctx.store.person(candidate) is None:
            return candidate
    known = ctx.store.person(fallback_id(name))
    raise FieldError(
        "name",
        f"{known.name if known else name} is already here; edit them, or give a profile "
        "URL or another company to tell the two apart",
    )


def _person(ctx: Context, person_id: str) -> Person:
    person = ctx.store.person(person_id)
    if person is None:
        raise ActionError(f"no person with id {person_id!r}")
    return person


def _screened(ctx: Context, invitation: Invitation, person: Person) -> Invitation:
    batch = Batch(ctx.owner_first_name, ctx.now())
    batch.add_invitation(invitation, person)
    new = batch.run()[0][invitation.id]
    before = invitation.verdict
    return replace(invitation, verdict=new if before is None else keep_user(before, new))


def add_person(ctx: Context, fields: PersonFields) -> Event:
    """Someone new, from the person form; undoable."""
    facts = person_facts(fields, ctx.now().year)
    person = Person(_new_id(ctx, facts), **facts)
    return ctx.store.commit(
        Event(
            "",
            ctx.now(),
            "add_person",
            f"Added {person.name}",
            (person.id,),
            (change(None, person),),
        )
    )


def edit_person(ctx: Context, person_id: str, fields: PersonFields) -> Event:
    """The person form's fields replace what was known (a blank one: now unknown); what the form
    does not show (notes, views, flags, the first job's year) stays. A pending invitation is
    screened again on the new facts in the same undoable Event."""
    before = _person(ctx, person_id)
    facts = person_facts(fields, ctx.now().year)
    link = parse_profile_url(facts["profile_url"]) if facts["profile_url"] else None
    if link is not None and link.slug != person_id:
        known = ctx.store.person(link.slug)
        if known is not None:
            raise FieldError(
                "profile_url",
                f"that is the address of {known.name} ({known.id}); it cannot be "
                f"{before.name}'s too",
            )
    if f"{facts['first_name']} {facts['last_name']}".strip() == before.name:
        # The same name: keep the split an export gave ("María José" may be the first name).
        facts.update(first_name=before.first_name, last_name=before.last_name)
    after = replace(before, **facts)
    if after == before:
        raise ActionError(f"nothing changed for {before.name}")
    changes = [change(before, after)]
    invitation = ctx.store.pending_invitation(person_id)
    if invitation is not None:
        changes.append(change(invitation, _screened(ctx, invitation, after)))
    return ctx.store.commit(
        Event("", ctx.now(), "edit_person", f"Edited {after.name}", (person_id,), tuple(changes))
    )


def _received(received: str, now: datetime) -> datetime:
    try:
        return parse_past(received, now)
    except WhenError as exc:
        raise FieldError("received", str(exc)) from None


def _note(note: str) -> str:
    text = clean(note).strip()
    if len(text) > NOTE_LIMIT:
        raise FieldError("note", f"at most {NOTE_LIMIT:,} characters; this one has {len(text):,}")
    return text


def add_invitation(ctx: Context, person_id: str, received: str, note: str) -> Event:
    """A pending invitation from `person_id`, received when said in words ("today", "2 days ago",
    "2026-11-20"), screened at once; undoable."""
    person = _person(ctx, person_id)
    when, text = _received(received, ctx.now()), _note(note)
    if ctx.store.pending_invitation(person_id) is not None:
        raise ActionError(f"{person.name} already has a pending invitation; edit that one")
    invitation = Invitation(
        f"hand-inv-{ctx.store.new_id('invitation')}", person_id, when, Direction.INCOMING, text
    )
    invitation = _screened(ctx, invitation, person)
    return ctx.store.commit(
        Event(
            "",
            ctx.now(),
            "add_invitation",
            f"Added an invitation from {person.name}",
            (person_id,),
            (change(None, invitation),),
        )
    )


def edit_invitation(ctx: Context, person_id: str, received: str, note: str) -> Event:
    """Change when `person_id`'s pending invitation came and its note; screened again (a verdict of
    the user's stays); undoable."""
    person = _person(ctx, person_id)
    when, text = _received(received, ctx.now()), _note(note)
    before = ctx.store.pending_invitation(person_id)
    if before is None:
        raise ActionError(f"{person.name} ({person_id}) has no pending invitation")
    after = replace(before, received_at=when, note=text)
    if after == before:
        raise ActionError(f"nothing changed in {person.name}'s invitation")
    after = _screened(ctx, after, person)
    return ctx.store.commit(
        Event(
            "",
            ctx.now(),
            "edit_invitation",
            f"Edited {person.name}'s invitation",
            (person_id,),
            (change(before, after),),
        )
    )
