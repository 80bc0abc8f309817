"""The app checks the rest of the database in a worker and offers the last good snapshot."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from factories import add_invitation, add_sent_note

from netinbox.services import Context
from netinbox.store import Store, StoreError, engine
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


async def test_an_action_saved_before_its_fold_failed_says_so_and_stays_saved(
    ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_invitation(ctx, "ana", first="Ana", last="Alpha")
    ctx.store.compact()
    monkeypatch.setattr(engine, "COMPACT_AT_BYTES", 1)  # the next action folds

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(db_path))

    monkeypatch.setattr(engine, "write_snapshot", disk_full)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        warnings = [n for n in app._notifications if n.title == "Saved, with a warning"]
        assert len(warnings) == 1 and "the disk is full" in str(warnings[0].message)
        assert not any(n.title == "Not saved" for n in app._notifications)
        assert ctx.store.pending_invitation("ana") is None
    monkeypatch.undo()
    ctx.store.close()
    with Store(db_path, read_only=True) as store:
        assert store.pending_invitation("ana") is None and store.note_for("ana") is not None


async def test_a_restore_that_cannot_be_done_is_said_and_the_app_goes_on(
    ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged_database(ctx, db_path)

    def refuse(path: Path, purpose: str = "") -> str:
        raise StoreError(f"{path}: permission denied; nothing was moved or changed")

    monkeypatch.setattr("netinbox.ui.app.recover_locked", refuse)
    store = Store(db_path)
    app = make_app(Context(store, ctx.clock, ctx.settings))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        assert any(n.title == "Not restored" for n in app._notifications)
    app.ctx.store.close()


async def test_what_opening_the_database_found_is_shown_at_start_up(
    ctx: Context, db_path: Path
) -> None:
    add_invitation(ctx, "ana", first="Ana", last="Alpha")
    ctx.store.compact()
    add_invitation(ctx, "bo", first="Bo", last="Beta")
    ctx.store.close()
    journal = engine.sibling(db_path, ".journal")
    lines = journal.read_bytes().split(b"\n")
    lines[-2] = lines[-2].replace(b'"pending"', b'"pendinG"')  # the last whole line
    journal.write_bytes(b"\n".join(lines))
    store = Store(db_path)
    app = make_app(Context(store, ctx.clock, ctx.settings))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications if n.title == "Database"]
        assert len(shown) == 1 and "failed its checksum and was left out" in shown[0]
    store.close()


async def test_damage_a_fold_finds_after_an_action_is_offered_a_restore_and_the_action_stays(
    ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_invitation(ctx, "ana", first="Ana", last="Alpha")
    add_sent_note(ctx, "cy", first="Cy", text="Thanks for connecting, Cy!")
    ctx.store.compact()
    ctx.store.compact()
    ctx.store.close()
    store = Store(db_path)  # read lazily from disk, as at a real start
    app = make_app(Context(store, ctx.clock, ctx.settings))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()  # the start-up check found nothing
        data = bytearray(db_path.read_bytes())
        data[data.index(b'people\t"cy"') + 20] ^= 0x20  # damaged on disk while the app runs
        db_path.write_bytes(bytes(data))
        monkeypatch.setattr(engine, "COMPACT_AT_BYTES", 1)  # the next action folds
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "'people' is damaged" in screen_text(app)
        assert store.pending_invitation("ana") is None  # saved all the same
    store.close()
