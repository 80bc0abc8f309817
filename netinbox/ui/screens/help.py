"""`?`: every key of the screen underneath, grouped, with what it does. Generated from the same
binding lists as the Footer and the palette, so it never lies."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from netinbox.services.dates import WHEN_RULE
from netinbox.ui.screens.keys import SCREEN_KEYS


def _keys(screen: Screen, binding: Binding) -> str:
    return binding.key_display or ", ".join(
        screen.app.get_key_display(Binding(k.strip(), binding.action))
        for k in binding.key.split(",")
    )


def _table(rows: list[tuple[str, str]], key_width: int) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=False)
    table.add_column(style="bold", no_wrap=True, width=key_width)
    table.add_column()
    for keys, what in rows:
        table.add_row(Text(keys), Text(what))
    return table


def binding_table(screen: Screen) -> Group:
    """Each group of keys under its heading, then the palette and the rule for dates."""
    groups: Iterable[tuple[str, list[Binding]]] = getattr(screen, "KEY_GROUPS", ()) or (
        ("Keys", [b for b in screen.BINDINGS if isinstance(b, Binding)]),
    )
    seen: set[str] = set()
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for heading, bindings in [*groups, ("Screens (from anywhere)", SCREEN_KEYS)]:
        rows = []
        for binding in bindings:
            if binding.description and binding.action not in seen:
                seen.add(binding.action)
                rows.append((_keys(screen, binding), binding.tooltip or binding.description))
        if rows:
            sections.append((heading, rows))
    sections.append(("Anywhere", [("ctrl+p", "Command palette: every action by name")]))
    sections.append(("Dates", [("", WHEN_RULE)]))
    width = max(len(keys) for _, rows in sections for keys, _ in rows) + 2
    parts: list[Text | Table] = []
    for heading, rows in sections:
        parts.append(Text(heading, style="bold underline"))
        parts.append(_table(rows, width))
        parts.append(Text(""))
    return Group(*parts[:-1])


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss_help", "Close", key_display="esc"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 96; max-width: 95%; height: auto; max-height: 90%;
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
