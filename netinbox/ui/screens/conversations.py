"""Conversations (`3`): the people worth a real conversation, overdue first, then soonest due.

Done moves the date on by the cadence (or ends a one-off); snooze takes a date in words and shows
what it resolves to first; any reply, sent note or message resets a cadence's timer.
"""

from __future__ import annotations

from textual.app import ComposeResult

from netinbox.services.lists.conversations import conversations
from netinbox.ui.screens.keys import CONVERSATION_KEYS, INTAKE_KEYS, MOVE_KEYS, person_keys
from netinbox.ui.screens.people import PeopleScreen
from netinbox.ui.widgets import PersonTable
from netinbox.ui.widgets.rows import CONVERSATION_COLUMNS, conversation_row, person_id_of


class ConversationsScreen(PeopleScreen):
    TITLE = "Conversations"
    MODE = "conversations"
    CARD_LEAD = "mark"
    KEY_GROUPS = (
        ("Conversations", CONVERSATION_KEYS),
        ("The highlighted person", person_keys()),
        ("Bringing people in", INTAKE_KEYS),
        ("Moving", MOVE_KEYS),
    )
    BINDINGS = CONVERSATION_KEYS + person_keys() + INTAKE_KEYS + MOVE_KEYS

    def compose_lists(self) -> ComposeResult:
        yield PersonTable(
            CONVERSATION_COLUMNS, "Conversations", shrink=("Name", 16), id="conversations"
        )

    @property
    def table(self) -> PersonTable:
        return self.query_one("#conversations", PersonTable)

    def show_lists(self, focus_person: str | None) -> None:
        rows = conversations(self.ctx)
        overdue = sum(1 for row in rows if row.overdue)
        self.table.set_title_note(f"{overdue} overdue" if overdue else "nothing overdue")
        now = self.ctx.now()
        self.table.show(rows, lambda r: conversation_row(r, now), focus_person, person_id_of)

    def summary(self) -> str:
        return f"{self.ctx.now():%a %d %b} · {self.table.total} conversations"

    def empty_text(self, table: PersonTable) -> str:
        return (
            "No conversations yet. On anyone worth a real one, press c: a reason, a next step, "
            "a date, and how often to stay in touch."
        )

    def action_done(self) -> None:
        if person_id := self.person_or_warn():
            self.person_actions.done(person_id)

    def action_snooze(self) -> None:
        if person_id := self.person_or_warn():
            self.person_actions.snooze(person_id)

    def action_end_conversation(self) -> None:
        if person_id := self.person_or_warn():
            self.person_actions.end(person_id)
