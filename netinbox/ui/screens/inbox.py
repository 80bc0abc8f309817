"""The Inbox: pending invitations beside the thank-you notes still open, and the person card.

Every action goes through a service, which writes it durably before returning; only then does the
screen change and say it is done.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal

from netinbox.services import triage
from netinbox.services.lists.inbox import open_notes, pending
from netinbox.store import DatabaseDamaged
from netinbox.ui.attempt import attempt, offer_recovery
from netinbox.ui.messages import DataChanged
from netinbox.ui.screens import inbox_verdicts
from netinbox.ui.screens.keys import (
    INBOX_KEYS,
    INBOX_MORE_KEYS,
    INTAKE_KEYS,
    MOVE_KEYS,
    person_keys,
)
from netinbox.ui.screens.people import PeopleScreen
from netinbox.ui.widgets import PersonTable
from netinbox.ui.widgets.rows import (
    NOTE_COLUMNS,
    PENDING_COLUMNS,
    note_row,
    pending_row,
    person_id_of,
)
from netinbox.ui.widgets.verdict_text import VERDICT_WIDTH, VERDICT_WIDTH_MINE

# (query order, what the title says)
SORTS = (("date", "newest first"), ("verdict", "by verdict"))


class InboxScreen(PeopleScreen):
    TITLE = "Inbox"
    MODE = "inbox"
    KEY_GROUPS = (
        ("Inbox", INBOX_KEYS + INBOX_MORE_KEYS),
        ("The highlighted person", person_keys()),
        ("Bringing people in", INTAKE_KEYS),
        ("Moving", MOVE_KEYS),
    )
    BINDINGS = INBOX_KEYS + person_keys() + INTAKE_KEYS + MOVE_KEYS + INBOX_MORE_KEYS

    _sort = 0  # index into SORTS

    def compose_lists(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield PersonTable(PENDING_COLUMNS, "Invitations", shrink=("Name", 12), id="invitations")
            yield PersonTable(NOTE_COLUMNS, "Thank-you notes", id="notes")

    @property
    def invitations(self) -> PersonTable:
        return self.query_one("#invitations", PersonTable)

    @property
    def notes(self) -> PersonTable:
        return self.query_one("#notes", PersonTable)

    # -- lists -------------------------------------------------------------------------------------

    def show_lists(self, focus_person: str | None) -> None:
        self.show_invitations(focus_person)
        now = self.ctx.now()
        self.notes.show(
            open_notes(self.ctx), lambda r: note_row(r, now), focus_person, person_id_of
        )

    def show_invitations(self, focus_person: str | None = None) -> None:
        order, note = SORTS[self._sort]
        rows = pending(self.ctx, order)
        mine = any(r.invitation.verdict is not None and r.invitation.verdict.by_user for r in rows)
        self.invitations.set_column_width("Verdict", VERDICT_WIDTH_MINE if mine else VERDICT_WIDTH)
        self.invitations.set_title_note(note)
        now = self.ctx.now()
        self.invitations.show(rows, lambda r: pending_row(r, now), focus_person, person_id_of)

    def summary(self) -> str:
        now = self.ctx.now()
        return f"{now:%a %d %b} · {self.invitations.total} pending · {self.notes.total} notes open"

    def empty_text(self, table: PersonTable) -> str:
        if table is self.invitations:
            return "No pending invitations: inbox zero."
        return "No thank-you notes open: every one is answered or recorded (2 shows who never replied)."

    # -- deciding ----------------------------------------------------------------------------------

    def _need_invitation(self, verb: str) -> str | None:
        if self.active is not self.invitations:
            self.refuse(f"{verb} works on invitations: press tab to go to the Invitations pane")
            return None
        return self.person_or_warn()

    def action_accept(self) -> None:
        person_id = self._need_invitation("Accept")
        if person_id is None:
            return
        event = attempt(self, self.ctx, lambda: triage.accept(self.ctx, [person_id]), self.refuse)
        if event is not None:
            said = f"{event.summary}. Thank-you note ready: tab, then r to send it"
            self.post_message(DataChanged(event.person_ids, person_id, said))

    def action_decline(self) -> None:
        person_id = self._need_invitation("Decline")
        if person_id is None:
            return
        event = attempt(self, self.ctx, lambda: triage.decline(self.ctx, [person_id]), self.refuse)
        if event is not None:
            self.post_message(DataChanged(event.person_ids, None, f"{event.summary} (u to undo)"))

    def action_override_verdict(self) -> None:
        if person_id := self._need_invitation("Overriding a verdict"):
            inbox_verdicts.override_verdict(self, self.ctx, person_id, self.refuse)

    def action_decline_by_verdict(self) -> None:
        inbox_verdicts.decline_by_verdict(self, self.ctx, self.refuse)

    def action_sort(self) -> None:
        self._sort = (self._sort + 1) % len(SORTS)
        try:  # only this pane: the notes and the card stay as they are
            self.show_invitations(focus_person=self.invitations.person_id)
        except DatabaseDamaged as exc:
            offer_recovery(self, str(exc))
            return
        self.say(f"Invitations sorted {SORTS[self._sort][1]}")

    def action_switch_pane(self) -> None:
        self.focus_table(self.notes if self.active is self.invitations else self.invitations)
