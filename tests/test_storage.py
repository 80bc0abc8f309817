"""The storage engine: journal, snapshot, compaction, validation, lock, schema and recovery."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from factories import add_invitation, add_person
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import Query
from tinydb.table import Document

from netinbox.model import Change, Person, Reply, ReplyKind, ThankYouNote
from netinbox.services import Context, triage
from netinbox.store import (
    SCHEMA_VERSION,
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseSetAside,
    Store,
    StoreError,
    codec,
    recover,
)
from netinbox.store.engine import sibling
from netinbox.store.indexes import MAPS_EXTRA, note_facets
from netinbox.store.lazy import dumps
from netinbox.store.validate import InvalidDocument


def journal(path: Path) -> Path:
    return sibling(path, ".journal")


def journal_lines(path: Path) -> list[bytes]:
    return journal(path).read_bytes().splitlines() if journal(path).exists() else []


def put(store: Store, key: str, doc: dict | None, table: str = "people") -> None:
    store.write_records([Change(table, key, store.record_doc(table, key), doc)])


def docs(store: Store, table: str = "people") -> dict[str, dict]:
    return {key: store.record_doc(table, key) for key in store.storage.table(table)}


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


# --- validation before memory or disk change -----------------------------------------------------

BAD_DOCUMENTS = {
    "set": {"tags": {"a", "b"}},
    "nan": {"score": float("nan")},
    "infinity": {"score": float("inf")},
    "int-key": {"counts": {1: "one"}},
    "lone-surrogate": {"first_name": "Ana\ud800"},
    "oversize": {"notes": "x" * 1_000_001},
    "object": {"when": object()},
}


@pytest.mark.parametrize("doc", BAD_DOCUMENTS.values(), ids=BAD_DOCUMENTS.keys())
def test_invalid_documents_are_refused_before_memory_or_disk_change(
    ctx: Context, db_path: Path, doc: dict
) -> None:
    add_person(ctx, "ana", "Ana")
    on_disk = journal(db_path).read_bytes()
    with pytest.raises((InvalidDocument, StoreError)):
        put(ctx.store, "ana", {"first_name": "Changed", **doc})
    with pytest.raises(InvalidDocument):
        ctx.store._tables["people"].insert(Document({"first_name": "New", **doc}, doc_id="new"))
    assert ctx.store.person("ana").first_name == "Ana"
    assert ctx.store.person("new") is None
    assert journal(db_path).read_bytes() == on_disk


def test_a_failed_fsync_changes_nothing(ctx: Context, db_path: Path, monkeypatch) -> None:
    add_invitation(ctx, "ana", first="Ana")
    on_disk = journal(db_path).read_bytes()

    def fail(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdatasync", fail)
    with pytest.raises(StoreError, match="the disk is full; nothing was changed"):
        triage.accept(ctx, ["ana"])
    monkeypatch.undo()
    assert journal(db_path).read_bytes() == on_disk  # no partial line left behind
    assert ctx.store.pending_invitation("ana") is not None  # memory and indexes as on disk
    assert ctx.store.note_for("ana") is None and ctx.store.last_undoable() is None
    triage.accept(ctx, ["ana"])  # and the store still works
    ctx.store.close()
    with Store(db_path, read_only=True) as store:
        assert store.note_for("ana") is not None


def test_a_transaction_that_raises_writes_nothing(ctx: Context, db_path: Path) -> None:
    add_person(ctx, "ana", "Ana")
    on_disk = journal(db_path).read_bytes()
    with pytest.raises(RuntimeError), ctx.store._transaction():
        ctx.store._put("people", "bo", {"first_name": "Bo"})
        raise RuntimeError("half-way")
    assert ctx.store.person("bo") is None
    assert journal(db_path).read_bytes() == on_disk


def test_tinydb_queries_and_updates_work_under_the_journal(ctx: Context, db_path: Path) -> None:
    ctx.store.write_meta({"schema_version": SCHEMA_VERSION})
    people = ctx.store._tables["people"]
    people.insert_multiple(
        [Document({"n": i, "even": i % 2 == 0}, doc_id=f"p{i}") for i in range(10)]
    )
    person = Query()
    assert len(people.search(person.even == True)) == 5  # noqa: E712 - TinyDB query syntax
    people.update({"flag": "x"}, person.n >= 8)
    people.remove(person.n < 2)
    people.upsert(Document({"n": 42}, doc_id="p42"))
    expected = {d.doc_id: dict(d) for d in people.all()}
    lines = journal_lines(db_path)[1:]
    assert len(lines) == 4  # one line per TinyDB write, holding only what changed
    assert b'"p8"' in lines[1] and b'"p5"' not in lines[1]  # the update touched p8 and p9 only
    ctx.store.close()
    with Store(db_path) as store:
        assert {d.doc_id: dict(d) for d in store._tables["people"].all()} == expected


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
operations = st.lists(
    st.tuples(
        st.sampled_from(["put", "delete", "reopen", "compact"]),
        st.sampled_from(["a", "b", "c", "ü", "tab\tkey", "new\nline"]),
        st.dictionaries(st.text(max_size=8), json_values, max_size=4),
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations)
def test_any_sequence_of_writes_reopens_to_the_same_state(tmp_path: Path, ops) -> None:
    path = tmp_path / f"prop-{time.monotonic_ns()}.json"
    model: dict[str, dict] = {}
    store = Store(path)
    try:
        for op, key, doc in ops:
            if op == "put":
                put(store, key, doc)
                model[key] = json.loads(json.dumps(doc))
            elif op == "delete":
                put(store, key, None)
                model.pop(key, None)
            elif op == "reopen":
                store.close()
                store = Store(path)
            else:
                store.compact()
            assert docs(store) == model
    finally:
        store.close()
    with Store(path, read_only=True) as reopened:
        assert docs(reopened) == model


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


# --- indexes saved with the snapshot --------------------------------------------------------------

index_ops = st.lists(
    st.tuples(
        st.sampled_from(["invite", "accept", "decline", "delete", "reopen", "compact"]),
        st.sampled_from(["ana", "bo", "cy", "di"]),
    ),
    max_size=30,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(index_ops)
def test_indexes_seeded_from_the_snapshot_match_the_records(tmp_path: Path, ops) -> None:
    path = tmp_path / f"ix-{time.monotonic_ns()}.json"
    store = Store(path)
    pending: set[str] = set()
    try:
        for op, person in ops:
            key = f"inv-{person}"
            doc = {
                "person_id": person,
                "received_at": "2026-02-28T10:00:00+00:00",
                "direction": "incoming",
            }
            if op == "invite":
                put(store, key, {**doc, "status": "pending"}, table="invitations")
                pending.add(person)
            elif op in ("accept", "decline"):
                status = "accepted" if op == "accept" else "declined"
                put(store, key, {**doc, "status": status}, table="invitations")
                pending.discard(person)
            elif op == "delete":
                put(store, key, None, table="invitations")
                pending.discard(person)
            elif op == "reopen":
                store.close()
                store = Store(path)  # indexes come from the saved facts plus the journal
            else:
                store.compact()
            assert {i.person_id for i in store.pending_invitations()} == pending
    finally:
        store.close()


def test_damaged_index_maps_are_rebuilt_from_the_records(ctx: Context, db_path: Path) -> None:
    add_invitation(ctx, "ana", first="Ana")
    add_invitation(ctx, "bo", first="Bo")
    ctx.store.close()
    data = bytearray(db_path.read_bytes())
    data[data.index(b'{"pending":{') + 15] ^= 0x01  # inside the saved index maps, not the tables
    db_path.write_bytes(bytes(data))
    with Store(db_path) as store:
        store.verify()  # the tables themselves are intact
        assert {i.person_id for i in store.pending_invitations()} == {"ana", "bo"}


# --- the index of sent notes (never responded) ----------------------------------------------------

note_ops = st.lists(
    st.tuples(
        st.sampled_from(["write", "unsend", "delete", "reopen", "compact"]),
        st.sampled_from(["n1", "n2", "n3", "n4"]),
        st.sampled_from(["ana", "bo"]),
        st.integers(min_value=1, max_value=40),  # sent this many days before the frozen now
        st.sampled_from(["", "none", "pitch", "canned", "personal"]),
        st.booleans(),  # archived
    ),
    max_size=30,
)


def _note_doc(person: str, days: int, kind: str, archived: bool, sent: bool = True) -> dict:
    when = datetime(2026, 3, 1, 9, tzinfo=UTC) - timedelta(days=days)
    doc = codec.dump_note(
        ThankYouNote(
            "k",
            person,
            '"reply":{"kind":"pitch"} "archived_at":"x" "sent_at":"2001-01-01T00:00:00+00:00"',
            when - timedelta(hours=1),
            when if sent else None,
            Reply(ReplyKind(kind), "ok") if kind else None,
            archived_at=when if archived else None,
        )
    )
    return doc


def _expected_sent(store: Store) -> dict[str, list]:
    expected = {}
    for note in store.records("notes"):
        if note.sent_at is not None:
            kind = note.reply.kind.value if note.reply else ""
            archived = note.archived_at is not None
            expected[note.id] = [note.person_id, note.sent_at.timestamp(), kind, archived]
    return expected


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note_ops)
def test_the_sent_note_index_matches_the_notes_through_changes_and_reopens(
    tmp_path: Path, ops
) -> None:
    path = tmp_path / f"sent-{time.monotonic_ns()}.json"
    store = Store(path)
    owner: dict[str, str] = {}  # a note key keeps the person it was first written for
    try:
        for op, key, person, days, kind, archived in ops:
            person = owner.setdefault(key, person)
            if op in ("write", "unsend"):
                doc = _note_doc(person, days, kind, archived, sent=op == "write")
                put(store, key, doc, table="notes")
            elif op == "delete":
                put(store, key, None, table="notes")
            elif op == "reopen":
                store.close()
                store = Store(path)  # the maps come from the snapshot plus the journal
            else:
                store.compact()
            expected = _expected_sent(store)
            assert {k: list(v) for k, v in store.sent_notes().items()} == expected
            for who in ("ana", "bo"):
                mine = [(v[1], k) for k, v in expected.items() if v[0] == who]
                latest = store.latest_sent_note(who)
                assert (latest.id if latest else None) == (max(mine)[1] if mine else None)
    finally:
        store.close()


def test_maps_saved_by_an_older_netinbox_are_rebuilt_with_the_sent_notes(
    ctx: Context, db_path: Path
) -> None:
    put(ctx.store, "n1", _note_doc("ana", 9, "", False), table="notes")
    ctx.store.compact()
    assert '"sent_notes":{"n1":["ana",' in db_path.read_text(encoding="utf-8")

    def older_maps() -> dict[str, str]:  # what a netinbox from before this map saved
        maps = json.loads(ctx.store._ix.export()[MAPS_EXTRA])
        del maps["sent_notes"]
        return {MAPS_EXTRA: json.dumps(maps)}

    put(ctx.store, "n2", _note_doc("bo", 3, "pitch", False), table="notes")
    ctx.store.storage.extras_provider = older_maps
    ctx.store.compact()
    ctx.store.close()
    assert '"sent_notes"' not in db_path.read_text(encoding="utf-8")
    with Store(db_path) as store:
        assert sorted(store.sent_notes()) == ["n1", "n2"]
        assert store.sent_notes()["n2"][2] == "pitch"
        assert store.latest_sent_note("bo").id == "n2"


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=30),
    st.sampled_from(["", "none", "pitch", "canned", "personal"]),
    st.booleans(),
    st.booleans(),
)
def test_note_facts_from_the_stored_text_match_the_decoded_document(
    text: str, kind: str, archived: bool, sent: bool
) -> None:
    doc = _note_doc("ana", 5, kind, archived, sent)
    doc["text"] = text + doc["text"]  # a stranger's text that imitates the keys looked for
    if kind:
        doc["reply"]["text"] = '"archived_at":"2026' + text
    assert note_facets(dumps(doc)) == note_facets(doc)
    assert note_facets(json.dumps(doc, indent=1)) == note_facets(doc)  # not our compact form


person_ops = st.lists(
    st.tuples(
        st.sampled_from(["write", "write", "delete", "reopen", "compact"]),
        st.sampled_from(["ana", "bo", "cy"]),
        st.lists(st.sampled_from(["spam", "later"]), max_size=2, unique=True),
        st.lists(st.integers(min_value=0, max_value=30), max_size=2, unique=True),
        st.booleans(),  # connected_at known
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(person_ops)
def test_the_index_of_flags_and_views_matches_the_people(tmp_path: Path, ops) -> None:
    path = tmp_path / f"facts-{time.monotonic_ns()}.json"
    base = datetime(2026, 3, 1, 9, tzinfo=UTC)
    store = Store(path)
    try:
        for op, pid, flags, days, connected in ops:
            if op == "write":
                views = tuple(sorted(base - timedelta(days=d) for d in days))
                person = Person(pid, "N", profile_views=views, flags=tuple(flags))
                if connected:
                    person = replace(person, connected_at=base - timedelta(days=40))
                put(store, pid, codec.dump_person(person))
            elif op == "delete":
                put(store, pid, None)
            elif op == "reopen":
                store.close()
                store = Store(path)
            else:
                store.compact()
            expected = {
                p.id: [
                    list(p.flags),
                    [v.timestamp() for v in p.profile_views],
                    p.connected_at.timestamp() if p.connected_at else None,
                ]
                for p in store.people()
                if p.flags or p.profile_views
            }
            assert store.person_facts() == expected
    finally:
        store.close()
