"""Import LinkedIn's data export from inside the app: a path, a progress bar, then a summary.

The import runs in a thread worker so the screen stays live; it is all-or-nothing, so a failure
leaves the data as it was and becomes a notification, never a crash.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, ProgressBar, Static

from netinbox.importers import ImportSummary, import_export
from netinbox.services import ActionError, Context
from netinbox.services.memory import collection_paused
from netinbox.store import StoreError
from netinbox.text import one_line
from netinbox.ui.messages import DataChanged

if TYPE_CHECKING:
    from textual.app import App

_REPORT_EVERY = 0.1  # seconds between progress updates sent to the UI thread


class ImportDialog(ModalScreen[ImportSummary | None]):
    """Asks for the export's path and imports it; dismisses with the summary (None if closed)."""

    BINDINGS = [Binding("escape", "cancel", "Close")]

    DEFAULT_CSS = """
    ImportDialog { align: center middle; }
    ImportDialog > #dialog {
        width: 80%; max-width: 90; height: auto; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    ImportDialog #status { color: $text-muted; padding-top: 1; }
    ImportDialog ProgressBar { margin-top: 1; display: none; }
    ImportDialog.-running ProgressBar { display: block; }
    """

    def __init__(self, ctx: Context, path: str = "") -> None:
        super().__init__()
        self.ctx = ctx
        self._initial = path
        self.running = False
        self._last_report = 0.0

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Import LinkedIn export"
            yield Static(
                Text("The ZIP LinkedIn sent you (Settings → Data privacy → Get a copy of your data), "
                     "or the folder it unpacks to.")
            )  # fmt: skip
            yield Input(
                self._initial,
                placeholder="~/Downloads/Basic_LinkedInDataExport_10-20-2025.zip",
                id="path",
            )
            yield ProgressBar(total=None, show_eta=False, id="progress")
            yield Static(Text("enter to import · esc to close"), id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if self.running:
            return
        if not path:
            self.notify("Type the path of the export first", severity="warning")
            return
        from netinbox.ui.widgets.rescreen import busy

        if busy(self.app, "rescreen"):
            # Both write from a thread: one at a time keeps each all or nothing.
            self.notify("A rescreen is running: import when it is done", severity="warning")
            return
        self.running = True
        self.add_class("-running")
        self.query_one(Input).disabled = True
        self._status(f"Importing {one_line(path, 60)}…")
        self._import(path)

    @work(thread=True, exclusive=True, group="import")
    def _import(self, path: str) -> None:
        app = self.app
        try:
            with collection_paused():  # see services.memory: a collection would freeze the UI
                summary = import_export(self.ctx, path, progress=self._progress_from_thread)
        except (ActionError, StoreError) as exc:
            app.call_from_thread(self._failed, str(exc))
        except Exception as exc:  # a bug must not take the app down: say it, keep the data
            app.call_from_thread(self._failed, f"Import failed unexpectedly: {exc!r}")
        else:
            app.call_from_thread(self.dismiss, summary)

    def _progress_from_thread(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last_report < _REPORT_EVERY and done < total:
            return
        self._last_report = now
        self.app.call_from_thread(self._show_progress, stage, done, total)

    def _show_progress(self, stage: str, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)
        self._status(stage)

    def _failed(self, message: str) -> None:
        self.running = False
        self.remove_class("-running")
        field = self.query_one(Input)
        field.disabled = False
        field.focus()
        self._status("enter to try again · esc to close")
        self.notify(message, title="Import failed", severity="error", markup=False, timeout=15)

    def _status(self, text: str) -> None:
        self.query_one("#status", Static).update(Text(one_line(text, 100)))

    def action_cancel(self) -> None:
        if self.running:
            # All or nothing: stopping half-way would gain nothing, so the import finishes.
            self.notify("The import is running; it will finish in a moment", severity="warning")
            return
        self.dismiss(None)


def open_import_dialog(app: App, ctx: Context) -> None:
    """Show the dialog; when it imports, notify the summary and reload the inbox."""

    def done(summary: ImportSummary | None) -> None:
        if summary is None:
            return
        app.notify(one_line(summary.line()), title="Import", markup=False, timeout=12)
        for warning in ctx.store.take_warnings():  # the import is saved either way
            app.notify(
                warning,
                title="Import saved, with a warning",
                severity="warning",
                markup=False,
                timeout=15,
            )
        app.screen.post_message(DataChanged((), None, one_line(summary.line())))

    app.push_screen(ImportDialog(ctx), done)
