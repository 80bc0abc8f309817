"""The storage tests' helpers: the journal beside a database, and records written and read raw."""

from __future__ import annotations

from pathlib import Path

from netinbox.model import Change
from netinbox.store import Store
from netinbox.store.engine import sibling


def journal(path: Path) -> Path:
    return sibling(path, ".journal")


def journal_lines(path: Path) -> list[bytes]:
    return journal(path).read_bytes().splitlines() if journal(path).exists() else []


def put(store: Store, key: str, doc: dict | None, table: str = "people") -> None:
    store.write_records([Change(table, key, store.record_doc(table, key), doc)])


def docs(store: Store, table: str = "people") -> dict[str, dict]:
    return {key: store.record_doc(table, key) for key in store.storage.table(table)}
