"""Screening configuration: bundled TOML files, extended or overridden from the user's config dir.

Every word list, threshold, weight and the schools table lives in `data/*.toml` so that the rules can
be read and changed without touching code. A file with the same name in
`user_config_dir() / "screening"` is merged on top: tables merge key by key, lists are extended,
scalars are replaced. Two escape hatches keep that predictable:

- in `schools.toml`, a school given by the user replaces the bundled entry of the same key whole
  (you usually want to *correct* what a school grants, not add to it);
- a top-level `[remove]` table drops bundled list entries, e.g. `remove = {call_ask = ["quick chat"]}`
  (keys are dotted paths into the file).

Everything is loaded once per process; `reset()` forgets it (tests, or after editing the files).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from netinbox.config import ConfigError
from netinbox.paths import user_config_dir

DATA_DIR = Path(__file__).resolve().parent / "data"
FILES = (
    "messages.toml",
    "selling.toml",
    "canned.toml",
    "personal.toml",
    "scam.toml",
    "profiles.toml",
    "schools.toml",
    "degrees.toml",
    "names.toml",
    "employers.toml",
    "calibration.toml",
)
# Tables whose entries a user file replaces whole instead of merging into.
_REPLACE_ENTRIES = {"schools.toml": ("schools",), "calibration.toml": ("labels",)}


class ScreeningConfigError(ConfigError):
    """A screening data file is unreadable or has the wrong shape; the message names the file."""


def user_dir() -> Path:
    return user_config_dir() / "screening"


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise ScreeningConfigError(f"{path}: {exc}. Fix or remove the file.") from exc


def _check_shape(base: Any, override: Any, path: Path, where: str) -> None:
    """The user's value must have the bundled value's type, so a typo fails loudly, not silently."""
    if isinstance(base, bool) or isinstance(override, bool):
        ok = isinstance(base, bool) and isinstance(override, bool)
    elif isinstance(base, int | float):
        ok = isinstance(override, int | float)
    else:
        ok = isinstance(override, type(base))
    if not ok:
        raise ScreeningConfigError(
            f"{path}: '{where}' must be a {type(base).__name__}, not {type(override).__name__}"
        )
    strings_expected = isinstance(base, list) and all(isinstance(v, str) for v in base)
    if strings_expected and any(not isinstance(v, str) for v in override):
        raise ScreeningConfigError(f"{path}: '{where}' must be a list of strings")


def _merge(base: Any, override: Any, path: Path, where: str, replace: tuple[str, ...]) -> Any:
    if base is None:
        return override
    _check_shape(base, override, path, where)
    if isinstance(base, dict):
        merged = dict(base)
        for key, value in override.items():
            inner = f"{where}.{key}" if where else key
            if where in replace or key not in merged:
                merged[key] = value
            else:
                merged[key] = _merge(merged[key], value, path, inner, replace)
        return merged
    if isinstance(base, list):
        return base + [v for v in override if v not in base]
    return override


def _remove(data: dict[str, Any], removals: Any, path: Path) -> None:
    if not isinstance(removals, dict):
        raise ScreeningConfigError(f"{path}: [remove] must map dotted keys to lists")
    for dotted, entries in removals.items():
        node: Any = data
        for part in dotted.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, list) or not isinstance(entries, list):
            raise ScreeningConfigError(f"{path}: remove.{dotted} does not name a list")
        node[:] = [v for v in node if v not in entries]


def load_file(name: str, user_directory: Path | None = None) -> dict[str, Any]:
    """One data file: the bundled copy, with the user's copy (if any) merged on top."""
    data = _read(DATA_DIR / name)
    user_path = (user_directory or user_dir()) / name
    if user_path.is_file():
        user = _read(user_path)
        removals = user.pop("remove", None)
        unknown = sorted(set(user) - set(data))
        if unknown:
            raise ScreeningConfigError(
                f"{user_path}: unknown key(s) {', '.join(unknown)} "
                f"(known: {', '.join(sorted(data))})"
            )
        data = _merge(data, user, user_path, "", _REPLACE_ENTRIES.get(name, ()))
        if removals is not None:
            _remove(data, removals, user_path)
        if name == "schools.toml":
            _check_schools(data, user_path)
    return data


def _check_schools(data: dict[str, Any], path: Path) -> None:
    sections = (
        ("schools", ("names", "families", "levels")),
        ("kinds", ("names", "grants", "never")),
    )
    for section, fields in sections:
        for key, entry in data.get(section, {}).items():
            if not isinstance(entry, dict):
                raise ScreeningConfigError(f"{path}: {section}.{key} must be a table")
            for field in fields:
                value = entry.get(field)
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ScreeningConfigError(
                        f"{path}: {section}.{key}.{field} must be a list of strings"
                    )


@cache
def load() -> Mapping[str, dict[str, Any]]:
    """All data files by stem ('messages', 'schools', ...), loaded once."""
    return {name.removesuffix(".toml"): load_file(name) for name in FILES}


def reset() -> None:
    """Forget the loaded configuration and everything compiled from it."""
    load.cache_clear()
    for hook in _RESET_HOOKS:
        hook()


_RESET_HOOKS: list[Callable[[], object]] = []


def on_reset(hook: Callable[[], object]) -> None:
    """Let a module drop what it compiled from the configuration when `reset()` is called."""
    _RESET_HOOKS.append(hook)
