"""What netinbox may touch on disk: only files it recognises as its own.

`--db` can name anything. A foreign file, a folder, a symlink to someone else's file, a device or a
named pipe is refused with "not a netinbox database, left untouched" by every command, and nothing
is created beside it. Device nodes are made inside the test's own folder (as root), never taken from
/dev.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from factories import add_invitation, add_person
from fs_helpers import IS_ROOT, deny_reading

from netinbox.cli import main
from netinbox.services import Context
from netinbox.store import Store, StoreError
from netinbox.store.engine import sibling
from netinbox.store.ownership import NotOurs, looks_like_journal, stale_temporaries

COMMANDS = [["list", "pending"], ["accept", "ana"], ["undo"], ["recover"], ["import", "x.zip"]]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err, err
    assert "internal error" not in err
    return code, err.strip()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def make_node(path: Path, kind: str) -> None:
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a private /dev/null
    elif kind == "socket":
        import socket

        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()


NODE_KINDS = ["folder", "fifo", "socket"] + (["device"] if IS_ROOT else [])


@pytest.mark.parametrize("kind", NODE_KINDS)
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: argv[0])
def test_a_folder_device_pipe_or_socket_as_the_database_is_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, argv: list[str]
) -> None:
    target = tmp_path / "netinbox.json"
    make_node(target, kind)
    before = target.lstat()
    started = time.perf_counter()
    code, message = run_cli(capsys, "--db", target, *argv)
    assert time.perf_counter() - started < 5  # a named pipe is never opened (it would block)
    assert code == 1
    assert "is not a netinbox database" in message and "left untouched" in message
    after = target.lstat()
    assert (after.st_ino, after.st_mode, after.st_rdev) == (
        before.st_ino,
        before.st_mode,
        before.st_rdev,
    )
    assert listing(tmp_path) == ["netinbox.json"]  # no lock, journal or set-aside copy


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: argv[0])
def test_a_symlink_to_a_foreign_file_is_refused_and_neither_link_nor_target_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    secret = tmp_path / "elsewhere" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    secret.chmod(0o644)
    link = tmp_path / "netinbox.json"
    link.symlink_to(secret)
    code, message = run_cli(capsys, "--db", link, *argv)
    assert code == 1
    assert f"{link} (a link to {secret}) is not a netinbox database" in message
    assert link.is_symlink() and os.readlink(link) == str(secret)
    assert secret.read_text() == "root:x:0:0:root:/root:/bin/bash\n"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o644
    assert listing(tmp_path) == ["elsewhere", "netinbox.json"]
    assert listing(secret.parent) == ["passwd"]


def test_a_dangling_symlink_is_refused_not_created_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "netinbox.json"
    link.symlink_to(tmp_path / "nowhere" / "db.json")
    code, message = run_cli(capsys, "--db", link, "accept", "ana")
    assert code == 1 and "does not exist; left untouched" in message
    assert listing(tmp_path) == ["netinbox.json"]


def test_a_symlink_to_a_real_database_is_followed_and_stays_a_symlink(
    ctx: Context, db_path: Path, tmp_path: Path
) -> None:
    add_invitation(ctx, "ana", first="Ana")
    ctx.store.close()
    link = tmp_path / "link.json"
    link.symlink_to(db_path)
    with Store(link) as store:
        assert store.path == db_path
        add_person(Context(store, ctx.clock, ctx.settings), "bo", "Bo")
        store.compact()  # replaces the snapshot: the real file's, beside it
    assert link.is_symlink() and os.readlink(link) == str(db_path)
    assert not sibling(link, ".journal").exists() and not sibling(link, ".lock").exists()
    with Store(db_path, read_only=True) as store:
        assert store.person("bo") is not None


@pytest.mark.parametrize("kind", ["journal", "lock", "bak", "journal.prev"])
def test_a_foreign_file_where_a_sibling_would_go_is_never_overwritten(
    ctx: Context, db_path: Path, kind: str
) -> None:
    add_invitation(ctx, "ana", first="Ana")
    ctx.store.compact()
    ctx.store.close()
    for name in ("journal", "bak", "journal.prev"):
        sibling(db_path, f".{name}").unlink(missing_ok=True)
    foreign = sibling(db_path, f".{kind}")
    foreign.write_text("my own notes, not netinbox's\n")
    with pytest.raises(NotOurs, match="left untouched"), Store(db_path) as store:
        add_person(Context(store, ctx.clock, ctx.settings), "bo", "Bo")
        store.compact()
    assert foreign.read_text() == "my own notes, not netinbox's\n"


def test_a_lock_path_that_is_a_folder_is_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "netinbox.json"
    sibling(db, ".lock").mkdir()
    code, message = run_cli(capsys, "--db", db, "accept", "ana")
    assert code == 1
    assert message == (
        f"netinbox: {db}.lock is a folder, not netinbox's lock file; left untouched. Move it "
        "away, or use --db to choose another database"
    )


def test_the_journal_shape_is_recognised_even_when_its_first_line_was_cut_short() -> None:
    assert looks_like_journal(b'3f2a9c1e {"s":1,"o":[]}\n')
    assert looks_like_journal(b"3f2a9c")  # killed while writing the first line
    assert looks_like_journal(b'3f2a9c1e {"')
    assert not looks_like_journal(b"Dear diary")
    assert not looks_like_journal(b"3f2a9c1e hello")


# --- stale temporary files ------------------------------------------------------------------------

FOLD_KILLER = """
import os, sys
from netinbox.store import Store
from netinbox.store import snapshot

store = Store(sys.argv[1])
real_replace = os.replace

def die_before_the_rename(source, target):
    if str(source).endswith(".tmp"):
        os._exit(9)  # killed with the temporary snapshot fully written, not yet renamed
    return real_replace(source, target)

os.replace = die_before_the_rename
store.compact()
"""


def test_temporary_snapshots_left_by_killed_folds_are_removed_at_the_next_open(
    ctx: Context, db_path: Path
) -> None:
    for index in range(30):
        add_invitation(ctx, f"p{index}", first=f"P{index}")
    ctx.store.close()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    for _ in range(3):
        killed = subprocess.run([sys.executable, "-c", FOLD_KILLER, str(db_path)], env=env)
        assert killed.returncode == 9
        # Each killed writer first removed what the one before it left: one pair stays, not
        # three (the new snapshot, written in full, and the old one's second name).
        stale = sorted(p.name for p in stale_temporaries(db_path))
        assert len(stale) == 2 and stale[1] == "netinbox.json.bak.tmp", stale
    foreign = db_path.with_name(f".{db_path.name}.notmine.tmp")  # not mkstemp's shape
    foreign.write_text("someone else's")
    other_db_temp = db_path.with_name(".other.json.abcdefgh.tmp")
    other_db_temp.write_text("")
    with Store(db_path, read_only=True):
        assert len(stale_temporaries(db_path)) == 2  # a reader holds no lock: it removes nothing
    with Store(db_path) as store:
        assert store.warnings == []
        assert stale_temporaries(db_path) == []
        assert store.pending_invitation("p7") is not None
    assert foreign.read_text() == "someone else's" and other_db_temp.exists()


def test_a_file_that_only_looks_stale_but_is_not_a_snapshot_is_kept(db_path: Path) -> None:
    lookalike = db_path.with_name(f".{db_path.name}.abcdefgh.tmp")
    lookalike.write_text("a spreadsheet I saved with an odd name")
    with Store(db_path):
        pass
    assert lookalike.exists()


def test_an_unreadable_database_is_reported_as_such_not_as_damage(
    ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_invitation(ctx, "ana", first="Ana")
    ctx.store.close()
    deny_reading(db_path, monkeypatch)
    with pytest.raises(StoreError, match="permission denied") as info:
        Store(db_path)
    assert "damaged" not in str(info.value)
    assert db_path.exists() and not [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]
