"""The Inbox: pending invitations beside the thank-you notes still waiting, and the person card.

Every action goes through a service, which writes it durably before returning; only then does the
screen change and say it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from netinbox.model import Invitation, ThankYouNote
from netinbox.services import ActionError, Context, triage, undo
from netinbox.services.dates import WhenError, age
from netinbox.store import DatabaseDamaged, StoreError
from netinbox.text import one_line
from netinbox.ui.screens.inbox_keys import INBOX_BINDINGS
from netinbox.ui.screens.inbox_verdicts import VerdictActions
from netinbox.ui.screens.inbox_writing import WritingActions
from netinbox.ui.widgets import FlexTable, PersonCard, Row
from netinbox.ui.widgets.person_card import CardData
from netinbox.ui.widgets.profile_opener import open_profile
from netinbox.ui.widgets.verdict_text import VERDICT_WIDTH, verdict_cell

T = TypeVar("T")
AGE_REFRESH_SECONDS = 60


def _person_of(invitation: Invitation) -> str:
    return invitation.person_id


def _person_of_pair(item: tuple[str, str]) -> str:
    return item[0]


class InboxScreen(WritingActions, VerdictActions, Screen):
    TITLE = "Inbox"

    BINDINGS = INBOX_BINDINGS

    def __init__(self, ctx: Context, demo: bool = False, cursor_blink: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.demo = demo
        self.cursor_blink = cursor_blink
        self._active_pane: FlexTable | None = None

    # -- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(Text("netinbox ─ Inbox" + ("  [demo]" if self.demo else "")), id="brand")
            yield Static(id="summary")
        with Horizontal(id="panes"):
            yield FlexTable(
                [
                    ("", 1),
                    ("Name", 18),
                    ("Verdict", VERDICT_WIDTH),
                    ("Age", 4),
                    ("Note / headline", None),
                ],
                "Invitations",
                shrink=("Name", 12),
                id="invitations",
            )
            yield FlexTable(
                [("", 1), ("Name", 20), ("Sent", 8), ("Status", None)],
                "Thank-you notes",
                id="notes",
            )
        yield PersonCard(id="card")

    @property
    def invitations(self) -> FlexTable:
        return self.query_one("#invitations", FlexTable)

    @property
    def notes(self) -> FlexTable:
        return self.query_one("#notes", FlexTable)

    @property
    def active(self) -> FlexTable:
        """The pane the user is working in. Kept here, not read from focus: focus changes are
        applied after pending key presses, so a fast "tab r" must not act on the old pane."""
        return self._active_pane or self.invitations

    def on_mount(self) -> None:
        self._active_pane = self.invitations
        self.reload()  # also draws the card: no second pass for the focus below
        self.invitations.focus()
        # The Footer builds a widget per binding: it joins right after the first frame.
        self.call_after_refresh(self._mount_footer)

    async def _mount_footer(self) -> None:
        await self.mount(Footer(compact=True))
        self.refresh_bindings()  # a late Footer has not seen the screen's bindings yet
        # Ages ("3h", "sent 2d") and the date in the top bar move on while the inbox stays open.
        self.set_interval(AGE_REFRESH_SECONDS, self._refresh_ages)

    def _refresh_ages(self) -> None:
        if self.app.screen is self:
            self.reload(focus_person=self.active.person_id)

    # -- rows --------------------------------------------------------------------------------------

    def _invitation_row(self, invitation: Invitation) -> Row:
        person = self.ctx.store.person(invitation.person_id)
        now = self.ctx.now()
        name = person.name if person else invitation.person_id
        if invitation.note.strip():
            what = Text(f"“{one_line(invitation.note, 200)}”", style="italic")
        else:
            what = Text(one_line(person.headline if person else "", 200), style="dim")
        return Row(
            invitation.person_id,
            (
                self._mark_cell(invitation.person_id),
                Text(one_line(name, 40), style="bold"),
                verdict_cell(invitation.verdict),
                Text(age(invitation.received_at, now), style="dim"),
                what,
            ),
        )

    def _note_row(self, note: ThankYouNote) -> Row:
        person = self.ctx.store.person(note.person_id)
        now = self.ctx.now()
        name = person.name if person else note.person_id
        if note.sent_at is None:
            sent = Text("to send", style="bold yellow")
            status = Text("note ready · r to edit & send", style="dim")
        else:
            days = (now - note.sent_at).days
            sent = Text(f"sent {age(note.sent_at, now)}", style="dim")
            overdue = days >= self.ctx.settings.never_responded_days
            status = Text(
                "no reply" + (" · overdue" if overdue else ""), style="red" if overdue else ""
            )
        return Row(
            note.person_id,
            (
                self._mark_cell(note.person_id),
                Text(one_line(name, 40), style="bold"),
                sent,
                status,
            ),
        )

    def _mark_cell(self, person_id: str) -> Text:
        return (
            Text("★", style="bold yellow")
            if self.ctx.store.conversation_for(person_id)
            else Text(" ")
        )

    def reload(self, focus_person: str | None = None) -> None:
        try:
            self.show_invitations(focus_person)
            self._show_notes(focus_person)
            self._refresh_summary()
            self.update_card()
        except DatabaseDamaged as exc:
            self.app.offer_recovery(str(exc))

    def show_invitations(self, focus_person: str | None = None) -> None:
        """The pending invitations (few: read whole) in the current order."""
        invitations = self.sorted_invitations(self.ctx.store.pending_invitations())
        self.invitations.show(invitations, self._invitation_row, focus_person, _person_of)

    def _show_notes(self, focus_person: str | None = None) -> None:
        since = self.ctx.now() - timedelta(days=self.ctx.settings.waiting_window_days)
        # Ordered from the store's index: only the notes that get a row now are read.
        waiting = self.ctx.store.open_note_keys(sent_since=since)
        self.notes.show(waiting, self._note_row_for, focus_person, _person_of_pair)

    def _note_row_for(self, item: tuple[str, str]) -> Row:
        return self._note_row(self.ctx.store.note(item[1]))

    def _refresh_row(self, person_id: str) -> None:
        """Redraw one person's rows (after a mark or a draft) without touching the rest."""
        invitation = self.ctx.store.pending_invitation(person_id)
        if invitation is not None and person_id in self.invitations.rows:
            self._update_cells(self.invitations, self._invitation_row(invitation))
        note = self.ctx.store.note_for(person_id)
        if note is not None and note.is_open and person_id in self.notes.rows:
            self._update_cells(self.notes, self._note_row(note))

    @staticmethod
    def _update_cells(table: FlexTable, row: Row) -> None:
        for column_key, cell in zip(list(table.columns), row.cells, strict=False):
            table.update_cell(row.key, column_key, cell)

    def _refresh_summary(self) -> None:
        now = self.ctx.now()
        summary = (
            f"{now:%a %d %b} · {self.invitations.total} pending · {self.notes.total} notes open"
        )
        self.query_one("#summary", Static).update(Text(summary))

    # -- the card ----------------------------------------------------------------------------------

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self.active:
            self.update_card()

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, FlexTable) and event.widget is not self._active_pane:
            self._active_pane = event.widget
            self.update_card()

    def update_card(self) -> None:
        table = self.active
        person_id = table.person_id
        card = self.query_one(PersonCard)
        if person_id is None:
            if self.ctx.store.meta("schema_version") is None:  # nothing was ever saved here
                empty = "No data yet. To look around first, quit (q) and run: netinbox --demo"
            elif table is self.invitations:
                empty = "No pending invitations: inbox zero."
            else:
                empty = "No thank-you notes waiting for a reply."
            card.show(None, self.ctx.now(), empty)
            return
        card.show(self._card_data(person_id), self.ctx.now())

    def _card_data(self, person_id: str) -> CardData | None:
        store = self.ctx.store
        person = store.person(person_id)
        if person is None:
            return None
        return CardData(
            person,
            store.pending_invitation(person_id),
            store.note_for(person_id),
            store.draft_for(person_id),
            store.conversation_for(person_id),
        )

    # -- running services --------------------------------------------------------------------------

    def _attempt(self, action: Callable[[], T]) -> T | None:
        """Run a service call; a refusal or a failed save becomes a clear message, never a crash."""
        try:
            result = action()
        except (ActionError, WhenError) as exc:
            self.notify(str(exc), severity="warning", markup=False)
        except DatabaseDamaged as exc:
            self.app.offer_recovery(str(exc))
        except StoreError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False, timeout=15)
        else:
            damaged = self.ctx.store.damage_found_after_saving()
            for warning in self.ctx.store.take_warnings():  # saved; something after it was not
                if damaged:
                    self.app.offer_recovery(warning)
                    continue
                self.notify(
                    warning,
                    title="Saved, with a warning",
                    severity="warning",
                    markup=False,
                    timeout=15,
                )
            return result
        return None

    def _done(self, message: str) -> None:
        self.notify(message, markup=False, timeout=4)

    def _person_or_warn(self) -> str | None:
        person_id = self.active.person_id
        if person_id is None:
            self.notify("Nobody is highlighted", severity="warning")
        return person_id

    def _need_invitation(self, verb: str) -> str | None:
        if self.active is not self.invitations:
            self.notify(
                f"{verb} works on invitations: press tab to go to the Invitations pane",
                severity="warning",
            )
            return None
        return self._person_or_warn()

    # -- actions -----------------------------------------------------------------------------------

    def action_accept(self) -> None:
        person_id = self._need_invitation("Accept")
        if person_id is None:
            return
        event = self._attempt(lambda: triage.accept(self.ctx, [person_id]))
        if event is None:
            return
        self.invitations.drop(person_id)
        self._show_notes(focus_person=person_id)  # tab lands on the note just prepared
        self._refresh_summary()
        self.update_card()
        self._done(f"{event.summary}. Thank-you note ready: tab, then r to send it")

    def action_decline(self) -> None:
        person_id = self._need_invitation("Decline")
        if person_id is None:
            return
        event = self._attempt(lambda: triage.decline(self.ctx, [person_id]))
        if event is None:
            return
        self.invitations.drop(person_id)
        self._refresh_summary()
        self.update_card()
        self._done(f"{event.summary} (u to undo)")

    def action_undo(self) -> None:
        event = self._attempt(lambda: undo.undo(self.ctx))
        if event is None:
            return
        focus = event.person_ids[0] if event.person_ids else None
        self.reload(focus_person=focus)
        if focus is not None:
            for table in (self.invitations, self.notes):
                if focus in table.rows:
                    self._focus_pane(table)
                    break
        self._done(f"Undone: {event.summary}")

    def action_switch_pane(self) -> None:
        self._focus_pane(self.notes if self.active is self.invitations else self.invitations)

    def _focus_pane(self, pane: FlexTable) -> None:
        self._active_pane = pane
        pane.focus()
        self.update_card()

    def action_cursor_down(self) -> None:
        self.active.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.active.action_cursor_up()

    def action_copy(self) -> None:
        person_id = self._person_or_warn()
        if person_id is None:
            return
        note = self.ctx.store.note_for(person_id)
        draft = self.ctx.store.draft_for(person_id)
        if note is not None and note.sent_at is None:
            text, what = note.text, "thank-you note"
        elif draft is not None and draft.sent_at is None:
            text, what = draft.text, "draft"
        else:
            self.notify(
                "Nothing to copy: no unsent note or draft (press r to write one)",
                severity="warning",
            )
            return
        self.app.copy_to_clipboard(text)
        self._done(f"Copied the {what} to the clipboard")

    def action_open_profile(self) -> None:
        person_id = self._person_or_warn()
        if person_id is None:
            return
        person = self.ctx.store.person(person_id)
        open_profile(self, person.profile_url if person else "")

    def action_help(self) -> None:
        from netinbox.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    def action_quit(self) -> None:
        self.app.exit()
