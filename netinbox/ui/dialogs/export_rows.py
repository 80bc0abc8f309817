"""Export some rows of a list (the selection, or the list as filtered) to a CSV or JSON file.

The file is written the way `netinbox export -o` writes it: atomically, replacing only a regular
file, and safe to open in a spreadsheet.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Static

from netinbox.oserrors import describe
from netinbox.services import Context


class ExportDialog(ModalScreen[str | None]):
    """Asks where to write; dismisses with the path written (None when closed)."""

    BINDINGS = [
        Binding("enter", "write", "Write", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > #dialog {
        width: 80%; max-width: 90; height: auto; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    ExportDialog #problem { color: $error; height: auto; }
    ExportDialog #hint { color: $text-muted; }
    """

    def __init__(self, kind: str, rows: Sequence[Any], default_path: str) -> None:
        super().__init__()
        self.kind = kind
        self.rows = rows
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = f"Export {len(self.rows):,} {self.kind} rows"
            yield Static(Text("Write them to (.csv for a spreadsheet, .json for scripts):"))
            yield Input(self.default_path, id="path")
            yield Static(id="problem")
            yield Static(
                Text("An existing file is replaced; folders and devices are refused."), id="hint"
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def action_write(self) -> None:
        from netinbox.exporters import NotRegularFile, render_rows, write_atomically

        raw = self.query_one(Input).value.strip()
        if not raw:
            self.query_one("#problem", Static).update(Text("Type a file name"))
            return
        path = Path(raw).expanduser()
        fmt = "json" if path.suffix.lower() == ".json" else "csv"
        try:
            write_atomically(path, render_rows(self.kind, self.rows, fmt))
        except NotRegularFile as exc:
            self.query_one("#problem", Static).update(Text(str(exc)))
            return
        except OSError as exc:
            self.query_one("#problem", Static).update(Text(describe(exc, path)))
            return
        self.dismiss(str(path))

    def action_cancel(self) -> None:
        self.dismiss(None)


def open_export_dialog(
    screen: Screen, ctx: Context, kind: str, rows: Sequence[Any], say: Callable[[str], None]
) -> None:
    default = f"~/netinbox-{kind}-{ctx.now():%Y-%m-%d}.csv"
    count = len(rows)

    def written(path: str | None) -> None:
        if path:
            say(f"Wrote {count:,} {kind} rows to {path}")

    screen.app.push_screen(ExportDialog(kind, rows, default), written)
