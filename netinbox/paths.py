"""Where the user's data lives: `--db`, else `$NETINBOX_DB`, else the platform's user data dir."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "netinbox"
DB_ENV = "NETINBOX_DB"
DB_FILENAME = "netinbox.json"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DB_FILENAME


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def resolve_db_path(
    cli_value: str | os.PathLike[str] | None, environ: Mapping[str, str] | None = None
) -> Path:
    environ = os.environ if environ is None else environ
    if cli_value:
        return Path(cli_value).expanduser()
    from_env = environ.get(DB_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()


def bundled_dir(name: str) -> Path:
    """A data folder shipped with netinbox (`themes`, `sample_data`).

    An installed wheel carries them inside the package; an editable install or a checkout reads them
    from the top of the repository.
    """
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "_bundled" / name, package_dir.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"netinbox is missing its bundled '{name}' folder; reinstall netinbox")
