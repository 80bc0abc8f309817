"""The lists netinbox shows and prints, as plain rows. The JSON shape is a contract for scripts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from netinbox.model import Invitation, Person, StoredVerdict, ThankYouNote
from netinbox.profile_links import listed_profile_url
from netinbox.services.context import Context

LIST_KINDS = ("pending", "unanswered", "conversations", "people")


def invitation_order(invitation: Invitation) -> float:
    """Newest invitation first."""
    return -invitation.received_at.timestamp()


# Most in need of a look first; not yet screened last.
VERDICT_RANK = {"likely_fake": 0, "pitch": 1, "list_builder": 2, "genuine": 3}


def verdict_order(invitation: Invitation) -> tuple[int, float]:
    """By verdict (the user's when they gave one), most suspicious first; newest first within.
    Uses only what is stored on the invitation: sorting never screens anything."""
    verdict = invitation.verdict
    rank = VERDICT_RANK.get(verdict.shown_label, len(VERDICT_RANK)) if verdict else 99
    return rank, -invitation.received_at.timestamp()


def verdict_fields(verdict: StoredVerdict | None) -> dict[str, Any]:
    """The verdict keys of `list pending --json`: the label acted on (the user's if given), its
    reasons, whether it is the user's, and what the screening said."""
    if verdict is None:
        return {
            "verdict": None,
            "verdict_reasons": [],
            "verdict_by_user": False,
            "verdict_screened": None,
        }
    return {
        "verdict": verdict.shown_label or None,
        "verdict_reasons": [{"signal": s, "evidence": e} for s, e in verdict.reasons],
        "verdict_by_user": verdict.by_user,
        "verdict_screened": verdict.label or None,
    }


def note_order(note: ThankYouNote) -> tuple[bool, float]:
    """Notes still to send first (newest first), then sent notes, most recently sent first."""
    return (note.sent_at is not None, -(note.sent_at or note.created_at).timestamp())


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _person_fields(person: Person | None, person_id: str) -> dict[str, Any]:
    if person is None:
        return {"id": person_id, "name": person_id, "headline": "", "company": ""}
    return {
        "id": person.id,
        "name": person.name,
        "headline": person.headline,
        "company": person.company,
    }


def pending(ctx: Context) -> list[dict[str, Any]]:
    rows = []
    for invitation in sorted(ctx.store.pending_invitations(), key=invitation_order):
        row = _person_fields(ctx.store.person(invitation.person_id), invitation.person_id)
        row.update(
            invitation_id=invitation.id,
            note=invitation.note,
            received_at=_iso(invitation.received_at),
            **verdict_fields(invitation.verdict),
        )
        rows.append(row)
    return rows


def unanswered(ctx: Context) -> list[dict[str, Any]]:
    """Thank-you notes still open: to send first, then those waiting for a reply."""
    notes = sorted(ctx.store.open_notes(), key=note_order)
    rows = []
    for note in notes:
        row = _person_fields(ctx.store.person(note.person_id), note.person_id)
        row.update(
            note_id=note.id,
            status="waiting" if note.sent_at else "to_send",
            text=note.text,
            created_at=_iso(note.created_at),
            sent_at=_iso(note.sent_at),
        )
        rows.append(row)
    return rows


def conversations(ctx: Context) -> list[dict[str, Any]]:
    far = datetime.max.replace(tzinfo=ctx.now().tzinfo)
    rows = []
    for mark in sorted(ctx.store.conversations(), key=lambda m: m.due_at or far):
        row = _person_fields(ctx.store.person(mark.person_id), mark.person_id)
        row.update(
            reason=mark.reason,
            next_step=mark.next_step,
            due_at=_iso(mark.due_at),
            cadence=mark.cadence,
            created_at=_iso(mark.created_at),
        )
        rows.append(row)
    return rows


def people(ctx: Context) -> list[dict[str, Any]]:
    rows = []
    for person in sorted(
        ctx.store.people(), key=lambda p: (p.last_name.casefold(), p.first_name.casefold())
    ):
        row = _person_fields(person, person.id)
        row.update(
            position=person.position,
            connections=person.connections,
            connected_at=_iso(person.connected_at),
            profile_url=listed_profile_url(person.profile_url),
        )
        rows.append(row)
    return rows


def rows(ctx: Context, kind: str) -> list[dict[str, Any]]:
    return {
        "pending": pending,
        "unanswered": unanswered,
        "conversations": conversations,
        "people": people,
    }[kind](ctx)
