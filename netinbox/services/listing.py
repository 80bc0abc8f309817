"""`netinbox list …`: the rows of each list's query, as plain dicts. The JSON shape is a contract
for scripts; who is on a list and in what order is the query's alone (netinbox/services/lists)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from netinbox.model import Person, StoredVerdict
from netinbox.profile_links import listed_profile_url
from netinbox.services.context import Context
from netinbox.services.lists import inbox
from netinbox.services.lists.conversations import conversations as conversation_rows
from netinbox.services.lists.inbox import VERDICT_RANK, invitation_order, verdict_order
from netinbox.services.lists.never_responded import never_responded as never_responded_rows
from netinbox.services.lists.people import people as people_rows

__all__ = [
    "LIST_KINDS",
    "TABLE_COLUMNS",
    "VERDICT_RANK",
    "invitation_order",
    "rows",
    "verdict_order",
]

LIST_KINDS = ("pending", "unanswered", "never-responded", "conversations", "people")
# The columns of `netinbox list KIND` without --json (the JSON has every key).
TABLE_COLUMNS = {
    "pending": ("id", "name", "verdict", "received_at", "note"),
    "unanswered": ("id", "name", "status", "sent_at"),
    "never-responded": ("id", "name", "days_waiting", "reply_kind", "sent_at"),
    "conversations": ("id", "name", "due_at", "reason"),
    "people": ("id", "name", "headline", "connected_at"),
}


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


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _person_fields(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "headline": person.headline,
        "company": person.company,
    }


def pending(ctx: Context, order: str = "date") -> list[dict[str, Any]]:
    return [
        {
            **_person_fields(row.person),
            "invitation_id": row.invitation.id,
            "note": row.invitation.note,
            "received_at": _iso(row.invitation.received_at),
            **verdict_fields(row.invitation.verdict),
        }
        for row in inbox.pending(ctx, order)
    ]


def unanswered(ctx: Context) -> list[dict[str, Any]]:
    """Thank-you notes still open: to send first, then those waiting for a reply."""
    return [
        {
            **_person_fields(row.person),
            "note_id": row.note.id,
            "status": "waiting" if row.note.sent_at else "to_send",
            "text": row.note.text,
            "created_at": _iso(row.note.created_at),
            "sent_at": _iso(row.note.sent_at),
            "overdue": row.overdue,
        }
        for row in inbox.open_notes(ctx)
    ]


def never_responded(
    ctx: Context, days: int | None = None, only: str | None = None
) -> list[dict[str, Any]]:
    return [
        {
            **_person_fields(row.person),
            "note_id": row.note.id,
            "connected_at": _iso(row.person.connected_at),
            "sent_at": _iso(row.note.sent_at),
            "days_waiting": row.days_waiting,
            "reply_kind": row.reply_kind,
            "viewed_after": row.viewed_after,
            "flagged": row.flagged,
            "archived": row.archived,
            "note_text": row.note.text,
        }
        for row in never_responded_rows(ctx, days, only)
    ]


def conversations(ctx: Context) -> list[dict[str, Any]]:
    return [
        {
            **_person_fields(row.person),
            "reason": row.mark.reason,
            "next_step": row.mark.next_step,
            "due_at": _iso(row.mark.due_at),
            "overdue": row.overdue,
            "cadence": row.cadence,
            "cadence_rule": row.cadence_rule,
            "created_at": _iso(row.mark.created_at),
        }
        for row in conversation_rows(ctx)
    ]


def people(ctx: Context) -> list[dict[str, Any]]:
    return [
        {
            **_person_fields(row.person),
            "position": row.person.position,
            "connections": row.person.connections,
            "connected_at": _iso(row.person.connected_at),
            "profile_url": listed_profile_url(row.person.profile_url),
        }
        for row in people_rows(ctx)
    ]


def rows(
    ctx: Context, kind: str, days: int | None = None, only: str | None = None
) -> list[dict[str, Any]]:
    """The rows of `netinbox list KIND`; `days` and `only` narrow the never-responded list."""
    if kind == "never-responded":
        return never_responded(ctx, days, only)
    return {
        "pending": pending,
        "unanswered": unanswered,
        "conversations": conversations,
        "people": people,
    }[kind](ctx)
