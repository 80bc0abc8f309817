"""How the app starts: which database, which clock, which theme, and what the demo may touch."""

from __future__ import annotations

from pathlib import Path

import pytest

from netinbox import cli
from netinbox.paths import default_db_path, resolve_db_path
from netinbox.ui.app import NetinboxApp
from netinbox.ui.themes import load_theme_file, load_themes
from tests.conftest import FROZEN_NOW, FROZEN_NOW_TEXT


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[NetinboxApp]:
    """Start the full-screen app through the real CLI, but record it instead of running it."""
    apps: list[NetinboxApp] = []
    monkeypatch.setattr(NetinboxApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


def test_database_location_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NETINBOX_DB")
    assert resolve_db_path(None) == default_db_path()
    monkeypatch.setenv("NETINBOX_DB", str(tmp_path / "env.json"))
    assert resolve_db_path(None) == tmp_path / "env.json"
    assert resolve_db_path(str(tmp_path / "flag.json")) == tmp_path / "flag.json"


def test_default_location_is_the_platform_user_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, started: list[NetinboxApp]
) -> None:
    monkeypatch.delenv("NETINBOX_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert cli.main([]) == 0
    assert started[0].ctx.store.path == tmp_path / "xdg-data" / "netinbox" / "netinbox.json"


def test_netinbox_now_freezes_the_app_clock(
    monkeypatch: pytest.MonkeyPatch, started: list[NetinboxApp]
) -> None:
    monkeypatch.setenv("NETINBOX_NOW", FROZEN_NOW_TEXT)
    assert cli.main(["--demo"]) == 0
    assert started[0].ctx.now() == FROZEN_NOW
    assert started[0].demo


def test_bad_netinbox_now_is_one_clear_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("NETINBOX_NOW", "yesterday-ish")
    assert cli.main(["list", "pending"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "NETINBOX_NOW" in err


def test_demo_uses_a_temporary_database_and_leaves_the_users_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, started: list[NetinboxApp]
) -> None:
    own = tmp_path / "own.json"
    monkeypatch.setenv("NETINBOX_DB", str(own))
    assert cli.main(["--demo"]) == 0
    assert not own.exists()
    demo_path = started[0].ctx.store.path
    assert demo_path != own and not demo_path.exists()  # removed after the session


def test_themes_load_from_the_bundled_folder(started: list[NetinboxApp]) -> None:
    themes, errors = load_themes()
    assert errors == []
    assert {"netinbox", "netinbox-light"} <= {t.name for t in themes}
    cli.main(["--demo"])
    assert started[0].theme == "netinbox"


def test_a_bad_theme_file_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "broken.toml").write_text('name = "broken"\nprimary = "not-a-colour"\n')
    (tmp_path / "garbage.toml").write_text("this is = = not toml")
    themes, errors = load_themes([tmp_path])
    assert themes == []
    assert any("broken.toml: primary" in e for e in errors)
    assert any("garbage.toml" in e for e in errors)
    with pytest.raises(ValueError, match="not a colour"):
        load_theme_file(tmp_path / "broken.toml")


async def test_unknown_theme_falls_back_with_a_message(ctx) -> None:
    app = NetinboxApp(ctx, theme="nope", cursor_blink=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "netinbox"
        assert any("no theme named 'nope'" in str(n.message) for n in app._notifications)
