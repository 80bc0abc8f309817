"""Safe access to the files of a LinkedIn export: a ZIP, its unpacked folder, or one CSV file.

An export is a file a stranger could have crafted (a "LinkedIn export" sent by someone else), so:
nothing is ever extracted to disk; only the few members we know are opened, through
`ZipFile.open`; member names with `..`, absolute or drive paths are ignored; the member count,
each member's size, the total size and the compression ratio are checked against the central
directory BEFORE anything is read, and again while bytes stream (the central directory can lie).

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
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from netinbox.importers.errors import ImportFailed

KNOWN_FILES = {
    "connections.csv": "connections",
    "invitations.csv": "invitations",
    "messages.csv": "messages",
    "inbox.csv": "messages",
    "profile.csv": "profile",
}

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_entries: int = 10_000  # a real "complete" export has ~100 files
    max_member_bytes: int = 256 * MiB  # 100,000 messages are ~30 MB
    max_total_bytes: int = 512 * MiB
    max_ratio: float = 100.0  # CSV compresses ~5-10:1; a bomb compresses 1000:1
    ratio_free_bytes: int = 4 * MiB  # tiny members may compress very well (blank columns)


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Member:
    """One export file we will read: its shown name, its size and how to open it (binary)."""

    name: str
    kind: str
    size: int
    open: Callable[[], BinaryIO]


class _Guarded(io.RawIOBase):
    """A read-only byte stream that stops a member growing past what it declared or our limits,
    and turns every low-level failure (bad CRC, corrupt deflate data, disk error) into ImportFailed."""

    def __init__(
        self, raw: BinaryIO, name: str, declared: int, compressed: int | None, limits: Limits
    ) -> None:
        super().__init__()
        self._raw = raw
        self._name = name
        self._declared = declared
        self._compressed = compressed
        self._limits = limits
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
        if self.count > limits.max_member_bytes:
            raise ImportFailed(
                f"{self._name}: larger than {limits.max_member_bytes // MiB} MB; refused"
            )
        if self.count > self._declared:
            raise ImportFailed(
                f"{self._name}: holds more data than the archive declares "
                f"({self._declared:,} bytes); refused"
            )
        if (
            self._compressed is not None
            and self.count > limits.ratio_free_bytes
            and self.count > limits.max_ratio * max(self._compressed, 1)
        ):
            raise ImportFailed(
                f"{self._name}: expands more than {limits.max_ratio:.0f} times "
                "(a zip bomb?); refused"
            )

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


def _zip_members(archive: zipfile.ZipFile, path: Path, limits: Limits) -> list[Member]:
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise ImportFailed(
            f"{path.name}: {len(infos):,} files in the archive (more than "
            f"{limits.max_entries:,}); refused"
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
        if info.flag_bits & 0x1:
            raise ImportFailed(
                f"{shown}: encrypted inside the ZIP; export it again without a password"
            )
        if info.file_size > limits.max_member_bytes:
            raise ImportFailed(
                f"{shown}: {info.file_size / MiB:,.0f} MB uncompressed, more than "
                f"{limits.max_member_bytes // MiB} MB; refused"
            )
        if info.file_size > limits.ratio_free_bytes and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise ImportFailed(
                f"{shown}: expands {info.file_size / max(info.compress_size, 1):,.0f} times "
                f"(more than {limits.max_ratio:.0f}; a zip bomb?); refused"
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise ImportFailed(
                f"{path.name}: more than {limits.max_total_bytes // MiB} MB to read; refused"
            )

        def opener(info: zipfile.ZipInfo = info, shown: str = shown) -> BinaryIO:
            try:
                raw = archive.open(info)
            except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError) as exc:
                raise ImportFailed(f"{shown}: cannot be read ({exc})") from exc
            except NotImplementedError as exc:
                raise ImportFailed(f"{shown}: unsupported compression ({exc})") from exc
            return _buffered(_Guarded(raw, shown, info.file_size, info.compress_size, limits))

        members.append(Member(shown, KNOWN_FILES[lower], info.file_size, opener))
    return members


def _file_member(path: Path, shown: str, limits: Limits) -> Member:
    info = path.lstat()
    size = info.st_size
    if size > limits.max_member_bytes:
        raise ImportFailed(
            f"{shown}: {size / MiB:,.0f} MB, more than {limits.max_member_bytes // MiB} MB; refused"
        )

    def opener() -> BinaryIO:
        try:
            raw = path.open("rb")
        except OSError as exc:
            raise ImportFailed(f"{shown}: cannot be read ({exc.strerror})") from exc
        # A file can grow after we looked at it: the stream stops at the limit, not at stat's size.
        return _buffered(_Guarded(raw, shown, limits.max_member_bytes, None, limits))

    return Member(shown, KNOWN_FILES[path.name.lower()], size, opener)


def _folder_members(folder: Path, limits: Limits) -> list[Member]:
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
        member = _file_member(path, shown, limits)
        total += member.size
        if total > limits.max_total_bytes:
            raise ImportFailed(f"{folder}: more than {limits.max_total_bytes // MiB} MB to read")
        members.append(member)
    return members


@contextmanager
def open_export(
    path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS
) -> Iterator[list[Member]]:
    """The export files at `path` (a ZIP, a folder, or a single CSV), safe to open while inside."""
    path = Path(path).expanduser()
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise ImportFailed(f"{path}: {exc.strerror or 'cannot be opened'}") from exc
    if stat.S_ISDIR(mode):
        members = _folder_members(path, limits)
        yield _require(members, path)
        return
    if not stat.S_ISREG(mode):
        raise ImportFailed(f"{path}: not a file or a folder")
    if path.name.lower() in KNOWN_FILES:
        yield [_file_member(path, path.name, limits)]
        return
    _check_entry_count(path, limits)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ImportFailed(
            f"{path}: not a LinkedIn export (expected a .zip archive or its unpacked folder): {exc}"
        ) from exc
    with archive:
        yield _require(_zip_members(archive, path, limits), path)


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
        raise ImportFailed(
            f"{path.name}: {record[zipfile._ECD_ENTRIES_TOTAL]:,} files in the archive (more "  # type: ignore[attr-defined]
            f"than {limits.max_entries:,}); refused"
        )


def _require(members: list[Member], path: Path) -> list[Member]:
    if not any(m.kind in ("connections", "invitations", "messages") for m in members):
        raise ImportFailed(
            f"{path}: no Connections.csv, Invitations.csv or messages.csv found; "
            "is this LinkedIn's data export?"
        )
    return members
