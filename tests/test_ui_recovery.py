"""The app checks the rest of the database in a worker and offers the last good snapshot."""

from __future__ import annotations

from pathlib import Path

from factories import add_invitation

from netinbox.services import Context
from netinbox.store import Store
from netinbox.ui.dialogs.confirm import ConfirmDialog
from netinbox.ui.screens.inbox import InboxScreen
from tests.ui_helpers import make_app, screen_text


def damaged_database(ctx: Context, db_path: Path) -> None:
    add_invitation(ctx, "ana", first="Ana", last="Alpha")
    ctx.store.compact()
    add_invitation(ctx, "bo", first="Bo", last="Beta")
    ctx.store.compact()
    ctx.store.close()
    data = bytearray(db_path.read_bytes())
    data[data.index(b"people\t") + 30] ^= 0x20  # damage the people section
    db_path.write_bytes(bytes(data))


async def test_damage_found_after_start_up_is_offered_a_restore(
    ctx: Context, db_path: Path
) -> None:
    damaged_database(ctx, db_path)
    store = Store(db_path)
    app = make_app(Context(store, ctx.clock, ctx.settings))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(app)
        assert "'people' is damaged" in text and ".bak" in text
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        assert "Ana Alpha" in screen_text(app) and "Bo Beta" in screen_text(app)
        assert any("Restored" in str(n.message) for n in app._notifications)
        app.ctx.store.verify()  # the new store reads cleanly
    app.ctx.store.close()
    assert list(db_path.parent.glob("*.recovered-from-*"))  # the damaged file is kept


async def test_declining_the_restore_keeps_going(ctx: Context, db_path: Path) -> None:
    damaged_database(ctx, db_path)
    store = Store(db_path)
    app = make_app(Context(store, ctx.clock, ctx.settings))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        assert any("netinbox recover" in str(n.message) for n in app._notifications)
    store.close()
