"""File-system situations for tests: a file nobody may read (whoever runs the suite), a folder's names."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def deny_reading(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """chmod 000; as root (who reads anything anyway) opening it fails the same way."""
    path.chmod(0)
    if not IS_ROOT:
        return
    import builtins

    real_open = builtins.open
    real_os_open = os.open

    def denied(file, *args, **kwargs):
        if Path(os.fsdecode(file)) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    def denied_os(file, *args, **kwargs):
        if Path(os.fsdecode(file)) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", denied)
    monkeypatch.setattr(os, "open", denied_os)


def names(folder: Path) -> list[str]:
    """Everything in the folder, so a forgotten temporary file shows up."""
    return sorted(p.name for p in folder.iterdir())
