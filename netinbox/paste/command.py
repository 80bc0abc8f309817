"""`netinbox paste`: read a pasted page from a file or standard input, show what was understood (a
table, or one JSON object for scripts), and hand it to the saving service unless --dry-run."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from netinbox.paste import parse_paste
from netinbox.paste.lines import MAX_BYTES, PasteError
from netinbox.paste.model import (
    PastedInvitation,
    PastedMessage,
    PastedProfile,
    PastedViewer,
    PasteResult,
)
from netinbox.text import one_line


def read_input(source: str, stdin: IO[bytes] | None = None) -> str:
    """The text of FILE, or of standard input for '-'; never more than the paste limit is read."""
    if source == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        where = "standard input"
    else:
        with Path(source).open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        where = source
    if len(data) > MAX_BYTES:
        raise PasteError(
            f"{where} holds more than the 2 MB a LinkedIn page copies as; paste one page at a time"
        )
    # Undecodable bytes become U+FFFD, which the paste checks count as binary junk.
    return data.decode("utf-8-sig", errors="replace")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_json(result: PasteResult) -> dict[str, Any]:
    """{"kind", "items", "unread"}: the items with exactly the model's field names, dates ISO-8601."""
    items = [_plain(_as_plain(item)) for item in result.items]
    return {"kind": result.kind, "items": items, "unread": list(result.unread)}


def _as_plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_as_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _as_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


def _when(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M")


def _number(value: int | None, floor: bool = False) -> str:
    return "" if value is None else f"{value:,}{'+' if floor else ''}"


def rows(result: PasteResult) -> tuple[list[str], list[list[str]]]:
    """The table's columns and rows: what a person reads to check the paste was understood."""
    if result.kind == "invitations":
        columns = ["name", "headline", "mutual", "received", "note"]
        return columns, [
            [
                i.name,
                i.headline or "",
                _number(i.mutual_connections),
                _when(i.received_at),
                i.note or "",
            ]
            for i in result.items
            if isinstance(i, PastedInvitation)
        ]
    if result.kind == "viewers":
        return ["name", "headline", "viewed"], [
            [v.name, v.headline or "", _when(v.viewed_at)]
            for v in result.items
            if isinstance(v, PastedViewer)
        ]
    if result.kind == "conversation":
        return ["sender", "sent", "text"], [
            [m.sender, _when(m.sent_at), m.text]
            for m in result.items
            if isinstance(m, PastedMessage)
        ]
    table: list[list[str]] = []
    for p in result.items:
        if isinstance(p, PastedProfile):
            table.extend(_profile_rows(p))
    return ["what", "value"], table


def _profile_rows(p: PastedProfile) -> list[list[str]]:
    activity = [p.posts_90d, p.comments_90d, p.reactions_90d]
    found = [
        ["name", p.name],
        ["headline", p.headline or ""],
        ["location", p.location or ""],
        ["followers", _number(p.followers)],
        ["connections", _number(p.connections, p.connections_at_least)],
        ["mutual connections", _number(p.mutual_connections)],
        [
            "last 90 days",
            ""
            if activity == [None, None, None]
            else f"{p.posts_90d or 0} posts, {p.comments_90d or 0} comments, "
            f"{p.reactions_90d or 0} reactions",
        ],
        ["first job", "" if p.first_job_year is None else str(p.first_job_year)],
    ]
    for role in p.experience:
        years = f"{role.start_year or '?'}–{role.end_year or ''}"
        found.append(["experience", f"{role.title or '?'}, {role.company or '?'} ({years})"])
    for school in p.education:
        what = ", ".join(x for x in (school.degree, school.field) if x)
        found.append(["education", f"{school.school or '?'}: {what} ({school.end_year or '?'})"])
    return found


def print_result(result: PasteResult, out: IO[str] | None = None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    stream = out or sys.stdout
    columns, body = rows(result)
    table = Table(box=None, show_edge=False, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold", max_width=60)
    for row in body:
        # Text cells: strangers' names and notes are never read as Rich markup.
        table.add_row(*(Text(one_line(cell)) for cell in row))
    console = Console(
        file=stream, highlight=False, soft_wrap=False, width=None if stream.isatty() else 160
    )
    console.print(Text(f"Understood as {result.kind}: {len(result.items)} item(s)"))
    console.print(table)
    for line in result.unread:
        console.print(Text(f"not read: {one_line(line, 200)}"), style="dim")


def show(result: PasteResult, as_json: bool, out: IO[str] | None = None) -> None:
    stream = out or sys.stdout
    if as_json:
        stream.write(json.dumps(to_json(result), indent=2, ensure_ascii=True) + "\n")
    else:
        print_result(result, stream)


def parse_source(source: str, now: datetime, kind: str | None) -> PasteResult:
    return parse_paste(read_input(source), now, kind)
