"""The snapshot file: every document as one line, grouped by table, with an index at the end.

    #netinbox snapshot
    people\t"ana-silva-1a2b3c4d"\t{"first_name":"Ana",...}
    ...
    {"netinbox_snapshot":3,"seq":1234,"sections":{"people":[19,5120,12,3735928559],...}}

The first line marks the file as netinbox's own (see ownership.py; format 2 had no such line and
is still read). The last line says where each table's section starts and ends, how many documents
it holds and its CRC-32, so a reader can load only the tables it needs and notice damage. Nothing
is read from a section before its checksum has been checked: a single-document lookup checks the
whole section the first time (a few milliseconds for the largest table), so a flipped bit is
reported as damage rather than decoded into nonsense. The file is written to a temporary file,
fsynced and renamed over the old one: readers see the old snapshot or the new one.
"""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import re
import threading
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from netinbox.store.errors import DatabaseDamaged
from netinbox.store.fsutil import atomic_write
from netinbox.store.lazy import LazyTable, dumps
from netinbox.store.ownership import SNAPSHOT_HEADER
from netinbox.store.portable import pread

FORMAT_VERSION = 3
_MAGIC = b'{"netinbox_snapshot":'


class SnapshotDamaged(DatabaseDamaged):
    """The snapshot cannot be trusted; the message says where."""


def write_snapshot(
    path: Path, tables: Mapping[str, LazyTable], seq: int, extras: Mapping[str, str] | None = None
) -> None:
    """`extras` are named texts kept beside the tables (derived data such as the store's index
    facts), checksummed like them and consistent with them by construction."""

    def chunks():
        yield SNAPSHOT_HEADER
        offset = len(SNAPSHOT_HEADER)
        sections = {}
        for name, table in tables.items():
            crc = 0
            start = offset
            count = 0
            name_part = name + "\t"
            buffer: list[str] = []
            # Sorted by encoded key, so one document can be found by binary search (lookup below)
            # without reading the whole table.
            entries = sorted(
                ((json.dumps(key, ensure_ascii=False), value) for key, value in table.raw_items()),
                key=lambda entry: entry[0].encode("utf-8"),
            )
            for key_json, value in entries:
                text = value if isinstance(value, str) else dumps(value)
                buffer.append(f"{name_part}{key_json}\t{text}\n")
                count += 1
                if len(buffer) >= 2048:
                    data = "".join(buffer).encode("utf-8")
                    crc = zlib.crc32(data, crc)
                    offset += len(data)
                    buffer.clear()
                    yield data
            if buffer:
                data = "".join(buffer).encode("utf-8")
                crc = zlib.crc32(data, crc)
                offset += len(data)
                yield data
            sections[name] = [start, offset, count, crc]
        extra_sections = {}
        for name, text in (extras or {}).items():
            data = text.replace("\n", " ").encode("utf-8") + b"\n"
            extra_sections[name] = [offset, offset + len(data) - 1, zlib.crc32(data[:-1])]
            offset += len(data)
            yield data
        trailer = {
            "netinbox_snapshot": FORMAT_VERSION,
            "seq": seq,
            "sorted": True,
            "sections": sections,
            "extras": extra_sections,
        }
        yield (json.dumps(trailer, separators=(",", ":")) + "\n").encode("utf-8")

    atomic_write(path, chunks())


def is_snapshot(handle: BinaryIO) -> bool:
    """True when the file ends with a snapshot index (rather than being, say, plain JSON)."""
    return _read_trailer_bytes(handle).startswith(_MAGIC)


def _read_trailer_bytes(handle: BinaryIO) -> bytes:
    size = os.fstat(handle.fileno()).st_size
    if size == 0:
        return b""
    window = min(size, 64 * 1024)
    handle.seek(size - window)
    tail = handle.read(window).rstrip(b"\n")
    cut = tail.rfind(b"\n")
    return tail[cut + 1 :] if cut >= 0 else tail


def read_snapshot(path: Path, handle: BinaryIO) -> tuple[dict[str, LazyTable], int]:
    """Tables (each loaded on first use) and the journal sequence number the snapshot includes.

    `handle` stays open for the tables' lifetime: a later compaction replaces the file by name, and
    the open handle keeps reading the snapshot these tables came from.
    """
    trailer_bytes = _read_trailer_bytes(handle)
    try:
        trailer = json.loads(trailer_bytes)
        seq = int(trailer["seq"])
        is_sorted = trailer.get("sorted") is True
        sections = {
            str(name): (int(s[0]), int(s[1]), int(s[2]), int(s[3]))
            for name, s in trailer["sections"].items()
        }
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise SnapshotDamaged(
            f"{path}: the snapshot index at the end of the file is damaged or missing"
        ) from exc
    end_of_data = os.fstat(handle.fileno()).st_size - len(trailer_bytes) - 1
    tables = {}
    for name, (start, end, count, crc) in sections.items():
        if not 0 <= start <= end <= end_of_data:
            raise SnapshotDamaged(f"{path}: table {name!r} points outside the file")
        section = _Section(path, handle, name, start, end, count, crc)
        tables[name] = LazyTable(
            loader=section.load, lookup=section.lookup if is_sorted else None, verify=section.verify
        )
    return tables, seq


def read_extra(path: Path, handle: BinaryIO, name: str) -> str | None:
    """A named text written beside the tables, or None (absent, or failing its checksum: it is
    derived data, so the caller rebuilds it rather than trusting it)."""
    try:
        trailer = json.loads(_read_trailer_bytes(handle))
        start, end, crc = (int(v) for v in trailer.get("extras", {})[name])
    except (ValueError, KeyError, TypeError):
        return None
    data = pread(handle.fileno(), end - start, start)
    if len(data) != end - start or zlib.crc32(data) != crc:
        return None
    return data.decode("utf-8")


class _Section:
    """One table's byte range in the snapshot: read whole, or searched for a single key."""

    def __init__(
        self, path: Path, handle: BinaryIO, name: str, start: int, end: int, count: int, crc: int
    ) -> None:
        self.path, self.handle, self.name = path, handle, name
        self.start, self.end, self.count, self.crc = start, end, count, crc
        self._data: bytes | None = None
        self._mapped: mmap.mmap | bytes | None = None
        self._offset: int | None = None  # set when searching a copy of the section, not the file
        self._prefix = len(name.encode("utf-8")) + 1  # "people\t"
        self._verified = False
        self._verifying = threading.Lock()

    def _damaged(self, what: str = "checksum mismatch") -> SnapshotDamaged:
        return SnapshotDamaged(
            f"{self.path}: table {self.name!r} is damaged ({what}); run `netinbox recover "
            f"--db {self.path}` to restore the last good snapshot"
        )

    def _bytes(self) -> bytes:
        if self._data is None:
            data = pread(self.handle.fileno(), self.end - self.start, self.start)
            if len(data) != self.end - self.start or zlib.crc32(data) != self.crc:
                raise self._damaged()
            self._data = data
            self._verified = True
        return self._data

    def verify(self) -> None:
        """Check the section's checksum without keeping or parsing it (the app runs this in a
        worker; a lookup runs it before its first search)."""
        if self._verified:
            return
        with self._verifying:  # the worker and a keypress never both read the same section
            if self._verified:
                return
            if self._checksum_in_place() != self.crc:
                raise self._damaged()
            self._verified = True

    def _checksum_in_place(self) -> int | None:
        """The section's CRC-32, read through the file's mapping (no copy: about 3 ms for a
        heavy user's 20 MB of people) or, where it cannot be mapped, in chunks."""
        data = self._map()
        if self._offset is None:  # the file itself is mapped
            if len(data) < self.end:
                return None
            crc = 0
            with memoryview(data) as view:
                # 4 MB at a time, each let go once read: the process never holds the whole
                # section (its peak memory would count every page of it).
                for start in range(self.start, self.end, _CHECK_PIECE):
                    piece = view[start : min(start + _CHECK_PIECE, self.end)]
                    try:
                        crc = zlib.crc32(piece, crc)  # releases the GIL: the UI keeps running
                    finally:
                        piece.release()
                    _forget_pages(data, start, min(start + _CHECK_PIECE, self.end))
            return crc
        crc, offset = 0, self.start
        while offset < self.end:
            chunk = pread(self.handle.fileno(), min(4 << 20, self.end - offset), offset)
            if not chunk:
                return None
            crc = zlib.crc32(chunk, crc)
            offset += len(chunk)
        return crc

    def load(self) -> dict[str, str]:
        # One C-level regex pass over the bytes instead of a Python loop over 100,000 lines, and
        # each document decoded on its own: one emoji must not make a 40 MB section a 160 MB str.
        data = self._bytes()
        self._data = None  # the table now holds the documents; no need to keep the bytes too
        docs = {
            key.decode("utf-8"): doc.decode("utf-8")
            for key, doc in _plain_line(self.name).findall(data)
        }
        if len(docs) != self.count:  # keys with escapes (rare): the careful way
            docs = _parse_lines(self.path, self.name, data.decode("utf-8"))
        if len(docs) != self.count:
            raise self._damaged(f"{len(docs)} documents where the index says {self.count}")
        return docs

    def _map(self) -> mmap.mmap | bytes:
        """The file mapped into memory: a search touches a few pages, not the whole table."""
        if self._mapped is None:
            try:
                self._mapped = mmap.mmap(self.handle.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):
                self._mapped = self._bytes()
                self._offset = 0
        return self._mapped

    def lookup(self, key: str) -> str | None:
        """The document text for `key`, by binary search over the sorted lines."""
        self.verify()
        data = self._map()
        base = self.start if self._offset is None else 0
        target = json.dumps(key, ensure_ascii=False).encode("utf-8")
        low, high = base, base + (self.end - self.start)
        while low < high:
            middle = (low + high) // 2
            line_start = max(data.rfind(b"\n", base, middle) + 1, base)
            key_end = data.find(b"\t", line_start + self._prefix, high)
            line_end = data.find(b"\n", line_start, base + (self.end - self.start))
            if key_end < 0 or line_end < 0 or key_end > line_end:
                raise self._damaged("a line cut short")
            line_key = data[line_start + self._prefix : key_end]
            if line_key < target:
                low = line_end + 1
            elif line_key > target:
                high = line_start
            else:
                return data[key_end + 1 : line_end].decode("utf-8")
        return None


_CHECK_PIECE = 4 << 20


def _forget_pages(mapped: mmap.mmap, start: int, end: int) -> None:
    """Let the pages a checksum read leave this process's memory (they stay in the system's file
    cache): a search later touches a few of them again, not the whole section."""
    advise = getattr(mapped, "madvise", None)
    dont_need = getattr(mmap, "MADV_DONTNEED", None)
    if advise is None or dont_need is None:  # Windows: the system trims mapped pages itself
        return
    aligned = start - start % mmap.PAGESIZE
    if end > aligned:
        with contextlib.suppress(OSError, ValueError):  # only advice: reading worked either way
            advise(dont_need, aligned, end - aligned)


_PLAIN_LINES: dict[str, re.Pattern[bytes]] = {}


def _plain_line(name: str) -> re.Pattern[bytes]:
    if name not in _PLAIN_LINES:
        prefix = re.escape(name.encode("utf-8"))
        _PLAIN_LINES[name] = re.compile(rb"^" + prefix + rb'\t"([^"\\\n]*)"\t([^\n]*)$', re.M)
    return _PLAIN_LINES[name]


def _parse_lines(path: Path, name: str, text: str) -> dict[str, str]:
    docs: dict[str, str] = {}
    for line_no, line in enumerate(text.split("\n")[:-1], 1):
        try:
            table_name, key_json, doc_json = line.split("\t", 2)
            key = json.loads(key_json)
        except ValueError as exc:
            raise SnapshotDamaged(
                f"{path}: table {name!r}, line {line_no} is damaged; run `netinbox recover "
                f"--db {path}` to restore the last good snapshot"
            ) from exc
        if table_name != name:
            raise SnapshotDamaged(
                f"{path}: table {name!r}, line {line_no} belongs to {table_name!r}; run "
                f"`netinbox recover --db {path}` to restore the last good snapshot"
            )
        docs[key] = doc_json
    return docs
