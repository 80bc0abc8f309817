"""Which files are netinbox's own: the only ones it may rename, replace, truncate or delete.

`--db` can point anywhere: at a notes file, a folder, `/dev/null`, a symlink to `/etc/passwd`. Each
file netinbox writes carries a marker it can recognise later:

- a snapshot starts with `SNAPSHOT_HEADER` (format 3), or, written by an older netinbox, with a
  `table<TAB>"key"` line of one of our tables or with the snapshot index itself;
- a journal line starts with eight hex digits, a space and `{"s":`;
- the lock file is empty or holds `{"pid": …}`;
- a database from before the journal is a JSON object with our table names.

Anything else is refused with "not a netinbox database, left untouched", before a lock file is
created beside it. A symlink is followed to the file it names, which is then judged the same way, so
the link itself is never replaced by a regular file.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from netinbox.oserrors import describe, file_kind, show_path
from netinbox.store.errors import StoreError

SNAPSHOT_HEADER = b"#netinbox snapshot\n"
_TABLES = (b"people", b"invitations", b"notes", b"drafts", b"conversations", b"messages")
_ALL_TABLES = (*_TABLES, b"events", b"meta")
_OLD_SNAPSHOT = re.compile(rb"^(?:" + b"|".join(_ALL_TABLES) + rb')\t"')
_SNAPSHOT_INDEX = b'{"netinbox_snapshot":'
_JOURNAL_LINE = re.compile(rb'^[0-9a-f]{8} \{"s":')
_JOURNAL_START = b'00000000 {"s":'  # the shape of a line's first bytes, for a torn first line
_LEGACY_KEY = re.compile(rb'^\s*\{\s*"(?:' + b"|".join(_ALL_TABLES) + rb'|_default)"\s*:')
_LOCK = re.compile(rb'^\s*\{\s*"pid"\s*:')
_SNIFF = 4096


class NotOurs(StoreError):
    """The path holds something netinbox did not write; nothing was done to it."""


def resolve(path: Path) -> Path:
    """The file a database path names, following symlinks (a dangling one is refused)."""
    try:
        if not path.is_symlink():
            return path
        target = Path(os.path.realpath(path))
    except OSError as exc:
        raise StoreError(describe(exc, path)) from exc
    try:
        target.lstat()
    except FileNotFoundError:
        raise NotOurs(
            f"{show_path(path)} is a symbolic link to {show_path(target)}, which does not exist; "
            "left untouched. Use --db to choose the file itself."
        ) from None
    except OSError as exc:
        raise StoreError(describe(exc, target)) from exc
    return target


def _sniff(path: Path) -> bytes | None:
    """The first bytes of a regular file (None when it does not exist); refuses anything else."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(describe(exc, path)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise NotOurs(f"{show_path(path)} is {file_kind(info.st_mode)}")
    try:
        with open(path, "rb") as handle:
            return handle.read(_SNIFF)
    except OSError as exc:
        raise StoreError(describe(exc, path)) from exc


def looks_like_snapshot(head: bytes) -> bool:
    return (
        head.startswith(SNAPSHOT_HEADER)
        or head.startswith(_SNAPSHOT_INDEX)
        or _OLD_SNAPSHOT.match(head) is not None
    )


def looks_like_journal(head: bytes) -> bool:
    if _JOURNAL_LINE.match(head):
        return True
    # A first line cut short by a crash: as far as it goes, it has the shape of a journal line.
    if b"\n" in head or len(head) >= len(_JOURNAL_START):
        return False
    return re.fullmatch(rb"[0-9a-f]{0,8}", head[:8]) is not None and (
        len(head) <= 9 or _JOURNAL_START[9 : len(head)] == head[9:]
    )


def _database_kind(path: Path, head: bytes) -> str | None:
    if head == b"":
        return "empty"
    if looks_like_snapshot(head) or _ends_like_a_snapshot(path):
        return "snapshot"
    if _LEGACY_KEY.match(head.removeprefix(b"\xef\xbb\xbf")):
        return "legacy"
    return None


def _ends_like_a_snapshot(path: Path) -> bool:
    """A snapshot whose first bytes were damaged still ends with its index."""
    try:
        with open(path, "rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - _SNIFF))
            tail = handle.read(_SNIFF).rstrip(b"\n")
    except OSError:
        return False
    return tail[tail.rfind(b"\n") + 1 :].startswith(_SNAPSHOT_INDEX)


def database_kind(path: Path, given: Path | None = None) -> str:
    """'missing', 'empty', 'snapshot' or 'legacy'; raises NotOurs for anything else. `given` is
    the path as the user wrote it, when a symlink led from it to `path`."""
    try:
        head = _sniff(path)
    except NotOurs as exc:
        raise not_ours(path, str(exc), given) from None
    if head is None:
        return "missing"
    kind = _database_kind(path, head)
    if kind is None:
        raise not_ours(path, given=given)
    return kind


def not_ours(path: Path, why: str = "", given: Path | None = None) -> NotOurs:
    detail = f" ({why.removeprefix(show_path(path) + ' ')})" if why else ""
    shown = show_path(path)
    if given is not None and given != path:
        shown = f"{show_path(given)} (a link to {shown})"
    return NotOurs(
        f"{shown} is not a netinbox database{detail}, left untouched; "
        "use --db to choose another file"
    )


def check_sibling(path: Path, kind: str) -> None:
    """Refuse to write over `path` (a journal, backup or lock beside the database) unless it is
    missing or one of ours."""
    try:
        head = _sniff(path)
    except NotOurs as exc:
        raise NotOurs(
            f"{exc}, not netinbox's {kind}; left untouched. Move it away, or use --db to choose "
            "another database"
        ) from None
    if head is None or head == b"":
        return
    recognised = {
        "journal": looks_like_journal,
        "snapshot": looks_like_snapshot,
        "lock file": lambda h: _LOCK.match(h) is not None,
    }[kind](head)
    if not recognised:
        raise NotOurs(
            f"{show_path(path)} is not netinbox's {kind}; left untouched. Move it away, or use "
            "--db to choose another database"
        )


_TEMP = re.compile(r"^\.(?P<db>.+)\.[A-Za-z0-9_]{8}\.tmp$")


def stale_temporaries(path: Path) -> list[Path]:
    """Temporary snapshots a killed fold left beside `path`: named as ours, holding a snapshot."""
    found = []
    candidates = [path.with_name(path.name + ".bak.tmp")]
    try:
        candidates += [p for p in path.parent.iterdir() if p.name.startswith(f".{path.name}.")]
    except OSError:
        return []
    for candidate in candidates:
        match = _TEMP.match(candidate.name)
        if not (candidate.name.endswith(".bak.tmp") or (match and match["db"] == path.name)):
            continue
        try:
            head = _sniff(candidate)
        except StoreError:
            continue
        if head is not None and (head == b"" or looks_like_snapshot(head)):
            found.append(candidate)
    return found


def remove_stale_temporaries(path: Path) -> list[str]:
    """Remove what killed folds left beside `path` (call it holding the writer's lock, as only
    the lock holder writes them); returns a warning for each that could not be removed."""
    warnings = []
    for stale in stale_temporaries(path):
        try:
            stale.unlink()
        except OSError as exc:
            warnings.append(f"could not remove a stale temporary file: {describe(exc)}")
    return warnings
