"""The snapshot file: every document as one line, grouped by table, with an index at the end.

    people\t"ana-silva-1a2b3c4d"\t{"first_name":"Ana",...}
    ...
    {"netinbox_snapshot":2,"seq":1234,"sections":{"people":[0,5120,12,3735928559],...}}

The last line says where each table's section starts and ends, how many documents it holds and its
CRC-32, so a reader can load only the tables it needs and notice damage. The file is written to a
temporary file, fsynced and renamed over the old one: readers see the old snapshot or the new one.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from netinbox.store.errors import DatabaseDamaged
from netinbox.store.fsutil import atomic_write
from netinbox.store.lazy import LazyTable, dumps

FORMAT_VERSION = 2
_MAGIC = b'{"netinbox_snapshot":'


class SnapshotDamaged(DatabaseDamaged):
    """The snapshot cannot be trusted; the message says where."""


def write_snapshot(path: Path, tables: Mapping[str, LazyTable], seq: int) -> None:
    def chunks():
        offset = 0
        sections = {}
        for name, table in tables.items():
            crc = 0
            start = offset
            count = 0
            name_part = name + "\t"
            buffer: list[str] = []
            for key, value in table.raw_items():
                text = value if isinstance(value, str) else dumps(value)
                buffer.append(f"{name_part}{json.dumps(key, ensure_ascii=False)}\t{text}\n")
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
        trailer = {"netinbox_snapshot": FORMAT_VERSION, "seq": seq, "sections": sections}
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
        sections = {
            str(name): (int(s[0]), int(s[1]), int(s[2]), int(s[3]))
            for name, s in trailer["sections"].items()
        }
    except (ValueError, KeyError, TypeError, IndexError) as exc:
        raise SnapshotDamaged(
            f"{path}: the snapshot index at the end of the file is damaged"
        ) from exc
    end_of_data = os.fstat(handle.fileno()).st_size - len(trailer_bytes) - 1
    tables = {}
    for name, (start, end, count, crc) in sections.items():
        if not 0 <= start <= end <= end_of_data:
            raise SnapshotDamaged(f"{path}: table {name!r} points outside the file")
        tables[name] = LazyTable(loader=_section_loader(path, handle, name, start, end, count, crc))
    return tables, seq


def _section_loader(
    path: Path, handle: BinaryIO, name: str, start: int, end: int, count: int, crc: int
):
    def load() -> dict[str, str]:
        data = os.pread(handle.fileno(), end - start, start)
        if len(data) != end - start or zlib.crc32(data) != crc:
            raise SnapshotDamaged(
                f"{path}: table {name!r} is damaged (checksum mismatch); "
                "run `netinbox recover` to restore the last good snapshot"
            )
        docs: dict[str, str] = {}
        prefix = name + "\t"
        for line_no, line in enumerate(data.decode("utf-8").split("\n")[:-1], 1):
            table_name, key_json, doc_json = line.split("\t", 2)
            if table_name + "\t" != prefix:
                raise SnapshotDamaged(
                    f"{path}: table {name!r}, line {line_no} belongs to {table_name!r}"
                )
            docs[json.loads(key_json)] = doc_json
        if len(docs) != count:
            raise SnapshotDamaged(
                f"{path}: table {name!r} holds {len(docs)} documents, expected {count}"
            )
        return docs

    return load
