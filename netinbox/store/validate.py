"""Refuse a document that JSON cannot faithfully store, before memory or disk change.

Python's json module quietly turns int keys into strings and writes NaN as a bare token that other
readers reject; sets and lone surrogates fail only half-way through a write. Checking first keeps a
bad document from ever reaching the database.
"""

from __future__ import annotations

import json
import math
from typing import Any

from netinbox.store.lazy import dumps

# Characters in one field, and in one whole document: far above any LinkedIn message (LinkedIn
# caps messages at 8,000), low enough that a runaway field cannot bloat the journal.
MAX_STRING = 1_000_000
MAX_DOCUMENT = 1_000_000
MAX_DEPTH = 32


class InvalidDocument(ValueError):
    pass


def encode_document(doc: Any, where: str = "document") -> str:
    """The document's JSON text, after checking it stores faithfully. Raises InvalidDocument.

    The common case runs at C speed: encode, and check that decoding gives the same document back
    (which catches int keys that json would silently turn into text). Only a document that fails
    that check is walked in Python, to say exactly what is wrong (or to accept tuples).
    """
    if not isinstance(doc, dict):
        raise InvalidDocument(
            f"{where}: a document must be a JSON object, not {type(doc).__name__}"
        )
    try:
        text = dumps(doc)
    except (TypeError, ValueError, RecursionError):
        validate_document(doc, where)  # names the bad value
        raise InvalidDocument(f"{where}: cannot be stored as JSON") from None
    if len(text) > MAX_DOCUMENT:
        raise InvalidDocument(
            f"{where}: {len(text):,} characters is over the {MAX_DOCUMENT:,} limit"
        )
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InvalidDocument(f"{where}: text contains a lone surrogate") from exc
    if json.loads(text) != doc:
        validate_document(doc, where)
    return text


def validate_document(doc: Any, where: str = "document") -> None:
    if not isinstance(doc, dict):
        raise InvalidDocument(
            f"{where}: a document must be a JSON object, not {type(doc).__name__}"
        )
    _check(doc, where, 0)


def _check(value: Any, where: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise InvalidDocument(f"{where}: nested more than {MAX_DEPTH} levels deep")
    if value is None or isinstance(value, bool | int):
        return
    if isinstance(value, str):
        _check_text(value, where)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidDocument(
                f"{where}: {value!r} cannot be stored (JSON has no NaN or infinity)"
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidDocument(f"{where}: key {key!r} is not text")
            _check_text(key, where)
            _check(item, f"{where}.{key}", depth + 1)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check(item, f"{where}[{index}]", depth + 1)
    else:
        raise InvalidDocument(f"{where}: a {type(value).__name__} cannot be stored as JSON")


def _check_text(text: str, where: str) -> None:
    if len(text) > MAX_STRING:
        raise InvalidDocument(
            f"{where}: text of {len(text):,} characters is over the {MAX_STRING:,} limit"
        )
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InvalidDocument(
                f"{where}: text contains a lone surrogate at {exc.start}"
            ) from exc
