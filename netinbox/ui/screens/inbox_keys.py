"""The Inbox's keys. The Footer, the `?` help screen and the command palette are all generated
from this list, so a binding without a description and a tooltip would be invisible: give both.
"""

from __future__ import annotations

from textual.binding import Binding

INBOX_BINDINGS = [
    Binding("a", "accept", "Accept", tooltip="Accept the invitation; a thank-you note is prepared"),
    Binding("d", "decline", "Decline", tooltip="Decline the invitation (remembered)"),
    Binding(
        "r",
        "reply",
        "Reply",
        tooltip="Draft a personal reply, or edit and send the thank-you note",
    ),
    Binding(
        "c",
        "conversation",
        "Conversation",
        tooltip="Mark for a real conversation: reason and due date",
    ),
    Binding(
        "R",
        "record_reply",
        "Got reply",
        key_display="R",
        tooltip="Record what came back for a thank-you note: personal, canned, pitch or nothing",
    ),
    Binding("u", "undo", "Undo", tooltip="Undo the last action (again for the one before)"),
    Binding("tab", "switch_pane", "Pane", tooltip="Switch between invitations and thank-you notes"),
    # One Footer entry for moving ("j/k Move"), so every key fits at 120 columns.
    Binding("j,down", "cursor_down", "Move", key_display="j/k", tooltip="Next person (j or ↓)"),
    Binding("k,up", "cursor_up", "Up", show=False, tooltip="Previous person (k or ↑)"),
    Binding("y", "copy", "Copy", show=False, tooltip="Copy the note or draft to the clipboard"),
    Binding(
        "o",
        "open_profile",
        "Open profile",
        show=False,
        tooltip="Open the LinkedIn profile in a browser",
    ),
    Binding("question_mark", "help", "Help", key_display="?", tooltip="Show every key"),
    Binding("q", "quit", "Quit", tooltip="Quit netinbox (everything is already saved)"),
    # Last: at 120 columns the Footer runs out of room here (they are in ? and the palette).
    Binding(
        "v",
        "override_verdict",
        "Verdict",
        tooltip="Override the screening's verdict on the invitation with your own (remembered)",
    ),
    Binding(
        "D",
        "decline_by_verdict",
        "Decline all…",
        key_display="D",
        tooltip="Decline all with a verdict…: choose one, see who, confirm; one u undoes it",
    ),
    Binding("s", "sort", "Sort", tooltip="Sort the invitations by date or by verdict (title says)"),
]
