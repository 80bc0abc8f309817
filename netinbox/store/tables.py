"""TinyDB tables that tell the storage exactly which documents changed.

Stock TinyDB turns every write into "here is the whole database": it copies the table, runs the
change, and hands everything to the storage. `JournalTable` runs the same change against an overlay
that records what was set, replaced or removed, and passes only that to `JournalStorage.apply`.
Tables, queries and documents are TinyDB's as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from netinbox.store.engine import JournalStorage
from netinbox.store.lazy import MISSING, LazyTable
from netinbox.store.validate import InvalidDocument, encode_document

_DELETED = object()


def _fresh_copy(doc: Any) -> Any:
    # Updates mutate documents in place; the original must stay intact until the change is
    # validated and journaled (and for rollback), so the overlay hands out copies.
    return json.loads(json.dumps(doc))


class _Overlay(MutableMapping[str, Any]):
    def __init__(self, base: LazyTable) -> None:
        self.base = base
        self.changed: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key in self.changed:
            value = self.changed[key]
            if value is _DELETED:
                raise KeyError(key)
            return value
        raw = self.base.peek(key)
        if raw is MISSING:
            raise KeyError(key)
        value = json.loads(raw) if isinstance(raw, str) else _fresh_copy(raw)
        self.changed[key] = value
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        self.changed[key] = value

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        self.changed[key] = _DELETED

    def __contains__(self, key: object) -> bool:
        if key in self.changed:
            return self.changed[key] is not _DELETED
        return key in self.base

    def __iter__(self) -> Iterator[str]:
        for key in self.base:
            if self.changed.get(key) is not _DELETED:
                yield key
        for key in self.changed:
            if key not in self.base and self.changed[key] is not _DELETED:
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def clear(self) -> None:
        for key in list(self):
            self.changed[key] = _DELETED

    def ops(self, table: str) -> list[tuple[str, dict | None, str | None]]:
        """(key, document, its JSON text) for what really changed; documents read but left equal
        are not written again. Every document is checked before anything changes."""
        result = []
        for key, value in self.changed.items():
            if not isinstance(key, str):
                raise InvalidDocument(f"{table}: document id {key!r} is not text")
            held = self.base.peek(key)
            if value is _DELETED:
                if held is not MISSING:
                    result.append((key, None, None))
                continue
            text = encode_document(value, f"{table}[{key}]")
            if held is MISSING or (text != held if isinstance(held, str) else value != held):
                result.append((key, value, text))
        return result


class JournalTable(Table):
    """Documents keyed by our own string ids (person slug, invitation id…), written as deltas."""

    document_id_class = str

    def _update_table(self, updater: Callable[[dict], None]) -> None:
        storage = self._storage
        if not isinstance(storage, JournalStorage):  # pragma: no cover - wiring error
            return super()._update_table(updater)
        overlay = _Overlay(storage.table(self.name))
        updater(overlay)  # type: ignore[arg-type]
        storage.apply(self.name, overlay.ops(self.name))
        self.clear_cache()

    def put_many(self, docs: dict[str, dict | None]) -> None:
        """Set or remove (None) several documents by id in one change set."""

        if len(docs) > 1_000:
            # Many keys: read the whole table once rather than search it key by key.
            self._storage.table(self.name)._index()

        def updater(table: MutableMapping[str, Any]) -> None:
            for key, doc in docs.items():
                if doc is None:
                    table.pop(key, None)
                else:
                    table[key] = dict(doc)

        self._update_table(updater)  # type: ignore[arg-type]


class JournalTinyDB(TinyDB):
    table_class = JournalTable
