"""One writer per database: an exclusive lock on `<db>.lock`, held for the process's lifetime.

The lock file also says who holds it, so a refused process can name the other one. The operating
system releases the lock when the holder exits, even after a crash or SIGKILL.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import time
from pathlib import Path

from netinbox.store.errors import StoreError


class DatabaseLocked(StoreError):
    pass


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class WriterLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd = -1

    def acquire(self, purpose: str = "") -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _describe(fd)
            os.close(fd)
            raise DatabaseLocked(
                f"{self.db_path} is being written by {holder}; close that one first "
                "(reading commands such as `list` and `export` still work)"
            ) from None
        except OSError:
            os.close(fd)
            raise
        info = {
            "pid": os.getpid(),
            "command": purpose or " ".join(["netinbox", *sys.argv[1:]])[:120],
            "since": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode("utf-8"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing releases the flock
            self._fd = -1


def _describe(fd: int) -> str:
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f"another netinbox (pid {info['pid']}, `{info['command']}`, since {info['since']})"
    except (ValueError, KeyError, OSError):
        return "another netinbox process"
