"""The person table every screen lists people in: a `DataTable`, one row per person, cells as
`rich.Text`, the first column drawn by the table itself (selected ●, marked for a conversation ★).

Cells are `Text`, never `str`: a str cell is parsed as markup, which is slow and lets a stranger's
name such as "[@click=app.quit]" become live markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from netinbox.services.lists.lazy import ListChanged
from netinbox.store import DatabaseDamaged
from netinbox.ui.attempt import offer_recovery
from netinbox.ui.messages import DataChanged

T = TypeVar("T")
LOOKAHEAD_ROWS = 30  # rows built beyond what is on screen, so moving on never waits
CHUNK_ROWS = 120
MARK_COLUMN = "mark"


@dataclass(frozen=True)
class Row:
    key: str  # the person id
    cells: tuple[Text, ...]  # the columns after the first, which the table draws itself
    starred: bool = False  # marked for a real conversation


def mark_cell(selected: bool, starred: bool) -> Text:
    return Text.assemble(
        ("●" if selected else " ", "bold"),
        ("★" if starred else " ", "bold yellow"),
    )


def _position(items: Sequence[Any], keep: str, person_of: Callable[[Any], str]) -> int:
    """Where `keep` is in `items`. A lazy list knows its people (`person_ids`) without building a
    row; anything else is walked."""
    person_ids = getattr(items, "person_ids", None)
    if isinstance(person_ids, list):
        return person_ids.index(keep) if keep in person_ids else -1
    return next((i for i, item in enumerate(items) if person_of(item) == keep), -1)


class PersonTable(DataTable):
    """A list of people; knows who is highlighted and who is selected.

    The last column takes whatever width is left. With `shrink=(key, narrowest)`, that column gives
    up width (down to `narrowest`) before the last one would drop under `LAST_MIN`: in a narrow pane
    a shorter name beats no note at all.
    """

    DEFAULT_CSS = """
    PersonTable { height: 1fr; }
    """
    LAST_MIN = 12

    def __init__(
        self,
        columns: Sequence[tuple[str, int | None]],
        title: str,
        shrink: tuple[str, int] | None = None,
        **kwargs,
    ) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self._column_spec = [("", 2), *columns]
        self.title = title
        self.title_note = ""  # said after the count, e.g. the sort order: "by verdict"
        self.border_title = title
        self._shrink = shrink
        self._natural = dict(columns).get(shrink[0]) if shrink else None
        self._items: Sequence[Any] = ()
        self._make_row: Callable[[Any], Row] = lambda item: item
        self._loaded = 0  # items[:_loaded] have been turned into rows
        self._check_scheduled = False
        self._total = 0
        self._skipped: set[str] = set()
        self._starred: set[str] = set()
        self.selected: set[str] = set()

    def on_mount(self) -> None:
        for label, width in self._column_spec:
            self.add_column(Text(label), width=width, key=label or MARK_COLUMN)
        self.call_after_refresh(self.fit_columns)

    @property
    def person_id(self) -> str | None:
        if not self.row_count:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value

    def rows_in_order(self) -> list[str]:
        """The person ids of the rows added so far, top to bottom."""
        return [row.key.value for row in self.ordered_rows if row.key.value is not None]

    @property
    def total(self) -> int:
        """Rows in the list, including those not yet added."""
        return self._total

    # -- filling ---------------------------------------------------------------------------------

    def show(
        self,
        items: Sequence[T],
        make_row: Callable[[T], Row],
        keep: str | None = None,
        person_of: Callable[[T], str] | None = None,
    ) -> None:
        """Replace every row, keeping the cursor on `keep` (a person id) or at the same index.

        Only the rows a screen can show are built now, and more as the cursor or the scrolling
        comes near the end of them: a list of 5,000 costs a screenful per keypress, not 5,000
        rows (`items` can be a lazy sequence that builds a row when it is read).
        """
        index = self.cursor_row
        self.clear()
        self._items = items
        self._make_row = make_row
        self._total = len(items)
        self._loaded = 0
        self._skipped = set()
        self._starred = set()
        position = -1
        if keep is not None and person_of is not None:
            position = _position(items, keep, person_of)
        screenful = max(self.app.size.height, 10)
        self._load_to(max(screenful, position + 1, index + 1) + LOOKAHEAD_ROWS)
        self._finish(index, keep if position >= 0 else None)

    def _load_to(self, end: int) -> None:
        end = min(end, len(self._items))
        if end <= self._loaded:
            return
        for position in range(self._loaded, end):
            try:
                row = self._make_row(self._items[position])
            except ListChanged:
                # Changed under us since the list was read: stop here and have it read again.
                self._items = self._items[:position]
                self.post_message(DataChanged((), self.person_id))
                break
            except DatabaseDamaged as exc:
                self._items = self._items[:position]
                offer_recovery(self, str(exc))
                break
            if row.key not in self._skipped:
                self._add(row)
        self._loaded = min(end, len(self._items))

    def _load_more_if_near_the_end(self) -> None:
        # Checked after the next refresh, once: adding rows moves the scroll position, which
        # would call this again from inside itself.
        if self._loaded < len(self._items) and not self._check_scheduled:
            self._check_scheduled = True
            self.call_after_refresh(self._check_near_the_end)

    def _check_near_the_end(self) -> None:
        self._check_scheduled = False
        if self._loaded >= len(self._items):
            return
        # Half the lookahead left: build the next chunk before the user gets there.
        margin = LOOKAHEAD_ROWS // 2
        near_cursor = self.cursor_row >= self.row_count - margin
        bottom = self.scroll_y + self.scrollable_content_region.height
        near_bottom = bottom >= self.row_count - margin
        if near_cursor or near_bottom:
            self._load_to(self._loaded + CHUNK_ROWS)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        self._load_more_if_near_the_end()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._load_more_if_near_the_end()

    def load_all(self) -> None:
        """Every row (for "select all" or a test that reads the whole list)."""
        self._load_to(len(self._items))

    def _add(self, row: Row) -> None:
        if row.key in self.rows:
            return
        if row.starred:
            self._starred.add(row.key)
        selected = row.key in self.selected
        self.add_row(mark_cell(selected, row.starred), *row.cells, key=row.key)

    def _finish(self, index: int, keep: str | None) -> None:
        if keep is not None and keep in self.rows:
            index = self.get_row_index(keep)
        if self.row_count:
            self.move_cursor(row=min(index, self.row_count - 1), animate=False, scroll=True)
        self._update_title()

    def drop(self, person_id: str) -> None:
        """Remove one person's row; the cursor stays at the same index (the next row)."""
        self.selected.discard(person_id)
        if person_id in self.rows:
            self.remove_row(person_id)
            self._total -= 1
        elif person_id not in self._skipped:
            self._skipped.add(person_id)  # not built yet: skip it when it is
            self._total -= 1
        self._update_title()

    # -- selection ---------------------------------------------------------------------------------

    def toggle_selected(self, person_id: str) -> bool:
        """Select or unselect one person; True when now selected."""
        now_selected = person_id not in self.selected
        if now_selected:
            self.selected.add(person_id)
        else:
            self.selected.discard(person_id)
        self._redraw_mark(person_id)
        self._update_title()
        return now_selected

    def set_selected(self, person_ids: set[str]) -> None:
        changed = self.selected ^ person_ids
        self.selected = set(person_ids)
        for person_id in changed:
            self._redraw_mark(person_id)
        self._update_title()

    def _redraw_mark(self, person_id: str) -> None:
        if person_id in self.rows:
            cell = mark_cell(person_id in self.selected, person_id in self._starred)
            self.update_cell(person_id, MARK_COLUMN, cell)

    # -- the title ---------------------------------------------------------------------------------

    def _update_title(self) -> None:
        note = f" · {self.title_note}" if self.title_note else ""
        chosen = f" · {len(self.selected)} selected" if self.selected else ""
        self.border_title = f"{self.title} ({self._total}){chosen}{note}"

    def set_title_note(self, note: str) -> None:
        self.title_note = note
        self._update_title()

    # -- columns -----------------------------------------------------------------------------------

    def set_column_width(self, key: str, width: int) -> None:
        """Resize a fixed column (the last one then takes what is left)."""
        column = self.columns.get(key)  # type: ignore[call-overload]
        if column is None or column.width == width:
            return
        column.width = width
        # DataTable has no public "column resized" hook; this is what its own add_column sets.
        self._require_update_dimensions = True
        self.fit_columns()
        self.refresh()

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        if not self.columns:
            return
        keys = list(self.columns)
        padding = 2 * self.cell_padding * len(keys)
        # Always leave room for the vertical scrollbar, so rows never need a horizontal one.
        room = self.size.width - self.styles.scrollbar_size_vertical - padding
        changed = False
        shrinking = self.columns.get(self._shrink[0]) if self._shrink else None  # type: ignore[call-overload]
        if shrinking is not None and self._shrink and self._natural:
            others = sum(
                self.columns[k].width for k in keys[:-1] if self.columns[k] is not shrinking
            )
            short = max(self.LAST_MIN - (room - others - self._natural), 0)
            narrower = max(self._shrink[1], self._natural - short)
            changed = shrinking.width != narrower
            shrinking.width = narrower
        fixed = sum(self.columns[k].width for k in keys[:-1])
        last = self.columns[keys[-1]]
        width = max(room - fixed, 8)
        if changed or last.width != width or last.auto_width:
            last.width = width
            last.auto_width = False
            # DataTable has no public "column resized" hook; this is what its own add_column sets.
            self._require_update_dimensions = True
            self.refresh()
