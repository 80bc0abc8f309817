"""The storage engine: journal, snapshot, damage and recovery, the one writer's lock, the schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from factories import add_invitation, add_person
from storage_helpers import docs, journal, journal_lines, put

from netinbox.services import Context, triage
from netinbox.store import (
    SCHEMA_VERSION,
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseSetAside,
    Store,
    StoreError,
    recover,
)
from netinbox.store.engine import sibling

# --- journal and snapshot -------------------------------------------------------------------------


def test_an_action_appends_one_fsynced_journal_line_and_leaves_the_snapshot_alone(
    ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_invitation(ctx, "ana", first="Ana")
    ctx.store.compact()
    snapshot = db_path.stat()
    before = len(journal_lines(db_path))
    syncs = []
    real = os.fdatasync
    monkeypatch.setattr(os, "fdatasync", lambda fd: (syncs.append(fd), real(fd)))
    triage.accept(ctx, ["ana"])
    assert len(journal_lines(db_path)) == before + 1
    assert len(syncs) == 1  # durable before the call returns
    after = db_path.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (
        snapshot.st_ino,
        snapshot.st_mtime_ns,
        snapshot.st_size,
    )


def test_state_is_the_same_after_reopening_with_or_without_compaction(
    ctx: Context, db_path: Path
) -> None:
    for index in range(20):
        add_invitation(ctx, f"p{index}", first=f"P{index}")
    triage.accept(ctx, ["p1", "p2"])
    triage.decline(ctx, ["p3"])
    expected = {t: docs(ctx.store, t) for t in ("people", "invitations", "notes", "events")}
    ctx.store.close()
    with Store(db_path) as store:  # replays the journal
        assert {t: docs(store, t) for t in expected} == expected
        store.compact()
    assert sibling(db_path, ".bak").exists() and sibling(db_path, ".journal.prev").exists()
    with Store(db_path, read_only=True) as store:  # from the new snapshot alone
        assert {t: docs(store, t) for t in expected} == expected


def test_a_torn_last_line_is_dropped_and_overwritten(ctx: Context, db_path: Path) -> None:
    add_person(ctx, "ana", "Ana")
    ctx.store.close()
    with Store(db_path) as store:
        put(store, "bo", {"first_name": "Bo"})
    good = journal(db_path).read_bytes()
    with journal(db_path).open("ab") as handle:
        handle.write(b'1234abcd {"s":99,"o":[["people","cut",{"first_na')  # a crash mid-write
    with Store(db_path) as store:
        assert store.storage.dropped_torn_bytes > 0
        assert store.person("cut") is None and store.person("bo") is not None
        put(store, "cy", {"first_name": "Cy"})
    assert journal(db_path).read_bytes().startswith(good)
    assert b"first_na\n" not in journal(db_path).read_bytes()
    with Store(db_path, read_only=True) as store:
        assert store.person("cy").first_name == "Cy"


def test_damage_in_the_middle_of_the_journal_stops_and_recovery_keeps_every_intact_line(
    ctx: Context, db_path: Path
) -> None:
    add_person(ctx, "ana", "Ana")
    ctx.store.close()  # first snapshot
    with Store(db_path) as store:
        for name in ("bo", "cy", "di"):
            put(store, name, {"first_name": name.title()})
    lines = journal(db_path).read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b"Cy", b"Xy")  # checksum no longer matches
    journal(db_path).write_bytes(b"\n".join(lines))
    with pytest.raises(DatabaseDamaged, match="line 2"):
        Store(db_path, read_only=True)
    with pytest.raises(DatabaseSetAside) as info:
        Store(db_path)
    assert "set aside" in str(info.value) and "netinbox recover" in str(info.value)
    aside = sorted(p.name for p in db_path.parent.iterdir() if ".damaged-" in p.name)
    assert len(aside) == 2  # the snapshot and its journal, both kept
    with pytest.raises(StoreError, match="set aside"):
        Store(db_path)  # never silently started afresh
    summary = recover(db_path)
    # The intact line after the damaged one is replayed too, and the summary counts both kinds.
    assert "restored 2 later change(s)" in summary
    assert "1 change(s) could not be restored (change 3" in summary
    assert "line 2" in summary
    with Store(db_path) as store:
        assert [store.person(p) is not None for p in ("ana", "bo", "cy", "di")] == [
            True,
            True,
            False,
            True,
        ]


def test_a_damaged_snapshot_is_found_never_overwritten_and_the_previous_one_restored(
    ctx: Context, db_path: Path
) -> None:
    add_invitation(ctx, "ana", first="Ana")
    ctx.store.compact()  # snapshot 1 (becomes .bak)
    add_invitation(ctx, "bo", first="Bo")
    ctx.store.compact()  # snapshot 2; "bo" is in .journal.prev
    add_invitation(ctx, "cy", first="Cy")  # in the live journal
    ctx.store.close()
    data = bytearray(db_path.read_bytes())
    data[data.index(b"invitations\t") + 20] ^= 0x20  # flip a bit inside the invitations section
    db_path.write_bytes(bytes(data))
    damaged = bytes(data)
    store = Store(db_path)  # the index at the end is intact: opening is lazy
    with pytest.raises(DatabaseDamaged, match="'invitations' is damaged"):
        store.verify()  # what the app runs in a worker right after start-up
    with pytest.raises(DatabaseDamaged):
        len(store.storage.table("invitations"))  # reading the whole table checks it too
    with pytest.raises(DatabaseDamaged):
        store.compact()  # and nothing is ever written over it
    store.close()
    assert db_path.read_bytes() == damaged
    summary = recover(db_path)
    assert ".bak" in summary
    assert [p.read_bytes() for p in db_path.parent.glob("*.recovered-from-*")] != []
    with Store(db_path) as store:
        store.verify()
        assert {i.person_id for i in store.pending_invitations()} == {"ana", "bo", "cy"}


def test_a_damaged_snapshot_index_is_set_aside_on_open(ctx: Context, db_path: Path) -> None:
    add_invitation(ctx, "ana", first="Ana")
    ctx.store.compact()
    add_invitation(ctx, "bo", first="Bo")
    ctx.store.compact()
    ctx.store.close()
    content = db_path.read_bytes()
    db_path.write_bytes(content[:-20] + b"garbage\n")  # the index line at the end
    with pytest.raises(DatabaseSetAside) as info:
        Store(db_path)
    assert info.value.plan is not None and info.value.plan.base.name.endswith(".bak")
    recover(db_path)
    with Store(db_path) as store:
        assert {i.person_id for i in store.pending_invitations()} == {"ana", "bo"}


def test_recover_refuses_a_healthy_database(ctx: Context, db_path: Path) -> None:
    add_person(ctx, "ana", "Ana")
    ctx.store.close()
    with pytest.raises(StoreError, match="nothing to recover"):
        recover(db_path)


# --- one writer -----------------------------------------------------------------------------------

HOLD_LOCK = """
import sys, time
from netinbox.store import Store
store = Store(sys.argv[1], purpose="netinbox accept (test holder)")
print("ready", flush=True)
time.sleep(60)
"""


def test_a_second_writer_is_refused_at_once_naming_the_first(ctx: Context, db_path: Path) -> None:
    add_invitation(ctx, "ana", first="Ana")
    ctx.store.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        started = time.perf_counter()
        with pytest.raises(DatabaseLocked) as info:
            Store(db_path)
        refused_after = time.perf_counter() - started
        assert f"pid {holder.pid}" in str(info.value) and "netinbox accept (test holder)" in str(
            info.value
        )
        assert refused_after < 1.0  # non-blocking: no waiting on the other process
        with Store(db_path, read_only=True) as reader:  # reading still works
            assert reader.pending_invitation("ana") is not None
        with (
            pytest.raises(StoreError, match="reading only"),
            Store(db_path, read_only=True) as reader,
        ):
            put(reader, "x", {"a": 1})
    finally:
        holder.kill()
        holder.wait()
    with Store(db_path) as store:  # the OS released the lock with the process
        assert store.pending_invitation("ana") is not None


# --- schema ---------------------------------------------------------------------------------------


def test_an_older_schema_is_migrated_after_a_backup(db_path: Path) -> None:
    version_one = {
        "people": {"ana": {"first_name": "Ana", "last_name": "Silva"}},
        "invitations": {
            "i1": {
                "person_id": "ana",
                "received_at": "2026-02-28T10:00:00+00:00",
                "status": "pending",
            }
        },
        "meta": {"schema_version": {"value": 1}},
    }
    db_path.write_text(json.dumps(version_one), encoding="utf-8")
    with Store(db_path) as store:
        assert store.meta("schema_version") == SCHEMA_VERSION
        assert store.person("ana").name == "Ana Silva"
        assert store.pending_invitation("ana") is not None
    backups = list(db_path.parent.glob("netinbox.json.schema1-backup-*"))
    assert len(backups) == 1 and json.loads(backups[0].read_text()) == version_one
    assert not db_path.read_bytes().startswith(b'{"people"')  # rewritten in the new layout
    with Store(db_path, read_only=True) as store:
        assert store.person("ana").name == "Ana Silva"


def test_a_newer_schema_is_refused_and_left_untouched(db_path: Path) -> None:
    content = json.dumps({"meta": {"schema_version": {"value": SCHEMA_VERSION + 1}}})
    db_path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError, match="newer netinbox"):
        Store(db_path)
    assert db_path.read_text(encoding="utf-8") == content


def test_a_foreign_json_file_is_refused_by_name(db_path: Path) -> None:
    db_path.write_text('{"_default": {"1": {"title": "todo"}}}', encoding="utf-8")
    with pytest.raises(StoreError, match="not a netinbox database"):
        Store(db_path)
