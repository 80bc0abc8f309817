"""A table whose documents stay as JSON text until someone reads them.

A heavy user's database holds 30,000 people and 100,000 messages; parsing all of it at start-up
would cost seconds and hundreds of megabytes. A `LazyTable` keeps each document's JSON text (or
just the byte range of its section in the snapshot file), finds single documents by binary search
in that section, reads the whole section only when something needs all of it (iteration, a count,
a query), and decodes a document the first time it is read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

# Raw JSON text of a document, not yet decoded.
Raw = str
# raw_decode skips json.loads's whitespace checks; our own compact lines never need them.
_decode = json.JSONDecoder().raw_decode
MISSING: Any = object()
# Past this many single-document searches, reading the whole table once is cheaper.
POINT_LOOKUPS_BEFORE_LOADING = 2_000


class LazyTable(MutableMapping[str, dict]):
    """key -> document. `loader` reads the whole table; `lookup` finds one document's text."""

    __slots__ = ("_docs", "_loader", "_lookup", "_overrides", "_point", "_verify")

    def __init__(
        self,
        docs: dict[str, dict | Raw] | None = None,
        loader: Callable[[], dict[str, dict | Raw]] | None = None,
        lookup: Callable[[str], Raw | None] | None = None,
        verify: Callable[[], None] | None = None,
    ) -> None:
        self._docs: dict[str, dict | Raw] | None
        if loader is not None:
            self._docs = None
        else:
            self._docs = docs if docs is not None else {}
        self._loader = loader
        self._lookup = lookup
        self._verify = verify
        # Documents found one by one before the whole table was read (None: not there).
        self._point: dict[str, dict | Raw | None] = {}
        # Changes made before the whole table was read (journal replay, a keypress): applied when
        # it is, so touching one person never costs reading all 30,000.
        self._overrides: dict[str, dict | None] = {}

    def verify(self) -> None:
        """Check the stored section's integrity, if it has not been read (and so checked) yet."""
        verify = self._verify
        if self._docs is None and verify is not None:
            verify()

    @property
    def loaded(self) -> bool:
        return self._docs is not None

    def _index(self) -> dict[str, dict | Raw]:
        if self._docs is None:
            assert self._loader is not None
            docs = self._loader()
            for key, doc in self._overrides.items():
                if doc is None:
                    docs.pop(key, None)
                else:
                    docs[key] = doc
            self._docs = docs
            # Nothing refers to the snapshot's section any more, so its file can be replaced
            # (Windows refuses while a handle or mapping is open).
            self._loader = self._lookup = self._verify = None
            self._overrides, self._point = {}, {}
        return self._docs

    def peek(self, key: str) -> dict | Raw | Any:
        """The document as held (decoded or text), or MISSING; reads no more than needed."""
        if self._docs is not None:
            return self._docs.get(key, MISSING)
        if key in self._overrides:
            doc = self._overrides[key]
            return MISSING if doc is None else doc
        if self._lookup is None or len(self._point) > POINT_LOOKUPS_BEFORE_LOADING:
            return self._index().get(key, MISSING)
        if key not in self._point:
            self._point[key] = self._lookup(key)
        found = self._point[key]
        return MISSING if found is None else found

    def snapshot_value(self, key: str) -> dict | Raw | None:
        """The document as stored in the snapshot, ignoring later changes (None if absent).
        Only possible before the whole table is read; after that, raises LookupError."""
        if self._docs is not None or self._lookup is None:
            raise LookupError("the table was read whole; its snapshot values are gone")
        if key not in self._point:
            self._point[key] = self._lookup(key)
        return self._point[key]

    @property
    def keeps_snapshot_values(self) -> bool:
        """Whether `snapshot_value` still works (the table has not been read whole)."""
        return self._docs is None and self._lookup is not None

    def set_lazily(self, key: str, doc: dict | None) -> None:
        """Set (or with None, remove) a document without reading the whole table."""
        if self._docs is not None:
            if doc is None:
                self._docs.pop(key, None)
            else:
                self._docs[key] = doc
        else:
            self._overrides[key] = doc

    def __getitem__(self, key: str) -> dict:
        value = self.peek(key)
        if value is MISSING:
            raise KeyError(key)
        if isinstance(value, str):
            value = _decode(value)[0]
            self._remember(key, value)
        return value

    def _remember(self, key: str, doc: dict) -> None:
        if self._docs is not None:
            self._docs[key] = doc
        elif key in self._overrides:
            self._overrides[key] = doc
        else:
            self._point[key] = doc

    def get(self, key: str, default: Any = None) -> Any:  # the hot path of Table.get(doc_id=)
        try:
            return self[key]
        except KeyError:
            return default

    def __setitem__(self, key: str, doc: dict) -> None:
        self.set_lazily(key, doc)

    def __delitem__(self, key: str) -> None:
        if self.peek(key) is MISSING:
            raise KeyError(key)
        self.set_lazily(key, None)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.peek(key) is not MISSING

    def has(self, key: str) -> bool:
        """Whether `key` exists, remembering nothing: checking 100,000 message ids during a
        re-import must not pull 100,000 documents into memory."""
        if self._docs is not None:
            return key in self._docs
        if key in self._overrides:
            return self._overrides[key] is not None
        if key in self._point:
            return self._point[key] is not None
        if self._lookup is None:
            return key in self._index()
        return self._lookup(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._index()))

    def __len__(self) -> int:
        return len(self._index())

    def raw_items(self) -> Iterator[tuple[str, dict | Raw]]:
        """Documents as they are held (decoded or not), for writing a snapshot without decoding."""
        return iter(self._index().items())


def dumps(doc: Any) -> str:
    """The one JSON encoding used on disk: compact, UTF-8, no NaN."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
