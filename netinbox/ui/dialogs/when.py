"""Ask for a date in words ("next monday", "in 10 days", "yesterday") and show the date it resolves
to before anything is saved, so "friday" and "next friday" can never be confused silently."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from netinbox.services.dates import WHEN_RULE, WhenError, describe_when, parse_past, parse_when


class WhenDialog(ModalScreen[str | None]):
    """Dismisses with the text typed (the caller's service parses it with the same rules)."""

    BINDINGS = [
        Binding("enter", "save", "Save", show=True, priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    DEFAULT_CSS = """
    WhenDialog { align: center middle; }
    WhenDialog > #dialog {
        width: 80%; max-width: 76; height: auto; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    WhenDialog #resolved { height: 1; margin-top: 1; }
    WhenDialog #rule { color: $text-muted; margin-top: 1; }
    """

    def __init__(
        self,
        title: str,
        question: Text,
        now: datetime,
        future: bool = True,
        current: datetime | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.now = now
        self.future = future
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self.title_text
            yield Static(self.question)
            placeholder = "next monday, in 10 days, 2026-12-24" if self.future else "today"
            yield Input("" if self.future else "today", placeholder=placeholder, id="when")
            yield Static(id="resolved")
            rule = (
                WHEN_RULE
                if self.future
                else "'today', 'yesterday', '3 days ago', 'monday', '20 nov'"
            )
            yield Static(Text(rule), id="rule")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._preview()

    def _resolve(self) -> datetime:
        text = self.query_one(Input).value
        return parse_when(text, self.now) if self.future else parse_past(text, self.now)

    @on(Input.Changed)
    def _preview(self) -> None:
        resolved = self.query_one("#resolved", Static)
        if not self.query_one(Input).value.strip():
            current = self.current
            hint = f"now due {describe_when(current, self.now)}" if current else "type a date"
            resolved.update(Text(hint, style="dim"))
            return
        try:
            moment = self._resolve()
        except WhenError as exc:
            resolved.update(Text(str(exc), style="red"))
        else:
            resolved.update(Text(f"→ {describe_when(moment, self.now)}", style="bold green"))

    def action_save(self) -> None:
        try:
            self._resolve()
        except WhenError as exc:
            self.query_one("#resolved", Static).update(Text(str(exc), style="red"))
            return
        self.dismiss(self.query_one(Input).value)

    def action_cancel(self) -> None:
        self.dismiss(None)
