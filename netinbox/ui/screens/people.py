"""What every screen that lists people is made of: the top bar, its person tables, a status line,
the person card and the Footer; the person keys (one `PersonActions` for all screens); and keeping
up with changes, which arrive as `DataChanged` messages or are found on coming back.

A screen says what it lists (`compose_lists`, `show_lists`) and adds its own keys; the rest is here.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import DescendantFocus, Paste, ScreenResume
from textual.screen import Screen
from textual.widgets import DataTable, Footer

from netinbox.services import Context
from netinbox.store import DatabaseDamaged
from netinbox.ui.attempt import offer_recovery
from netinbox.ui.intake import open_paste, open_person_form
from netinbox.ui.messages import DataChanged, StartRescreen
from netinbox.ui.person_actions import PersonActions
from netinbox.ui.widgets import PersonCard, PersonTable
from netinbox.ui.widgets.bars import StatusLine, TopBar
from netinbox.ui.widgets.person_card import load_card_data

AGE_REFRESH_SECONDS = 60


class PeopleScreen(Screen):
    MODE: ClassVar[str] = ""  # the app mode this screen is the base of
    CARD_LEAD: ClassVar[str] = "invitation"  # the card's first section after the name
    # (heading, keys) for the help screen; BINDINGS is their concatenation.
    KEY_GROUPS: ClassVar[tuple[tuple[str, list[Binding]], ...]] = ()

    def __init__(self, ctx: Context, demo: bool = False, cursor_blink: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.demo = demo
        self.cursor_blink = cursor_blink
        self.person_actions = PersonActions(self, ctx, self.say, cursor_blink)
        self._active_pane: PersonTable | None = None
        self._drawn: tuple[int, int] | None = None  # (store, revision) last drawn

    # -- what a screen provides --------------------------------------------------------------------

    def compose_lists(self) -> ComposeResult:
        raise NotImplementedError

    def show_lists(self, focus_person: str | None) -> None:
        """Fill every table from its query, keeping the cursor on `focus_person` when listed."""
        raise NotImplementedError

    def summary(self) -> str:
        return f"{self.ctx.now():%a %d %b}"

    def empty_text(self, table: PersonTable) -> str:
        return "Nobody here."

    # -- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TopBar(self.MODE, self.demo)
        yield from self.compose_lists()
        yield StatusLine(id="status")
        yield PersonCard(id="card")

    @property
    def active(self) -> PersonTable:
        """The table the user is working in. Kept here, not read from focus: focus changes are
        applied after pending key presses, so a fast "tab r" must not act on the old pane."""
        return self._active_pane or self.query(PersonTable).first()

    def on_mount(self) -> None:
        self._active_pane = self.query(PersonTable).first()
        self.reload()  # also draws the card: no second pass for the focus below
        self._active_pane.focus()
        # The Footer builds a widget per binding: it joins right after the first frame.
        self.call_after_refresh(self._mount_footer)

    async def _mount_footer(self) -> None:
        await self.mount(Footer(compact=True))
        self.refresh_bindings()  # a late Footer has not seen the screen's bindings yet
        # Ages ("3h", "sent 2d") and the date in the top bar move on while the screen stays open.
        self.set_interval(AGE_REFRESH_SECONDS, self._refresh_ages)

    def _refresh_ages(self) -> None:
        if self.app.screen is self:
            self.reload(focus_person=self.active.person_id)

    # -- drawing -----------------------------------------------------------------------------------

    def _revision(self) -> tuple[int, int]:
        return (id(self.ctx.store), self.ctx.store.revision)

    def reload(self, focus_person: str | None = None) -> None:
        try:
            self.show_lists(focus_person)
            self.refresh_summary()
            self.update_card()
        except DatabaseDamaged as exc:
            offer_recovery(self, str(exc))
        self._drawn = self._revision()

    def refresh_summary(self) -> None:
        self.query_one(TopBar).set_summary(self.summary())

    def update_card(self) -> None:
        table = self.active
        person_id = table.person_id
        card = self.query_one(PersonCard)
        if person_id is None:
            if self.ctx.store.meta("schema_version") is None:  # nothing was ever saved here
                empty = "No data yet. To look around first, quit (q) and run: netinbox --demo"
            else:
                empty = self.empty_text(table)
            card.show(None, self.ctx.now(), empty)
            return
        card.show(load_card_data(self.ctx.store, person_id), self.ctx.now(), lead=self.CARD_LEAD)

    def say(self, text: str, warning: bool = False) -> None:
        self.query_one(StatusLine).say(text, warning)

    def refuse(self, text: str) -> None:
        """Why a key did nothing: in the status line, where the next one replaces it."""
        self.say(text, warning=True)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self.active:
            self.update_card()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if isinstance(event.widget, PersonTable) and event.widget is not self._active_pane:
            self._active_pane = event.widget
            self.update_card()

    def focus_table(self, table: PersonTable) -> None:
        self._active_pane = table
        table.focus()
        self.update_card()

    # -- keeping up --------------------------------------------------------------------------------

    def on_data_changed(self, message: DataChanged) -> None:
        message.stop()
        self.reload(focus_person=message.focus or self.active.person_id)
        if message.follow and message.focus is not None and message.focus not in self.active.rows:
            for table in self.query(PersonTable):
                if message.focus in table.rows:
                    self.focus_table(table)
                    break
        if message.said:
            self.say(message.said)

    def on_screen_resume(self, event: ScreenResume) -> None:
        if self._drawn is not None and self._drawn != self._revision():
            self.reload(focus_person=self.active.person_id)

    def on_start_rescreen(self, message: StartRescreen) -> None:
        from netinbox.ui.widgets.rescreen import RescreenBar

        if self.query(RescreenBar):
            self.refuse("A rescreen is already running")
            return
        self.mount(RescreenBar(self.ctx, self._rescreen_done), before=self.query_one(StatusLine))
        self.say("Rescreening everything in the background: keep working")

    def _rescreen_done(self, result, problem: str) -> None:
        if result is None:
            if problem.startswith("damaged: "):
                offer_recovery(self, problem.removeprefix("damaged: "))
            else:
                self.notify(
                    problem, title="Rescreen failed", severity="error", markup=False, timeout=15
                )
            return
        self.post_message(DataChanged((), self.active.person_id, result.line()))

    # -- whom a key acts on ------------------------------------------------------------------------

    def person_or_warn(self) -> str | None:
        person_id = self.active.person_id
        if person_id is None:
            self.refuse("Nobody is highlighted")
        return person_id

    def targets(self) -> list[str]:
        """The selection when there is one, else the highlighted person."""
        table = self.active
        if table.selected:
            return [pid for pid in table.rows_in_order() if pid in table.selected] or sorted(
                table.selected
            )
        person_id = self.person_or_warn()
        return [person_id] if person_id else []

    # -- the person keys ---------------------------------------------------------------------------

    def action_reply(self) -> None:
        if person_id := self.person_or_warn():
            self.person_actions.reply(person_id)

    def action_conversation(self) -> None:
        if person_id := self.person_or_warn():
            self.person_actions.conversation(person_id)

    def action_mark_sent(self) -> None:
        if person_id := self.person_or_warn():
            self.person_actions.mark_sent(person_id)

    def action_record_reply(self) -> None:
        if person_id := self.person_or_warn():
            self.person_actions.record_reply(person_id)

    def action_flag(self) -> None:
        if (person_ids := self.targets()) and self.person_actions.flag(person_ids):
            self.active.set_selected(set())

    def action_viewed(self) -> None:
        if person_id := self.person_or_warn():
            self.person_actions.viewed(person_id)

    def action_copy(self) -> None:
        if person_id := self.person_or_warn():
            self.person_actions.copy(person_id)

    def action_open_profile(self) -> None:
        if person_id := self.person_or_warn():
            self.person_actions.open_profile(person_id)

    def action_undo(self) -> None:
        self.person_actions.undo()

    # -- bringing people in ------------------------------------------------------------------------

    def action_paste(self) -> None:
        open_paste(self, self.ctx, self.refuse)

    def action_edit_person(self) -> None:
        if person_id := self.person_or_warn():
            open_person_form(self, self.ctx, person_id)

    def action_add_person(self) -> None:
        open_person_form(self, self.ctx)

    def action_add_invitation(self) -> None:
        open_person_form(self, self.ctx, with_invitation=True)

    def on_paste(self, event: Paste) -> None:
        """A paste straight onto a screen (no dialog open yet) is read the same way."""
        event.stop()
        open_paste(self, self.ctx, self.refuse, event.text)

    # -- moving, help, quit ------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.active.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.active.action_cursor_up()

    def action_scroll_card(self, lines: int) -> None:
        self.query_one(PersonCard).scroll_relative(y=lines * 3, animate=False)

    def action_help(self) -> None:
        from netinbox.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self))

    async def action_quit(self) -> None:
        await self.app.action_quit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing more once quitting: a key typed right after `q` opens no dialog."""
        return not getattr(self.app, "leaving", False)
