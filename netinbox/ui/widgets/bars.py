"""The top bar (the screens as tabs, the date and counts) and the status line (what was just done).

Confirmations go to the status line, one at a time, instead of toasts that pile up over the card;
toasts are kept for trouble that needs reading (a save that failed, a damaged file).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

# (mode, key, title, the title where room is short)
SCREENS = (
    ("inbox", "1", "Inbox", "Inbox"),
    ("never", "2", "Never responded", "Never"),
    ("conversations", "3", "Conversations", "Conv."),
)
COMPACT_BELOW = 100  # columns


def tabs_text(current: str, demo: bool = False, compact: bool = False) -> Text:
    text = Text("" if compact else "netinbox ", style="bold")
    for mode, key, wide_title, short_title in SCREENS:
        title = short_title if compact else wide_title
        if mode == current:
            text.append(f" {key} {title} ", style="bold reverse")
        else:
            text.append(f" {key} ", style="bold")
            text.append(f"{title} ", style="dim")
    if demo:
        text.append(" [demo]", style="bold yellow")
    return text


class TopBar(Horizontal):
    DEFAULT_CSS = """
    TopBar { height: 1; background: $panel; padding: 0 1; }
    TopBar #brand { width: auto; }
    TopBar #summary { width: 1fr; text-align: right; color: $text-muted; }
    """

    def __init__(self, mode: str, demo: bool = False) -> None:
        super().__init__(id="topbar")
        self.mode = mode
        self.demo = demo

    def compose(self) -> ComposeResult:
        yield Static(tabs_text(self.mode, self.demo), id="brand")
        yield Static(id="summary")

    def on_resize(self) -> None:
        compact = self.size.width < COMPACT_BELOW
        self.query_one("#brand", Static).update(tabs_text(self.mode, self.demo, compact))

    def set_summary(self, summary: str) -> None:
        self.query_one("#summary", Static).update(Text(summary))


class StatusLine(Static):
    """One line: the last thing done, or why a key did nothing; at first, where help is."""

    HINT = "? shows every key · 1 2 3 switch screens · ctrl+p finds any action by name"

    def on_mount(self) -> None:
        self.update(Text(self.HINT, style="dim", no_wrap=True, overflow="ellipsis"))

    DEFAULT_CSS = """
    StatusLine { height: 1; padding: 0 1; color: $text-muted; }
    StatusLine.-warning { color: $warning; }
    """

    def say(self, text: str, warning: bool = False) -> None:
        self.set_class(warning, "-warning")
        self.update(Text(text.replace("\n", " "), no_wrap=True, overflow="ellipsis"))
