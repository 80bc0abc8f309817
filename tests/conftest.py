"""Shared fixtures. Every test runs with its own data and config folders: never the user's files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from dateutil import tz

from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.services import Context
from netinbox.services.demo import load_demo
from netinbox.store import Store

FROZEN_NOW = datetime(2026, 3, 1, 9, 0, tzinfo=tz.UTC)
FROZEN_NOW_TEXT = "2026-03-01T09:00:00+00:00"


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("NETINBOX_DB", str(home / "default-db.json"))
    for name in ("TEXTUAL_THEME", "NO_COLOR", "NETINBOX_NOW", "VISUAL", "EDITOR", "NETINBOX_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def clock() -> Clock:
    return Clock(FROZEN_NOW)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "netinbox.json"


@pytest.fixture
def ctx(db_path: Path, clock: Clock) -> Context:
    """An empty database with a frozen clock."""
    return Context(Store(db_path), clock, Settings(owner_first_name="Robin"))


@pytest.fixture
def demo_ctx(ctx: Context) -> Context:
    """The bundled demo data set, loaded at the frozen time."""
    load_demo(ctx)
    return ctx
