"""Mark someone for a real conversation: why, what next, by when, how often."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from netinbox.model import ConversationMark, Person
from netinbox.services.dates import (
    WHEN_RULE,
    WhenError,
    cadence_text,
    describe_when,
    parse_cadence,
    parse_when,
    short_date,
)
from netinbox.text import one_line


@dataclass(frozen=True)
class ConversationInput:
    reason: str
    next_step: str
    due: str | None  # None: left as it was
    cadence: str


class ConversationDialog(ModalScreen[ConversationInput | None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    DEFAULT_CSS = """
    ConversationDialog { align: center middle; }
    ConversationDialog > #dialog {
        width: 80%; max-width: 80; height: auto; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    ConversationDialog Label { padding-top: 1; color: $text-muted; }
    ConversationDialog #due-preview { height: 1; }
    ConversationDialog #when-rule { color: $text-muted; padding-top: 1; }
    """

    def __init__(
        self, person: Person, now: datetime, current: ConversationMark | None = None
    ) -> None:
        super().__init__()
        self.person = person
        self.now = now
        self.current = current

    @property
    def _shown_due(self) -> str:
        current = self.current
        return short_date(current.due_at, self.now) if current and current.due_at else ""

    def compose(self) -> ComposeResult:
        current = self.current
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Real conversation"
            yield Static(Text(f"Talk for real with {one_line(self.person.name)}", style="bold"))
            yield Label("Why them?")
            yield Input(
                current.reason if current else "",
                placeholder="met at the platform meetup",
                id="reason",
            )
            yield Label("Next step")
            yield Input(
                current.next_step if current else "", placeholder="ask for a coffee", id="next-step"
            )
            yield Label("Due")
            yield Input(
                self._shown_due,
                placeholder="friday, in 2 weeks, 2026-12-01",
                id="due",
            )
            yield Static(id="due-preview")
            yield Label("Stay in touch (optional)")
            yield Input(
                cadence_text(current.cadence) if current and current.cadence else "",
                placeholder="every 3 months, every other week, monthly",
                id="cadence",
            )
            yield Static(Text(WHEN_RULE), id="when-rule")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()
        self._preview()

    def _values(self) -> ConversationInput:
        due = self.query_one("#due", Input).value
        return ConversationInput(
            reason=self.query_one("#reason", Input).value,
            next_step=self.query_one("#next-step", Input).value,
            due=None if due == self._shown_due and due else due,
            cadence=self.query_one("#cadence", Input).value,
        )

    def _problem(self) -> str | None:
        values = self._values()
        try:
            if values.due and values.due.strip():
                parse_when(values.due, self.now)
            parse_cadence(values.cadence)
        except WhenError as exc:
            return str(exc)
        return None

    @on(Input.Changed)
    def _preview(self) -> None:
        values = self._values()
        preview = self.query_one("#due-preview", Static)
        problem = self._problem()
        if problem:
            preview.update(Text(problem, style="red"))
        elif values.due is None and self.current is not None and self.current.due_at:
            preview.update(Text(f"due {describe_when(self.current.due_at, self.now)}", style="dim"))
        elif values.due and values.due.strip():
            due = parse_when(values.due, self.now)
            preview.update(Text(f"→ {describe_when(due, self.now)}", style="bold green"))
        else:
            preview.update(Text("no due date", style="dim"))

    @on(Input.Submitted)
    def action_save(self) -> None:
        problem = self._problem()
        if problem:
            self.notify(problem, severity="error", markup=False)
            return
        self.dismiss(self._values())

    def action_cancel(self) -> None:
        self.dismiss(None)
