"""The two inbox lists: a `DataTable` per pane, one row per person, cells as `rich.Text`.

Cells are `Text`, never `str`: a str cell is parsed as markup, which is slow and lets a stranger's
name such as "[@click=app.quit]" become live markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.widgets import DataTable


@dataclass(frozen=True)
class Row:
    key: str  # the person id
    cells: tuple[Text, ...]


class InboxTable(DataTable):
    """A pane of the inbox: a row per person; knows which person is highlighted."""

    DEFAULT_CSS = """
    InboxTable { height: 1fr; }
    """

    def __init__(self, columns: Sequence[tuple[str, int | None]], title: str, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self._column_spec = columns
        self.title = title
        self.border_title = title

    def on_mount(self) -> None:
        for label, width in self._column_spec:
            self.add_column(Text(label), width=width, key=label or "mark")
        self.call_after_refresh(self.fit_columns)

    def fit_columns(self) -> None:
        """Hook for subclasses that size columns to the pane."""

    @property
    def person_id(self) -> str | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value

    def show(self, rows: Iterable[Row], keep: str | None = None) -> None:
        """Replace every row, keeping the cursor on `keep` (a person id) or at the same index."""
        index = self.cursor_row
        self.clear()
        for row in rows:
            self.add_row(*row.cells, key=row.key)
        self._finish(index, keep)

    def _finish(self, index: int, keep: str | None) -> None:
        if keep is not None and keep in self.rows:
            index = self.get_row_index(keep)
        if self.row_count:
            self.move_cursor(row=min(index, self.row_count - 1), animate=False, scroll=True)
        self.border_title = f"{self.title} ({self.row_count})"

    def drop(self, person_id: str) -> None:
        """Remove one person's row; the cursor stays at the same index (the next row)."""
        if person_id in self.rows:
            self.remove_row(person_id)
        self.border_title = f"{self.title} ({self.row_count})"


class FlexTable(InboxTable):
    """An InboxTable whose last column takes whatever width the pane has left."""

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        if not self.columns:
            return
        keys = list(self.columns)
        fixed = sum(self.columns[k].width for k in keys[:-1])
        padding = 2 * self.cell_padding * len(keys)
        # Always leave room for the vertical scrollbar, so rows never need a horizontal one.
        room = self.size.width - self.styles.scrollbar_size_vertical
        last = self.columns[keys[-1]]
        width = max(room - fixed - padding, 8)
        if last.width != width or last.auto_width:
            last.width = width
            last.auto_width = False
            # DataTable has no public "column resized" hook; this is what its own add_column sets.
            self._require_update_dimensions = True
            self.refresh()
