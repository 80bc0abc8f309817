"""Safe access to the files of a LinkedIn export: a ZIP, its unpacked folder, or one CSV file.

An export is a file a stranger could have crafted (a "LinkedIn export" sent by someone else), so:
nothing is ever extracted to disk; only the few members we know are opened, through
`ZipFile.open`; member names with `..`, absolute or drive paths are ignored. The member count,
each member's size (capped by its kind, limits.py), the total size and the compression ratio are
checked against the central directory before anything is read, which refuses an honest bomb at
once; then they are checked again on the bytes as they stream, because the central directory can
lie: the ratio is what came out over the compressed bytes really read from the file.

Which files are read: Connections.csv, Invitations.csv, messages.csv (2021+) or Messages.csv (2018),
Inbox.csv (2017) and Profile.csv, matched case-insensitively at the top of the archive or inside
its one top folder. LinkedIn's coach/guide/learning message files (`coach_messages.csv`,
`LearningCoachMessages.csv`, …) are deliberately never opened: they hold chats with LinkedIn's AI
assistants, not with people in the user's network, so importing them would only add bots as
correspondents and could fake thank-you notes and replies.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from netinbox.importers.errors import ImportFailed, LimitExceeded
from netinbox.importers.limits import DEFAULT_LIMITS, Budget, Limits, MiB

__all__ = ["DEFAULT_LIMITS", "KNOWN_FILES", "Budget", "Limits", "Member", "MiB", "open_export"]

KNOWN_FILES = {
    "connections.csv": "connections",
    "invitations.csv": "invitations",
    "messages.csv": "messages",
    "inbox.csv": "messages",
    "profile.csv": "profile",
}


@dataclass(frozen=True)
class Member:
    """One export file we will read: its shown name, its size and how to open it (binary)."""

    name: str
    kind: str
    size: int
    open: Callable[[], BinaryIO]
    limits: Limits = DEFAULT_LIMITS
    budget: Budget = field(default_factory=lambda: Budget(DEFAULT_LIMITS))


class _CountedFile(io.FileIO):
    """The ZIP file itself, counting the bytes read from it: the compressed bytes a member really
    took, for the ratio check, whatever its central directory declares."""

    count = 0

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        data = super().read(size)
        self.count += len(data)
        return data

    def readinto(self, buffer) -> int:  # type: ignore[override]
        size = super().readinto(buffer)
        self.count += size or 0
        return size


class _Guarded(io.RawIOBase):
    """A read-only byte stream that stops a member growing past what it declared or our limits,
    counting the bytes as they come (never trusting declared sizes), and turns every low-level
    failure (bad CRC, corrupt deflate data, disk error) into ImportFailed."""

    def __init__(
        self,
        raw: BinaryIO,
        name: str,
        cap: int,
        declared: int,
        compressed: Callable[[], int] | None,
        budget: Budget,
    ) -> None:
        super().__init__()
        self._raw = raw
        self._name = name
        self._cap = cap
        self._declared = declared
        self._compressed = compressed  # compressed bytes read so far for this member
        self._budget = budget
        self._limits = budget.limits
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        try:
            data = self._raw.read(len(buffer))
        except ImportFailed:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as exc:
            raise ImportFailed(f"{self._name}: cannot be read ({exc})") from exc
        except NotImplementedError as exc:
            raise ImportFailed(f"{self._name}: unsupported compression ({exc})") from exc
        size = len(data)
        self.count += size
        self._check()
        buffer[:size] = data
        return size

    def _check(self) -> None:
        limits = self._limits
        if self.count > self._cap:
            raise LimitExceeded(self._name, f"more than {self._cap // MiB} MB")
        if self.count > self._declared:
            raise LimitExceeded(
                self._name,
                f"holds more data than the archive declares ({self._declared:,} bytes)",
            )
        if self._compressed is not None and self.count > limits.ratio_free_bytes:
            compressed = self._compressed()
            if self.count > limits.max_ratio * max(compressed, 1):
                raise LimitExceeded(
                    self._name,
                    f"expands more than {limits.max_ratio:.0f} times (a zip bomb?)",
                )
        self._budget.charge_bytes(self._name, self.count)

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


def _buffered(raw: _Guarded) -> BinaryIO:
    return io.BufferedReader(raw, buffer_size=256 * 1024)  # type: ignore[return-value]


def _safe_parts(name: str) -> tuple[str, ...] | None:
    """The path parts of a member name, or None when it could point outside the archive."""
    normal = name.replace("\\", "/")
    if normal.startswith("/") or (len(normal) > 1 and normal[1] == ":"):
        return None
    parts = PurePosixPath(normal).parts
    if not parts or any(p in ("..", ".", "") or ":" in p for p in parts):
        return None
    return parts


def _choose(candidates: list[tuple[tuple[str, ...], object]]) -> dict[str, tuple[str, object]]:
    """Pick the export's files: at the top level, else inside its single top folder.

    Returns {lower-case file name: (shown name, handle)}; refuses two files with the same name."""
    by_folder: dict[str, list[tuple[str, str, object]]] = {}
    for parts, handle in candidates:
        if len(parts) > 2 or parts[-1].lower() not in KNOWN_FILES:
            continue
        folder = parts[0] if len(parts) == 2 else ""
        by_folder.setdefault(folder, []).append((parts[-1].lower(), "/".join(parts), handle))
    if "" in by_folder:
        chosen = by_folder[""]
    elif len(by_folder) == 1:
        chosen = next(iter(by_folder.values()))
    elif by_folder:
        folders = ", ".join(sorted(by_folder))
        raise ImportFailed(f"several exports in one place ({folders}); import them one at a time")
    else:
        chosen = []
    files: dict[str, tuple[str, object]] = {}
    for lower, shown, handle in chosen:
        if lower in files:
            raise ImportFailed(
                f"two files named {lower!r} ({files[lower][0]} and {shown}); keep only one"
            )
        files[lower] = (shown, handle)
    kinds = [KNOWN_FILES[name] for name in files if name != "inbox.csv"]
    if kinds.count("messages") > 1:
        raise ImportFailed("both Messages.csv and messages.csv are present; keep only one")
    return files


def _zip_members(
    archive: zipfile.ZipFile, counted: _CountedFile, path: Path, budget: Budget
) -> list[Member]:
    limits = budget.limits
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise LimitExceeded(
            path.name, f"{len(infos):,} files in the archive (more than {limits.max_entries:,})"
        )
    candidates = []
    for info in infos:
        parts = _safe_parts(info.filename)
        if parts is not None and not info.is_dir():
            candidates.append((parts, info))
    members = []
    total = 0
    for lower, (shown, info) in _choose(candidates).items():
        assert isinstance(info, zipfile.ZipInfo)
        kind = KNOWN_FILES[lower]
        cap = limits.member_bytes(kind)
        if info.flag_bits & 0x1:
            raise ImportFailed(
                f"{shown}: encrypted inside the ZIP; export it again without a password"
            )
        # The central directory can lie, so these only refuse early what would fail anyway; the
        # stream counts what really comes out (_Guarded).
        if info.file_size > cap:
            raise LimitExceeded(
                shown,
                f"{info.file_size / MiB:,.0f} MB uncompressed, more than {cap // MiB} MB",
            )
        if info.file_size > limits.ratio_free_bytes and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise LimitExceeded(
                shown,
                f"expands {info.file_size / max(info.compress_size, 1):,.0f} times "
                f"(more than {limits.max_ratio:.0f}; a zip bomb?)",
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise LimitExceeded(path.name, f"more than {limits.max_total_bytes // MiB} MB to read")

        def opener(info: zipfile.ZipInfo = info, shown: str = shown, cap: int = cap) -> BinaryIO:
            try:
                raw = archive.open(info)
            except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError) as exc:
                raise ImportFailed(f"{shown}: cannot be read ({exc})") from exc
            except NotImplementedError as exc:
                raise ImportFailed(f"{shown}: unsupported compression ({exc})") from exc
            start = counted.count  # the local header has been read: what follows is the data
            return _buffered(
                _Guarded(raw, shown, cap, info.file_size, lambda: counted.count - start, budget)
            )

        members.append(Member(shown, kind, info.file_size, opener, limits, budget))
    return members


def _file_member(path: Path, shown: str, budget: Budget) -> Member:
    info = path.lstat()
    size = info.st_size
    kind = KNOWN_FILES[path.name.lower()]
    cap = budget.limits.member_bytes(kind)
    if size > cap:
        raise LimitExceeded(shown, f"{size / MiB:,.0f} MB, more than {cap // MiB} MB")

    def opener() -> BinaryIO:
        try:
            raw = path.open("rb")
        except OSError as exc:
            raise ImportFailed(f"{shown}: cannot be read ({exc.strerror})") from exc
        # A file can grow after we looked at it: the stream stops at the cap, not at stat's size.
        return _buffered(_Guarded(raw, shown, cap, cap, None, budget))

    return Member(shown, kind, size, opener, budget.limits, budget)


def _folder_members(folder: Path, budget: Budget) -> list[Member]:
    limits = budget.limits
    candidates = []
    try:
        top = list(os.scandir(folder))
        for entry in top[: limits.max_entries]:
            if entry.is_symlink():
                continue  # never follow a link out of the export
            if entry.is_file(follow_symlinks=False):
                candidates.append(((entry.name,), Path(entry.path)))
            elif entry.is_dir(follow_symlinks=False):
                for inner in list(os.scandir(entry.path))[: limits.max_entries]:
                    if not inner.is_symlink() and inner.is_file(follow_symlinks=False):
                        candidates.append(((entry.name, inner.name), Path(inner.path)))
    except OSError as exc:
        raise ImportFailed(f"{folder}: cannot list the folder ({exc.strerror})") from exc
    members = []
    total = 0
    for shown, path in _choose(candidates).values():
        assert isinstance(path, Path)
        member = _file_member(path, shown, budget)
        total += member.size
        if total > limits.max_total_bytes:
            raise LimitExceeded(
                folder.name, f"more than {limits.max_total_bytes // MiB} MB to read"
            )
        members.append(member)
    return members


@contextmanager
def open_export(
    path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS
) -> Iterator[list[Member]]:
    """The export files at `path` (a ZIP, a folder, or a single CSV), safe to open while inside.
    Every member shares one Budget: the limits hold for the export as a whole."""
    path = Path(path).expanduser()
    budget = Budget(limits)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise ImportFailed(f"{path}: {exc.strerror or 'cannot be opened'}") from exc
    if stat.S_ISDIR(mode):
        members = _folder_members(path, budget)
        yield _require(members, path)
        return
    if not stat.S_ISREG(mode):
        raise ImportFailed(f"{path}: not a file or a folder")
    if path.name.lower() in KNOWN_FILES:
        yield [_file_member(path, path.name, budget)]
        return
    _check_entry_count(path, limits)
    try:
        counted = _CountedFile(path, "rb")
    except OSError as exc:
        raise ImportFailed(f"{path}: {exc.strerror or 'cannot be opened'}") from exc
    with counted:
        try:
            archive = zipfile.ZipFile(counted)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise ImportFailed(
                f"{path}: not a LinkedIn export (expected a .zip archive or its unpacked folder): "
                f"{exc}"
            ) from exc
        with archive:
            yield _require(_zip_members(archive, counted, path, budget), path)


def _check_entry_count(path: Path, limits: Limits) -> None:
    """Refuse an archive with too many entries before ZipFile parses (and stores) them all.

    ZipFile reads the whole central directory in its constructor; a crafted archive with millions
    of entries would cost time and memory before our own checks run. The end-of-central-directory
    record states the count: read it first (zipfile's own reader, private but stable since 2.x).
    """
    try:
        with path.open("rb") as handle:
            record = zipfile._EndRecData(handle)  # type: ignore[attr-defined]
    except (OSError, ValueError, struct.error):
        return  # ZipFile itself will say what is wrong with the file
    if record and record[zipfile._ECD_ENTRIES_TOTAL] > limits.max_entries:  # type: ignore[attr-defined]
        raise LimitExceeded(
            path.name,
            f"{record[zipfile._ECD_ENTRIES_TOTAL]:,} files in the archive (more "  # type: ignore[attr-defined]
            f"than {limits.max_entries:,})",
        )


def _require(members: list[Member], path: Path) -> list[Member]:
    if not any(m.kind in ("connections", "invitations", "messages") for m in members):
        raise ImportFailed(
            f"{path}: no Connections.csv, Invitations.csv or messages.csv found; "
            "is this LinkedIn's data export?"
        )
    return members
