"""Start an app headless and print how long until its first usable frame is painted, then exit.

    python benchmarks/startup_probe.py bare
    python benchmarks/startup_probe.py netinbox DB

Run by benchmarks/run.py in a fresh process each time, so imports count as they do for a user.
"First usable frame" is the first frame the app hands to the terminal driver that shows the
screen the user works in (for netinbox: the Inbox with its invitations), timed from interpreter
start. Prints: seconds peak-RSS-MiB
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import resource  # noqa: E402
import sys  # noqa: E402

from textual.app import App  # noqa: E402

_reported = False


def peak_rss_mib() -> float:
    """This process's peak RSS. (ru_maxrss would include the parent's peak from before exec.)"""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report_on_first_frame(app: App, is_ready) -> None:
    original = app._display

    def display(screen, renderable) -> None:
        global _reported
        original(screen, renderable)
        if renderable is not None and not _reported and is_ready(screen):
            _reported = True
            rss = peak_rss_mib()
            print(f"{time.perf_counter() - STARTED:.4f} {rss:.1f}", flush=True)
            app.call_later(app.exit)

    app._display = display  # type: ignore[method-assign]


def bare() -> None:
    from textual.app import ComposeResult
    from textual.widgets import Footer, Static

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Static("hello")
            yield Footer()

    app = Bare()
    report_on_first_frame(app, lambda screen: True)
    app.run(headless=True, size=(120, 40))


def netinbox(db: str) -> None:
    from netinbox.clock import Clock
    from netinbox.config import Settings
    from netinbox.services import Context
    from netinbox.store import Store
    from netinbox.ui.app import NetinboxApp
    from netinbox.ui.screens.inbox import InboxScreen

    store = Store(db, purpose="startup probe")
    app = NetinboxApp(Context(store, Clock.from_env(), Settings()), cursor_blink=False)
    report_on_first_frame(
        app, lambda screen: isinstance(screen, InboxScreen) and screen.invitations.row_count > 0
    )
    app.run(headless=True, size=(120, 40))
    store.close()


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        netinbox(sys.argv[2])
