"""The invitation manager ("Received"): one card per invitation, each closed by its Ignore and Accept
buttons. Inside a card the age line is the anchor: name, headline and mutual connections before it,
the note after it."""

from __future__ import annotations

import re
from datetime import datetime

from netinbox.paste.ages import age
from netinbox.paste.lines import has_letters, is_chrome, number, person_name, see_more
from netinbox.paste.model import PastedInvitation, PasteResult
from netinbox.paste.words import Words, fold


def mutual_count(w: Words, line: str) -> int | None:
    """'Jordan Lee and 309 other mutual connections' is 310; 'X is a mutual connection' is 1."""
    found = w.find("mutual", line)
    if found is None:
        return None
    head = line[: found[0]].strip()
    count = 0
    numeric = number(head)
    if numeric is not None and not head[numeric[2] :].strip(" ,"):
        count, head = numeric[0], head[: numeric[1]].strip()
    elif numeric is not None:
        return None
    conjunctions = "|".join(re.escape(c) for c in w.get("conjunctions"))
    names = [
        part
        for part in re.split(rf",|\s(?:{conjunctions})(?:\s|$)", head, flags=re.I)
        if part.strip()
    ]
    return count + len(names) if count + len(names) else None


def is_button(w: Words, line: str) -> bool:
    return w.is_("ignore", line) or w.is_("accept", line)


def _picture_name(w: Words, line: str) -> str | None:
    folded = fold(line)
    for marker in w.get("profile_picture"):
        if folded.endswith(marker):
            return line[: len(line) - len(marker)].strip() or None
        if folded.startswith(marker):
            return line[len(marker) :].strip() or None
    return None


def _cards(w: Words, lines: list[str]) -> tuple[list[list[str]], list[str]]:
    """Each card's lines (without its buttons), and the lines after the last card."""
    cards: list[list[str]] = []
    current: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if is_button(w, line):
            if current:
                cards.append(current)
            current = []
            while i + 1 < len(lines) and is_button(w, lines[i + 1]):
                i += 1
        else:
            current.append(line)
        i += 1
    return cards, current


def _card(w: Words, block: list[str], now: datetime) -> PastedInvitation | None:
    start = 0
    name = None
    for index, line in enumerate(block):
        picture = _picture_name(w, line)
        if picture:
            start, name = index + 1, person_name(w, picture)
    lines = [ln for ln in block[start:] if ln]
    age_at = next((i for i, ln in enumerate(lines) if age(w, ln, now) is not None and i > 0), None)
    head = lines if age_at is None else lines[:age_at]
    tail = [] if age_at is None else lines[age_at + 1 :]
    mutual = None
    kept: list[str] = []
    for line in head:
        count = mutual_count(w, line)
        if count is not None and mutual is None:
            mutual = count
        elif not is_chrome(w, line):
            kept.append(line)
    if name is None:
        # No picture line: the name and headline are the last lines before the age.
        kept = kept[-2:]
        if not kept:
            return None
        name = person_name(w, kept[0])
        kept = kept[1:]
    elif kept and person_name(w, kept[0]) == name:
        kept = kept[1:]
    if not name or not has_letters(name):
        return None
    headline = kept[0] if kept else None
    note_lines = []
    for line in tail:
        if w.starts("reply_to", line):
            continue
        line = see_more(w, line)
        if line:
            note_lines.append(line)
    return PastedInvitation(
        name=name,
        headline=headline,
        mutual_connections=mutual,
        received_at=None if age_at is None else age(w, lines[age_at], now),
        note="\n".join(note_lines) or None,
    )


def parse(w: Words, lines: list[str], now: datetime) -> PasteResult:
    cards, after = _cards(w, lines)
    items = []
    unread = []
    for block in cards:
        card = _card(w, block, now)
        if card is None:
            unread.extend(ln for ln in block if ln and not is_chrome(w, ln))
        else:
            items.append(card)
    unread.extend(ln for ln in after if ln and not is_chrome(w, ln))
    return PasteResult(kind="invitations", items=tuple(items), unread=tuple(unread))
