"""`export -o`: a regular file is replaced atomically and keeps its mode; nothing else is touched."""

from __future__ import annotations

import errno
import os
import socket
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import add_person

from netinbox.cli import main
from netinbox.exporters import NotRegularFile, write_atomically
from netinbox.exporters.files import may_follow, refusal
from netinbox.services import ActionError, Context

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def fake_stat(mode: int, uid: int = 0) -> os.stat_result:
    return os.stat_result((mode, 0, 0, 1, uid, 0, 0, 0, 0, 0))


def names(folder: Path) -> list[str]:
    """Everything in the folder, so a forgotten temporary file shows up."""
    return sorted(p.name for p in folder.iterdir())


def finishes_within(seconds: float, job: Callable[[], None], fifo: Path) -> BaseException | None:
    """Run `job` in a thread; if it is still running (blocked opening the FIFO), free it and fail."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            job()
        except BaseException as exc:  # handed back to the test
            outcome.append(exc)
        else:
            outcome.append(None)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets a blocked writer go on
        thread.join(5)
        os.close(reader)
        pytest.fail("writing the export blocked on the FIFO")
    return outcome[0]


@pytest.mark.parametrize(
    ("mode", "why"),
    [
        (stat.S_IFREG | 0o644, None),
        (stat.S_IFDIR | 0o755, "not a regular file (a folder)"),
        (stat.S_IFIFO | 0o644, "not a regular file (a FIFO)"),
        (stat.S_IFCHR | 0o666, "not a regular file (a character device)"),
        (stat.S_IFBLK | 0o660, "not a regular file (a block device)"),
        (stat.S_IFSOCK | 0o755, "not a regular file (a socket)"),
        (stat.S_IFLNK | 0o777, "not a regular file (a symbolic link)"),
        (0o644, "not a regular file (of an unknown type)"),
    ],
)
def test_only_a_regular_file_may_be_replaced(mode: int, why: str | None) -> None:
    assert refusal(fake_stat(mode)) == why


@pytest.mark.parametrize(
    ("folder_mode", "folder_uid", "link_uid", "allowed"),
    [
        (0o1777, 0, 1000, True),  # /tmp, our own link
        (0o1777, 0, 0, True),  # /tmp, root's link
        (0o1777, 0, 2000, False),  # /tmp, a stranger's link
        (0o0777, 0, 2000, True),  # world-writable but not sticky: the stranger could delete ours
        (0o1755, 0, 2000, True),  # sticky but not world-writable
        (0o0755, 1000, 2000, True),  # our own folder
    ],
)
def test_a_strangers_link_in_a_shared_folder_is_not_followed(
    folder_mode: int, folder_uid: int, link_uid: int, allowed: bool
) -> None:
    link = fake_stat(stat.S_IFLNK | 0o777, uid=link_uid)
    folder = fake_stat(stat.S_IFDIR | folder_mode, uid=folder_uid)
    assert may_follow(link, folder, euid=1000) is allowed


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_gets_the_mode_any_new_file_gets(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        write_atomically(tmp_path / "new.csv", b"rows")
    finally:
        os.umask(old)
    target = tmp_path / "new.csv"
    assert target.read_bytes() == b"rows"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert names(tmp_path) == ["new.csv"]


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664, 0o604])
def test_an_existing_file_is_replaced_whole_and_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old list")
    target.chmod(mode)
    old_inode = target.stat().st_ino
    write_atomically(target, b"new list")
    assert target.read_bytes() == b"new list"
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.stat().st_ino != old_inode  # renamed over, never rewritten in place
    assert names(tmp_path) == ["out.csv"]


def test_an_existing_files_owner_and_group_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    # As root the file can belong to anyone; otherwise it is ours, which must stay so as well.
    owner = (1234, 5678) if AS_ROOT else (os.getuid(), os.getgid())
    os.chown(target, *owner)
    target.chmod(0o640)
    write_atomically(target, b"new")
    st = target.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (*owner, 0o640)


def test_without_the_right_to_give_a_file_away_the_group_is_still_tried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    before = target.stat()
    calls = []

    def fchown(fd: int, uid: int, gid: int) -> None:
        calls.append((uid, gid))
        raise PermissionError(errno.EPERM, "Operation not permitted")

    real_fstat = os.fstat

    def fstat_as_someone_else(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        # The temporary file looks as if it were made by another user, so the owner differs.
        return os.stat_result((st.st_mode, 0, 0, 1, st.st_uid + 1, st.st_gid + 1, 0, 0, 0, 0))

    monkeypatch.setattr(os, "fchown", fchown)
    monkeypatch.setattr(os, "fstat", fstat_as_someone_else)
    write_atomically(target, b"new")
    assert calls == [(before.st_uid, before.st_gid), (-1, before.st_gid)]
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symlink_stays_a_symlink_and_its_target_is_updated(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "links").mkdir()
    target = tmp_path / "real" / "list.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    first = tmp_path / "links" / "first.csv"
    first.symlink_to("../real/list.csv")  # relative to the link's own folder
    second = tmp_path / "second.csv"
    second.symlink_to(first)  # a chain of two
    write_atomically(second, b"new")
    assert second.is_symlink() and os.readlink(second) == str(first)
    assert first.is_symlink() and os.readlink(first) == "../real/list.csv"
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o640
    assert names(tmp_path / "real") == ["list.csv"] and names(tmp_path / "links") == ["first.csv"]


def test_a_dangling_symlink_gets_its_target_created_like_a_shell_redirect_would(
    tmp_path: Path,
) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to("later.csv")
    write_atomically(link, b"rows")
    assert link.is_symlink() and os.readlink(link) == "later.csv"
    assert (tmp_path / "later.csv").read_bytes() == b"rows"


def test_a_symlink_into_a_missing_folder_is_refused_and_kept(tmp_path: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "gone" / "out.csv")
    with pytest.raises(ActionError, match=r"out\.csv \(a link to .*gone/out\.csv\): cannot write"):
        write_atomically(link, b"rows")
    assert link.is_symlink() and names(tmp_path) == ["out.csv"]


def test_a_symlink_loop_is_refused_and_kept(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(NotRegularFile, match="too many levels of symbolic links"):
        write_atomically(tmp_path / "a", b"rows")
    assert os.readlink(tmp_path / "a") == "b" and os.readlink(tmp_path / "b") == "a"
    assert names(tmp_path) == ["a", "b"]


def test_a_folder_is_refused_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    with pytest.raises(NotRegularFile, match=r"lists: not a regular file \(a folder\), left"):
        write_atomically(folder, b"rows")
    assert names(folder) == ["keep.txt"] and names(tmp_path) == ["lists"]


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    error = finishes_within(10, lambda: write_atomically(fifo, b"rows"), fifo)
    assert isinstance(error, NotRegularFile) and "(a FIFO), left untouched" in str(error)
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and names(tmp_path) == ["pipe"]


def test_a_symlink_to_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.csv"
    link.symlink_to("pipe")
    error = finishes_within(10, lambda: write_atomically(link, b"rows"), fifo)
    assert isinstance(error, NotRegularFile)
    assert str(error).startswith(f"{link}: links to {fifo}, not a regular file (a FIFO)")
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_device_node_is_refused_and_kept(tmp_path: Path) -> None:
    if AS_ROOT:
        # Our own node, with the numbers of /dev/null: the real /dev is never touched.
        device = tmp_path / "null"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    else:
        # Without root no node can be made; /dev/null is only looked at (and a user could not
        # replace it anyway, /dev is not theirs).
        device = Path(os.devnull)
    before = device.lstat()
    with pytest.raises(NotRegularFile, match=r"not a regular file \(a character device\)"):
        write_atomically(device, b"rows")
    after = device.lstat()
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino
    if AS_ROOT:
        assert names(tmp_path) == ["null"]


def test_a_socket_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(NotRegularFile, match=r"\(a socket\), left untouched"):
            write_atomically(path, b"rows")
        assert stat.S_ISSOCK(path.lstat().st_mode)
    finally:
        server.close()


def test_a_strangers_link_in_a_shared_folder_is_refused_for_real(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"precious")
    link = shared / "list.csv"
    link.symlink_to(victim)
    if AS_ROOT:
        os.lchown(link, 4321, 4321)  # planted by another user
    else:
        # Only root can make a link that is not ours: here we become someone else instead, in a
        # shared folder that belongs to a third user.
        me = os.geteuid()
        real_stat = os.stat

        def stat_owned_by_a_third_user(path, *args, **kwargs):
            st = real_stat(path, *args, **kwargs)
            if os.fspath(path) != str(shared):
                return st
            return os.stat_result((st.st_mode, 0, 0, 1, me + 2, 0, 0, 0, 0, 0))

        monkeypatch.setattr(os, "geteuid", lambda: me + 1)
        monkeypatch.setattr(os, "stat", stat_owned_by_a_third_user)
    with pytest.raises(NotRegularFile, match="a link owned by another user in the shared folder"):
        write_atomically(link, b"rows")
    assert victim.read_bytes() == b"precious" and link.is_symlink()


def test_something_put_in_place_while_writing_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    real_fsync = os.fsync

    def swap_in_a_fifo(fd: int) -> None:
        real_fsync(fd)
        if target.is_file():
            target.unlink()
            os.mkfifo(target)

    monkeypatch.setattr(os, "fsync", swap_in_a_fifo)
    with pytest.raises(NotRegularFile, match="changed while the export was written"):
        write_atomically(target, b"new")
    assert stat.S_ISFIFO(target.lstat().st_mode) and names(tmp_path) == ["out.csv"]


def test_a_read_only_file_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    target.chmod(0o444)
    if AS_ROOT:  # root may write anything; the user who is not root is what this is about
        monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(ActionError, match=r"out\.csv: the file is read-only, left untouched"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(ActionError) as caught:
        write_atomically(target, b"new data")
    assert str(caught.value) == (
        f"{target}: could not write (No space left on device); "
        "nothing was changed: free some space and try again"
    )
    assert target.read_bytes() == b"old" and names(tmp_path) == ["out.csv"]
    monkeypatch.undo()
    write_atomically(target, b"new data")
    assert target.read_bytes() == b"new data"
    with pytest.raises(ActionError, match="cannot write here"):
        write_atomically(tmp_path / "missing" / "out.csv", b"x")


def test_without_fchown_fchmod_or_folder_sync_as_on_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("fchown", "fchmod", "O_DIRECTORY", "O_NOFOLLOW", "geteuid"):
        monkeypatch.delattr(os, name, raising=False)
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o640
    link = tmp_path / "link.csv"
    link.symlink_to("out.csv")
    write_atomically(link, b"newer")
    assert link.is_symlink() and target.read_bytes() == b"newer"
    write_atomically(tmp_path / "fresh.csv", b"rows")
    assert names(tmp_path) == ["fresh.csv", "link.csv", "out.csv"]


# --- through the command line -------------------------------------------------------------


def export_to(db_path: Path, target: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["export", "people", "-o", str(target), "--db", str(db_path)])
    out, err = capsys.readouterr()
    assert out == ""
    return code, err


@pytest.fixture
def people_db(ctx: Context, db_path: Path) -> Path:
    add_person(ctx, "p", first="Pat", last="Plain")
    ctx.store.close()
    return db_path


def test_the_export_command_keeps_an_existing_files_mode(
    people_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "people.csv"
    target.write_text("old")
    target.chmod(0o644)
    code, err = export_to(people_db, target, capsys)
    assert (code, err) == (0, f"Wrote 1 people rows to {target}\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644 and "Pat" in target.read_text("utf-8-sig")


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "loop", "link to a fifo"])
def test_the_export_command_refuses_a_non_regular_target_in_one_line(
    people_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    target = tmp_path / "out"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target = tmp_path / "null"
        if AS_ROOT:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        else:
            target = Path(os.devnull)  # looked at, never written: see the device test above
    elif kind == "folder":
        target.mkdir()
    elif kind == "loop":
        target.symlink_to("out")
    else:
        os.mkfifo(tmp_path / "pipe")
        target.symlink_to("pipe")
    before = target.lstat()
    code, err = export_to(people_db, target, capsys)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith(f"netinbox: {target}: ")
    assert "left untouched (use -o - to write to standard output)" in err
    assert "internal error" not in err and "Traceback" not in err
    after = target.lstat()
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
