"""Trouble a user can cause or meet, through the command line: one clear line, the right exit code.

A full disk, a file they may not read, a folder where a file should be, bytes that are not UTF-8 in
an argument, damage in a table the command reads: each is one sentence on stderr and exit 1, never
"internal error". A writer whose action was saved exits 0 even when what comes after it (folding
the journal into the snapshot) fails: that is a warning.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import add_invitation, add_person, add_sent_note
from fs_helpers import IS_ROOT, deny_reading

from netinbox.cli import main
from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.services import Context
from netinbox.store import Store, engine
from netinbox.store.engine import sibling

NOW = "2026-03-01T09:00:00+00:00"


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETINBOX_NOW", NOW)


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(capsys: pytest.CaptureFixture[str], *argv: object) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 1, (code, out, err)
    assert err.startswith("netinbox: ") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err and "OSError" not in err, err
    assert "Errno" not in err, err
    return err.strip()


def seeded(db: Path) -> None:
    with Store(db) as store:
        ctx = Context(store, Clock.from_env(), Settings(owner_first_name="Robin"))
        add_invitation(ctx, "ana", first="Ana")
        add_person(ctx, "bo", "Bo")
        add_sent_note(ctx, "cy", first="Cy", text="Thanks for connecting, Cy!")


def fail_syncs_with(error: int) -> Callable[[pytest.MonkeyPatch, Path], None]:
    def install(monkeypatch: pytest.MonkeyPatch, db: Path) -> None:
        def fail(fd: int) -> None:
            raise OSError(error, os.strerror(error))

        monkeypatch.setattr("netinbox.store.journal.sync_data", fail)

    return install


def unwritable_lock(monkeypatch: pytest.MonkeyPatch, db: Path) -> None:
    lock = sibling(db, ".lock")
    lock.write_text("")
    lock.chmod(0o444)
    if IS_ROOT:  # root writes read-only files anyway; the refusal it would get elsewhere:
        real_open = os.open

        def refuse(path, flags, *args, **kwargs):
            if Path(os.fsdecode(path)) == lock and flags & (os.O_RDWR | os.O_WRONLY):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)


def read_only_file_system(monkeypatch: pytest.MonkeyPatch, db: Path) -> None:
    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)


# (how to set the trouble up, the command, what the one line must say)
CASES = {
    "disk-full": (
        fail_syncs_with(errno.ENOSPC),
        ["accept", "ana"],
        "the disk is full; nothing was changed; free some space and try again",
    ),
    "quota": (
        fail_syncs_with(errno.EDQUOT),
        ["decline", "ana"],
        "the disk quota is used up; nothing was changed; free some space and try again",
    ),
    "io-error": (
        fail_syncs_with(errno.EIO),
        ["accept", "ana"],
        "the disk reported an input/output error; nothing was changed",
    ),
    "unreadable-database": (
        lambda m, db: deny_reading(db, m),
        ["list", "pending"],
        "permission denied; check the file's permissions, or use --db to choose another file",
    ),
    "read-only-lock-file": (
        unwritable_lock,
        ["accept", "ana"],
        "cannot take the writer's lock: {db}.lock: permission denied",
    ),
    "lock-path-is-a-folder": (
        lambda m, db: (sibling(db, ".lock").unlink(), sibling(db, ".lock").mkdir()),
        ["accept", "ana"],
        "{db}.lock is a folder, not netinbox's lock file; left untouched",
    ),
    "read-only-file-system": (
        read_only_file_system,
        ["accept", "ana"],
        "it is on a read-only file system; use --db to choose a file on a writable disk",
    ),
    "database-is-a-folder": (
        lambda m, db: (db.unlink(), db.mkdir()),
        ["accept", "ana"],
        "{db} is not a netinbox database (is a folder), left untouched",
    ),
    "parent-is-a-file": (
        None,
        ["--db", "{db}/inner.json", "accept", "ana"],
        "{db}/inner.json: a part of the path is not a folder",
    ),
    "proc-file": (
        None,
        ["--db", "/proc/self/status", "accept", "ana"],
        "/proc/self/status is not a netinbox database, left untouched",
    ),
    "proc-folder": (
        None,
        ["--db", "/proc/self/netinbox.json", "accept", "ana"],
        "the folder /proc/self does not accept new files",
    ),
    "not-utf8-db": (
        None,
        ["--db", os.fsdecode(b"caf\xe9.json"), "list", "pending"],
        "argument 2 (caf\\xe9.json) holds bytes that are not UTF-8 text; rename the file",
    ),
    "not-utf8-import": (
        None,
        ["import", os.fsdecode(b"export-\xff.zip")],
        "holds bytes that are not UTF-8 text",
    ),
    "import-missing-file": (
        None,
        ["import", "{db}.nowhere.zip"],
        "{db}.nowhere.zip",
    ),
    "export-into-a-folder-that-is-a-file": (
        None,
        ["export", "people", "-o", "{db}/people.csv"],
        "{db}/people.csv",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_every_os_error_a_user_can_cause_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, case
) -> None:
    setup, argv, expected = case
    db = tmp_path / "netinbox.json"
    seeded(db)
    if setup is not None:
        setup(monkeypatch, db)
    argv = [a.replace("{db}", str(db)) for a in argv]
    if "--db" not in argv:
        argv = ["--db", str(db), *argv]
    message = one_error_line(capsys, *argv)
    assert expected.replace("{db}", str(db)) in message, message
    if argv[-2:] == ["accept", "ana"] and db.is_file():
        monkeypatch.undo()
        with Store(db, read_only=True) as store:  # nothing was changed
            assert store.pending_invitation("ana") is not None


def test_a_real_process_with_bytes_that_are_not_utf8_gets_the_sentence(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "netinbox", "--db", b"caf\xe9.json", "list", "pending"],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert result.returncode == 1
    assert result.stderr.count(b"\n") == 1 and b"not UTF-8 text" in result.stderr
    assert b"Traceback" not in result.stderr


# --- reads check what they read ----------------------------------------------------------------


def _flip(db: Path, inside: bytes) -> None:
    data = bytearray(db.read_bytes())
    data[data.index(inside)] ^= 0x20
    db.write_bytes(bytes(data))


def test_a_bit_flip_in_a_table_the_command_reads_is_damage_with_the_recovery_offer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "netinbox.json"
    seeded(db)
    with Store(db) as store:
        store.compact()
        store.compact()  # a .bak to restore from
    _flip(db, b'"status":"pending"'[10:])  # 'pending' -> 'Pending': the checksum no longer matches
    message = one_error_line(capsys, "--db", db, "accept", "ana")
    assert "table 'invitations' is damaged (checksum mismatch)" in message
    assert f"run `netinbox recover --db {db}`" in message
    code, out, _ = run(capsys, "--db", db, "recover")
    assert code == 0 and "every change on disk was restored" in out
    code, out, _ = run(capsys, "--db", db, "accept", "ana")
    assert code == 0, out


def test_a_record_that_cannot_be_read_is_damage_not_an_internal_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "netinbox.json"
    seeded(db)
    with Store(db) as store:  # as if edited by hand: valid JSON, checksums right, nonsense inside
        store.storage.begin()
        store.storage.apply("events", [("1", {"at": "yesterday-ish"}, '{"at":"yesterday-ish"}')])
        store.storage.apply("meta", [("next_event", {"value": 2}, '{"value":2}')])
        store.storage.commit()
    message = one_error_line(capsys, "--db", db, "undo")
    assert "the events record '1' cannot be read" in message
    assert "netinbox recover" in message


def test_a_writer_that_saved_its_action_exits_0_and_warns_when_the_fold_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "netinbox.json"
    seeded(db)
    monkeypatch.setattr(engine, "COMPACT_ON_CLOSE_BYTES", 1)  # this command's close folds

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(db))

    monkeypatch.setattr(engine, "write_snapshot", disk_full)
    code, out, err = run(capsys, "--db", db, "accept", "ana")
    assert code == 0
    assert out.startswith("Accepted")
    assert err.startswith("netinbox: warning: your changes are saved in netinbox.json.journal")
    assert "the disk is full" in err and "tried again next time" in err
    monkeypatch.undo()
    with Store(db, read_only=True) as store:
        assert store.pending_invitation("ana") is None  # the action is on disk
    assert not list(tmp_path.glob("*.bak.tmp"))


def test_damage_in_a_table_the_command_did_not_read_is_a_warning_after_its_action(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "netinbox.json"
    seeded(db)
    with Store(db) as store:
        store.compact()
    _flip(db, b"connecting, Cy")  # inside the notes section, which `decline` never reads
    code, out, err = run(capsys, "--db", db, "decline", "ana")
    assert code == 0 and out.startswith("Declined")
    assert err.startswith("netinbox: warning: ")
    assert "table 'notes' is damaged" in err and "netinbox recover" in err
