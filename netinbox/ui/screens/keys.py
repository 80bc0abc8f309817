"""Every screen's keys. The Footer, the `?` help screen and the command palette are all generated
from these lists, so a binding without a description and a tooltip would be invisible: give both.

A screen's BINDINGS are its own keys, then the person keys, then the moving keys: the Footer shows
them in that order, and runs out of room from the end.
"""

from __future__ import annotations

from textual.binding import Binding

INBOX_KEYS = [
    Binding("a", "accept", "Accept", tooltip="Accept the invitation; a thank-you note is prepared"),
    Binding("d", "decline", "Decline", tooltip="Decline the invitation (remembered)"),
]

# What can be done to a person on every screen that shows people, from one implementation.
PERSON_KEYS = [
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
        tooltip="Mark for a real conversation (or edit it): reason, next step, due date, cadence",
    ),
    Binding(
        "R",
        "record_reply",
        "Got reply",
        key_display="R",
        tooltip="Record what came back for a thank-you note: personal, canned, pitch or nothing",
    ),
    Binding(
        "S",
        "mark_sent",
        "Sent",
        key_display="S",
        show=False,
        tooltip="Mark their thank-you note (or the draft to them) sent, without opening it",
    ),
    Binding("u", "undo", "Undo", tooltip="Undo the last action (again for the one before)"),
    Binding(
        "f",
        "flag",
        "Flag spam",
        show=False,
        tooltip="Flag: I got spam after connecting (again to unflag; on the selection if any)",
    ),
    Binding(
        "w",
        "viewed",
        "Viewed me",
        show=False,
        tooltip="Record that they viewed my profile, and when (before inviting or after accepting)",
    ),
    Binding("y", "copy", "Copy", show=False, tooltip="Copy the note or draft to the clipboard"),
    Binding(
        "o",
        "open_profile",
        "Open profile",
        show=False,
        tooltip="Open the LinkedIn profile in a browser",
    ),
]

# Bringing people in, from every screen.
INTAKE_KEYS = [
    Binding(
        "p",
        "paste",
        "Paste",
        tooltip="Paste a LinkedIn page: invitations, a profile, who viewed me, a thread",
    ),
    Binding("i", "edit_person", "Edit", show=False, tooltip="Edit the highlighted person by hand"),
    Binding("n", "add_person", "Add person", show=False, tooltip="Add a person by hand"),
    Binding(
        "N",
        "add_invitation",
        "Add invitation",
        key_display="N",
        show=False,
        tooltip="Add an invitation by hand: who, when it came, their note",
    ),
]

MOVE_KEYS = [
    # One Footer entry for moving ("j/k Move"), so the screen's own keys fit at 120 columns.
    Binding("j,down", "cursor_down", "Move", key_display="j/k", tooltip="Next person (j or ↓)"),
    Binding("k,up", "cursor_up", "Up", show=False, tooltip="Previous person (k or ↑)"),
    Binding("J", "scroll_card(1)", "Card ↓", show=False, tooltip="Scroll the person card down"),
    Binding("K", "scroll_card(-1)", "Card ↑", show=False, tooltip="Scroll the person card up"),
    Binding("question_mark", "help", "Help", key_display="?", tooltip="Show every key"),
    Binding("q", "quit", "Quit", tooltip="Quit netinbox (everything is already saved)"),
]

# After the common keys: at 120 columns the Footer runs out of room here (they are in ? and the
# palette).
INBOX_MORE_KEYS = [
    Binding("tab", "switch_pane", "Pane", tooltip="Switch between invitations and thank-you notes"),
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

NEVER_KEYS = [
    Binding("space", "toggle_select", "Select", tooltip="Select or unselect the person (for bulk)"),
    Binding(
        "e",
        "archive",
        "Archive",
        tooltip="Archive: stop waiting for their reply (the selection, else the highlighted one)",
    ),
    Binding(
        "x",
        "export",
        "Export",
        tooltip="Export the selection (else the whole list as filtered) to CSV or JSON",
    ),
    Binding("asterisk", "select_all", "All", key_display="*", tooltip="Select all shown, or none"),
]
# One key per filter; the same key again shows everyone. The title says which is on.
NEVER_FILTER_KEYS = [
    Binding(
        "V",
        "filter('unviewed')",
        "Not viewed",
        key_display="V",
        tooltip="Only those who never viewed my profile after accepting",
    ),
    Binding(
        "P", "filter('pitch')", "Pitch", key_display="P", tooltip="Only those who answered a pitch"
    ),
    Binding(
        "C",
        "filter('canned')",
        "Canned",
        key_display="C",
        tooltip="Only those who answered with a canned one-tap reply",
    ),
    Binding(
        "F",
        "filter('flagged')",
        "Flagged",
        key_display="F",
        tooltip="Only those flagged as spammers or address harvesters",
    ),
    Binding(
        "E",
        "filter('archived')",
        "Archived",
        key_display="E",
        tooltip="Only the archived ones (nothing is ever hidden for good)",
    ),
]

CONVERSATION_KEYS = [
    Binding(
        "d",
        "done",
        "Done",
        tooltip="Done: the next date follows the cadence; without one the conversation ends",
    ),
    Binding(
        "z", "snooze", "Snooze", tooltip="Snooze to a date you type: 'next monday', 'in 10 days'"
    ),
    Binding(
        "X",
        "end_conversation",
        "End",
        key_display="X",
        tooltip="End the conversation (it leaves the list; u brings it back)",
    ),
]

# The app's own: the screens, from anywhere.
SCREEN_KEYS = [
    Binding(
        "1", "show_screen('inbox')", "Inbox", show=False, tooltip="Inbox: invitations and notes"
    ),
    Binding(
        "2",
        "show_screen('never')",
        "Never responded",
        show=False,
        tooltip="Never responded: accepted, thanked, and nothing real came back",
    ),
    Binding(
        "3",
        "show_screen('conversations')",
        "Conversations",
        show=False,
        tooltip="Conversations: the people worth a real one, next step and due date",
    ),
]


def person_keys(shown: tuple[str, ...] = ()) -> list[Binding]:
    """The person keys, with the actions named in `shown` in the Footer too (a screen where
    flagging is the point shows `f`; the Inbox keeps its Footer for deciding)."""
    from dataclasses import replace

    return [replace(b, show=True) if b.action in shown else b for b in PERSON_KEYS]
