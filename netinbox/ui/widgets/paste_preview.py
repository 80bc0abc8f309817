"""What a paste was understood as, drawn for the user to check before anything is saved: a table of
the items, and the lines that could not be read. Everything is strangers' text: `Text`, never markup.
"""

from __future__ import annotations

from datetime import datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from netinbox.paste.model import (
    PastedInvitation,
    PastedMessage,
    PastedProfile,
    PastedViewer,
    PasteResult,
)
from netinbox.services.dates import ago
from netinbox.text import one_line

UNREAD_SHOWN = 8
KIND_TEXT = {
    "invitations": "the invitation manager",
    "profile": "a profile",
    "viewers": "who viewed my profile",
    "conversation": "a message thread",
}


def _cell(value: object, width: int = 60) -> Text:
    if value is None or value == "":
        return Text("—", style="dim")  # not on the page: said, never guessed
    return Text(one_line(str(value), width))


def _many(count: int, word: str) -> str:
    return f"{count:,} {word}{'s' if count != 1 else ''}"


def _when(moment: datetime | None, now: datetime) -> Text:
    return Text("—", style="dim") if moment is None else Text(ago(moment, now))


def _table(*columns: str) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold", expand=True)
    for n, column in enumerate(columns):
        table.add_column(column, ratio=3 if n == len(columns) - 1 else None, overflow="fold")
    return table


def _profile(profile: PastedProfile, now: datetime) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column(style="dim", no_wrap=True)
    table.add_column(overflow="fold")
    connections = None
    if profile.connections is not None:
        connections = f"{profile.connections:,}" + (
            "+ (at least)" if profile.connections_at_least else ""
        )
    counts = [profile.posts_90d, profile.comments_90d, profile.reactions_90d]
    activity = None
    if any(c is not None for c in counts):
        posts, comments, reactions = (c or 0 for c in counts)
        activity = (
            f"{_many(posts, 'post')}, {_many(comments, 'comment')}, "
            f"{_many(reactions, 'reaction')} in 90 days"
        )
    rows = [
        ("Name", profile.name),
        ("Headline", profile.headline),
        ("Location", profile.location),
        ("Followers", None if profile.followers is None else f"{profile.followers:,}"),
        ("Connections", connections),
        ("Mutual", profile.mutual_connections),
        ("Activity", activity),
        ("First job", profile.first_job_year),
    ]
    for label, value in rows:
        table.add_row(Text(label), _cell(value, 200))
    for role in profile.experience:
        years = "–".join(str(y) for y in (role.start_year, role.end_year) if y) or "?"
        if role.start_year and not role.end_year:
            years = f"{role.start_year}–"
        line = " at ".join(part for part in (role.title, role.company) if part)
        table.add_row(Text("Experience"), Text(f"{one_line(line, 120)} ({years})"))
    for school in profile.education:
        degree = ", ".join(part for part in (school.degree, school.field) if part)
        line = f"{degree} — {school.school}" if degree else (school.school or "?")
        end = f" ({school.end_year})" if school.end_year else ""
        table.add_row(Text("Education"), Text(one_line(line, 120) + end))
    return table


def preview(result: PasteResult, now: datetime) -> RenderableType:
    parts: list[RenderableType] = []
    count = len(result.items)
    heading = Text(f"Read as {KIND_TEXT.get(result.kind, result.kind)}: ", style="bold")
    heading.append(f"{count} item{'s' if count != 1 else ''}")
    parts.append(heading)
    if result.kind == "invitations":
        table = _table("Name", "Mutual", "Received", "Headline / note")
        for item in result.items:
            if not isinstance(item, PastedInvitation):
                continue
            what = f"“{one_line(item.note, 160)}”" if item.note else item.headline
            table.add_row(
                _cell(item.name, 30),
                _cell(item.mutual_connections),
                _when(item.received_at, now),
                _cell(what, 160),
            )
        parts.append(table)
    elif result.kind == "viewers":
        table = _table("Name", "Viewed", "Headline")
        for item in result.items:
            if not isinstance(item, PastedViewer):
                continue
            table.add_row(
                _cell(item.name, 30), _when(item.viewed_at, now), _cell(item.headline, 120)
            )
        parts.append(table)
    elif result.kind == "conversation":
        table = _table("From", "When", "Message")
        for item in result.items:
            if not isinstance(item, PastedMessage):
                continue
            table.add_row(_cell(item.sender, 30), _when(item.sent_at, now), _cell(item.text, 300))
        parts.append(table)
    else:
        for item in result.items:
            if not isinstance(item, PastedProfile):
                continue
            parts.append(_profile(item, now))
    if result.unread:
        parts.append(Text(""))
        parts.append(
            Text(f"Not understood ({len(result.unread)} lines, not saved):", style="yellow")
        )
        for line in result.unread[:UNREAD_SHOWN]:
            parts.append(Text("  " + one_line(line, 110), style="dim"))
        if len(result.unread) > UNREAD_SHOWN:
            parts.append(Text(f"  … and {len(result.unread) - UNREAD_SHOWN} more", style="dim"))
    return Group(*parts)
