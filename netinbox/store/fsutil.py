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


def link_or_copy(path: Path, target: Path) -> None:
    """Give `path`'s current content a second name: a hard link where the file system has them
    (instant, no extra space), else a real copy (FAT, some network drives). `target` must not
    exist."""
    try:
        os.link(path, target)
    except OSError:
        try:
            with open(path, "rb") as source, open(target, "xb") as copy:
                shutil.copyfileobj(source, copy, 4 << 20)
                copy.flush()
                sync_data(copy.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                target.unlink()
            raise
