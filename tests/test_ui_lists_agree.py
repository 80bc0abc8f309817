"""The screens list the same people in the same order as `netinbox list` and `netinbox export`:
all three read each list through one query, so they can never disagree."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import FROZEN_NOW_TEXT

from netinbox.cli import main
from netinbox.services import Context
from netinbox.store import Store
from tests.factories import add_follow_through_people
from tests.ui_helpers import make_app

DAY = timedelta(days=1)
FILTER_KEYS = {"unviewed": "V", "pitch": "P", "canned": "C", "flagged": "F", "archived": "E"}


@pytest.fixture
def db(ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo plus a few people on every never-responded filter; closed, with "now" frozen."""
    add_follow_through_people(ctx)
    ctx.store.close()
    monkeypatch.setenv("NETINBOX_NOW", FROZEN_NOW_TEXT)
    return db_path


def cli_ids(capsys: pytest.CaptureFixture[str], db: Path, command: str, *args: str) -> list[str]:
    if command == "export":
        argv = ["export", *args, "--format", "json", "--db", str(db)]
    else:
        argv = ["list", *args, "--json", "--db", str(db)]
    assert main(argv) == 0
    return [row["id"] for row in json.loads(capsys.readouterr().out)]


async def shown(pilot, table) -> list[str]:  # noqa: ANN001
    await pilot.pause()
    table.load_all()  # rows are built as they come into view: build them all
    assert len(table.rows_in_order()) == table.total
    return table.rows_in_order()


async def test_every_screen_lists_what_list_and_export_print(
    ctx: Context, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = {
        kind: cli_ids(capsys, db, "list", kind)
        for kind in ("pending", "unanswered", "never-responded", "conversations")
    }
    for kind in ("pending", "never-responded", "conversations"):
        assert cli_ids(capsys, db, "export", kind) == expected[kind], kind
    by_filter = {
        only: cli_ids(capsys, db, "list", "never-responded", "--only", only) for only in FILTER_KEYS
    }
    for only, ids in by_filter.items():
        assert ids == cli_ids(capsys, db, "export", "never-responded", "--only", only), only
    store = Store(db)
    app = make_app(Context(store, ctx.clock, ctx.settings))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            inbox = app.screen
            assert await shown(pilot, inbox.invitations) == expected["pending"]
            assert await shown(pilot, inbox.notes) == expected["unanswered"]
            await pilot.press("2")
            never = app.screen
            assert await shown(pilot, never.table) == expected["never-responded"]
            for only, key in FILTER_KEYS.items():
                await pilot.press(key)
                assert await shown(pilot, never.table) == by_filter[only], only
                await pilot.press(key)
            await pilot.press("3")
            assert await shown(pilot, app.screen.table) == expected["conversations"]
    finally:
        store.close()
    assert expected["never-responded"] and expected["conversations"] and expected["pending"]
    assert all(by_filter.values())
