"""When a database is damaged: set it aside, never treat it as empty, and rebuild the last good state.

Damage is found on open (a snapshot whose index or checksums do not match, a journal line that is
damaged with good lines after it, a file that is not JSON at all). The damaged files are renamed
with a timestamp, never overwritten, and until the user recovers or removes them netinbox refuses to
start a fresh, empty database in their place.

Recovery takes the newest snapshot that reads cleanly (the set-aside one when only its journal was
damaged, else the previous snapshot kept as `.bak`) and replays every good journal line after it:
`.journal.prev`, then the good lines of the set-aside journal, stopping at the first gap.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from netinbox.store.engine import sibling
from netinbox.store.errors import DatabaseDamaged, StoreError
from netinbox.store.journal import read_journal
from netinbox.store.lazy import LazyTable
from netinbox.store.snapshot import is_snapshot, read_snapshot, write_snapshot

_SET_ASIDE = ".damaged-"


class DatabaseSetAside(StoreError):
    """The database was damaged and has been moved aside; the message says how to recover."""

    def __init__(self, message: str, plan: RecoveryPlan | None) -> None:
        super().__init__(message)
        self.plan = plan


def set_aside(path: Path, reason: str) -> DatabaseSetAside:
    stamp = time.strftime("%Y%m%dT%H%M%S")
    moved = []
    for source in (path, sibling(path, ".journal")):
        if source.exists():
            target = source.with_name(f"{source.name}{_SET_ASIDE}{stamp}")
            os.replace(source, target)
            moved.append(target.name)
    plan = plan_recovery(path)
    how = (
        f"`netinbox recover --db {path}` restores {plan.describe()}"
        if plan is not None
        else "no earlier snapshot exists to restore; the damaged copy is kept for inspection"
    )
    return DatabaseSetAside(
        f"{reason} It was set aside as {', '.join(moved)} (nothing was deleted). {how}.", plan
    )


def damaged_copies(path: Path) -> list[Path]:
    """Set-aside snapshots and journals of `path`, oldest first."""
    return sorted(path.parent.glob(f"{path.name}*{_SET_ASIDE}*"))


def _snapshot_copies(path: Path) -> list[Path]:
    return [p for p in damaged_copies(path) if p.name.startswith(f"{path.name}{_SET_ASIDE}")]


def _journal_copies(path: Path) -> list[Path]:
    return [
        p for p in damaged_copies(path) if p.name.startswith(f"{path.name}.journal{_SET_ASIDE}")
    ]


def refuse_if_set_aside(path: Path) -> None:
    """Never start an empty database where a damaged one was set aside."""
    if path.exists():
        return
    copies = _snapshot_copies(path) or _journal_copies(path)
    if copies:
        raise StoreError(
            f"{path} was set aside as damaged ({copies[-1].name}); run `netinbox recover --db "
            f"{path}` to restore the last good snapshot, or move the damaged copy away to start afresh"
        )


@dataclass
class RecoveryPlan:
    path: Path
    base: Path
    journals: list[Path]
    taken_at: float

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.taken_at))
        extra = (
            f" plus the good journal lines after it ({len(self.journals)} file(s))"
            if self.journals
            else ""
        )
        return f"the snapshot from {when} ({self.base.name}){extra}"


def plan_recovery(path: Path) -> RecoveryPlan | None:
    journal_copies = _journal_copies(path)
    candidates = [*reversed(_snapshot_copies(path)), sibling(path, ".bak")]
    for base in candidates:
        if _readable_snapshot(base):
            journals = [sibling(path, ".journal.prev"), *journal_copies, sibling(path, ".journal")]
            existing = [j for j in journals if j.exists()]
            return RecoveryPlan(path, base, existing, base.stat().st_mtime)
    return None


def _readable_snapshot(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with open(path, "rb") as handle:
            if not is_snapshot(handle):
                return False
            tables, _ = read_snapshot(path, handle)
            for table in tables.values():
                len(table)  # loads and checks every section
    except (DatabaseDamaged, OSError, ValueError):
        return False
    return True


def recover(path: Path) -> str:
    """Rebuild `path` from the plan; the caller holds the writer lock. Returns a summary."""
    if path.exists():
        if _readable_snapshot(path) and not damaged_copies(path):
            raise StoreError(f"{path} reads cleanly; there is nothing to recover")
        if not _readable_snapshot(path):
            set_aside(path, f"{path} is damaged.")
    plan = plan_recovery(path)
    if plan is None:
        raise StoreError(f"{path}: no readable snapshot to recover from")
    with open(plan.base, "rb") as handle:
        tables, seq = read_snapshot(plan.base, handle)
        loaded = {name: LazyTable(dict(table._index())) for name, table in tables.items()}
    base_seq = seq
    replayed = 0
    for journal in plan.journals:
        for line_seq, ops in read_journal(journal, salvage=True).entries:
            if line_seq <= seq:
                continue
            if line_seq != seq + 1:
                break  # a gap: what follows cannot be applied safely
            for table, key, doc in ops:
                target = loaded.setdefault(table, LazyTable())
                if doc is None:
                    target._index().pop(key, None)
                else:
                    target[key] = doc
            seq = line_seq
            replayed += 1
    if path.exists():
        set_aside(path, f"{path} was replaced by the recovery.")
    write_snapshot(path, loaded, seq)
    sibling(path, ".journal").unlink(missing_ok=True)
    for copy in damaged_copies(path):
        os.replace(copy, copy.with_name(copy.name.replace(_SET_ASIDE, ".recovered-from-")))
    return (
        f"restored {plan.describe()}: snapshot at change {base_seq}, {replayed} later change(s) "
        f"replayed, now at change {seq}"
    )


def recover_locked(path: Path, purpose: str = "netinbox recover") -> str:
    """`recover`, holding the writer lock while it rebuilds the files."""
    from netinbox.store.lock import WriterLock

    lock = WriterLock(path)
    lock.acquire(purpose)
    try:
        return recover(path)
    finally:
        lock.release()
