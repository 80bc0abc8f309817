"""The netinbox application: wires themes, the command palette and the Inbox screen together.

It holds no business logic: screens call services, services call the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from netinbox.services import Context
from netinbox.ui.screens.inbox import InboxScreen
from netinbox.ui.themes import load_themes

DEFAULT_THEME = "netinbox"


class NetinboxApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "netinbox"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    # ctrl+q (Textual's default quit) stays; `q` is the Inbox's own, shown in its Footer.
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True)]

    def __init__(
        self, ctx: Context, theme: str | None = None, demo: bool = False, cursor_blink: bool = True
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.demo = demo
        self.cursor_blink = cursor_blink
        self._wanted_theme = theme or DEFAULT_THEME
        self._theme_errors: list[str] = []
        themes, self._theme_errors = load_themes()
        for theme_obj in themes:
            self.register_theme(theme_obj)
        if self._wanted_theme in self.available_themes:
            self.theme = self._wanted_theme
        else:
            self._theme_errors.append(f"no theme named {self._wanted_theme!r}; using the default")
            if DEFAULT_THEME in self.available_themes:
                self.theme = DEFAULT_THEME

    def on_mount(self) -> None:
        self.push_screen(InboxScreen(self.ctx, demo=self.demo, cursor_blink=self.cursor_blink))
        if self._theme_errors:
            self.notify(
                "\n".join(self._theme_errors), title="Themes", severity="warning", markup=False
            )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of the current screen is in the palette, with its help text."""
        yield from super().get_system_commands(screen)
        seen = set()
        for binding in screen.BINDINGS:
            if (
                not isinstance(binding, Binding)
                or not binding.description
                or binding.action in seen
            ):
                continue
            seen.add(binding.action)
            key = binding.key_display or binding.key.split(",")[0]
            yield SystemCommand(
                f"{binding.description} ({key})",
                binding.tooltip or binding.description,
                partial(screen.run_action, binding.action),
            )
