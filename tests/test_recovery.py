"""Recovery keeps every confirmed change that is still on disk intact somewhere.

One history is built once: a database with its own snapshot, a bulk import of over 5,000 records
in one change set, then single actions with folds in between. Copies of it are then damaged one
file at a time, in several ways and places, and recovered. Whatever was confirmed comes back,
except a change whose only copy was the damaged line of the live journal, and the summary counts
exactly that.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fs_helpers import deny_reading

from netinbox.model import Change
from netinbox.store import DatabaseDamaged, DatabaseSetAside, Store, StoreError, engine, recover
from netinbox.store.engine import sibling

BULK = 5_200


def _put(store: Store, key: str, n: int) -> None:
    store.write_records([Change("people", key, store.record_doc("people", key), {"n": n})])


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("history")
    path = folder / "netinbox.json"
    with Store(path) as store:
        _put(store, "before", -1)
        store.compact()
        store.write_records(
            Change("people", f"b{n:05d}", None, {"n": n, "text": "imported"}) for n in range(BULK)
        )
        store.compact()  # the import is in a snapshot now, and its line in .journal.prev
        for n in range(8):
            _put(store, f"k{n}", n)
        store.compact()
        for n in range(8, 13):
            _put(store, f"k{n}", n)  # in the live journal only
    return path


def _copy(history: Path, folder: Path) -> Path:
    for file in history.parent.iterdir():
        if file.is_file():
            shutil.copy2(file, folder / file.name)
    return folder / history.name


def _open_or_recover(path: Path) -> str | None:
    """What a user does: open; when damage is reported, `netinbox recover`."""
    try:
        with Store(path) as store:
            store.verify()
        return None
    except (DatabaseDamaged, DatabaseSetAside):
        return recover(path)


def _missing(path: Path) -> list[str]:
    with Store(path, read_only=True) as store:
        store.verify()
        wanted = ["before", *(f"b{n:05d}" for n in range(BULK)), *(f"k{n}" for n in range(13))]
        return [key for key in wanted if store.record_doc("people", key) is None]


def _flip(offset_fraction: float):
    def damage(file: Path) -> None:
        data = bytearray(file.read_bytes())
        data[min(int(len(data) * offset_fraction), len(data) - 2)] ^= 0x10
        file.write_bytes(bytes(data))

    return damage


def _truncate(file: Path) -> None:
    file.write_bytes(file.read_bytes()[: file.stat().st_size // 3])


def _zero_block(file: Path) -> None:
    data = bytearray(file.read_bytes())
    start = len(data) // 2
    data[start : start + 512] = bytes(min(512, len(data) - start))
    file.write_bytes(bytes(data))


DAMAGES = {
    **{f"bit-flip-at-{int(f * 100)}%": _flip(f) for f in (0.0, 0.01, 0.25, 0.5, 0.75, 0.99)},
    "truncated": _truncate,
    "zeroed-block": _zero_block,
    "deleted": lambda file: file.unlink(),
}
FILES = ["", ".bak", ".journal.prev"]


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
@pytest.mark.parametrize("suffix", FILES, ids=lambda s: s or "snapshot")
def test_damage_to_any_one_file_loses_no_confirmed_change(
    history: Path, tmp_path: Path, suffix: str, damage
) -> None:
    path = _copy(history, tmp_path)
    damage(sibling(path, suffix))
    summary = _open_or_recover(path)
    assert _missing(path) == []
    if summary is not None:
        assert "every change on disk was restored" in summary, summary


def test_a_damaged_last_line_of_the_live_journal_is_left_out_and_said(
    history: Path, tmp_path: Path
) -> None:
    """A whole last line failing its checksum cannot be told from a write cut short by a crash
    (pages reach the disk in any order): it is left out like one, but the user is told."""
    path = _copy(history, tmp_path)
    journal = sibling(path, ".journal")
    lines = journal.read_bytes().split(b"\n")
    lines[4] = lines[4].replace(b'"n":', b'"N":')
    journal.write_bytes(b"\n".join(lines))
    with Store(path) as store:
        assert any("failed its checksum and was left out" in w for w in store.warnings)
    assert _missing(path) == ["k12"]


@pytest.mark.parametrize("line", [0, 2, 3])
def test_a_damaged_line_of_the_live_journal_is_the_only_change_lost_and_is_counted(
    history: Path, tmp_path: Path, line: int
) -> None:
    path = _copy(history, tmp_path)
    journal = sibling(path, ".journal")
    lines = journal.read_bytes().split(b"\n")
    lines[line] = lines[line].replace(b'"n":', b'"N":')
    journal.write_bytes(b"\n".join(lines))
    summary = _open_or_recover(path)
    assert summary is not None and "1 change(s) could not be restored" in summary, summary
    assert f"line {line + 1}" in summary
    assert _missing(path) == [f"k{8 + line}"]


def test_the_snapshot_and_the_live_journal_damaged_together(history: Path, tmp_path: Path) -> None:
    path = _copy(history, tmp_path)
    _flip(0.5)(path)
    journal = sibling(path, ".journal")
    lines = journal.read_bytes().split(b"\n")
    lines[1] = b"garbage"
    journal.write_bytes(b"\n".join(lines))
    summary = recover(path)
    # From .bak (the import): the 8 lines of .journal.prev and 4 of the 5 live ones.
    assert "restored 12 later change(s)" in summary
    assert "1 change(s) could not be restored (change 12" in summary
    assert _missing(path) == ["k9"]


def test_recover_leaves_an_unreadable_database_where_it_is(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(history, tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    deny_reading(path, monkeypatch)
    with pytest.raises(StoreError) as info:
        recover(path)
    message = str(info.value)
    assert "permission denied" in message and "nothing was moved" in message
    assert "damaged" not in message.replace("not damage", "")
    monkeypatch.undo()
    path.chmod(0o600)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert _missing(path) == []


def test_a_bulk_change_set_is_one_journal_line_written_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "netinbox.json"
    monkeypatch.setattr(engine, "COMPACT_AT_BYTES", 1 << 40)  # keep it in the journal
    with Store(path) as store:
        store.write_records(Change("people", f"b{n}", None, {"n": n}) for n in range(6_000))
        assert len(sibling(path, ".journal").read_bytes().splitlines()) == 1
    with Store(path, read_only=True) as store:
        assert store.count("people") == 6_000 and store.record_doc("people", "b5999") == {"n": 5999}


class _Crash(BaseException):
    """Stands for the process dying: nothing after it runs, no clean-up either."""


def test_a_bulk_line_cut_off_before_its_checksum_is_dropped_on_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "netinbox.json"
    monkeypatch.setattr(engine, "COMPACT_AT_BYTES", 1 << 40)
    with Store(path) as store:
        _put(store, "before", -1)

    def die(*args: object) -> int:
        raise _Crash

    monkeypatch.setattr("netinbox.store.journal.pwrite", die)
    store = Store(path)
    with pytest.raises(_Crash):
        store.write_records(
            Change("people", f"b{n}", None, {"n": n, "pad": "x" * 300}) for n in range(6_000)
        )
    store._lock.release()  # the dead process's lock goes with it
    written = sibling(path, ".journal").read_bytes().split(b"\n")
    assert written[0].startswith(b'00000000 {"s":2') and len(written[0]) > 1 << 20
    monkeypatch.undo()
    with Store(path) as reopened:
        assert reopened.storage.dropped_torn_bytes > 1 << 20  # never confirmed, so dropped
        assert reopened.count("people") == 1 and reopened.record_doc("people", "before")
