"""`export -o` on what is not a regular file: links, folders, FIFOs, devices and sockets."""

from __future__ import annotations

import os
import socket
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from fs_helpers import IS_ROOT, names

from netinbox.exporters import NotRegularFile, write_atomically
from netinbox.exporters.files import may_follow, refusal
from netinbox.services import ActionError


def fake_stat(mode: int, uid: int = 0) -> os.stat_result:
    return os.stat_result((mode, 0, 0, 1, uid, 0, 0, 0, 0, 0))


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
    if IS_ROOT:
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
    if IS_ROOT:
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
    if IS_ROOT:
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
