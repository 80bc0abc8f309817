"""Taking lists out of netinbox: CSV (safe in a spreadsheet) or JSON, to a file or stdout."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path

from netinbox.exporters.csvsafe import to_csv_bytes
from netinbox.exporters.lists import COLUMNS, EXPORT_KINDS, rows
from netinbox.services.context import ActionError, Context

__all__ = ["EXPORT_KINDS", "render", "run_export", "write_atomically"]


def render(ctx: Context, kind: str, fmt: str) -> bytes:
    found = rows(ctx, kind)
    if fmt == "json":
        return (json.dumps(found, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return to_csv_bytes(COLUMNS[kind], found)


def write_atomically(path: Path, data: bytes) -> None:
    """Readers see the old file or the whole new one: never a half-written export."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ActionError(f"{path}: cannot write here ({exc.strerror})") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ActionError(f"{path}: could not write ({exc.strerror or exc})") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def run_export(ctx: Context, kind: str, fmt: str | None, output: str | None) -> int:
    """`netinbox export KIND [--format csv|json] [-o FILE]`."""
    if fmt is None:
        fmt = "json" if output and output.lower().endswith(".json") else "csv"
    data = render(ctx, kind, fmt)
    if output and output != "-":
        write_atomically(Path(output).expanduser(), data)
        count = len(rows(ctx, kind))
        print(f"Wrote {count:,} {kind} rows to {output}", file=sys.stderr)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0
