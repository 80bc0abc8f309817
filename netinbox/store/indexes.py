"""Small in-memory indexes over the record tables, so the inbox never scans a table on a keypress.

Each table's index is built the first time something asks for it, from the records' JSON text
(without decoding them), and kept up to date by every change after that. A command that touches
only invitations never pays for indexing notes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from netinbox.model import Direction, InvitationStatus
from netinbox.store.lazy import LazyTable

INDEXED = ("invitations", "notes", "drafts", "conversations")
_PERSON_ID = re.compile(r'"person_id":"((?:[^"\\]|\\.)*)"')
_SENT_AT = re.compile(r'"sent_at":"([^"]+)"')
# In our compact encoding a quote inside a value is always escaped, so these cannot come from the
# text of a note.
_ACTIVE_MARKERS = {
    "invitations": '"status":"pending"',
    "notes": '"reply":null',
    "drafts": '"person_id"',
    "conversations": '"done_at":null',
}
_LEAD = '{"person_id":"'


def facets(table: str, value: Any) -> tuple[str, bool, float | None]:
    """(person id, still active?, sent time) of an indexed record, from a document or its text."""
    if isinstance(value, dict):
        if table == "invitations":
            active = value.get("status") == InvitationStatus.PENDING and (
                value.get("direction", Direction.INCOMING) == Direction.INCOMING
            )
        elif table == "notes":
            active = not value.get("reply")
        elif table == "conversations":
            active = not value.get("done_at")
        else:
            active = True
        return value["person_id"], active, _timestamp(value.get("sent_at"))
    person = None
    if value.startswith(_LEAD):  # our own encoding puts person_id first
        end = value.find('"', len(_LEAD))
        candidate = value[len(_LEAD) : end]
        if "\\" not in candidate:
            person = candidate
    if person is None:
        match = _PERSON_ID.search(value)
        if match is None:
            return facets(table, json.loads(value))
        person = json.loads(f'"{match.group(1)}"')
    sent = None
    if table == "notes":
        sent_match = _SENT_AT.search(value)
        sent = _timestamp(sent_match.group(1)) if sent_match else None
    active = _ACTIVE_MARKERS[table] in value
    if table == "invitations" and '"direction":"outgoing"' in value:
        active = False  # the inbox's pending invitations are the ones sent to the user
    return person, active, sent


def _timestamp(value: Any) -> float | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).timestamp()
    except (TypeError, ValueError):
        return None


class Indexes:
    def __init__(self, table: Callable[[str], LazyTable]) -> None:
        self._table = table
        self.reset()

    def reset(self) -> None:
        self._built: set[str] = set()
        self._pending: dict[str, str] = {}
        self._all_invitations: dict[str, list[str]] = {}
        self._latest_note: dict[str, str] = {}
        self._open_notes: dict[str, str] = {}
        self._open_note_sent: dict[str, float | None] = {}
        self._drafts: dict[str, str] = {}
        self._marks: dict[str, str] = {}

    def _ensure(self, table: str) -> None:
        if table not in self._built:
            self._built.add(table)
            for key, value in self._table(table).raw_items():
                self._apply(table, key, value, facets(table, value))

    # -- the indexes (each built on first use) --

    def pending(self) -> dict[str, str]:
        self._ensure("invitations")
        return self._pending

    def invitations(self) -> dict[str, list[str]]:
        self._ensure("invitations")
        return self._all_invitations

    def latest_note(self) -> dict[str, str]:
        self._ensure("notes")
        return self._latest_note

    def open_notes(self) -> tuple[dict[str, str], dict[str, float | None]]:
        self._ensure("notes")
        return self._open_notes, self._open_note_sent

    def drafts(self) -> dict[str, str]:
        self._ensure("drafts")
        return self._drafts

    def marks(self) -> dict[str, str]:
        self._ensure("conversations")
        return self._marks

    # -- keeping them right --

    def update(self, table: str, key: str, before: Any, after: Any) -> None:
        """One record went from `before` to `after` (None: absent)."""
        if table not in self._built or (before is None and after is None):
            return  # not built yet: it will be built from the tables, which include this change
        person, active, sent = facets(table, after if after is not None else before)
        self._apply(table, key, after, (person, active and after is not None, sent))

    def _apply(
        self, table: str, key: str, after: Any, facts: tuple[str, bool, float | None]
    ) -> None:
        person, active, sent = facts
        present = after is not None
        if table == "invitations":
            keys = self._all_invitations.setdefault(person, [])
            if not present:
                if key in keys:
                    keys.remove(key)
            elif key not in keys:
                keys.append(key)
            _membership(self._pending, person, key, active)
        elif table == "notes":
            _membership(self._latest_note, person, key, present)
            _membership(self._open_notes, person, key, active)
            if active:
                self._open_note_sent[key] = sent
            else:
                self._open_note_sent.pop(key, None)
        elif table == "drafts":
            _membership(self._drafts, person, key, present)
        else:
            _membership(self._marks, person, key, active)


def _membership(index: dict[str, str], person: str, key: str, present: bool) -> None:
    if present:
        index[person] = key
    elif index.get(person) == key:
        del index[person]
