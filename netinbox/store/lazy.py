"""A table whose documents stay as JSON text until someone reads them.

A heavy user's database holds 30,000 people and 100,000 messages; parsing all of it at start-up
would cost seconds and hundreds of megabytes. A `LazyTable` keeps each document's JSON text (or
just the byte range of its section in the snapshot file) and decodes a document the first time it
is read, so opening the database costs roughly the size of what the first screen needs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

# Raw JSON text of a document, not yet decoded.
Raw = str


class LazyTable(MutableMapping[str, dict]):
    """key -> document, decoding on first access. `loader` fills the key index on first use."""

    __slots__ = ("_docs", "_loader")

    def __init__(
        self,
        docs: dict[str, dict | Raw] | None = None,
        loader: Callable[[], dict[str, dict | Raw]] | None = None,
    ) -> None:
        if loader is not None:
            self._docs: dict[str, dict | Raw] | None = None
        else:
            self._docs = docs if docs is not None else {}
        self._loader = loader

    @property
    def loaded(self) -> bool:
        return self._docs is not None

    def _index(self) -> dict[str, dict | Raw]:
        if self._docs is None:
            assert self._loader is not None
            self._docs = self._loader()
            self._loader = None
        return self._docs

    def __getitem__(self, key: str) -> dict:
        docs = self._index()
        value = docs[key]
        if isinstance(value, str):
            value = json.loads(value)
            docs[key] = value
        return value

    def get(self, key: str, default: Any = None) -> Any:  # the hot path of Table.get(doc_id=)
        try:
            return self[key]
        except KeyError:
            return default

    def __setitem__(self, key: str, doc: dict) -> None:
        self._index()[key] = doc

    def __delitem__(self, key: str) -> None:
        del self._index()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._index()

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._index()))

    def __len__(self) -> int:
        return len(self._index())

    def raw_items(self) -> Iterator[tuple[str, dict | Raw]]:
        """Documents as they are held (decoded or not), for writing a snapshot without decoding."""
        return iter(self._index().items())

    def encoded(self, key: str) -> Raw:
        value = self._index()[key]
        return value if isinstance(value, str) else dumps(value)


def dumps(doc: Any) -> str:
    """The one JSON encoding used on disk: compact, UTF-8, no NaN."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
