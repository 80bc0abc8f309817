"""File operations that never leave a half-written file behind."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from netinbox.store.portable import sync_data


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, chunks: Iterable[bytes]) -> None:
    """Write to a temporary file in the same folder, fsync, then rename over `path`.

    Readers see the old file or the new one, never a mix; a crash leaves at worst a stray
    temporary file, never a damaged `path`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            sync_data(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    fsync_dir(path.parent)


def keep_previous(path: Path, backup: Path) -> None:
    """Make `backup` a copy of `path` as it is now, atomically: a hard link where the file system
    has them (instant, no extra space), else a real copy (FAT, some network drives)."""
    tmp = backup.with_name(backup.name + ".tmp")
    tmp.unlink(missing_ok=True)  # a stale one of ours (stale_temporaries judged it)
    try:
        os.link(path, tmp)
    except OSError:
        try:
            with open(path, "rb") as source, open(tmp, "wb") as target:
                shutil.copyfileobj(source, target, 4 << 20)
                target.flush()
                sync_data(target.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
    os.replace(tmp, backup)
