"""Taking lists out of netinbox: CSV (safe in a spreadsheet) or JSON, to a file or stdout."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from netinbox.exporters.files import NotRegularFile, write_atomically
from netinbox.exporters.lists import COLUMNS, EXPORT_KINDS, format_rows, rows
from netinbox.services.context import Context

__all__ = [
    "EXPORT_KINDS",
    "NotRegularFile",
    "render",
    "render_rows",
    "run_export",
    "write_atomically",
]


def render(
    ctx: Context, kind: str, fmt: str, days: int | None = None, only: str | None = None
) -> bytes:
    return _render(rows(ctx, kind, days, only), kind, fmt)


def render_rows(kind: str, found: Iterable[Any], fmt: str) -> bytes:
    """Some of a list's typed rows (a screen's selection) in the export's format."""
    return _render(format_rows(kind, found), kind, fmt)


def _render(found: list[dict[str, Any]], kind: str, fmt: str) -> bytes:
    if fmt == "json":
        return (json.dumps(found, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    # Loaded on use: its character tables cost a few milliseconds every other command need not.
    from netinbox.exporters.csvsafe import to_csv_bytes

    return to_csv_bytes(COLUMNS[kind], found)


def run_export(
    ctx: Context,
    kind: str,
    fmt: str | None,
    output: str | None,
    days: int | None = None,
    only: str | None = None,
) -> int:
    """`netinbox export KIND [--format csv|json] [-o FILE] [--days N] [--only KIND]`."""
    if fmt is None:
        fmt = "json" if output and output.lower().endswith(".json") else "csv"
    found = rows(ctx, kind, days, only)
    data = _render(found, kind, fmt)
    if output and output != "-":
        try:
            write_atomically(Path(output).expanduser(), data)
        except NotRegularFile as exc:
            raise NotRegularFile(f"{exc} (use -o - to write to standard output)") from None
        print(f"Wrote {len(found):,} {kind} rows to {output}", file=sys.stderr)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0
