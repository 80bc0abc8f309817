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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from netinbox.store.errors import DatabaseDamaged
from netinbox.store.lazy import dumps
from netinbox.store.portable import binary, no_follow, sync_data

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


# Ops per encoded piece of a line: a bulk import's line is built and checksummed piece by piece,
# never as one 40 MB string plus its bytes plus a copy with the checksum in front.
_OPS_PER_PIECE = 2048


def encode_line(seq: int, ops: list[tuple[str, str, str | None]]) -> list[bytes]:
    """One journal line, as pieces to write in order, from (table, key, document JSON text or
    None); the texts are already checked and encoded, so they are spliced in, not serialised."""
    pieces = [('{"s":' + str(seq) + ',"o":[').encode("utf-8")]
    for start in range(0, len(ops), _OPS_PER_PIECE):
        parts = [
            f"[{dumps(table)},{dumps(key)},{text if text is not None else 'null'}]"
            for table, key, text in ops[start : start + _OPS_PER_PIECE]
        ]
        pieces.append((("," if start else "") + ",".join(parts)).encode("utf-8"))
    pieces.append(b"]}")
    crc = 0
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
    return [b"%08x " % crc, *pieces, b"\n"]


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

    def append(self, line: bytes | list[bytes]) -> None:
        pieces = [line] if isinstance(line, bytes) else line
        if len(pieces) > 1 and sum(map(len, pieces)) < 1 << 20:
            pieces = [b"".join(pieces)]  # an everyday action: one write call
        total = 0
        try:
            for piece in pieces:
                view = memoryview(piece)
                while view:
                    written = os.write(self._fd, view)
                    if written <= 0:
                        raise OSError(f"short write ({total} bytes written)")
                    total += written
                    view = view[written:]
            sync_data(self._fd)
        except OSError:
            # Cut back to the last whole line, so a later append never follows a fragment.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self.size)
                os.lseek(self._fd, self.size, os.SEEK_SET)
            raise
        self.size += total

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
