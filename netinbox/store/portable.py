"""The few file calls that differ between Linux, macOS and Windows, each with its fallback.

- `os.fdatasync` exists on Linux only: macOS gets `fcntl.F_FULLFSYNC` (its plain `fsync` may leave
  data in the drive's cache), everything else `os.fsync` (on Windows, `_commit`).
- `os.pread` / `os.pwrite` are Unix only: elsewhere a seek and a read under one lock, so the
  background checksum worker and the UI thread never move each other's file position.
- `os.O_NOFOLLOW` is missing on Windows, where symlinks need privileges to create anyway.

Each is looked up when called, not when imported, so a test can take a piece away (as a platform
lacks it) and see the fallback run.
"""

from __future__ import annotations

import os
import sys
import threading

_POSITION_LOCK = threading.Lock()


def sync_data(fd: int) -> None:
    """Make what was written to `fd` durable before returning."""
    if sys.platform == "darwin":
        try:
            import fcntl

            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except (ImportError, AttributeError, OSError):
            pass  # some file systems refuse F_FULLFSYNC: fsync is the best left
    fdatasync = getattr(os, "fdatasync", None)
    if fdatasync is not None:
        fdatasync(fd)
    else:
        os.fsync(fd)


def pread(fd: int, length: int, offset: int) -> bytes:
    native = getattr(os, "pread", None)
    if native is not None:
        return native(fd, length, offset)
    with _POSITION_LOCK:  # and the file position is put back, as os.pread leaves it
        position = os.lseek(fd, 0, os.SEEK_CUR)
        try:
            os.lseek(fd, offset, os.SEEK_SET)
            chunks, left = [], length
            while left > 0:
                chunk = os.read(fd, left)
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            return b"".join(chunks)
        finally:
            os.lseek(fd, position, os.SEEK_SET)


def pwrite(fd: int, data: bytes, offset: int) -> int:
    native = getattr(os, "pwrite", None)
    if native is not None:
        return native(fd, data, offset)
    with _POSITION_LOCK:
        position = os.lseek(fd, 0, os.SEEK_CUR)
        try:
            os.lseek(fd, offset, os.SEEK_SET)
            return os.write(fd, data)
        finally:
            os.lseek(fd, position, os.SEEK_SET)


def no_follow() -> int:
    """The open flag that refuses a symlink in the last path component, where there is one."""
    return getattr(os, "O_NOFOLLOW", 0)


def binary() -> int:
    """Windows opens files in text mode unless told otherwise; elsewhere this is 0."""
    return getattr(os, "O_BINARY", 0)
