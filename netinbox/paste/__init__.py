"""Text copied from LinkedIn pages and pasted into netinbox: what it understood, what it could not.

`netinbox.paste.model` holds what a paste becomes (plain dataclasses, no I/O); the parsers read the
text into that, one module per page kind; `netinbox.services.paste` saves it. `parse_paste` is the
one entry point: it raises `PasteError` (a sentence for the user) and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from netinbox.paste import conversation, invitations, profile, viewers
from netinbox.paste.lines import PasteError, check, count_line, normalise
from netinbox.paste.model import KINDS, PasteResult
from netinbox.paste.words import Words, words

__all__ = ["KINDS", "PasteError", "PasteResult", "detect", "parse_paste"]

_PARSERS: dict[str, Callable[[Words, list[str], datetime], PasteResult]] = {
    "invitations": invitations.parse,
    "profile": profile.parse,
    "viewers": viewers.parse,
    "conversation": conversation.parse,
}
_WHAT = {
    "invitations": "the invitation manager (My Network → Manage invitations)",
    "profile": "a LinkedIn profile",
    "viewers": "the “Who’s viewed your profile” page",
    "conversation": "a LinkedIn messaging thread",
}
_WHAT_TO_PASTE = (
    "paste a LinkedIn profile, the invitation manager, “Who’s viewed your profile” or one "
    "messaging thread, selected whole (Ctrl+A) in the browser"
)


def detect(w: Words, lines: list[str], now: datetime) -> str | None:
    """Which page the lines are from, by the markers only that page has; None for none of them."""
    threads = sum(
        1 for ln in lines if conversation.header(w, ln) or conversation.view_line(w, ln) is not None
    )
    if threads:
        return "conversation"
    buttons = sum(1 for ln in lines if w.is_("accept", ln))
    if buttons and any(w.is_("ignore", ln) for ln in lines):
        return "invitations"
    views = sum(1 for ln in lines if viewers.is_view_line(w, ln, now))
    if views or any(w.is_("viewers_heading", ln) for ln in lines):
        return "viewers"
    headings = {profile.heading(w, ln) for ln in lines} - {None, "side_rails"}
    counts = any(count_line(w, "followers", ln) or count_line(w, "connections", ln) for ln in lines)
    if counts or headings & {"experience", "education", "activity"}:
        return "profile"
    return None


def parse_paste(text: str, now: datetime, kind: str | None = None) -> PasteResult:
    """What a paste of a LinkedIn page says. `kind` (one of KINDS) skips the detection."""
    if kind is not None and kind not in KINDS:
        raise PasteError(f"{kind!r} is not a kind of page; use one of {', '.join(KINDS)}")
    check(text)
    # "3d ago" is a day, not a microsecond: the ages carry no more precision than the page has.
    now = now.replace(microsecond=0)
    w = words()
    lines = normalise(text)
    found = kind or detect(w, lines, now)
    if found is None:
        raise PasteError(f"this is not a LinkedIn page netinbox reads; {_WHAT_TO_PASTE}")
    result = _PARSERS[found](w, lines, now)
    if not result.items and (kind is not None or found == "profile"):
        raise PasteError(
            f"nothing in the paste reads as {_WHAT[found]}; {_WHAT_TO_PASTE}"
            + ("" if kind is None else ", or leave out the kind to have it found")
        )
    return result
