"""The append-only journal: one checksummed line per committed action.

    3f2a9c1e {"s":42,"o":[["invitations","inv-7",{...}],["notes","12",null]]}\n

A commit appends one line and fsyncs it, so the cost of an action depends on the size of the
action, not of the database. On open, lines newer than the snapshot are replayed. A damaged *last*
line is a write that a crash cut short: it was never confirmed, so it is dropped. A damaged line
with good lines after it is real damage: opening stops with the line number rather than skipping
data silently.
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

# (table, key, document or None for a removal)
Op = tuple[str, str, dict | None]


class JournalDamaged(DatabaseDamaged):
    pass


@dataclass
class Replay:
    entries: list[tuple[int, list[Op]]]
    good_length: int  # bytes up to the end of the last good line
    torn_bytes: int  # bytes of a torn last line that were dropped


def encode_line(seq: int, ops: list[tuple[str, str, str | None]]) -> bytes:
    """One journal line from (table, key, document JSON text or None); the texts are already
    checked and encoded, so they are spliced in rather than serialised again."""
    parts = [
        f"[{dumps(table)},{dumps(key)},{text if text is not None else 'null'}]"
        for table, key, text in ops
    ]
    payload = ('{"s":' + str(seq) + ',"o":[' + ",".join(parts) + "]}").encode("utf-8")
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


def read_journal(path: Path, salvage: bool = False) -> Replay:
    """Parse the journal. With `salvage`, damage anywhere ends the replay instead of raising
    (used by recovery, which keeps the good lines before the damage)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Replay([], 0, 0)
    entries: list[tuple[int, list[Op]]] = []
    position = 0
    lines = list(_lines(data))
    for index, (start, end, complete) in enumerate(lines):
        line_no = index + 1
        parsed = _parse(data[start:end]) if complete else None
        if parsed is None:
            if index == len(lines) - 1 or salvage:
                return Replay(entries, position, len(data) - position)
            raise JournalDamaged(
                f"{path}: line {line_no} is damaged and {len(lines) - index - 1} later line(s) "
                "follow it; nothing was changed. Run `netinbox recover` to choose what to keep."
            )
        entries.append(parsed)
        position = end + 1
    return Replay(entries, position, 0)


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
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        if os.fstat(self._fd).st_size != good_length:
            os.ftruncate(self._fd, good_length)  # drop a torn tail before appending after it
            os.fsync(self._fd)
        os.lseek(self._fd, good_length, os.SEEK_SET)
        self.size = good_length

    def append(self, line: bytes) -> None:
        try:
            written = os.write(self._fd, line)
            if written != len(line):
                raise OSError(f"short write ({written} of {len(line)} bytes)")
            os.fdatasync(self._fd)
        except OSError:
            # Cut back to the last whole line, so a later append never follows a fragment.
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self.size)
                os.lseek(self._fd, self.size, os.SEEK_SET)
            raise
        self.size += len(line)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
