"""`?`: every binding of the screen underneath, with what it does. Generated, so it never lies."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static


def binding_table(screen: Screen) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    seen = set()
    bindings = [*screen.BINDINGS, *screen.app.BINDINGS]
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        keys = binding.key_display or ", ".join(
            screen.app.get_key_display(Binding(k.strip(), binding.action))
            for k in binding.key.split(",")
        )
        help_text = binding.tooltip or binding.description
        table.add_row(Text(keys), Text(help_text))
    table.add_row(Text("ctrl+p"), Text("Command palette: every action by name"))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss_help", "Close", key_display="esc"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    """

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = f"Keys · {self.target.title or 'netinbox'}"
            yield Static(binding_table(self.target))
        yield Footer()

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
