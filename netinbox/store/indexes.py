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
from netinbox.text import clean, fold_name

INDEXED = ("invitations", "notes", "drafts", "conversations", "people")
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
_REPLY_KIND = re.compile(r'"reply":\{"kind":"([a-z]+)"')


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


def note_facets(value: Any) -> tuple[float | None, str, bool]:
    """(sent time, reply kind or "" when none is recorded, archived?) of a note, from a document or
    its text: what the never-responded list is chosen and ordered by."""
    if isinstance(value, str):
        if not value.startswith(_LEAD):  # not our compact encoding: the patterns may not hold
            return note_facets(json.loads(value))
        sent_match = _SENT_AT.search(value)
        kind_match = _REPLY_KIND.search(value)
        return (
            _timestamp(sent_match.group(1)) if sent_match else None,
            kind_match.group(1) if kind_match else "",
            '"archived_at":"' in value,
        )
    reply = value.get("reply")
    kind = str(reply.get("kind") or "") if isinstance(reply, dict) else ""
    return _timestamp(value.get("sent_at")), kind, bool(value.get("archived_at"))


def person_facets(value: Any) -> PersonFacts | None:
    """[flags, profile view times, connected time] of a person who has flags or views (None for
    everyone else, most people): what the never-responded filters need, without the record."""
    if isinstance(value, str):
        # Quotes inside values are escaped, so a stranger's text cannot fake these keys; a false
        # hit only costs decoding the document.
        if '"flags":' not in value and '"profile_views":' not in value:
            return None
        value = json.loads(value)
    flags = [str(f) for f in value.get("flags") or ()]
    views = [t for t in (_timestamp(v) for v in value.get("profile_views") or ()) if t is not None]
    if not flags and not views:
        return None
    return [flags, views, _timestamp(value.get("connected_at"))]


_NAME_LEAD = '{"first_name":"'
_LAST_LEAD = ',"last_name":"'


def folded_name(key: str, value: Any) -> str:
    """A person's name as the paste matcher compares it (`fold_name` of `Person.name`), from a
    document or its text. Our encoding writes first_name and last_name first; a name with an
    escape in it, or another layout, costs decoding the document."""
    if isinstance(value, str):
        first = last = None
        if value.startswith(_NAME_LEAD):
            end = value.find('"', len(_NAME_LEAD))
            if value.startswith(_LAST_LEAD, end + 1):
                start = end + 1 + len(_LAST_LEAD)
                stop = value.find('"', start)
                if stop > 0:
                    first, last = value[len(_NAME_LEAD) : end], value[start:stop]
        if first is None or last is None or "\\" in first or "\\" in last:
            return folded_name(key, json.loads(value))
    else:
        first, last = value.get("first_name"), value.get("last_name")
    # As codec.load_person and Person.name read them: cleaned text, the id when there is none.
    full = f"{clean(first or '')} {clean(last or '')}".strip()
    return fold_name(full or clean(key))


def _timestamp(value: Any) -> float | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).timestamp()
    except (TypeError, ValueError):
        return None


Facts = tuple[str, bool, float | None]  # (person id, active?, sent time) of one record
# A sent note in the index: [person id, sent time, reply kind or "", archived?] (a list: JSON).
SentNote = list[Any]
PersonFacts = list[Any]  # [flags, profile view times, connected time or None]
MAPS_EXTRA = "index-maps"
_UNKNOWN: Any = object()
_TABLE_MAPS = {
    "invitations": ("pending",),
    "notes": ("latest_note", "open_notes", "open_note_sent", "sent_notes"),
    "drafts": ("drafts",),
    "conversations": ("marks",),
    "people": ("person_facts", "people_named"),
}
_MAPS = tuple(name for names in _TABLE_MAPS.values() for name in names)


class Indexes:
    """Person maps over the indexed tables: pending invitation, latest and open note, draft and
    conversation mark per person, the facts of every sent note, the flags and profile views
    of the people who have any, and everyone by folded name (what a pasted name is looked up by).

    The maps are saved with each snapshot (`export`) and read back on open, so start-up on a heavy
    database neither scans 20,000 records nor rebuilds the maps one by one; changes replayed from
    the journal, or made before a table's maps are first needed, are applied on top.
    """

    def __init__(
        self,
        table: Callable[[str], LazyTable],
        seed: Callable[[str], str | None] | None = None,
        replayed: list[tuple[str, str, Any]] | None = None,
        snapshot_doc: Callable[[str, str], Any] | None = None,
    ) -> None:
        self._table = table
        self._seed_source = seed
        self._snapshot_doc = snapshot_doc
        self.reset(replayed)

    def reset(self, replayed: list[tuple[str, str, Any]] | None = None) -> None:
        """Forget everything; with no `replayed`, rebuild from the tables (after a rollback)."""
        self._built: set[str] = set()
        self._later: dict[str, list[tuple[str, Any, Any]]] = {name: [] for name in INDEXED}
        self._seeded: Any = _UNKNOWN
        if replayed is None:
            self._seed_source = None
        for table, key, doc in replayed or ():
            if table in self._later:
                self._later[table].append((key, _UNKNOWN, doc))
        self._pending: dict[str, str] = {}
        self._all_invitations: dict[str, list[str]] | None = None
        self._latest_note: dict[str, str] = {}
        self._open_notes: dict[str, str] = {}
        self._open_note_sent: dict[str, float | None] = {}
        self._sent_notes: dict[str, SentNote] = {}
        self._sent_by_person: dict[str, list[str]] | None = None
        self._person_facts: dict[str, PersonFacts] = {}
        self._people_named: dict[str, list[str]] = {}  # folded full name -> person ids
        self._drafts: dict[str, str] = {}
        self._marks: dict[str, str] = {}

    def _seed(self) -> dict | None:
        if self._seeded is _UNKNOWN:
            text = self._seed_source(MAPS_EXTRA) if self._seed_source is not None else None
            try:
                seeded = json.loads(text) if text else None
            except ValueError:
                seeded = None
            self._seeded = seeded if isinstance(seeded, dict) else None
        return self._seeded

    def _seeded_maps(self, table: str) -> dict | None:
        """The saved maps, if they hold every map of `table` (maps saved by an older netinbox
        lack the newer ones: that table alone is then indexed from its records)."""
        seeded = self._seed()
        if seeded is None or not all(isinstance(seeded.get(m), dict) for m in _TABLE_MAPS[table]):
            return None
        return seeded

    def _ensure(self, table: str) -> None:
        if table in self._built:
            return
        self._built.add(table)
        later, self._later[table] = self._later[table], []
        seeded = self._seeded_maps(table)
        replayable = self._snapshot_doc is not None and self._table(table).keeps_snapshot_values
        if seeded is None or (later and not replayable):
            for key, value in self._table(table).raw_items():
                self._apply(table, key, value, add=True)
            return
        for name in _TABLE_MAPS[table]:
            getattr(self, f"_{name}").update(seeded[name])
        current: dict[str, Any] = {}
        for key, before, after in later:  # changes since the snapshot, on top of its maps
            if key in current:
                before = current[key]
            elif before is _UNKNOWN:
                before = self._snapshot_doc(table, key)  # type: ignore[misc]
            self._change(table, key, before, after)
            current[key] = after

    def export(self) -> dict[str, str]:
        """The maps of every table, to be saved with a snapshot."""
        for table in INDEXED:
            self._ensure(table)
        maps = {name: getattr(self, f"_{name}") for name in _MAPS}
        return {MAPS_EXTRA: json.dumps(maps, ensure_ascii=False, separators=(",", ":"))}

    # -- the indexes (each built on first use) --

    def pending(self) -> dict[str, str]:
        self._ensure("invitations")
        return self._pending

    def invitations(self) -> dict[str, list[str]]:
        """Every invitation per person: rarely needed, so built from the table on first use."""
        self._ensure("invitations")
        if self._all_invitations is None:
            self._all_invitations = {}
            for key, value in self._table("invitations").raw_items():
                self._all_invitations.setdefault(facets("invitations", value)[0], []).append(key)
        return self._all_invitations

    def latest_note(self) -> dict[str, str]:
        self._ensure("notes")
        return self._latest_note

    def open_notes(self) -> tuple[dict[str, str], dict[str, float | None]]:
        self._ensure("notes")
        return self._open_notes, self._open_note_sent

    def open_note_order(self, created_at: Callable[[str], datetime]) -> list[tuple[str, str]]:
        """(person id, note key) of open notes: those to send first (newest first, by
        `created_at(key)`), then the sent ones from the most recently sent. An archived note is
        not open: the user stopped waiting for it."""
        open_notes, sent_times = self.open_notes()
        sent_facts = self.sent_notes()
        to_send, sent = [], []
        for person, key in open_notes.items():
            when = sent_times.get(key)
            if when is None:
                to_send.append((-created_at(key).timestamp(), person, key))
            elif not (facts := sent_facts.get(key)) or not facts[3]:
                sent.append((-when, person, key))
        return [(person, key) for _, person, key in sorted(to_send) + sorted(sent)]

    def sent_notes(self) -> dict[str, SentNote]:
        self._ensure("notes")
        return self._sent_notes

    def latest_sent(self, person: str) -> str | None:
        """The key of the person's most recently sent note (ties: the greater key)."""
        self._ensure("notes")
        if self._sent_by_person is None:  # rarely needed: derived from sent_notes on first use
            self._sent_by_person = {}
            for key, facts in self._sent_notes.items():
                self._sent_by_person.setdefault(facts[0], []).append(key)
        keys = self._sent_by_person.get(person)
        return max(keys, key=lambda k: (self._sent_notes[k][1], k)) if keys else None

    def person_facts(self) -> dict[str, PersonFacts]:
        self._ensure("people")
        return self._person_facts

    def people_named(self, folded: str) -> list[str]:
        """Ids of the people whose folded full name is `folded`."""
        self._ensure("people")
        return list(self._people_named.get(folded, ()))

    def drafts(self) -> dict[str, str]:
        self._ensure("drafts")
        return self._drafts

    def marks(self) -> dict[str, str]:
        self._ensure("conversations")
        return self._marks

    # -- keeping them right --

    def update(self, table: str, key: str, before: Any, after: Any) -> None:
        """One record went from `before` to `after` (None: absent)."""
        if table not in self._later:
            return
        if table not in self._built:
            self._later[table].append((key, before, after))  # applied when the maps are built
            return
        self._change(table, key, before, after)

    def _change(self, table: str, key: str, before: Any, after: Any) -> None:
        if before is not None:
            self._apply(table, key, before, add=False)
        if after is not None:
            self._apply(table, key, after, add=True)

    def _apply(self, table: str, key: str, value: Any, add: bool) -> None:
        if table == "people":  # keyed by the person id itself
            facts = person_facets(value) if add else None
            if facts is not None:
                self._person_facts[key] = facts
            else:
                self._person_facts.pop(key, None)
            name = folded_name(key, value)
            ids = self._people_named.setdefault(name, [])
            if add and key not in ids:
                ids.append(key)
            elif not add and key in ids:
                ids.remove(key)
            if not ids:
                del self._people_named[name]
            return
        person, active, sent = facets(table, value)
        if table == "invitations":
            if self._all_invitations is not None:
                keys = self._all_invitations.setdefault(person, [])
                if add and key not in keys:
                    keys.append(key)
                elif not add and key in keys:
                    keys.remove(key)
            _membership(self._pending, person, key, add and active)
        elif table == "notes":
            _membership(self._latest_note, person, key, add)
            _membership(self._open_notes, person, key, add and active)
            if add and active:
                self._open_note_sent[key] = sent
            else:
                self._open_note_sent.pop(key, None)
            self._apply_sent(key, person, value, add)
        elif table == "drafts":
            _membership(self._drafts, person, key, add)
        else:
            _membership(self._marks, person, key, add and active)

    def _apply_sent(self, key: str, person: str, value: Any, add: bool) -> None:
        sent, kind, archived = note_facets(value) if add else (None, "", False)
        by_person = self._sent_by_person
        if sent is not None:
            self._sent_notes[key] = [person, sent, kind, archived]
            if by_person is not None and key not in by_person.setdefault(person, []):
                by_person[person].append(key)
        elif self._sent_notes.pop(key, None) is not None and by_person is not None:
            keys = by_person.get(person, [])
            if key in keys:
                keys.remove(key)


def _membership(index: dict[str, str], person: str, key: str, present: bool) -> None:
    if present:
        index[person] = key
    elif index.get(person) == key:
        del index[person]
