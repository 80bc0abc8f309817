"""The netinbox database: TinyDB tables of people, invitations, notes, drafts, marks and events.

Services speak in domain objects and `Event`s; this class turns an event into one atomic, durable
write and keeps small in-memory indexes (pending invitation per person, open note per person, …)
so the inbox never scans a whole table on a keypress. Underneath is TinyDB with `JournalStorage`:
one fsynced journal line per action, folded into a snapshot from time to time.

A writer holds `<db>.lock` for its lifetime; `read_only=True` (list, export) needs no lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from netinbox.model import (
    Change,
    ConversationMark,
    Draft,
    Event,
    Invitation,
    Person,
    ThankYouNote,
)
from netinbox.oserrors import describe, show_path
from netinbox.store import codec
from netinbox.store.engine import JournalStorage
from netinbox.store.errors import DatabaseDamaged, StoreError
from netinbox.store.indexes import Indexes
from netinbox.store.lock import WriterLock
from netinbox.store.migrations import SCHEMA_VERSION, check_schema, check_tables, migrate
from netinbox.store.ownership import database_kind, remove_stale_temporaries, resolve
from netinbox.store.recovery import refuse_if_set_aside, set_aside
from netinbox.store.tables import JournalTinyDB

RECORD_TABLES = ("people", "invitations", "notes", "drafts", "conversations", "messages")
ALL_TABLES = (*RECORD_TABLES, "events", "meta")


class Store:
    def __init__(
        self, path: str | os.PathLike[str], read_only: bool = False, purpose: str = ""
    ) -> None:
        self.read_only = read_only
        self._pending_meta: dict[str, Any] = {}
        self._lock: WriterLock | None = None
        self._storage: JournalStorage | None = None
        # Trouble after the work was saved (a fold that failed): for the caller to report.
        self.warnings: list[str] = []
        # A symlink is followed: the database (and its journal and lock) live beside the file it
        # names, and the link itself is never replaced by a regular file.
        self.path = resolve(Path(path))
        database_kind(self.path, Path(path))  # before a lock file is made beside /dev/null
        refuse_if_set_aside(self.path)
        if not read_only:
            self._lock = WriterLock(self.path)
            self._lock.acquire(purpose)
        try:
            self._open(read_only)
            if self._storage.dropped_whole_line:
                self.warnings.append(
                    f"the last change in {self._storage.journal_path.name} failed its checksum "
                    "and was left out; check that your most recent action is there"
                )
            if not read_only:  # only the lock holder writes them: what is there now is stale
                self.warnings += remove_stale_temporaries(self.path)
        except DatabaseDamaged as exc:
            if getattr(self, "_storage", None) is not None:
                self._storage.close()
            try:
                if read_only:
                    raise DatabaseDamaged(
                        f"{exc} Open it with `netinbox` (or run `netinbox recover --db {self.path}`) "
                        "to set it aside and restore the last good snapshot."
                    ) from exc
                raise set_aside(self.path, str(exc)) from exc
            finally:
                self._release_lock()
        except OSError as exc:
            self.close()
            raise StoreError(
                f"cannot open the database: {describe(exc, exc.filename or self.path)}"
            ) from exc
        except BaseException:
            self.close()
            raise

    def _open(self, read_only: bool) -> None:
        self._storage = JournalStorage(self.path, read_only=read_only)
        self._db = JournalTinyDB(storage=_Given(self._storage))
        self._tables = {name: self._db.table(name) for name in ALL_TABLES}
        self._ix = Indexes(
            self._storage.table,
            self._storage.extra,
            self._storage.replayed,
            self._storage.snapshot_doc,
        )
        self._storage.replayed = []
        self._storage.extras_provider = self._ix.export
        check_tables(self.path, self._storage.read(), ALL_TABLES)
        if not read_only:
            migrate(self)
        check_schema(self, RECORD_TABLES)

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # -- schema ------------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        """True for a new file: no table holds anything."""
        return not any(len(self._storage.table(name)) for name in ALL_TABLES)

    # -- indexes -----------------------------------------------------------------------------------

    def _build_indexes(self) -> None:
        self._ix.reset()

    def _index(self, table: str, key: str, before: Any, after: Any) -> None:
        self._ix.update(table, key, before, after)

    # -- reading -----------------------------------------------------------------------------------

    def _raw(self, table: str) -> Any:
        return self._storage.table(table)

    def _load(self, table: str, key: str | None) -> Any:
        if key is None:
            return None
        doc = self._raw(table).get(key)
        return None if doc is None else self._decode(table, key, doc)

    def _decode(self, table: str, key: str, doc: Any) -> Any:
        """A record as a domain object; one that cannot be read is damage, said as such."""
        try:
            return codec.LOADERS[table](key, doc)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise DatabaseDamaged(
                f"{show_path(self.path)}: the {table} record {key!r} cannot be read ({exc}); the "
                f"file was damaged or edited. `netinbox recover --db {show_path(self.path)}` "
                "restores the last good snapshot"
            ) from exc

    def meta(self, key: str, default: Any = None) -> Any:
        doc = self._raw("meta").get(key)
        return default if doc is None else doc.get("value", default)

    def person(self, person_id: str) -> Person | None:
        return self._load("people", person_id)

    def people(self) -> Iterator[Person]:
        return self.records("people")

    def count(self, table: str) -> int:
        return len(self._raw(table))

    def pending_invitation(self, person_id: str) -> Invitation | None:
        return self._load("invitations", self._ix.pending().get(person_id))

    def pending_invitations(self) -> list[Invitation]:
        return [self._load("invitations", key) for key in self._ix.pending().values()]

    def invitations_of(self, person_id: str) -> list[Invitation]:
        return [self._load("invitations", k) for k in self._ix.invitations().get(person_id, ())]

    def note_for(self, person_id: str) -> ThankYouNote | None:
        return self._load("notes", self._ix.latest_note().get(person_id))

    def open_notes(self) -> list[ThankYouNote]:  # to send, or sent with no reply recorded
        return [self._load("notes", key) for key in self._ix.open_notes()[0].values()]

    def sent_notes(self) -> dict[str, list]:
        """Note key -> [person id, sent time, reply kind or "", archived?] of sent notes."""
        return self._ix.sent_notes()

    def person_facts(self) -> dict[str, list]:
        """Person id -> [flags, view times, connected time] of those with flags or views."""
        return self._ix.person_facts()

    def people_named(self, folded: str) -> list[Person]:
        """Everyone whose name folds (`netinbox.text.fold_name`) to `folded`; no one else is read."""
        return [self._load("people", key) for key in self._ix.people_named(folded)]

    def latest_sent_note(self, person_id: str) -> ThankYouNote | None:
        return self._load("notes", self._ix.latest_sent(person_id))

    def note(self, key: str) -> ThankYouNote | None:
        return self._load("notes", key)

    def open_note_keys(self) -> list[tuple[str, str]]:
        """(person id, note key) of open notes in the Inbox's order (see Indexes.open_note_order),
        without reading the notes that are sent."""
        return self._ix.open_note_order(lambda key: self._load("notes", key).created_at)

    def draft_for(self, person_id: str) -> Draft | None:
        return self._load("drafts", self._ix.drafts().get(person_id))

    def conversation_for(self, person_id: str) -> ConversationMark | None:
        return self._load("conversations", self._ix.marks().get(person_id))

    def conversations(self) -> list[ConversationMark]:
        return [self._load("conversations", key) for key in self._ix.marks().values()]

    def records(self, table: str) -> Iterator[Any]:
        """Every record of a table, as domain objects (bulk work such as imports and exports)."""
        for key, doc in self._raw(table).items():
            yield self._decode(table, key, doc)

    def contains(self, table: str, key: str) -> bool:
        """Whether a record exists, without decoding or keeping it."""
        return self._raw(table).has(key)

    def record_doc(self, table: str, key: str) -> dict | None:
        doc = self._raw(table).get(key)
        return None if doc is None else dict(doc)

    # -- events and undo ---------------------------------------------------------------------------

    def last_undoable(self) -> Event | None:
        """The newest event not yet undone. Event ids count up, and only the newest can be undone,
        so this walks back over a run of undone events instead of reading the whole log."""
        events = self._raw("events")
        key = int(self.meta("next_event", 1)) - 1
        while key > 0:
            doc = events.get(str(key))
            if doc is not None and not doc.get("undone_at"):
                return self._decode("events", str(key), doc)
            key -= 1
        return None

    def events(self) -> Iterator[Event]:
        for key in sorted(self._raw("events"), key=int):
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
        if self.read_only:
            raise StoreError(f"{self.path} is open for reading only")
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
        self._put_many(table, {key: doc})

    def _put_many(self, table: str, docs: dict[str, dict | None]) -> None:
        # One TinyDB call per table and kind of change, however many records: a bulk import of
        # 100,000 messages must not cost 100,000 table updates.
        self._tables[table].put_many(docs)

    def _write_meta(self, extra: dict[str, Any]) -> None:
        self._put_many("meta", {key: {"value": value} for key, value in extra.items()})

    def commit(self, event: Event) -> Event:
        """Apply every change of `event` and log it, in one durable write. Returns the stored event."""
        return self._apply(event.changes, log=event)

    def write_records(self, changes: Iterable[Change], meta: dict[str, Any] | None = None) -> None:
        """Apply changes without logging an undoable event (bulk loads such as imports)."""
        self._apply(tuple(changes), log=None, meta=meta)

    def write_meta(self, values: dict[str, Any]) -> None:
        with self._transaction():
            self._write_meta(values)

    def undo(self, event: Event, at: datetime) -> None:
        """Put every record `event` touched back as it was, and mark the event undone."""
        latest = self.last_undoable()
        if latest is None or latest.id != event.id:
            raise StoreError("only the most recent action can be undone")
        reverse = tuple(
            Change(c.table, c.key, before=c.after, after=c.before) for c in reversed(event.changes)
        )
        with self._transaction():
            self._apply_changes(reverse)
            doc = codec.dump_event(event)
            doc["undone_at"] = codec.dump_dt(at)
            self._put("events", event.id, doc)

    def _apply(
        self, changes: tuple[Change, ...], log: Event | None, meta: dict | None = None
    ) -> Any:
        stored = None
        with self._transaction():
            self._apply_changes(changes)
            if log is not None:
                key = self.new_id("event")
                stored = Event(key, log.at, log.action, log.summary, log.person_ids, changes)
                self._put("events", key, codec.dump_event(stored))
            self._write_meta(
                {"schema_version": SCHEMA_VERSION, **self._pending_meta, **(meta or {})}
            )
            self._pending_meta = {}
        return stored

    def _apply_changes(self, changes: Iterable[Change]) -> None:
        final: dict[str, dict[str, dict | None]] = {}
        for change in changes:
            final.setdefault(change.table, {})[change.key] = change.after
            self._index(change.table, change.key, change.before, change.after)
        for table, docs in final.items():
            self._put_many(table, docs)

    # -- lifecycle ---------------------------------------------------------------------------------

    def compact(self) -> None:
        self._storage.compact()

    def journal_to_fold(self) -> int:
        """Bytes of journal that `close` will fold into the snapshot (0 when closing is instant)."""
        return self._storage.journal_to_fold() if self._storage is not None else 0

    def defer_compaction(self) -> None:
        """Fold the journal into a snapshot only when the store closes (see JournalStorage)."""
        self._storage.defer_compaction = True

    def verify(self) -> None:
        """Raise DatabaseDamaged if any part of the snapshot fails its checksum. Safe to run in a
        worker thread while the UI reads: it only reads the file."""
        self._storage.verify()

    def reset(self) -> None:
        """Empty every table in one durable write (used to re-seed the demo)."""
        if self.read_only:
            raise StoreError(f"{self.path} is open for reading only")
        self._storage.write({})
        self._pending_meta = {}
        self._build_indexes()

    @property
    def storage(self) -> JournalStorage:
        return self._storage

    @property
    def revision(self) -> int:
        """Grows with every change set written (actions, undo, imports): a screen that last drew
        an older revision is out of date."""
        return self._storage.sequence

    def take_warnings(self) -> list[str]:
        """Trouble since the last call that did not undo any saved work (a fold that failed, a
        stale file that could not be removed), each once."""
        if self._storage is not None and self._storage.fold_warning:
            self.warnings.append(self._storage.fold_warning)
            self._storage.fold_warning = None
        taken, self.warnings = self.warnings, []
        return taken

    def damage_found_after_saving(self) -> bool:
        """Whether the last fold stopped at a damaged table (the change itself was saved): the
        moment to offer a restore."""
        return self._storage is not None and self._storage.fold_found_damage

    def close(self) -> None:
        try:
            if getattr(self, "_storage", None) is not None:
                self._storage.close()
                if self._storage.fold_warning:
                    self.warnings.append(self._storage.fold_warning)
                    self._storage.fold_warning = None
        finally:
            self._release_lock()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Given:
    """TinyDB builds its storage from a class; this hands it the one we already opened."""

    def __init__(self, storage: JournalStorage) -> None:
        self._storage = storage

    def __call__(self) -> JournalStorage:
        return self._storage
