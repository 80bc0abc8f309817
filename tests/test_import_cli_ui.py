"""`netinbox import` and the app's "Import LinkedIn export…" command."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import netinbox.importers.console as console
from netinbox.cli import main
from netinbox.services import Context
from netinbox.ui.dialogs.import_export import ImportDialog, open_import_dialog
from netinbox.ui.screens.inbox import InboxScreen
from tests.ui_helpers import make_app, screen_text

DATA = Path(__file__).parent / "data" / "linkedin"


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_one_summary_line_and_no_bar_off_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "db.json"
    code, out, err = run(capsys, "import", DATA / "quirks", "--db", db)
    assert (code, err) == (0, "")
    assert out == (
        "+4 people, 1 pending invitation, 1 message, 3 rows skipped: "
        "1 bad date (Invitations.csv line 4), 2 blank rows (Connections.csv)\n"
    )
    code, out, err = run(capsys, "--db", db, "import", DATA / "quirks")
    assert code == 0
    assert out.startswith("+0 people, 0 pending invitations, 0 messages, nothing new, 3 rows")
    code, out, _ = run(capsys, "list", "pending", "--db", db)
    assert "Kai Nakamura" in out


def test_a_terminal_gets_a_progress_bar_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = []
    real = console.import_export

    def spy(ctx, path, progress=None):
        def record(stage: str, done: int, total: int) -> None:
            reports.append((stage, done, total))
            progress(stage, done, total)

        return real(ctx, path, progress=record if progress else None)

    monkeypatch.setattr(console, "import_export", spy)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, _ = run(capsys, "import", DATA / "2025", "--db", tmp_path / "db.json")
    assert code == 0 and out.startswith("+3 people")
    stages = [stage for stage, _, _ in reports]
    assert "Reading messages.csv" in stages and stages[-1] == "Done"
    assert reports[-1][1] == reports[-1][2]  # the bar ends full


def test_bad_input_is_one_line_with_file_line_and_column_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes(
        b"First Name,Last Name,Connected On\nAna,Silva,05 Mar 2024\nJos\xe9,Ruiz,05 Mar 2024\n"
    )
    code, out, err = run(capsys, "import", folder, "--db", tmp_path / "db.json")
    assert (code, out) == (1, "")
    assert err == (
        "netinbox: Connections.csv line 3, column 4: not UTF-8 text (byte 0xe9); "
        "save the file as 'CSV UTF-8'\n"
    )
    code, _, err = run(capsys, "import", tmp_path / "nope.zip", "--db", tmp_path / "db.json")
    assert code == 1 and err.startswith("netinbox: ") and "Traceback" not in err


# -- the app ---------------------------------------------------------------------------------------


def test_the_palette_offers_the_import(ctx: Context) -> None:
    app = make_app(ctx)
    titles = [command.title for command in app.get_system_commands(InboxScreen(ctx))]
    assert "Import LinkedIn export…" in titles


async def test_the_import_dialog_imports_notifies_and_reloads_the_inbox(ctx: Context) -> None:
    app = make_app(ctx)
    notes: list[tuple[str, dict]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.notify = lambda message, **kw: notes.append((message, kw))  # type: ignore[method-assign]
        assert "Invitations (0)" in screen_text(app)
        open_import_dialog(app, ctx)
        await pilot.pause()
        assert isinstance(app.screen, ImportDialog)
        await pilot.click("#path")
        await pilot.press(*str(DATA / "2025"))
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        assert "Invitations (1)" in screen_text(app)
        assert "Jonas Weber" in screen_text(app)
    message, options = notes[-1]
    assert message.startswith("+3 people, 1 pending invitation, 2 messages")
    assert options["markup"] is False


async def test_a_failed_import_is_a_notification_not_a_crash(ctx: Context, tmp_path: Path) -> None:
    (tmp_path / "evil[@click=app.quit]x.zip").write_bytes(b"not a zip [bold]")
    app = make_app(ctx)
    notes: list[tuple[str, dict]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ImportDialog(ctx, str(tmp_path / "evil[@click=app.quit]x.zip")))
        await pilot.pause()
        dialog = app.screen
        dialog.notify = lambda message, **kw: notes.append((message, kw))  # type: ignore[method-assign]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is dialog and not dialog.running
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
    message, options = notes[-1]
    assert "not a LinkedIn export" in message and "[@click=app.quit]" in message
    assert options["markup"] is False and options["severity"] == "error"
    assert ctx.store.count("people") == 0
