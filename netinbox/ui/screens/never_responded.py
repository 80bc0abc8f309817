"""Never responded (`2`): accepted contacts whose thank-you note got no real reply, oldest first.

One key per filter (the title says which is on); space selects; archive, flag and export act on the
selection, else on the highlighted person. Nothing is hidden for its age: every note sent is here,
or under "archived".
"""

from __future__ import annotations

from textual.app import ComposeResult

from netinbox.services.lists.never_responded import never_responded
from netinbox.ui.screens.keys import (
    INTAKE_KEYS,
    MOVE_KEYS,
    NEVER_FILTER_KEYS,
    NEVER_KEYS,
    person_keys,
)
from netinbox.ui.screens.people import PeopleScreen
from netinbox.ui.widgets import PersonTable
from netinbox.ui.widgets.rows import NEVER_COLUMNS, never_row, person_id_of

FILTER_NOTES = {
    None: "",
    "unviewed": "only: never viewed my profile",
    "pitch": "only: answered a pitch",
    "canned": "only: answered canned",
    "flagged": "only: flagged",
    "archived": "only: archived",
}
FILTER_HINT = "V P C F E filter"


class NeverRespondedScreen(PeopleScreen):
    TITLE = "Never responded"
    MODE = "never"
    CARD_LEAD = "note"
    KEY_GROUPS = (
        ("Never responded", NEVER_KEYS),
        ("Filters (the same key again shows everyone)", NEVER_FILTER_KEYS),
        ("The highlighted person", person_keys(("flag",))),
        ("Bringing people in", INTAKE_KEYS),
        ("Moving", MOVE_KEYS),
    )
    BINDINGS = NEVER_KEYS + person_keys(("flag",)) + INTAKE_KEYS + MOVE_KEYS + NEVER_FILTER_KEYS

    only: str | None = None

    def compose_lists(self) -> ComposeResult:
        yield PersonTable(NEVER_COLUMNS, "Never responded", shrink=("Name", 12), id="never")

    @property
    def table(self) -> PersonTable:
        return self.query_one("#never", PersonTable)

    def show_lists(self, focus_person: str | None) -> None:
        rows = never_responded(self.ctx, only=self.only)
        self._rows = rows
        days = self.ctx.settings.never_responded_days
        note = FILTER_NOTES[self.only] or f"no reply after {days}+ days, oldest first"
        self.table.set_title_note(f"{note} · {FILTER_HINT}")
        now = self.ctx.now()
        self.table.show(rows, lambda r: never_row(r, now), focus_person, person_id_of)

    def summary(self) -> str:
        return f"{self.ctx.now():%a %d %b} · {self.table.total} never responded"

    def empty_text(self, table: PersonTable) -> str:
        if self.only is not None:
            return f"Nobody here with this filter ({FILTER_NOTES[self.only]}): press its key again."
        days = self.ctx.settings.never_responded_days
        return (
            f"Nobody has left a thank-you note unanswered for {days} days or more. "
            "Notes still waiting are on the Inbox (1)."
        )

    # -- keys --------------------------------------------------------------------------------------

    def action_filter(self, only: str) -> None:
        self.only = None if self.only == only else only
        self.table.set_selected(set())
        self.reload(focus_person=self.table.person_id)
        self.say(f"Showing {FILTER_NOTES[self.only] or 'everyone'} ({self.table.total})")

    def action_toggle_select(self) -> None:
        person_id = self.person_or_warn()
        if person_id is None:
            return
        self.table.toggle_selected(person_id)
        self.table.action_cursor_down()  # as in mail clients: select and move on

    def action_select_all(self) -> None:
        if self.table.selected:
            self.table.set_selected(set())
            self.say("Selection cleared")
            return
        everyone = set(self._person_ids())
        self.table.set_selected(everyone)
        self.say(f"Selected all {len(everyone)} shown (again to clear)")

    def _person_ids(self) -> list[str]:
        ids = getattr(self._rows, "person_ids", None)  # a lazy list knows, without its rows
        return list(ids) if ids is not None else [row.person_id for row in self._rows]

    def action_archive(self) -> None:
        person_ids = self.targets()
        if not person_ids:
            return
        if self.person_actions.archive(person_ids, archived=self.only != "archived"):
            self.table.set_selected(set())

    def action_export(self) -> None:
        from netinbox.ui.dialogs.export_rows import open_export_dialog

        if self.table.selected:
            chosen = set(self.table.selected)
            ids = self._person_ids()  # the rows chosen are built, not the whole list
            rows = [self._rows[i] for i, person_id in enumerate(ids) if person_id in chosen]
        else:
            rows = list(self._rows)
        if not rows:
            self.refuse("Nothing to export: the list is empty")
            return
        open_export_dialog(self, self.ctx, "never-responded", rows, self.say)
