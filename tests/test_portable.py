"""The store on every desktop: each platform's missing pieces taken away here, one at a time.

macOS has no `os.fdatasync` (and wants `F_FULLFSYNC`), Windows has no `fcntl`, `os.pread`,
`os.pwrite` or `O_NOFOLLOW` and cannot replace a file that is open, FAT has no hard links. Each
test removes what that platform lacks and runs the store through actions, folds and a second
writer. The last test checks that every package netinbox imports is declared.
"""

from __future__ import annotations

import ast
import errno
import fcntl
import os
import sys
import tomllib
import types
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from factories import add_invitation

import netinbox
from netinbox.services import Context, triage
from netinbox.store import DatabaseLocked, Store, portable
from netinbox.store.engine import sibling
from netinbox.store.lock import platform_locker


def exercise(ctx: Context, db_path: Path) -> None:
    """Actions, a fold, a reopen from the snapshot and a lookup: the store's whole life."""
    for index in range(5):
        add_invitation(ctx, f"p{index}", first=f"P{index}")
    triage.accept(ctx, ["p1"])
    ctx.store.compact()
    triage.decline(ctx, ["p2"])
    ctx.store.compact()  # the first snapshot becomes .bak
    ctx.store.close()
    with Store(db_path) as store:
        store.verify()
        assert store.pending_invitation("p0") is not None
        assert store.pending_invitation("p1") is None
        assert store.note_for("p1") is not None
    assert sibling(db_path, ".bak").exists()


def test_without_fdatasync_the_store_uses_fsync(
    ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "fdatasync", raising=False)
    syncs = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (syncs.append(fd), real_fsync(fd))[1])
    exercise(ctx, db_path)
    assert len(syncs) >= 8  # every action, and each fold's snapshot


def test_on_macos_a_full_fsync_is_asked_for_and_fsync_is_the_fallback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.delattr(os, "fdatasync", raising=False)
    asked = []
    monkeypatch.setattr(fcntl, "F_FULLFSYNC", 51, raising=False)
    monkeypatch.setattr(fcntl, "fcntl", lambda fd, op, *rest: asked.append(op) or 0)
    fsyncs = []
    monkeypatch.setattr(os, "fsync", lambda fd: fsyncs.append(fd))
    with open(tmp_path / "f", "wb") as handle:
        portable.sync_data(handle.fileno())
        assert (asked, fsyncs) == ([51], [])

        def refused(fd: int, op: int, *rest: object) -> int:
            raise OSError(errno.ENOTSUP, "not supported on this file system")

        monkeypatch.setattr(fcntl, "fcntl", refused)
        portable.sync_data(handle.fileno())
        assert fsyncs == [handle.fileno()]


def test_without_pread_and_pwrite_lookups_and_the_lock_note_still_work(
    ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(os, "pread")
    monkeypatch.delattr(os, "pwrite")
    monkeypatch.delattr(os, "O_NOFOLLOW")
    exercise(ctx, db_path)
    with Store(db_path) as store, pytest.raises(DatabaseLocked, match="pid"):
        Store(db_path)  # the refused writer still reads who holds the lock
    assert store.path == db_path


class FakeMsvcrt(types.ModuleType):
    """msvcrt.locking as Windows behaves: a byte range, OSError (not BlockingIOError) when
    another handle holds it, readable bytes outside the range. Backed by flock per handle."""

    LK_NBLCK = 2
    LK_UNLCK = 0

    def __init__(self, real_fcntl: types.ModuleType) -> None:
        super().__init__("msvcrt")
        self._fcntl = real_fcntl
        self.calls: list[tuple[int, int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        offset = os.lseek(fd, 0, os.SEEK_CUR)
        self.calls.append((mode, offset, nbytes))
        if mode == self.LK_UNLCK:
            self._fcntl.flock(fd, self._fcntl.LOCK_UN)
            return
        try:
            self._fcntl.flock(fd, self._fcntl.LOCK_EX | self._fcntl.LOCK_NB)
        except BlockingIOError:
            raise OSError(errno.EACCES, "Permission denied") from None


def test_without_fcntl_the_lock_is_taken_with_msvcrt(
    ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = FakeMsvcrt(fcntl)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` now raises ImportError
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    assert type(platform_locker()).__name__ == "_Msvcrt"
    ctx.store.close()
    with Store(db_path, purpose="netinbox (windows test)") as store:
        with pytest.raises(DatabaseLocked, match=r"windows test"):
            Store(db_path)
        add_invitation(Context(store, ctx.clock, ctx.settings), "ana", first="Ana")
    assert [mode for mode, _, _ in fake.calls].count(FakeMsvcrt.LK_NBLCK) == 2
    assert FakeMsvcrt.LK_UNLCK in [mode for mode, _, _ in fake.calls]
    # The locked byte lies past the holder's note, so the refused writer could read the note.
    assert all(offset >= 1 << 20 for _, offset, _ in fake.calls)
    with Store(db_path) as store:  # released: the next writer takes it
        assert store.pending_invitation("ana") is not None


def test_with_neither_fcntl_nor_msvcrt_the_store_says_so(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", None)
    with pytest.raises(Exception, match="no way to lock a file"):
        Store(db_path)


def test_without_hard_links_the_previous_snapshot_is_copied(
    ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted (FAT has no hard links)")

    monkeypatch.setattr(os, "link", no_links)
    exercise(ctx, db_path)
    backup = sibling(db_path, ".bak")
    assert backup.stat().st_nlink == 1 and backup.stat().st_ino != db_path.stat().st_ino


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see open files")
def test_no_handle_on_a_file_is_open_when_it_is_replaced_as_windows_requires(
    ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows refuses to rename over a file that this (or any) process holds open."""
    real_replace = os.replace

    def open_in_this_process(path: Path) -> bool:
        try:
            inode = path.stat().st_ino
        except FileNotFoundError:
            return False
        for fd in os.listdir("/proc/self/fd"):
            try:
                if os.stat(f"/proc/self/fd/{fd}").st_ino == inode:
                    return True
            except OSError:
                continue
        return False

    def windows_replace(source: object, target: object) -> None:
        if open_in_this_process(Path(os.fsdecode(target))):
            raise PermissionError(errno.EACCES, "The file is in use", str(target))
        real_replace(source, target)

    for index in range(30):
        add_invitation(ctx, f"p{index}", first=f"P{index}")
    ctx.store.close()
    monkeypatch.setattr(os, "replace", windows_replace)
    with Store(db_path) as store:
        assert store.pending_invitation("p3") is not None  # a lookup maps the snapshot
        triage.accept(Context(store, ctx.clock, ctx.settings), ["p3"])
        store.compact()
        assert store.warnings == []
    with Store(db_path, read_only=True) as store:
        assert store.pending_invitation("p3") is None


# --- every imported package is declared -----------------------------------------------------------


def _imported_top_levels() -> set[str]:
    found: set[str] = set()
    for path in Path(netinbox.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"netinbox", "__future__"}


def _declared() -> set[str]:
    pyproject = tomllib.loads(
        (Path(netinbox.__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    )
    names = set()
    for requirement in pyproject["project"]["dependencies"]:
        name = requirement.split(";")[0]
        for separator in "<>=!~[ ":
            name = name.split(separator)[0]
        names.add(name.strip().lower().replace("_", "-"))
    return names


def test_every_package_netinbox_imports_is_declared() -> None:
    distributions = packages_distributions()
    declared = _declared()
    undeclared = {
        module: distributions.get(module, [module])
        for module in _imported_top_levels()
        if not {d.lower().replace("_", "-") for d in distributions.get(module, [module])} & declared
    }
    assert undeclared == {}
    assert {"textual", "rich", "tinydb", "python-dateutil", "platformdirs"} <= declared


def test_without_pwrite_a_bulk_line_still_gets_its_checksum(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netinbox.model import Change
    from netinbox.store import engine

    monkeypatch.delattr(os, "pwrite")
    monkeypatch.setattr(engine, "COMPACT_AT_BYTES", 1 << 40)  # keep it in the journal
    with Store(db_path) as store:
        store.write_records(
            Change("people", f"b{n}", None, {"n": n, "pad": "x" * 300}) for n in range(6_000)
        )
        store.write_records([Change("people", "after", None, {"n": -1})])
        lines = sibling(db_path, ".journal").read_bytes().split(b"\n")
    assert len(lines[0]) > 1 << 20 and not lines[0].startswith(b"00000000")
    with Store(db_path, read_only=True) as store:
        assert store.count("people") == 6_001 and store.record_doc("people", "after")
