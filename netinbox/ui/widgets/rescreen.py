"""Rescreen everything in the background: a one-line progress bar under the panes, a thread worker.

The screening runs in the worker; every read of the store and the final write run on the UI thread
(`App.call_from_thread`), between key presses, so the user keeps working and no action of theirs
can interleave with the write (see `services.screening.rescreen`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static
from textual.worker import Worker, WorkerState

from netinbox.services import ActionError, Context
from netinbox.services.memory import collection_paused
from netinbox.services.screening import RescreenResult, rescreen
from netinbox.store import DatabaseDamaged, StoreError
from netinbox.text import one_line

_REPORT_EVERY = 0.1  # seconds between progress updates sent to the UI thread
# Workers that write to the store from a thread: never two at once.
WRITING_GROUPS = ("rescreen", "import")


def busy(app: App, group: str) -> bool:
    """Whether a worker of `group` is still running anywhere in the app."""
    return any(
        worker.group == group and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
        for worker in app.workers
    )


class RescreenBar(Horizontal):
    """Shows how far the rescreen is; removes itself and calls `on_done` when it ends."""

    DEFAULT_CSS = """
    RescreenBar { height: 1; padding: 0 1; background: $panel; }
    RescreenBar #rescreen-stage { width: auto; color: $text-muted; }
    RescreenBar ProgressBar { width: 1fr; padding-left: 2; }
    """

    def __init__(
        self, ctx: Context, on_done: Callable[[RescreenResult | None, str], None], **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.ctx = ctx
        self._on_done = on_done
        self._last_report = 0.0

    def compose(self) -> ComposeResult:
        yield Static(Text("Rescreening: starting"), id="rescreen-stage")
        yield ProgressBar(total=None, show_eta=False)

    def on_mount(self) -> None:
        self.run_worker(self._rescreen, thread=True, group="rescreen", exit_on_error=False)

    def _rescreen(self) -> None:  # in the worker thread
        app = self.app
        try:
            with collection_paused():  # see services.memory: a collection would freeze the UI
                result = rescreen(self.ctx, self._progress_from_thread, app.call_from_thread)
        except DatabaseDamaged as exc:
            app.call_from_thread(self._finish, None, f"damaged: {exc}")
        except (ActionError, StoreError) as exc:
            app.call_from_thread(self._finish, None, str(exc))
        except Exception as exc:  # a bug must not take the app down: say it, keep the data
            app.call_from_thread(self._finish, None, f"Rescreen failed unexpectedly: {exc!r}")
        else:
            app.call_from_thread(self._finish, result, "")

    def _progress_from_thread(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last_report < _REPORT_EVERY and total and done < total:
            return
        self._last_report = now
        self.app.call_from_thread(self._show, stage, done, total)

    def _show(self, stage: str, done: int, total: int) -> None:
        # total 0: the screening itself, which cannot say how far it is (the bar pulses).
        self.query_one(ProgressBar).update(total=total or None, progress=done)
        self.query_one("#rescreen-stage", Static).update(
            Text(f"Rescreening: {one_line(stage, 40)}")
        )

    def _finish(self, result: RescreenResult | None, problem: str) -> None:
        # Hidden now, removed once the worker has ended (removing a widget cancels its workers).
        self.display = False
        self._on_done(result, problem)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            self.remove()
