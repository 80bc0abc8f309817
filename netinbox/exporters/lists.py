"""The lists a user takes out of netinbox, as rows with stable keys (the same for CSV and JSON).

- never-responded: thank-you notes sent at least `never_responded_days` ago with no reply recorded,
  and those recorded as "nothing came back", oldest first.
- conversations: people marked for a real conversation, soonest due first.
- people: everyone, by last name.
- pending: invitations waiting for a decision, newest first, with their screening verdicts.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from netinbox.model import Person, ReplyKind, StoredVerdict
from netinbox.profile_links import listed_profile_url
from netinbox.services.context import Context
from netinbox.services.listing import invitation_order

EXPORT_KINDS = ("never-responded", "conversations", "people", "pending")

_PERSON = ("id", "name", "first_name", "last_name", "company", "position", "profile_url")
COLUMNS: dict[str, tuple[str, ...]] = {
    "never-responded": (
        *_PERSON,
        "connected_at",
        "note_sent_at",
        "days_waiting",
        "reply",
        "note_text",
    ),
    "conversations": (
        *_PERSON,
        "reason",
        "next_step",
        "due_at",
        "cadence",
        "marked_at",
    ),
    "people": (
        *_PERSON,
        "headline",
        "location",
        "email",
        "connected_at",
        "tags",
        "notes",
    ),
    "pending": (
        *_PERSON,
        "headline",
        "invitation_id",
        "received_at",
        "note",
        "verdict",
        "verdict_by_user",
        "verdict_reasons",
    ),
}


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _person(person: Person | None, person_id: str) -> dict[str, Any]:
    if person is None:
        person = Person(person_id)
    return {
        "id": person.id,
        "name": person.name,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "company": person.company,
        "position": person.position,
        "profile_url": listed_profile_url(person.profile_url),
    }


def never_responded(ctx: Context) -> list[dict[str, Any]]:
    now = ctx.now()
    cutoff = now - timedelta(days=ctx.settings.never_responded_days)
    notes = [
        n
        for n in ctx.store.records("notes")
        if n.sent_at is not None
        and (
            (n.reply is None and n.sent_at <= cutoff)
            or (n.reply is not None and n.reply.kind is ReplyKind.NONE)
        )
    ]
    rows = []
    for note in sorted(notes, key=lambda n: (n.sent_at, n.person_id)):
        person = ctx.store.person(note.person_id)
        row = _person(person, note.person_id)
        row.update(
            connected_at=_iso(person.connected_at if person else None),
            note_sent_at=_iso(note.sent_at),
            days_waiting=(now - note.sent_at).days,
            reply="none" if note.reply is not None else "",
            note_text=note.text,
        )
        rows.append(row)
    return rows


def conversations(ctx: Context) -> list[dict[str, Any]]:
    far = datetime.max.replace(tzinfo=ctx.now().tzinfo)
    rows = []
    for mark in sorted(ctx.store.conversations(), key=lambda m: (m.due_at or far, m.person_id)):
        row = _person(ctx.store.person(mark.person_id), mark.person_id)
        row.update(
            reason=mark.reason,
            next_step=mark.next_step,
            due_at=_iso(mark.due_at),
            cadence=mark.cadence,
            marked_at=_iso(mark.created_at),
        )
        rows.append(row)
    return rows


def people(ctx: Context) -> list[dict[str, Any]]:
    rows = []
    ordered = sorted(
        ctx.store.people(), key=lambda p: (p.last_name.casefold(), p.first_name.casefold(), p.id)
    )
    for person in ordered:
        row = _person(person, person.id)
        row.update(
            headline=person.headline,
            location=person.location,
            email=person.email,
            connected_at=_iso(person.connected_at),
            tags=list(person.tags),
            notes=person.notes,
        )
        rows.append(row)
    return rows


def pending(ctx: Context) -> list[dict[str, Any]]:
    rows = []
    for invitation in sorted(ctx.store.pending_invitations(), key=invitation_order):
        person = ctx.store.person(invitation.person_id)
        row = _person(person, invitation.person_id)
        row.update(
            headline=person.headline if person else "",
            invitation_id=invitation.id,
            received_at=_iso(invitation.received_at),
            note=invitation.note,
            **_verdict(invitation.verdict),
        )
        rows.append(row)
    return rows


def _verdict(verdict: StoredVerdict | None) -> dict[str, Any]:
    """The label acted on (the user's when given), whose it is, and the screening's reasons as
    "signal: evidence" strings, so a spreadsheet filter on one column finds them."""
    if verdict is None:
        return {"verdict": "", "verdict_by_user": False, "verdict_reasons": []}
    return {
        "verdict": verdict.shown_label,
        "verdict_by_user": verdict.by_user,
        "verdict_reasons": [f"{signal}: {evidence}" for signal, evidence in verdict.reasons],
    }


def rows(ctx: Context, kind: str) -> list[dict[str, Any]]:
    """The rows of one list, each with exactly the keys of COLUMNS[kind], in that order."""
    found = {
        "never-responded": never_responded,
        "conversations": conversations,
        "people": people,
        "pending": pending,
    }[kind](ctx)
    return [{column: row.get(column) for column in COLUMNS[kind]} for row in found]
