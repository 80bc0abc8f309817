"""The lists a user takes out of netinbox, as rows with stable keys (the same for CSV and JSON).

Each list is its query's rows (netinbox/services/lists), formatted: who is on it and in what order
is decided there alone, so an export always matches `netinbox list` and the screen.

- never-responded: accepted contacts whose thank-you note got no personal reply, oldest first.
- conversations: people marked for a real conversation, overdue first, then soonest due.
- people: everyone, by last name.
- pending: invitations waiting for a decision, newest first, with their screening verdicts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from netinbox.model import Person, StoredVerdict
from netinbox.profile_links import listed_profile_url
from netinbox.services.context import Context
from netinbox.services.lists.conversations import conversations as conversation_rows
from netinbox.services.lists.inbox import pending as pending_rows
from netinbox.services.lists.never_responded import never_responded as never_responded_rows
from netinbox.services.lists.people import people as people_rows
from netinbox.services.lists.rows import ConversationRow, NeverRespondedRow, PendingRow, PersonRow

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
        "viewed_after",
        "flagged",
        "archived",
    ),
    "conversations": (
        *_PERSON,
        "reason",
        "next_step",
        "due_at",
        "cadence",
        "marked_at",
        "overdue",
        "cadence_rule",
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


def _person(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "company": person.company,
        "position": person.position,
        "profile_url": listed_profile_url(person.profile_url),
    }


def _never_responded(row: NeverRespondedRow) -> dict[str, Any]:
    return {
        **_person(row.person),
        "connected_at": _iso(row.person.connected_at),
        "note_sent_at": _iso(row.note.sent_at),
        "days_waiting": row.days_waiting,
        "reply": row.reply_kind or "",
        "note_text": row.note.text,
        "viewed_after": row.viewed_after,
        "flagged": row.flagged,
        "archived": row.archived,
    }


def _conversation(row: ConversationRow) -> dict[str, Any]:
    return {
        **_person(row.person),
        "reason": row.mark.reason,
        "next_step": row.mark.next_step,
        "due_at": _iso(row.mark.due_at),
        "cadence": row.cadence,
        "marked_at": _iso(row.mark.created_at),
        "overdue": row.overdue,
        "cadence_rule": row.cadence_rule,
    }


def _someone(row: PersonRow) -> dict[str, Any]:
    return {
        **_person(row.person),
        "headline": row.person.headline,
        "location": row.person.location,
        "email": row.person.email,
        "connected_at": _iso(row.person.connected_at),
        "tags": list(row.person.tags),
        "notes": row.person.notes,
    }


def _pending(row: PendingRow) -> dict[str, Any]:
    return {
        **_person(row.person),
        "headline": row.person.headline,
        "invitation_id": row.invitation.id,
        "received_at": _iso(row.invitation.received_at),
        "note": row.invitation.note,
        **_verdict(row.invitation.verdict),
    }


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


_FORMATS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "never-responded": _never_responded,
    "conversations": _conversation,
    "people": _someone,
    "pending": _pending,
}


def format_rows(kind: str, found: Iterable[Any]) -> list[dict[str, Any]]:
    """A query's typed rows (all of a list, or the few selected on a screen) as export rows,
    each with exactly the keys of COLUMNS[kind], in that order."""
    shape = _FORMATS[kind]
    return [{column: row.get(column) for column in COLUMNS[kind]} for row in map(shape, found)]


def rows(
    ctx: Context, kind: str, days: int | None = None, only: str | None = None
) -> list[dict[str, Any]]:
    """The export rows of one list; `days` and `only` narrow the never-responded list as in
    `netinbox list never-responded`."""
    if kind == "never-responded":
        return format_rows(kind, never_responded_rows(ctx, days, only))
    query = {"conversations": conversation_rows, "people": people_rows, "pending": pending_rows}
    return format_rows(kind, query[kind](ctx))
