"""One messaging thread. "NAME sent the following message(s) at TIME" says who wrote what follows;
under it each message starts with a glued "View X’s profileX Y" line and often "X Y 7:25 AM".
Day lines ("Today", "Oct 28") date the headers after them. After the last message come "Seen by …",
LinkedIn's suggested replies and the compose box: none of them is a message."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from netinbox.paste.ages import at_day, clock_time, day_line
from netinbox.paste.lines import is_chrome, is_emoji_only, person_name
from netinbox.paste.model import PastedMessage, PasteResult
from netinbox.paste.words import Words

_SENDER_TIME = re.compile(
    r"^(?P<name>.+?)\s+(?P<time>\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?)$", re.I
)


def header(w: Words, line: str) -> tuple[str, time | None] | None:
    plain = line.replace("’", "'")
    for pattern in w.thread_header:
        found = pattern.match(plain)
        if found is not None and not found["rest"].strip(" ."):
            return person_name(w, found["name"]), clock_time(found["time"])
    return None


def view_line(w: Words, line: str) -> str | None:
    """The sender named on a 'View X’s profileX Y' line ('' when only the template's name is)."""
    plain = line.replace("’", "'")
    for pattern in w.view_profile:
        found = pattern.match(plain)
        if found is not None:
            return person_name(w, found["rest"].strip() or found["name"])
    return None


@dataclass
class _Message:
    sender: str
    at: datetime | None
    lines: list[str] = field(default_factory=list)
    timed: bool = False


def _is_tail(w: Words, line: str) -> bool:
    """A line of what follows the last message: suggestions, the compose box."""
    return not line or is_emoji_only(line) or w.is_("suggested_replies", line) or is_chrome(w, line)


def parse(w: Words, lines: list[str], now: datetime) -> PasteResult:
    messages: list[_Message] = []
    day: date | None = None
    sender: str | None = None
    sent: time | None = None
    current: _Message | None = None
    for index, line in enumerate(lines):
        if w.starts("seen_by", line):
            break
        found = header(w, line)
        if found is not None:
            sender, sent = found
            current = None
            continue
        named = view_line(w, line)
        if named is not None:
            current = _Message(named or sender or "", at_day(day, sent, now))
            messages.append(current)
            continue
        following = next((ln for ln in lines[index + 1 :] if ln), "")
        when = day_line(w, line, now)
        if when is not None and (header(w, following) or view_line(w, following) is not None):
            day, current = when, None
            continue
        timed = _SENDER_TIME.match(line)
        fresh = current is not None and not current.lines and not current.timed
        if fresh and timed and person_name(w, timed["name"]) == current.sender:
            current.at = at_day(day, clock_time(timed["time"]), now)
            current.timed = True
            continue
        if current is None and sender is not None:
            current = _Message(sender, at_day(day, sent, now))
            messages.append(current)
            if timed and person_name(w, timed["name"]) == sender:
                current.at = at_day(day, clock_time(timed["time"]), now)
                current.timed = True
                continue
        if current is not None:
            current.lines.append(line)
    if messages:
        last = messages[-1].lines
        while last and _is_tail(w, last[-1]):
            last.pop()
    items = tuple(
        PastedMessage(sender=m.sender, sent_at=m.at, text="\n".join(m.lines).strip())
        for m in messages
        if m.sender and "\n".join(m.lines).strip()
    )
    return PasteResult(kind="conversation", items=items, unread=())
