"""JournalStorage: TinyDB's storage for a heavy user's database.

Reads come from memory (documents decoded on first use, see lazy.py). Each committed change set
is one checksummed, fsynced journal line, so an action costs the same at 300 people as at 30,000.
From time to time (and on close) the journal is folded into a new snapshot. The previous snapshot
and journal are kept as `.bak` and `.journal.prev`, which is what `netinbox recover` restores from.

Every change set, a bulk import of 100,000 messages included, is a journal line with the next
sequence number, so `.bak` + `.journal.prev` + `.journal` always replay without a gap: whichever
snapshot is damaged, every confirmed change is still on disk somewhere else.

A fold that fails (a full disk, damage found while reading a table to fold it) never fails the
change that triggered it: that change is already durable in the journal. The failure is kept in
`fold_warning` for the caller to report, and the fold is tried again later.

TinyDB's own write path hands the storage the whole database on every change; `JournalTable`
(tables.py) instead reports exactly which documents changed, through `apply()`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from netinbox.oserrors import describe
from netinbox.store.errors import DatabaseDamaged, StoreError
from netinbox.store.fsutil import fsync_dir, link_or_copy
from netinbox.store.journal import JournalWriter, Op, encode_line, read_journal
from netinbox.store.lazy import MISSING, LazyTable
from netinbox.store.ownership import check_sibling, database_kind
from netinbox.store.snapshot import read_extra, read_snapshot, write_snapshot
from netinbox.store.validate import encode_document

COMPACT_AT_BYTES = 8 * 1024 * 1024  # fold the journal into the snapshot past this size
COMPACT_ON_CLOSE_BYTES = 512 * 1024
BULK_OPS = 5_000  # past this many documents a change set keeps them as text, not decoded dicts


def sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


class JournalStorage(Storage):
    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        self.path = Path(path)
        self.journal_path = sibling(self.path, ".journal")
        self.read_only = read_only
        self.legacy_format = False  # the file is plain JSON, as written before the journal existed
        self.dropped_torn_bytes = 0
        self.dropped_whole_line = False
        self._tables: dict[str, LazyTable] = {}
        self._snapshot_handle: Any = None
        self._seq = 0
        self._writer: JournalWriter | None = None
        self._depth = 0
        self._pending: list[Op] = []
        self._rollback: list[tuple[str, str, Any]] = []
        # Derived data written with each snapshot (the store's index facts), and the changes
        # replayed on top of that snapshot, for whoever keeps such data.
        self.extras_provider: Any = None
        # Set after a long run of background writes: the journal is folded at close instead of
        # in the middle of the user's next keypress.
        self.defer_compaction = False
        self.replayed: list[Op] = []
        # Why the last fold into a snapshot failed (None: it did not); the changes are safe in
        # the journal meanwhile.
        self.fold_warning: str | None = None
        self.fold_found_damage = False  # the fold failed because a table is damaged
        self._load()

    @property
    def sequence(self) -> int:
        """The number of the last change set written."""
        return self._seq

    # -- opening -----------------------------------------------------------------------------------

    def _load(self) -> None:
        # The journal is read before the snapshot: if a compaction runs in between (another
        # process), the older journal only holds lines the newer snapshot already has.
        # Both are judged before either is opened: a FIFO would block the read, a foreign file
        # must not be taken for a damaged database.
        kind = database_kind(self.path)
        check_sibling(self.journal_path, "journal")
        replay = read_journal(self.journal_path)
        snapshot_seq = 0
        if kind in ("snapshot", "legacy"):
            handle = open(self.path, "rb")  # noqa: SIM115 - kept open for lazy table loads
            try:
                if kind == "snapshot":
                    self._tables, snapshot_seq = read_snapshot(self.path, handle)
                    self._snapshot_handle = handle
                else:
                    self._tables = read_legacy_json(self.path, handle)
                    self.legacy_format = True
                    handle.close()
            except BaseException:
                handle.close()
                raise
        if kind == "missing" and replay.entries and replay.entries[0][0] > 1:
            # Lines that continue a snapshot which is not there: replaying them onto nothing
            # would look like a database that lost most of its records.
            raise DatabaseDamaged(
                f"{self.path} is missing, but its journal continues from change "
                f"{replay.entries[0][0]}."
            )
        self._seq = snapshot_seq
        for seq, ops in replay.entries:
            if seq <= snapshot_seq:
                continue
            for table, key, doc in ops:
                self.table(table).set_lazily(key, doc)
                self.replayed.append((table, key, doc))
            self._seq = seq
        self._journal_good_length = replay.good_length
        self.dropped_torn_bytes = replay.torn_bytes
        # A cut-short write has no line end; a whole last line that fails its checksum was
        # complete once, perhaps confirmed: dropped all the same (it cannot be trusted), but said.
        self.dropped_whole_line = replay.torn_bytes > 0 and replay.torn_ends_line

    # -- TinyDB's Storage interface ----------------------------------------------------------------

    def read(self) -> dict[str, LazyTable]:
        return self._tables

    def write(self, data: dict[str, Any]) -> None:
        """A whole-database write (TinyDB's drop_table and friends): journaled as the difference,
        one change set like any other, so recovery can replay it."""
        self._require_writable()
        changes: dict[str, list[tuple[str, dict | None, str | None]]] = {}
        for name, table in data.items():
            if not isinstance(table, Mapping):
                raise StoreError(f"table {name!r} must be a mapping")
            if table is self._tables.get(name):
                continue
            ops = changes.setdefault(name, [])
            for key in list(table):
                ops.append((key, table[key], encode_document(table[key], f"{name}[{key}]")))
            ops.extend((key, None, None) for key in self.table(name) if key not in table)
        for name in self._tables:
            if name not in data:
                changes[name] = [(key, None, None) for key in self.table(name)]
        self.begin()
        try:
            for name, ops in changes.items():
                self.apply(name, ops)
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def _folds_on_close(self) -> bool:
        # A new database gets its first snapshot; after that, only a long journal is folded.
        return self._writer is not None and (
            self._writer.size >= COMPACT_ON_CLOSE_BYTES or not self.path.exists()
        )

    def journal_to_fold(self) -> int:
        """Bytes of journal that closing will fold into a new snapshot (0: closing is instant)."""
        return self._writer.size if self._writer is not None and self._folds_on_close() else 0

    def close(self) -> None:
        try:
            if self._writer is not None and self._folds_on_close():
                self._fold_or_warn()
        finally:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
            if self._snapshot_handle is not None:
                self._snapshot_handle.close()
                self._snapshot_handle = None

    # -- changes -----------------------------------------------------------------------------------

    def table(self, name: str) -> LazyTable:
        return self._tables.setdefault(name, LazyTable())

    def apply(self, table: str, ops: list[tuple[str, dict | None, str | None]]) -> None:
        """Apply one table's checked changes (key, document, its JSON text) to memory and journal
        them (batched inside a transaction). A big batch keeps documents as text: an import of
        100,000 messages must not hold 100,000 decoded dicts."""
        if not ops:
            return
        self._require_writable()
        docs = self.table(table)
        keep_text = len(ops) > BULK_OPS
        for key, doc, text in ops:
            previous = docs.peek(key)
            self._rollback.append((table, key, None if previous is MISSING else previous))
            docs.set_lazily(key, text if keep_text else doc)
            self._pending.append((table, key, text))
        if self._depth == 0:
            self._flush()

    def begin(self) -> None:
        self._depth += 1

    def commit(self) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._flush()

    def rollback(self) -> None:
        """Undo every change since `begin`, in memory (nothing of it reached the disk)."""
        for table, key, previous in reversed(self._rollback):
            self.table(table).set_lazily(key, previous)
        self._rollback.clear()
        self._pending.clear()
        self._depth = 0

    def _flush(self) -> None:
        if not self._pending:
            self._rollback.clear()
            return
        try:
            self._journal().append(encode_line(self._seq + 1, self._pending))
        except OSError as exc:
            self.rollback()
            raise StoreError(describe(exc, self.journal_path, nothing_changed=True)) from exc
        except BaseException:
            self.rollback()
            raise
        self._seq += 1
        self._pending = []
        self._rollback.clear()
        if (
            self._writer is not None
            and self._writer.size >= COMPACT_AT_BYTES
            and not self.defer_compaction
        ):
            self._fold_or_warn()

    def _fold_or_warn(self) -> None:
        """Fold now; a failure is remembered, not raised: every change is already journaled."""
        try:
            self.compact()
        except (StoreError, OSError) as exc:
            reason = describe(exc, self.path) if isinstance(exc, OSError) else str(exc)
            self.fold_warning = (
                f"your changes are saved in {self.journal_path.name}, but folding them into "
                f"{self.path.name} failed ({reason.rstrip('.')}); it is tried again next time"
            )
            self.fold_found_damage = isinstance(exc, DatabaseDamaged)
        else:
            self.fold_warning = None
            self.fold_found_damage = False

    def _journal(self) -> JournalWriter:
        if self._writer is None:
            self._require_writable()
            self._writer = JournalWriter(self.journal_path, self._journal_good_length)
        return self._writer

    def _require_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path} is open for reading only")

    def verify(self) -> None:
        """Check every table not yet read against its checksum (reading checks the others)."""
        for table in list(self._tables.values()):
            table.verify()

    # -- compaction --------------------------------------------------------------------------------

    def compact(self) -> None:
        """Fold the journal into a new snapshot; keep the previous pair for recovery."""
        self._require_writable()
        for table in self._tables.values():
            table._index()  # the old snapshot's sections are read (and checked) before it goes
        backup, previous_journal = sibling(self.path, ".bak"), sibling(self.path, ".journal.prev")
        pending_backup = sibling(backup, ".tmp")
        for path, kind in ((backup, "snapshot"), (pending_backup, "snapshot")):
            check_sibling(path, kind)
        check_sibling(previous_journal, "journal")
        extras = self.extras_provider() if self.extras_provider is not None else None
        # Windows cannot replace a file that is still open: nothing of the old snapshot is read
        # from here on.
        if self._snapshot_handle is not None:
            self._snapshot_handle.close()
            self._snapshot_handle = None
        # The old snapshot gets its second name before the new one replaces it, and becomes
        # `.bak` only after: a kill at any point leaves `.bak` a different file from the
        # snapshot (damage to one is never damage to both) and the chain .bak, .journal.prev,
        # .journal without a gap. A `.bak.tmp` left by a kill is removed at the next open.
        keeping = self.path.exists() and not self.legacy_format
        if keeping:
            pending_backup.unlink(missing_ok=True)
            link_or_copy(self.path, pending_backup)
        try:
            write_snapshot(self.path, self._tables, self._seq, extras)
        except BaseException:
            if keeping:
                pending_backup.unlink(missing_ok=True)
            raise
        if keeping:
            os.replace(pending_backup, backup)
        self.legacy_format = False
        # Only now may the journal go: the new snapshot already holds every line of it.
        if self._writer is not None:
            self._journal_good_length = self._writer.size
            self._writer.close()
            self._writer = None
        if self.journal_path.exists():
            os.replace(self.journal_path, previous_journal)
        self._journal_good_length = 0
        fsync_dir(self.path.parent)

    def snapshot_doc(self, table: str, key: str) -> Any:
        """A document as the opened snapshot has it (before any journal line), or None."""
        docs = self._tables.get(table)
        return docs.snapshot_value(key) if docs is not None else None

    def extra(self, name: str) -> str | None:
        """A derived text stored with the snapshot this storage was opened from."""
        if self._snapshot_handle is None:
            return None
        return read_extra(self.path, self._snapshot_handle, name)


def read_legacy_json(path: Path, handle: Any) -> dict[str, LazyTable]:
    """The plain TinyDB JSON layout (schema 1); migrated to a snapshot on the first write. Only
    called for a file that ownership.py recognised as one, so what fails here is damage."""
    handle.seek(0)
    raw = handle.read()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DatabaseDamaged(f"{path} is damaged (not UTF-8 text at byte {exc.start}).") from exc
    except json.JSONDecodeError as exc:
        raise DatabaseDamaged(
            f"{path} is damaged (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from exc
    if not isinstance(data, dict):
        raise DatabaseDamaged(f"{path} is damaged (expected a JSON object of tables).")
    tables = {}
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise DatabaseDamaged(f"{path} is damaged: table {name!r} is not a set of records.")
        tables[name] = LazyTable(table)
    return tables
