"""The append-only journal: one checksummed line per committed action.

    3f2a9c1e {"s":42,"o":[["invitations","inv-7",{...}],["notes","12",null]]}\n

A commit appends one line and fsyncs it, so the cost of an action depends on the size of the
action, not of the database. On open, lines newer than the snapshot are replayed. A damaged *last*
line is a write that a crash cut short: it was never confirmed, so it is dropped. A damaged line
with good lines after it is real damage: opening stops with the line number rather than skipping
data silently, and recovery (`salvage`) keeps every intact line on both sides of it.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from netinbox.store.errors import DatabaseDamaged
from netinbox.store.lazy import dumps
from netinbox.store.portable import binary, no_follow, pwrite, sync_data

# (table, key, document or None for a removal)
Op = tuple[str, str, dict | None]


class JournalDamaged(DatabaseDamaged):
    pass


@dataclass
class Replay:
    entries: list[tuple[int, list[Op]]]
    good_length: int  # bytes up to the end of the last good line
    torn_bytes: int  # bytes of a torn last line that were dropped
    damaged_lines: tuple[int, ...] = ()  # with `salvage`: damaged lines that intact ones follow
    torn_ends_line: bool = False  # the dropped tail was a whole line (it ends with a line end)


# Ops per encoded piece of a line: a bulk import's line is built, checksummed and written piece by
# piece, never held whole (40 MB of text, its bytes, and a copy with the checksum in front).
_OPS_PER_PIECE = 2048


def encode_line(seq: int, ops: list[tuple[str, str, str | None]]) -> Iterator[bytes]:
    """A journal line's payload, in pieces to write in order, from (table, key, document JSON
    text or None); the texts are already checked and encoded, so they are spliced in, not
    serialised again. `JournalWriter.append` puts the checksum in front and the line end after."""
    yield ('{"s":' + str(seq) + ',"o":[').encode("utf-8")
    for start in range(0, len(ops), _OPS_PER_PIECE):
        parts = [
            f"[{dumps(table)},{dumps(key)},{text if text is not None else 'null'}]"
            for table, key, text in ops[start : start + _OPS_PER_PIECE]
        ]
        yield (("," if start else "") + ",".join(parts)).encode("utf-8")
    yield b"]}"


def read_journal(path: Path, salvage: bool = False) -> Replay:
    """Parse the journal. With `salvage`, a damaged line is skipped and counted instead of
    stopping everything (recovery keeps every intact line, before and after the damage)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Replay([], 0, 0)
    entries: list[tuple[int, list[Op]]] = []
    damaged: list[int] = []
    position = 0
    lines = list(_lines(data))
    for index, (start, end, complete) in enumerate(lines):
        line_no = index + 1
        parsed = _parse(data[start:end]) if complete else None
        if parsed is None:
            if index == len(lines) - 1:
                return Replay(
                    entries, position, len(data) - position, tuple(damaged), data.endswith(b"\n")
                )
            if salvage:
                damaged.append(line_no)
                continue
            raise JournalDamaged(
                f"{path}: line {line_no} is damaged and {len(lines) - index - 1} later line(s) "
                "follow it; nothing was changed. Run `netinbox recover` to choose what to keep."
            )
        entries.append(parsed)
        position = end + 1
    return Replay(entries, position, 0, tuple(damaged))


def _lines(data: bytes) -> Iterator[tuple[int, int, bool]]:
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        if end < 0:
            yield start, len(data), False
            return
        yield start, end, True
        start = end + 1


def _parse(line: bytes) -> tuple[int, list[Op]] | None:
    if len(line) < 10 or line[8:9] != b" ":
        return None
    payload = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(payload):
            return None
        record = json.loads(payload)
        seq = int(record["s"])
        ops = [(str(t), str(k), d) for t, k, d in record["o"]]
    except (ValueError, KeyError, TypeError):
        return None
    return seq, ops


_STREAM_FROM = 1 << 20  # bytes of payload past which a line is written as it is encoded


class JournalWriter:
    """Appends lines durably; truncates back on a failed write so no partial line stays behind."""

    def __init__(self, path: Path, good_length: int) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | no_follow() | binary(), 0o600)
        try:
            if os.fstat(self._fd).st_size != good_length:
                os.ftruncate(self._fd, good_length)  # drop a torn tail before appending after it
                sync_data(self._fd)
            os.lseek(self._fd, good_length, os.SEEK_SET)
        except BaseException:
            os.close(self._fd)
            raise
        self.size = good_length

    def append(self, payload: Iterable[bytes]) -> None:
        """Write one line (checksum, payload, line end) and make it durable. An everyday action
        is one write call; a payload past `_STREAM_FROM` is written as it comes, under a blank
        checksum that is filled in last, so until the sync a crash leaves a line that fails its
        checksum: a torn line, dropped on open, as it was never confirmed."""
        start = self.size
        pieces = iter(payload)
        held: list[bytes] = []
        crc = held_size = 0
        try:
            for piece in pieces:
                crc = zlib.crc32(piece, crc)
                held.append(piece)
                held_size += len(piece)
                if held_size >= _STREAM_FROM:
                    break
            else:
                self._write(b"%08x " % crc + b"".join(held) + b"\n")
                sync_data(self._fd)
                return
            self._write(b"00000000 " + b"".join(held))
            held.clear()
            for piece in pieces:
                crc = zlib.crc32(piece, crc)
                self._write(piece)
            self._write(b"\n")
            if pwrite(self._fd, b"%08x" % crc, start) != 8:
                raise OSError(f"could not write the checksum of the line at byte {start}")
            sync_data(self._fd)
        except OSError:
            # Cut back to the last whole line, so a later append never follows a fragment.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, start)
                os.lseek(self._fd, start, os.SEEK_SET)
            self.size = start
            raise

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            if written <= 0:
                raise OSError(f"short write ({len(data) - len(view)} of {len(data)} bytes)")
            self.size += written
            view = view[written:]

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
