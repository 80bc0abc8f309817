"""The person table every screen lists people in: rows built as they come into view, selection."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from netinbox.ui.widgets import PersonTable, Row
from netinbox.ui.widgets.tables import LOOKAHEAD_ROWS


class TableApp(App):
    def compose(self) -> ComposeResult:
        yield PersonTable([("Name", 20), ("What", None)], "People", id="people")


def make_row_counting(built: list[str]):  # noqa: ANN201
    def make_row(person_id: str) -> Row:
        built.append(person_id)
        return Row(person_id, (Text(person_id), Text("x")))

    return make_row


async def test_a_long_list_builds_a_screenful_and_more_only_as_the_cursor_comes() -> None:
    people = [f"p{i:04d}" for i in range(1000)]
    built: list[str] = []
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(PersonTable)
        table.show(people, make_row_counting(built))
        await pilot.pause()
        assert table.total == 1000
        assert len(built) <= 24 + LOOKAHEAD_ROWS
        assert "(1000)" in str(table.border_title)
        first = len(built)
        table.move_cursor(row=table.row_count - 1)
        await pilot.pause()
        await pilot.pause()
        assert first < len(built) < 1000  # the next chunk, not the rest
        table.show(people, make_row_counting(built), keep="p0900", person_of=str)
        await pilot.pause()
        assert table.person_id == "p0900"  # built up to the person to keep, no further
        assert table.row_count < 1000
        table.load_all()
        assert table.row_count == 1000


async def test_selection_marks_rows_and_survives_a_redraw() -> None:
    people = [f"p{i}" for i in range(5)]
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(PersonTable)
        table.show(people, make_row_counting([]))
        table.toggle_selected("p1")
        table.toggle_selected("p3")
        await pilot.pause()
        assert "2 selected" in str(table.border_title)
        assert str(table.get_cell("p1", "mark")).startswith("●")
        table.show(people, make_row_counting([]))
        assert table.selected == {"p1", "p3"}
        assert str(table.get_cell("p3", "mark")).startswith("●")
        table.drop("p3")
        assert table.selected == {"p1"} and table.total == 4


async def test_a_row_whose_record_changed_meanwhile_has_the_list_read_again() -> None:
    from netinbox.services.lists.lazy import ListChanged
    from netinbox.ui.messages import DataChanged

    heard: list[DataChanged] = []

    class Listening(TableApp):
        def on_data_changed(self, message: DataChanged) -> None:
            heard.append(message)

    def make_row(person_id: str) -> Row:
        if person_id == "p0070":  # undone since the list was read
            raise ListChanged("the thank-you note 'n70' is gone; reopen the list")
        return Row(person_id, (Text(person_id), Text("x")))

    app = Listening()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(PersonTable)
        table.show([f"p{i:04d}" for i in range(200)], make_row)
        for _ in range(80):
            await pilot.press("down")
        await pilot.pause()
        assert app.is_running
        assert table.row_count == 70  # up to the changed one, then asked to be read again
        assert heard
