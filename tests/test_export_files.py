"""`export -o` over a regular file: replaced atomically with its mode, owner and group, or left whole."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from factories import add_person
from fs_helpers import IS_ROOT, names

from netinbox.cli import main
from netinbox.exporters import write_atomically
from netinbox.services import ActionError, Context


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
    owner = (1234, 5678) if IS_ROOT else (os.getuid(), os.getgid())
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


def test_a_read_only_file_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    target.chmod(0o444)
    if IS_ROOT:  # root may write anything; the user who is not root is what this is about
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
        if IS_ROOT:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        else:
            # Looked at, never written: see test_a_device_node_is_refused_and_kept.
            target = Path(os.devnull)
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
