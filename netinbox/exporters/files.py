"""Writing an export to the file the user names, without harming what is already there.

`export -o PATH` replaces PATH by renaming a finished temporary file over it, so a reader sees the
old list or the whole new one. A rename replaces whatever directory entry is there, which is only
right for a regular file: a FIFO, a device, a socket or a folder is refused and left as it is (and
is never opened, so a FIFO with no reader cannot hang the command). A symlink is followed to the
file it leads to, and that file is replaced, so the link stays a link. An existing file keeps its
permission bits (and its owner and group where the system lets us set them); a new file gets the
mode any new file gets (0o666 less the umask), the same as `netinbox export > PATH` would give:
an export is the user's own list for a spreadsheet, and the umask is their standing choice of how
private new files are.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

from netinbox.oserrors import file_kind
from netinbox.services.context import ActionError
from netinbox.store.fsutil import fsync_dir

__all__ = ["NotRegularFile", "may_follow", "refusal", "write_atomically"]

# Linux gives up after 40 links (MAXSYMLINKS); a longer chain is a loop for all practical purposes.
_MAX_LINKS = 40
# The temporary name adds about 15 characters; most filesystems allow 255 per name.
_NAME_ROOM = 200


class NotRegularFile(ActionError):
    """The target is a FIFO, device, socket, folder or a link that must not be followed."""


def refusal(st: os.stat_result) -> str | None:
    """What is wrong with replacing a file of this type, or None for a regular file."""
    if stat.S_ISREG(st.st_mode):
        return None
    return f"not a regular file ({file_kind(st.st_mode)})"


def write_atomically(path: Path, data: bytes) -> None:
    """Replace the regular file at `path` (or the one its symlinks lead to) with `data`, all at once.

    Raises NotRegularFile for a target that must stay as it is, ActionError for anything else the
    user can fix (a missing folder, permissions, a full disk); the target is unchanged either way.
    """
    named = str(path)
    try:
        final, before = _resolve(named)
    except OSError as exc:
        raise ActionError(f"{named}: cannot write here ({_reason(exc)})") from exc
    where = named if final == named else f"{named} (a link to {final})"
    if before is not None:
        _refuse_unless_regular(named, final, before)
        if not os.access(final, os.W_OK):
            # The rename would succeed (it needs only the folder), but a read-only file is a choice
            # the user made; `>` would refuse too.
            raise ActionError(f"{where}: the file is read-only, left untouched")
    folder = os.path.dirname(final) or "."
    try:
        tmp, fd = _create_temp(folder, os.path.basename(final))
    except OSError as exc:
        raise ActionError(f"{where}: cannot write here ({_reason(exc)})") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            if before is not None:
                _copy_owner_and_mode(handle.fileno(), tmp, before)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _check_still_replaceable(named, final)
        os.replace(tmp, final)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ActionError(
            f"{where}: could not write ({_reason(exc)}){_nothing_changed(exc)}"
        ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(Path(folder))  # the rename itself; best effort, the data is already on disk


def _resolve(named: str) -> tuple[str, os.stat_result | None]:
    """The path a rename must land on (after following symlinks) and its lstat (None if missing).

    Links are walked one at a time rather than with os.path.realpath so that a loop is caught the
    same way everywhere and each link can be checked before it is followed. The joined path is not
    normalised: `..` after a linked folder must mean what the kernel says it means.
    """
    current = named
    for _ in range(_MAX_LINKS):
        try:
            st = os.lstat(current)
        except FileNotFoundError:
            return current, None
        if not stat.S_ISLNK(st.st_mode):
            return current, st
        _refuse_untrusted_link(named, current, st)
        current = os.path.join(os.path.dirname(current), os.readlink(current))
    raise NotRegularFile(f"{named}: too many levels of symbolic links (a loop?), left untouched")


def _refuse_untrusted_link(named: str, link: str, st: os.stat_result) -> None:
    if not hasattr(os, "geteuid"):  # Windows: no sticky bit and no such shared folders
        return
    folder = os.path.dirname(link) or "."
    try:
        folder_st = os.stat(folder)
    except OSError:
        return  # lstat of the link just worked; the rename will report a real problem
    if not may_follow(st, folder_st, os.geteuid()):
        raise NotRegularFile(
            f"{named}: a link owned by another user in the shared folder {folder}, "
            "not followed, left untouched"
        )


def may_follow(link: os.stat_result, folder: os.stat_result, euid: int) -> bool:
    """Whether a link may be followed: not someone else's link in a shared folder such as /tmp.

    Anyone who can write to /tmp can plant /tmp/list.csv -> ~/.bashrc for whoever exports there.
    This is the rule of Linux's fs.protected_symlinks, applied here because the links are resolved
    here: in a sticky, world-writable folder, follow a link only if it is ours or the folder owner's.
    """
    shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    return not shared or link.st_uid in (euid, folder.st_uid)


def _refuse_unless_regular(named: str, final: str, st: os.stat_result) -> None:
    why = refusal(st)
    if why is None:
        return
    if final == named:
        raise NotRegularFile(f"{named}: {why}, left untouched")
    raise NotRegularFile(f"{named}: links to {final}, {why}, left untouched")


def _create_temp(folder: str, name: str) -> tuple[str, int]:
    """A new file next to the target, created here and nowhere else.

    O_EXCL with O_NOFOLLOW: never an existing file or a link someone planted under that name. The
    mode 0o666 lets the kernel apply the umask (tempfile.mkstemp would force 0o600).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    for extra in ("O_NOFOLLOW", "O_CLOEXEC", "O_BINARY"):
        flags |= getattr(os, extra, 0)
    for _ in range(100):
        tmp = os.path.join(folder, f".{name[:_NAME_ROOM]}.{secrets.token_hex(4)}.tmp")
        try:
            return tmp, os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", folder)


def _copy_owner_and_mode(fd: int, tmp: str, before: os.stat_result) -> None:
    """Give the new file the old one's owner, group and permission bits, as far as we may.

    Owner before mode: changing the owner clears set-user-ID bits. Only root may give a file away;
    anyone may give it a group they belong to; otherwise the new file is ours, with the old mode.
    Windows has neither fchown nor (before Python 3.13) fchmod: os.chmod sets what it can there.
    """
    if hasattr(os, "fchown"):
        mine = os.fstat(fd)
        if (mine.st_uid, mine.st_gid) != (before.st_uid, before.st_gid):
            try:
                os.fchown(fd, before.st_uid, before.st_gid)
            except OSError:
                with contextlib.suppress(OSError):
                    os.fchown(fd, -1, before.st_gid)
    mode = stat.S_IMODE(before.st_mode)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, mode)
    else:
        os.chmod(tmp, mode)


def _check_still_replaceable(named: str, final: str) -> None:
    """Look again right before the rename: something may have been put there meanwhile.

    This narrows the window but cannot close it: rename has no "only if still a regular file"
    form, so a FIFO or device created in the microseconds between this lstat and the rename would
    be replaced (its directory entry, that is: a rename never writes into a device or a FIFO, never
    follows a link at the last step, and fails on a folder).
    """
    try:
        now = os.lstat(final)
    except FileNotFoundError:
        return  # still missing, or removed meanwhile: creating it is what was asked
    why = refusal(now)
    if why is not None:
        raise NotRegularFile(
            f"{named}: changed while the export was written and is now {why}, left untouched"
        )


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _nothing_changed(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "; nothing was changed: free some space and try again"
    return "; nothing was changed"
