"""Who viewed your profile: each viewer ends with "Viewed 2h ago"; the name and headline are the lines
just before it. Anonymous viewers and "Someone at …" are not people and are left out."""

from __future__ import annotations

from datetime import datetime

from netinbox.paste.ages import age
from netinbox.paste.lines import has_letters, is_chrome, person_name
from netinbox.paste.model import PastedViewer, PasteResult
from netinbox.paste.words import Words


def is_view_line(w: Words, line: str, now: datetime) -> bool:
    return w.starts("viewed", line) is not None and age(w, line, now) is not None


def _anonymous(w: Words, lines: list[str]) -> bool:
    return any(w.starts("anonymous", ln) for ln in lines)


def parse(w: Words, lines: list[str], now: datetime) -> PasteResult:
    items = []
    unread: list[str] = []
    block: list[str] = []
    for line in lines:
        if not is_view_line(w, line, now):
            if line and not is_chrome(w, line) and not w.is_("viewers_heading", line):
                block.append(line)
            continue
        if _anonymous(w, block[-2:]):
            block = []
            continue
        named = [ln for ln in block[-2:] if has_letters(ln)]
        if len(named) == 2 and person_name(w, named[0]):
            name, headline = person_name(w, named[0]), named[1]
        elif named:
            name, headline = person_name(w, named[-1]), None
        else:
            block = []
            continue
        unread.extend(block[:-2])
        items.append(PastedViewer(name=name, headline=headline, viewed_at=age(w, line, now)))
        block = []
    unread.extend(block)
    return PasteResult(kind="viewers", items=tuple(items), unread=tuple(unread))
