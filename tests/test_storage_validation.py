"""What the store writes: documents validated before memory or disk change, all or nothing, TinyDB's API."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from factories import add_invitation, add_person
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storage_helpers import docs, journal, journal_lines, put
from tinydb import Query
from tinydb.table import Document

from netinbox.services import Context, triage
from netinbox.store import SCHEMA_VERSION, Store, StoreError
from netinbox.store.validate import InvalidDocument

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
