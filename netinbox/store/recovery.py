"""When a database is damaged: set it aside, never treat it as empty, and rebuild the last good state.

Damage is found on open or on read (a snapshot whose index or checksums do not match, a journal
line that is damaged with good lines after it, an old-style database that is not valid JSON). The
damaged files are renamed with a timestamp, never overwritten, and until the user recovers or
removes them netinbox refuses to start a fresh, empty database in their place. Only files netinbox
recognises as its own are ever renamed (ownership.py); a file it cannot read because of its
permissions is not damaged, and is left where it is.

Recovery starts from the newest snapshot that reads cleanly (the set-aside one when only its
journal was damaged, else the previous snapshot kept as `.bak`, else an empty database when the
journals go back to the very first change) and replays every intact journal line after it, from
`.journal.prev`, the set-aside journals and the live journal, in sequence order. A damaged line is
skipped, not a reason to stop: each line holds whole documents, so later lines apply cleanly. The
summary says how many changes were restored and which could not be.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from netinbox.oserrors import describe, show_path
from netinbox.store.engine import read_legacy_json, sibling
from netinbox.store.errors import DatabaseDamaged, StoreError
from netinbox.store.journal import Op, read_journal
from netinbox.store.lazy import LazyTable
from netinbox.store.ownership import (
    NotOurs,
    check_sibling,
    database_kind,
    looks_like_journal,
    looks_like_snapshot,
    resolve,
)
from netinbox.store.snapshot import is_snapshot, read_snapshot, write_snapshot

_SET_ASIDE = ".damaged-"
_RECOVERED = ".recovered-from-"


class DatabaseSetAside(StoreError):
    """The database was damaged and has been moved aside; the message says how to recover."""

    def __init__(self, message: str, plan: RecoveryPlan | None) -> None:
        super().__init__(message)
        self.plan = plan


def _free_name(source: Path, stamp: str) -> Path:
    target = source.with_name(f"{source.name}{_SET_ASIDE}{stamp}")
    counter = 1
    while target.exists() or target.is_symlink():  # two set-asides in one second: keep both
        counter += 1
        target = source.with_name(f"{source.name}{_SET_ASIDE}{stamp}-{counter}")
    return target


def set_aside(path: Path, reason: str) -> DatabaseSetAside:
    """Rename the database and its journal out of the way. Both must be netinbox's own: anything
    else raises NotOurs and stays where it is."""
    journal = sibling(path, ".journal")
    sources = []
    if database_kind(path) != "missing":
        sources.append(path)
    check_sibling(journal, "journal")
    if journal.exists():
        sources.append(journal)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    moved = []
    for source in sources:
        target = _free_name(source, stamp)
        os.replace(source, target)
        moved.append(target.name)
    plan = plan_recovery(path)
    how = (
        f"`netinbox recover --db {show_path(path)}` restores {plan.describe()}"
        if plan is not None
        else "no earlier snapshot exists to restore; the damaged copy is kept for inspection"
    )
    return DatabaseSetAside(
        f"{reason.rstrip('. ')}. It was set aside as {', '.join(moved)} (nothing was deleted). "
        f"{how}.",
        plan,
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
            f"{show_path(path)} was set aside as damaged ({copies[-1].name}); run `netinbox "
            f"recover --db {show_path(path)}` to restore the last good snapshot, or move the "
            "damaged copy away to start afresh"
        )


@dataclass
class RecoveryPlan:
    path: Path
    base: Path | None  # None: an empty database, the journals going back to the first change
    base_seq: int
    journals: list[Path]
    taken_at: float = field(default=0.0)

    def describe(self) -> str:
        extra = (
            f" plus the intact journal lines after it ({len(self.journals)} file(s))"
            if self.journals
            else ""
        )
        if self.base is None:
            return f"every change from the journals ({len(self.journals)} file(s))"
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.taken_at))
        return f"the snapshot from {when} ({self.base.name}){extra}"


def _snapshot_seq(path: Path) -> int | None:
    """The change a snapshot holds up to, if every section of it reads cleanly; else None."""
    try:
        if not path.is_file():
            return None
        with open(path, "rb") as handle:
            if not is_snapshot(handle):
                return None
            tables, seq = read_snapshot(path, handle)
            for table in tables.values():
                table.verify()  # every section against its checksum, without decoding it
    except (DatabaseDamaged, OSError, ValueError):
        return None
    return seq


def _journal_files(path: Path) -> list[Path]:
    candidates = [sibling(path, ".journal.prev"), *_journal_copies(path), sibling(path, ".journal")]
    return [j for j in candidates if j.is_file()]


def _first_seq(journal: Path) -> int | None:
    try:
        entries = read_journal(journal, salvage=True).entries
    except OSError:
        return None
    return min((seq for seq, _ in entries), default=None)


def plan_recovery(path: Path) -> RecoveryPlan | None:
    """The newest snapshot that reads cleanly, and the journals to replay on top of it."""
    journals = _journal_files(path)
    best: tuple[int, Path] | None = None
    for candidate in [*reversed(_snapshot_copies(path)), sibling(path, ".bak")]:
        seq = _snapshot_seq(candidate)
        if seq is not None and (best is None or seq > best[0]):
            best = (seq, candidate)
    if best is not None:
        seq, base = best
        return RecoveryPlan(path, base, seq, journals, base.stat().st_mtime)
    # No snapshot to start from: the journals alone suffice if they reach back to change 1.
    firsts = [s for s in map(_first_seq, journals) if s is not None]
    if firsts and min(firsts) == 1:
        return RecoveryPlan(path, None, 0, journals)
    return None


def _health(path: Path, kind: str) -> str | None:
    """Why `path` (and its journal) cannot be trusted, or None when both read cleanly. Trouble
    reading them at all (permissions, a missing disk) is raised: that is not damage, and nothing
    may be moved because of it."""
    journal = sibling(path, ".journal")
    try:
        with open(path, "rb") as handle:
            if kind == "legacy":
                read_legacy_json(path, handle)
            elif kind == "snapshot" and not is_snapshot(handle):
                return f"{show_path(path)} has no intact snapshot index"
        if kind == "snapshot" and _snapshot_seq(path) is None:
            return f"{show_path(path)} is damaged"
        if journal.exists():
            read_journal(journal)
    except DatabaseDamaged as exc:
        return str(exc)
    except OSError as exc:
        raise _unreadable(describe(exc, exc.filename or path)) from exc
    return None


@dataclass
class _Replayed:
    seq: int = 0
    restored: int = 0
    missing: list[int] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)


def _replay(plan: RecoveryPlan, tables: dict[str, LazyTable]) -> _Replayed:
    lines: dict[int, list[Op]] = {}
    result = _Replayed(seq=plan.base_seq)
    for journal in plan.journals:
        replay = read_journal(journal, salvage=True)
        result.damaged += [f"{journal.name} line {n}" for n in replay.damaged_lines]
        for seq, ops in replay.entries:
            lines.setdefault(seq, ops)
    newer = sorted(seq for seq in lines if seq > plan.base_seq)
    if not newer:
        return result
    result.missing = sorted(set(range(plan.base_seq + 1, newer[-1] + 1)) - set(newer))
    for seq in newer:
        for table, key, doc in lines[seq]:
            target = tables.setdefault(table, LazyTable())
            if doc is None:
                target._index().pop(key, None)
            else:
                target[key] = doc
        result.restored += 1
        result.seq = seq
    return result


def _summary(plan: RecoveryPlan, result: _Replayed) -> str:
    start = (
        f"the snapshot {plan.base.name} (change {plan.base_seq})"
        if plan.base is not None
        else "an empty database"
    )
    later = " later" if plan.base is not None else ""
    text = (
        f"started from {start}, restored {result.restored}{later} change(s) from the journals, "
        f"now at change {result.seq}"
    )
    lost = len(result.missing)
    if lost:
        shown = ", ".join(map(str, result.missing[:10])) + ("…" if lost > 10 else "")
        text += f"; {lost} change(s) could not be restored (change {shown}: not on disk intact)"
    else:
        text += "; every change on disk was restored"
    if result.damaged:
        text += f"; damaged journal lines skipped: {', '.join(result.damaged[:5])}"
    return text


def _look_at(path: Path, given: Path | None = None) -> str:
    """The database's kind; a file not ours, or one that cannot be read at all, is refused with
    nothing moved."""
    try:
        kind = database_kind(path, given)
        check_sibling(sibling(path, ".journal"), "journal")
    except NotOurs:
        raise
    except StoreError as exc:  # cannot even look at it: not damage, so nothing may move
        raise _unreadable(str(exc)) from exc
    return kind


def _unreadable(problem: str) -> StoreError:
    return StoreError(
        f"{problem}; nothing was moved or changed (this is not damage: netinbox cannot read it)"
    )


def recover(path: Path) -> str:
    """Rebuild `path` from the plan; the caller holds the writer lock. Returns a summary."""
    path = resolve(path)
    kind = _look_at(path)
    if kind != "missing" or sibling(path, ".journal").exists():
        problem = _health(path, kind) if kind != "missing" else None
        if problem is None and kind != "missing" and not damaged_copies(path):
            raise StoreError(f"{show_path(path)} reads cleanly; there is nothing to recover")
        set_aside(path, problem or f"{show_path(path)} was replaced by the recovery.")
    plan = plan_recovery(path)
    if plan is None:
        raise StoreError(
            f"{show_path(path)}: no readable snapshot to recover from, and the journals do not "
            "go back to the first change; the damaged copies are kept for inspection"
        )
    tables: dict[str, LazyTable] = {}
    if plan.base is not None:
        with open(plan.base, "rb") as handle:
            found, _ = read_snapshot(plan.base, handle)
            tables = {name: LazyTable(dict(table._index())) for name, table in found.items()}
    result = _replay(plan, tables)
    write_snapshot(path, tables, result.seq)
    for copy in damaged_copies(path):
        if not copy.is_file() or copy.is_symlink():
            continue
        with open(copy, "rb") as handle:
            head = handle.read(4096)
        if looks_like_snapshot(head) or looks_like_journal(head) or head == b"":
            os.replace(copy, copy.with_name(copy.name.replace(_SET_ASIDE, _RECOVERED)))
    return _summary(plan, result)


def recover_locked(path: Path, purpose: str = "netinbox recover") -> str:
    """`recover`, holding the writer lock while it rebuilds the files."""
    from netinbox.store.lock import WriterLock

    given, path = path, resolve(path)
    _look_at(path, given)  # refuse before a lock file is created beside something not ours
    lock = WriterLock(path)
    lock.acquire(purpose)
    try:
        return recover(path)
    finally:
        lock.release()
