"""One writer per database: an exclusive lock on `<db>.lock`, held for the process's lifetime.

The lock file also says who holds it, so a refused process can name the other one. The operating
system releases the lock when the holder exits, even after a crash or SIGKILL.

Unix locks the whole file with `fcntl.flock`. Windows has no fcntl: `msvcrt.locking` locks one
byte far past the holder's note instead, because a locked byte cannot be read by anyone else and
the refused process must still be able to read who holds the lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Protocol

from netinbox.oserrors import describe, show_path
from netinbox.store.errors import StoreError
from netinbox.store.ownership import check_sibling
from netinbox.store.portable import binary, no_follow, pread, pwrite

_WINDOWS_LOCK_OFFSET = 1 << 20  # past any note the holder writes at the start


class DatabaseLocked(StoreError):
    pass


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class _Locker(Protocol):
    def try_lock(self, fd: int) -> bool: ...
    def unlock(self, fd: int) -> None: ...


class _Flock:
    def __init__(self, fcntl_module: object) -> None:
        self._fcntl = fcntl_module

    def try_lock(self, fd: int) -> bool:
        fcntl = self._fcntl
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # type: ignore[attr-defined]
        except BlockingIOError:
            return False
        return True

    def unlock(self, fd: int) -> None:
        pass  # closing the file releases the flock


class _Msvcrt:
    def __init__(self, msvcrt_module: object) -> None:
        self._msvcrt = msvcrt_module

    def try_lock(self, fd: int) -> bool:
        msvcrt = self._msvcrt
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:  # EACCES / EDEADLOCK: another process holds the byte
            return False
        return True

    def unlock(self, fd: int) -> None:
        msvcrt = self._msvcrt
        with contextlib.suppress(OSError):
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]


def platform_locker() -> _Locker:
    """fcntl where it exists (Linux, macOS, BSD), msvcrt on Windows."""
    try:
        import fcntl
    except ImportError:
        pass
    else:
        return _Flock(fcntl)
    try:
        import msvcrt
    except ImportError:
        raise StoreError(
            "this system offers no way to lock a file (neither fcntl nor msvcrt), so netinbox "
            "cannot make sure only one copy writes the database"
        ) from None
    return _Msvcrt(msvcrt)


class WriterLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd = -1
        self._locker: _Locker | None = None

    def acquire(self, purpose: str = "") -> None:
        check_sibling(self.path, "lock file")
        locker = platform_locker()
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except FileNotFoundError as exc:
            raise StoreError(
                f"cannot create the folder {show_path(folder)}: the folder it would go in does "
                "not accept new folders; use --db to choose a file in an ordinary folder"
            ) from exc
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for the database: {describe(exc, exc.filename or folder)}"
            ) from exc
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | no_follow() | binary(), 0o600)
        except FileNotFoundError as exc:  # /proc and friends: a folder that takes no new files
            raise StoreError(
                f"cannot create {show_path(self.path)}: the folder {show_path(folder)} does not "
                "accept new files; use --db to choose a file in an ordinary folder"
            ) from exc
        except OSError as exc:
            raise StoreError(f"cannot take the writer's lock: {describe(exc, self.path)}") from exc
        try:
            if not locker.try_lock(fd):
                holder = _describe(fd)
                raise DatabaseLocked(
                    f"{self.db_path} is being written by {holder}; close that one first "
                    "(reading commands such as `list` and `export` still work)"
                )
            info = {
                "pid": os.getpid(),
                "command": purpose or " ".join(["netinbox", *sys.argv[1:]])[:120],
                "since": time.strftime("%Y-%m-%d %H:%M:%S"),
            }
            os.ftruncate(fd, 0)
            pwrite(fd, json.dumps(info).encode("utf-8"), 0)
        except OSError as exc:
            locker.unlock(fd)
            os.close(fd)
            raise StoreError(f"cannot take the writer's lock: {describe(exc, self.path)}") from exc
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self._locker = locker

    def release(self) -> None:
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            if self._locker is not None:
                self._locker.unlock(self._fd)
            os.close(self._fd)
            self._fd = -1


def _describe(fd: int) -> str:
    try:
        info = json.loads(pread(fd, 4096, 0) or b"{}")
        return f"another netinbox (pid {info['pid']}, `{info['command']}`, since {info['since']})"
    except (ValueError, KeyError, TypeError, OSError):
        return "another netinbox process"
