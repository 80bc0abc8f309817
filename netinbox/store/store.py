"""The netinbox database: TinyDB tables of people, invitations, notes, drafts, marks and events.

Services speak in domain objects and `Event`s; this class turns an event into one atomic, durable
write and keeps small in-memory indexes (pending invitation per person, open note per person, …)
so the inbox never scans a whole table on a keypress. The engine underneath is TinyDB with
`AtomicJSONStorage`; another storage can slot in behind the same `Storage` interface.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from netinbox.model import (
    Change,
    ConversationMark,
    Draft,
    Event,
    Invitation,
    InvitationStatus,
    Person,
    ThankYouNote,
)
from netinbox.store import codec
from netinbox.store.errors import StoreError
from netinbox.store.storage import AtomicJSONStorage

SCHEMA_VERSION = 1
RECORD_TABLES = ("people", "invitations", "notes", "drafts", "conversations", "messages")


class _KeyedTable(Table):
    """Documents keyed by our own string ids (person slug, invitation id…), not TinyDB counters."""

    document_id_class = str


class _KeyedTinyDB(TinyDB):
    table_class = _KeyedTable


class Store:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._storage: AtomicJSONStorage | None = None
        self._pending_meta: dict[str, Any] = {}
        try:
            self._db = _KeyedTinyDB(self.path, storage=self._make_storage)
        except StoreError:
            raise
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc.strerror}).") from exc
        self._tables = {name: self._db.table(name) for name in (*RECORD_TABLES, "events", "meta")}
        self._check_shape()
        self._check_schema()
        self._build_indexes()

    def _make_storage(self, path: str) -> AtomicJSONStorage:
        self._storage = AtomicJSONStorage(path)
        return self._storage

    # -- schema ------------------------------------------------------------------------------------

    def _check_shape(self) -> None:
        """Refuse, by name, a JSON file that is not shaped like a netinbox database."""
        data = self._storage.read() if self._storage else None
        for name, table in (data or {}).items():
            if name not in self._tables:
                raise StoreError(
                    f"{self.path} is not a netinbox database (unknown table {name!r}). "
                    "It was left untouched; use --db to choose another file."
                )
            if not isinstance(table, dict) or not all(
                isinstance(doc, dict) for doc in table.values()
            ):
                raise StoreError(
                    f"{self.path} is damaged: table {name!r} is not a set of records. "
                    "It was left untouched; move it aside or use --db to open another file."
                )

    def is_empty(self) -> bool:
        """True for a new file: no table holds anything."""
        return not any(self._raw(name) for name in self._tables)

    def _check_schema(self) -> None:
        version = self.meta("schema_version")
        if version is None:
            if any(len(self._tables[name]) for name in RECORD_TABLES):
                raise StoreError(
                    f"{self.path} has netinbox-like tables but no schema version; it was left "
                    "untouched. Use --db to choose another file."
                )
            return  # a new, empty database: the version is written with the first commit
        if not isinstance(version, int) or version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer netinbox (schema {version}; this one reads "
                f"{SCHEMA_VERSION}). Upgrade netinbox; the file was left untouched."
            )

    # -- indexes -----------------------------------------------------------------------------------

    def _build_indexes(self) -> None:
        self._pending_by_person: dict[str, str] = {}
        self._note_by_person: dict[str, str] = {}
        self._open_notes: dict[str, str] = {}
        self._draft_by_person: dict[str, str] = {}
        self._mark_by_person: dict[str, str] = {}
        self._invitations_by_person: dict[str, list[str]] = {}
        for name in ("invitations", "notes", "drafts", "conversations"):
            for key, doc in self._raw(name).items():
                self._index(name, key, None, doc)
        events = self._raw("events")
        self._event_order = sorted(events, key=int)
        self._undo_stack = [key for key in self._event_order if not events[key].get("undone_at")]

    def _index(self, table: str, key: str, before: dict | None, after: dict | None) -> None:
        doc = after if after is not None else before
        if doc is None or table not in ("invitations", "notes", "drafts", "conversations"):
            return
        person = doc["person_id"]
        if table == "invitations":
            keys = self._invitations_by_person.setdefault(person, [])
            if after is None:
                if key in keys:
                    keys.remove(key)
            elif key not in keys:
                keys.append(key)
            pending = after is not None and after.get("status") == InvitationStatus.PENDING
            self._set_membership(self._pending_by_person, person, key, pending)
        elif table == "notes":
            self._set_membership(self._note_by_person, person, key, after is not None)
            self._set_membership(
                self._open_notes, person, key, after is not None and not after.get("reply")
            )
        elif table == "drafts":
            self._set_membership(self._draft_by_person, person, key, after is not None)
        elif table == "conversations":
            active = after is not None and not after.get("done_at")
            self._set_membership(self._mark_by_person, person, key, active)

    @staticmethod
    def _set_membership(index: dict[str, str], person: str, key: str, present: bool) -> None:
        if present:
            index[person] = key
        elif index.get(person) == key:
            del index[person]

    # -- reading -----------------------------------------------------------------------------------

    def _raw(self, table: str) -> dict[str, dict]:
        data = self._storage.read() if self._storage else None
        return (data or {}).get(table, {})

    def _load(self, table: str, key: str | None) -> Any:
        if key is None:
            return None
        doc = self._raw(table).get(key)
        return None if doc is None else codec.LOADERS[table](key, doc)

    def meta(self, key: str, default: Any = None) -> Any:
        doc = self._raw("meta").get(key)
        return default if doc is None else doc.get("value", default)

    def person(self, person_id: str) -> Person | None:
        return self._load("people", person_id)

    def people(self) -> Iterator[Person]:
        for key, doc in self._raw("people").items():
            yield codec.load_person(key, doc)

    def count(self, table: str) -> int:
        return len(self._raw(table))

    def pending_invitation(self, person_id: str) -> Invitation | None:
        return self._load("invitations", self._pending_by_person.get(person_id))

    def pending_invitations(self) -> list[Invitation]:
        return [self._load("invitations", key) for key in self._pending_by_person.values()]

    def invitations_of(self, person_id: str) -> list[Invitation]:
        return [
            self._load("invitations", k) for k in self._invitations_by_person.get(person_id, ())
        ]

    def note_for(self, person_id: str) -> ThankYouNote | None:
        return self._load("notes", self._note_by_person.get(person_id))

    def open_notes(self) -> list[ThankYouNote]:
        return [self._load("notes", key) for key in self._open_notes.values()]

    def draft_for(self, person_id: str) -> Draft | None:
        return self._load("drafts", self._draft_by_person.get(person_id))

    def conversation_for(self, person_id: str) -> ConversationMark | None:
        return self._load("conversations", self._mark_by_person.get(person_id))

    def conversations(self) -> list[ConversationMark]:
        return [self._load("conversations", key) for key in self._mark_by_person.values()]

    def records(self, table: str) -> Iterator[Any]:
        """Every record of a table, as domain objects (bulk work such as imports and exports)."""
        loader = codec.LOADERS[table]
        for key, doc in self._raw(table).items():
            yield loader(key, doc)

    def record_doc(self, table: str, key: str) -> dict | None:
        doc = self._raw(table).get(key)
        return None if doc is None else dict(doc)

    # -- events and undo ---------------------------------------------------------------------------

    def last_undoable(self) -> Event | None:
        return self._load("events", self._undo_stack[-1]) if self._undo_stack else None

    def events(self) -> Iterator[Event]:
        for key in self._event_order:
            yield self._load("events", key)

    def new_id(self, counter: str) -> str:
        """A fresh, never reused id from a counter kept in meta (written by the next commit)."""
        key = f"next_{counter}"
        value = int(self._pending_meta.get(key) or self.meta(key, 1))
        self._pending_meta[key] = value + 1
        return str(value)

    # -- writing -----------------------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        assert self._storage is not None
        self._storage.begin()
        try:
            yield
            self._storage.commit()
        except BaseException:
            # Memory goes back to exactly what is on disk, indexes included.
            self._storage.rollback()
            self._pending_meta = {}
            self._build_indexes()
            raise

    def _put(self, table: str, key: str, doc: dict | None) -> None:
        target = self._tables[table]
        if doc is None:
            if target.contains(doc_id=key):
                target.remove(doc_ids=[key])
        elif target.contains(doc_id=key):
            target.update(_replace_with(doc), doc_ids=[key])
        else:
            target.insert(Document(doc, doc_id=key))

    def _write_meta(self, extra: dict[str, Any]) -> None:
        for key, value in extra.items():
            self._put("meta", key, {"value": value})

    def commit(self, event: Event) -> Event:
        """Apply every change of `event` and log it, in one durable write. Returns the stored event."""
        stored = self._apply(event.changes, log=event)
        self._undo_stack.append(stored.id)
        return stored

    def write_records(self, changes: Iterable[Change], meta: dict[str, Any] | None = None) -> None:
        """Apply changes without logging an undoable event (bulk loads such as the demo seed)."""
        self._apply(tuple(changes), log=None, meta=meta)

    def undo(self, event: Event, at: datetime) -> None:
        """Put every record `event` touched back as it was, and mark the event undone."""
        if not self._undo_stack or self._undo_stack[-1] != event.id:
            raise StoreError("only the most recent action can be undone")
        reverse = tuple(
            Change(c.table, c.key, before=c.after, after=c.before) for c in reversed(event.changes)
        )
        with self._transaction():
            self._apply_changes(reverse)
            doc = codec.dump_event(event)
            doc["undone_at"] = codec.dump_dt(at)
            self._put("events", event.id, doc)
        self._undo_stack.pop()

    def _apply(
        self, changes: tuple[Change, ...], log: Event | None, meta: dict | None = None
    ) -> Event | None:
        stored = None
        with self._transaction():
            self._apply_changes(changes)
            if log is not None:
                key = self.new_id("event")
                stored = Event(key, log.at, log.action, log.summary, log.person_ids, changes)
                self._put("events", key, codec.dump_event(stored))
                self._event_order.append(key)
            self._write_meta(
                {"schema_version": SCHEMA_VERSION, **self._pending_meta, **(meta or {})}
            )
            self._pending_meta = {}
        return stored

    def _apply_changes(self, changes: Iterable[Change]) -> None:
        # One TinyDB call per table and kind of change, however many records: a bulk import of
        # 100,000 messages must not cost 100,000 table rewrites.
        final: dict[str, dict[str, dict | None]] = {}
        for change in changes:
            final.setdefault(change.table, {})[change.key] = change.after
            self._index(change.table, change.key, change.before, change.after)
        for table, docs in final.items():
            target = self._tables[table]
            existing = [key for key in docs if target.contains(doc_id=key)]
            if existing:
                target.remove(doc_ids=existing)
            new_docs = [Document(doc, doc_id=key) for key, doc in docs.items() if doc is not None]
            if new_docs:
                target.insert_multiple(new_docs)

    def close(self) -> None:
        self._db.close()


def _replace_with(doc: dict) -> Callable[[dict], None]:
    def transform(existing: dict) -> None:
        existing.clear()
        existing.update(doc)

    return transform
