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
from netinbox.store import DatabaseDamaged, Store, StoreError, plan_recovery, recover_locked
from netinbox.ui.messages import DataChanged, StartRescreen
from netinbox.ui.screens.conversations import ConversationsScreen
from netinbox.ui.screens.inbox import InboxScreen
from netinbox.ui.screens.keys import SCREEN_KEYS
from netinbox.ui.screens.never_responded import NeverRespondedScreen
from netinbox.ui.screens.people import PeopleScreen
from netinbox.ui.themes import load_themes

DEFAULT_THEME = "netinbox"


# Late enough that it never competes with drawing the first screen.
PREPARE_SCREENING_AFTER_S = 1.5


class NetinboxApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "netinbox"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    # ctrl+q (Textual's default quit) stays; `q` is each screen's own, shown in its Footer.
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True), *SCREEN_KEYS]
    SCREENS_BY_MODE: dict[str, type[PeopleScreen]] = {
        "inbox": InboxScreen,
        "never": NeverRespondedScreen,
        "conversations": ConversationsScreen,
    }

    def __init__(
        self, ctx: Context, theme: str | None = None, demo: bool = False, cursor_blink: bool = True
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.demo = demo
        self.cursor_blink = cursor_blink
        self._wanted_theme = theme or DEFAULT_THEME
        self._theme_errors: list[str] = []
        self._recovery_offered = False
        self._recovery_refused = False
        self.leaving = False
        themes, self._theme_errors = load_themes()
        for theme_obj in themes:
            self.register_theme(theme_obj)
        if self._wanted_theme in self.available_themes:
            self.theme = self._wanted_theme
        else:
            self._theme_errors.append(f"no theme named {self._wanted_theme!r}; using the default")
            if DEFAULT_THEME in self.available_themes:
                self.theme = DEFAULT_THEME

    def _screen_for(self, mode: str) -> PeopleScreen:
        return self.SCREENS_BY_MODE[mode](self.ctx, demo=self.demo, cursor_blink=self.cursor_blink)

    def on_mount(self) -> None:
        for mode in self.SCREENS_BY_MODE:
            self.add_mode(mode, partial(self._screen_for, mode))
        self.switch_mode("inbox")
        if self._theme_errors:
            self.notify(
                "\n".join(self._theme_errors), title="Themes", severity="warning", markup=False
            )
        for warning in self.ctx.store.take_warnings():  # found while opening the database
            self.notify(warning, title="Database", severity="warning", markup=False, timeout=20)
        # Start-up reads only what the first screen needs; the rest of the file is checked here,
        # off the UI thread, so damage is found now rather than in the middle of some action.
        self.run_worker(self._verify_database, thread=True, group="verify", exit_on_error=False)
        # The screening rules take a moment to compile: do it once the inbox is up, off the UI
        # thread, rather than on the first reply the user records.
        self.set_timer(PREPARE_SCREENING_AFTER_S, self._prepare_screening)

    def _prepare_screening(self) -> None:
        from netinbox.services import screening
        from netinbox.services.memory import freeze_long_lived

        freeze_long_lived()  # the session's data is loaded: keep collections from walking it
        self.run_worker(screening.prepare, thread=True, group="prepare", exit_on_error=False)

    def _verify_database(self) -> None:
        try:
            self.ctx.store.verify()
        except DatabaseDamaged as exc:
            self.call_from_thread(self.offer_recovery, str(exc))
        except OSError:
            pass  # the file was replaced by a compaction meanwhile: nothing left unread to check

    def offer_recovery(self, problem: str) -> None:
        """Damage was found: offer to set the file aside and restore the last good snapshot."""
        from rich.text import Text

        from netinbox.ui.dialogs.confirm import ConfirmDialog

        if self._recovery_offered:
            return
        if self._recovery_refused:  # asked once this session: say it, do not ask again and again
            self.notify(
                f"{problem}. `netinbox recover` restores the last good snapshot.",
                title="Database damaged",
                severity="error",
                timeout=20,
                markup=False,
            )
            return
        plan = plan_recovery(self.ctx.store.path)
        if plan is None:
            self.notify(
                f"{problem}. No earlier snapshot exists; quit and keep a copy of the file.",
                title="Database damaged",
                severity="error",
                timeout=30,
                markup=False,
            )
            return
        self._recovery_offered = True
        body = Text.assemble(
            (f"{problem}.\n\n", "bold"),
            "netinbox can set the damaged file aside (nothing is deleted) and restore "
            f"{plan.describe()}. Restore now?",
        )
        self.push_screen(ConfirmDialog("Database damaged", body), self._recovery_answered)

    def _recovery_answered(self, restore: bool | None) -> None:
        self._recovery_offered = False
        if not restore:
            self._recovery_refused = True
            self.notify("Not restored. `netinbox recover` does it later.", severity="warning")
            return
        from netinbox.services.memory import release_frozen

        path = self.ctx.store.path
        self.ctx.store.close()
        release_frozen()  # the old store's objects were frozen as long-lived
        try:
            summary = recover_locked(path, purpose="netinbox (restoring a snapshot)")
        except StoreError as exc:  # nothing was restored: say why, keep working on the file
            self._recovery_refused = True
            self.ctx.store = Store(path, purpose="netinbox (full-screen inbox)")
            self.notify(str(exc), title="Not restored", severity="error", timeout=30, markup=False)
            return
        self.ctx.store = Store(path, purpose="netinbox (full-screen inbox)")
        # The screen in front redraws now; the others find the new store when they come back.
        self.screen.post_message(DataChanged((), None, "Restored"))
        self.notify(f"Restored: {summary}", timeout=15, markup=False)

    async def action_quit(self) -> None:
        # Keys typed after `q` are still in the queue: none of them may open a dialog on an app
        # that is shutting down (PeopleScreen.check_action asks `leaving`).
        self.leaving = True
        self.exit()

    def action_show_screen(self, mode: str) -> None:
        if mode in self.SCREENS_BY_MODE and mode != self.current_mode:
            self.switch_mode(mode)

    def _open_import_dialog(self) -> None:
        from netinbox.ui.dialogs.import_export import (
            open_import_dialog,  # the importers load on use
        )

        open_import_dialog(self, self.ctx)

    def _rescreen(self) -> None:
        from netinbox.ui.widgets.rescreen import busy

        if busy(self, "rescreen"):
            self.notify("A rescreen is already running", severity="warning")
        elif busy(self, "import"):
            self.notify("An import is running: rescreen when it is done", severity="warning")
        else:
            self.screen.post_message(StartRescreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of the current screen is in the palette, with its help text."""
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Import LinkedIn export…",
            "Read LinkedIn's data export (the ZIP or its folder): people, invitations, messages",
            self._open_import_dialog,
        )
        yield SystemCommand(
            "Rescreen everything",
            "Screen every invitation, reply and message again, in the background (your own "
            "verdicts stay)",
            self._rescreen,
        )
        seen = set()
        for binding in [*screen.BINDINGS, *SCREEN_KEYS]:
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
