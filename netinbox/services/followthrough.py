"""After the thank-you note: who viewed my profile, who sent spam, and notes put away.

Each call is one undoable action (one Event), however many people it touches; a refusal changes
nothing and says why in one sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from netinbox.model import SPAM_FLAG, Change, Direction, Event, Invitation, Person
from netinbox.services.context import ActionError, Context, change


def _person(ctx: Context, person_id: str) -> Person:
    person = ctx.store.person(person_id)
    if person is None:
        raise ActionError(f"no person with id {person_id!r}")
    return person


def _people(ctx: Context, person_ids: Sequence[str]) -> list[Person]:
    """Every id must name a person, or nothing happens at all; repeats count once."""
    if not person_ids:
        raise ActionError("no person given")
    return [_person(ctx, person_id) for person_id in dict.fromkeys(person_ids)]


def _who(people: Sequence[Person]) -> str:
    return people[0].name if len(people) == 1 else f"{len(people)} people"


def invitation_viewed_before(
    pending: Invitation | None, invitations: Iterable[Invitation | None]
) -> Invitation | None:
    """Their pending invitation to me, else their latest one to me: the one a view of my profile
    can come before ("viewed before inviting"). One rule for a view typed in and a pasted one."""
    if pending is not None:
        return pending
    received = [i for i in invitations if i is not None and i.direction is Direction.INCOMING]
    return max(received, key=lambda i: (i.received_at, i.id), default=None)


def _invitation(ctx: Context, person_id: str) -> Invitation | None:
    store = ctx.store
    return invitation_viewed_before(
        store.pending_invitation(person_id), store.invitations_of(person_id)
    )


def record_view(ctx: Context, person_id: str, at: datetime) -> Event:
    """They viewed my profile at `at`. A view at or before their invitation also counts as
    "viewed before inviting" for the screening (viewed_my_profile)."""
    person = _person(ctx, person_id)
    if at.tzinfo is None:
        raise ValueError("a profile view needs a timezone-aware time")
    now, day = ctx.now(), at.date().isoformat()
    if at > now:
        raise ActionError(f"{day} is in the future; give the day they viewed your profile")
    if at in person.profile_views:
        raise ActionError(f"a view by {person.name} on {day} is already recorded")
    after = replace(person, profile_views=tuple(sorted((*person.profile_views, at))))
    invitation = _invitation(ctx, person_id)
    summary = f"Recorded that {person.name} viewed your profile on {day}"
    if invitation is not None and at <= invitation.received_at:
        after = replace(after, viewed_my_profile=True)
        summary += " (before inviting)"
    elif person.connected_at is not None and at >= person.connected_at:
        summary += " (after accepting)"
    return ctx.store.commit(
        Event(
            "",
            now,
            "record_view",
            summary,
            (person_id,),
            (change(person, after),),
        )
    )


def flag_spam(ctx: Context, person_ids: Sequence[str], flagged: bool = True) -> Event:
    """Flag people as "I got spam after connecting" (or take the flag off with flagged=False)."""
    people = _people(ctx, person_ids)
    changes: list[Change] = []
    touched = []
    for person in people:
        if (SPAM_FLAG in person.flags) == flagged:
            continue  # already as asked: left alone, so undo restores only what changed
        flags = (
            (*person.flags, SPAM_FLAG)
            if flagged
            else tuple(f for f in person.flags if f != SPAM_FLAG)
        )
        changes.append(change(person, replace(person, flags=flags)))
        touched.append(person)
    if not touched:
        state = "already flagged as spam" if flagged else "not flagged as spam"
        raise ActionError(f"{_who(people)} {'is' if len(people) == 1 else 'are'} {state}")
    verb = "Flagged" if flagged else "Unflagged"
    return ctx.store.commit(
        Event(
            "",
            ctx.now(),
            "flag_spam" if flagged else "unflag_spam",
            f"{verb} {_who(touched)} as spam",
            tuple(p.id for p in touched),
            tuple(changes),
        )
    )


def archive(ctx: Context, person_ids: Sequence[str], archived: bool = True) -> Event:
    """Put each person's latest sent thank-you note away from the never-responded list (or bring
    it back with archived=False)."""
    people = _people(ctx, person_ids)
    now = ctx.now()
    changes: list[Change] = []
    touched = []
    for person in people:
        note = ctx.store.latest_sent_note(person.id)
        if note is None:
            raise ActionError(
                f"{person.name} ({person.id}) has no sent thank-you note to "
                f"{'archive' if archived else 'bring back'}"
            )
        if (note.archived_at is not None) == archived:
            continue
        changes.append(change(note, replace(note, archived_at=now if archived else None)))
        touched.append(person)
    if not touched:
        state = "already archived" if archived else "not archived"
        subject = (
            "the note to " + _who(people) if len(people) == 1 else f"the notes to {_who(people)}"
        )
        raise ActionError(f"{subject} {'is' if len(people) == 1 else 'are'} {state}")
    verb = "Archived" if archived else "Brought back"
    return ctx.store.commit(
        Event(
            "",
            now,
            "archive" if archived else "unarchive",
            f"{verb} the thank-you {'note' if len(touched) == 1 else 'notes'} to {_who(touched)}",
            tuple(p.id for p in touched),
            tuple(changes),
        )
    )
