"""Colour themes from TOML files: the bundled `themes/` folder, then the user's own."""

from __future__ import annotations

import contextlib
import tomllib
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from netinbox.paths import bundled_dir, user_config_dir

_COLOUR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "success",
    "warning",
    "error",
)


def theme_dirs() -> list[Path]:
    dirs = []
    with contextlib.suppress(FileNotFoundError):
        dirs.append(bundled_dir("themes"))
    dirs.append(user_config_dir() / "themes")
    return dirs


def load_theme_file(path: Path) -> Theme:
    """One theme; raises ValueError naming the file and the bad entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise ValueError(f"{path.name}: {exc}") from exc
    name = data.get("name") or path.stem
    if "primary" not in data:
        raise ValueError(f"{path.name}: a theme needs at least a 'primary' colour")
    colours = {}
    for key in _COLOUR_KEYS:
        if key in data:
            try:
                Color.parse(str(data[key]))  # an invalid colour would only fail when applied
            except ColorParseError as exc:
                raise ValueError(f"{path.name}: {key} = {data[key]!r} is not a colour") from exc
            colours[key] = str(data[key])
    variables = {str(k): str(v) for k, v in (data.get("variables") or {}).items()}
    return Theme(name=str(name), dark=bool(data.get("dark", True)), variables=variables, **colours)


def load_themes(dirs: list[Path] | None = None) -> tuple[list[Theme], list[str]]:
    """Every readable theme, and one message per file that could not be used."""
    themes, errors = [], []
    for folder in dirs if dirs is not None else theme_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                themes.append(load_theme_file(path))
            except ValueError as exc:
                errors.append(str(exc))
    return themes, errors
