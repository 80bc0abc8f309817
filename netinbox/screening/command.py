"""`netinbox screen [FILE|-]`: JSON lines in, one verdict per line out, in the same order.

The whole input is one batch (templates are found across lines). A line that is not valid JSON, not
an object, or not a message/profile gets `{"id": ..., "error": "..."}` and the rest go on; the exit
status is then 1. Whitespace-only lines are skipped, as JSON-lines readers do. No database is
opened: screening is a pure function of its input and the screening configuration.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from netinbox.screening.batch import screen_batch
from netinbox.screening.verdict import Verdict, evidence
from netinbox.text import one_line


def _id_of(item: object) -> str | int | None:
    if isinstance(item, dict):
        ident = item.get("id")
        if isinstance(ident, str | int) and not isinstance(ident, bool):
            return ident
    return None


def _parse(raw: bytes) -> tuple[object, str | None]:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "not valid UTF-8"
    try:
        return json.loads(line), None
    except (ValueError, RecursionError) as exc:
        return None, f"not valid JSON: {exc}"


def _lines(source: BinaryIO) -> list[bytes]:
    return [raw for raw in source.read().splitlines() if raw.strip()]


def screen_lines(raw_lines: list[bytes], year: int | None = None) -> tuple[list[dict], int]:
    """The output objects for `raw_lines` and how many of them are errors."""
    parsed = [_parse(raw) for raw in raw_lines]
    valid = [i for i, (_, error) in enumerate(parsed) if error is None]
    verdicts = screen_batch([parsed[i][0] for i in valid], year)  # type: ignore[misc]
    outcome: dict[int, Verdict | Exception | str] = {
        i: error for i, (_, error) in enumerate(parsed) if error
    }
    outcome.update(zip(valid, verdicts, strict=True))
    rows: list[dict] = []
    failed = 0
    for i, (item, _) in enumerate(parsed):
        result = outcome[i]
        if isinstance(result, Verdict):
            rows.append({"id": _id_of(item), **result.to_json()})
        else:
            failed += 1
            message = result if isinstance(result, str) else str(result) or type(result).__name__
            rows.append({"id": _id_of(item), "error": evidence(message, 200)})
    return rows, failed


def run(
    file: str = "-",
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    year: int | None = None,
) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        if file == "-":
            raw_lines = _lines(stdin or sys.stdin.buffer)
        else:
            with Path(file).expanduser().open("rb") as handle:
                raw_lines = _lines(handle)
    except OSError as exc:
        print(
            f"netinbox: cannot read {one_line(file)}: {one_line(exc.strerror or exc)}", file=stderr
        )
        return 1
    rows, failed = screen_lines(raw_lines, year)
    for row in rows:
        # ASCII-only JSON: no raw control or bidi characters from strangers reach the terminal.
        stdout.write(json.dumps(row, ensure_ascii=True) + "\n")
    stdout.flush()
    if failed:
        print(f"netinbox: {failed} of {len(rows)} lines could not be screened", file=stderr)
    return 1 if failed else 0
