"""One sentence for every file-system error a user can cause: a full disk, a file they may not
read, a folder where a file should be. Used by the store, the importers, the exporters and the CLI,
so the same trouble always reads the same way."""

from __future__ import annotations

import errno
import os
import stat

from netinbox.text import one_line

_ADVICE = {
    errno.ENOSPC: "the disk is full",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "it is on a read-only file system",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ENOENT: "it does not exist",
    errno.ELOOP: "too many symbolic links (a loop?)",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "the disk reported an input/output error",
    errno.EMFILE: "too many open files",
    errno.ETXTBSY: "the file is busy",
    errno.EBUSY: "the file is busy",
}
_DQUOT = getattr(errno, "EDQUOT", None)
if _DQUOT is not None:
    _ADVICE[_DQUOT] = "the disk quota is used up"

# What the user can do about it, when the errno says.
_NEXT_STEP = {
    errno.ENOSPC: "free some space and try again",
    errno.EACCES: "check the file's permissions, or use --db to choose another file",
    errno.EPERM: "check the file's permissions, or use --db to choose another file",
    errno.EROFS: "use --db to choose a file on a writable disk",
    errno.EISDIR: "give the path of a file",
}
if _DQUOT is not None:
    _NEXT_STEP[_DQUOT] = "free some space and try again"


def show_path(path: object) -> str:
    """A path as printable text, whatever bytes its name holds."""
    text = os.fsdecode(path) if isinstance(path, bytes | os.PathLike) else str(path)
    try:  # bytes that were not UTF-8 arrive as surrogates: show them as the bytes they were
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "backslashreplace")
    return one_line(raw.decode("utf-8", "backslashreplace"))


def describe(exc: OSError, path: object = None, *, nothing_changed: bool = False) -> str:
    """`PATH: what went wrong[; nothing was changed]; what to do`, as one line."""
    where = show_path(path if path is not None else (exc.filename or "netinbox"))
    what = _ADVICE.get(exc.errno or -1) or one_line(exc.strerror or str(exc) or type(exc).__name__)
    parts = [f"{where}: {what}"]
    if nothing_changed:
        parts.append("nothing was changed")
    step = _NEXT_STEP.get(exc.errno or -1)
    if step:
        parts.append(step)
    return "; ".join(parts)


def is_disk_full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, _DQUOT)


def file_kind(mode: int) -> str:
    """What a non-regular file is, for a sentence: "a folder", "a FIFO", "a character device"…"""
    for test, kind in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISREG, "a regular file"),
    ):
        if test(mode):
            return kind
    return "of an unknown type"
