"""Persistence: `AtomicJSONStorage` (atomic, durable, transactional), `Store` and the codec."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import fields, is_dataclass, replace
from datetime import datetime, timedelta, timezone
from enum import Enum
from pathlib import Path

import pytest
from factories import add_invitation, add_person, add_sent_note
from hypothesis import given, settings
from hypothesis import strategies as st

from netinbox.model import (
    Change,
    Education,
    Event,
    Experience,
    InvitationStatus,
    Person,
    Reply,
    ReplyKind,
    ThankYouNote,
)
from netinbox.services import Context, triage
from netinbox.services.context import change
from netinbox.store import SCHEMA_VERSION, Store, StoreError, codec
from netinbox.store.storage import AtomicJSONStorage, atomic_write_json
from netinbox.text import clean

OLD = {"people": {"ana": {"first_name": "Ana"}}}


def _other_files(path: Path) -> list[str]:
    """Everything in the database's folder except the database itself (e.g. leftover temp files)."""
    return sorted(p.name for p in path.parent.iterdir() if p != path)


@pytest.fixture
def saved(db_path: Path) -> Path:
    """A database file holding OLD."""
    storage = AtomicJSONStorage(db_path)
    storage.write(OLD)
    return db_path


def _fail(*args: object, **kwargs: object) -> None:
    raise OSError(28, "No space left on device")


# --- AtomicJSONStorage ----------------------------------------------------------------------------


def test_a_new_storage_is_empty_and_writes_nothing(db_path: Path) -> None:
    storage = AtomicJSONStorage(db_path)
    assert storage.read() == {}
    assert not db_path.exists()


def test_a_missing_file_is_refused_when_not_creating(db_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database") as info:
        AtomicJSONStorage(db_path, create=False)
    assert str(db_path) in str(info.value)
    assert not db_path.exists()


def test_a_write_is_visible_after_reopening(db_path: Path) -> None:
    storage = AtomicJSONStorage(db_path.parent / "sub" / "db.json")  # missing folders are made
    data = {
        "people": {"ana": {"first_name": "Ana", "tags": ["x"], "n": 3, "ok": True, "none": None}}
    }
    storage.write(data)
    assert AtomicJSONStorage(storage.path).read() == data
    assert json.loads(storage.path.read_text(encoding="utf-8")) == data
    assert _other_files(storage.path) == []


def test_an_empty_file_reads_as_an_empty_database(db_path: Path) -> None:
    db_path.write_text("  \n", encoding="utf-8")
    assert AtomicJSONStorage(db_path).read() == {}


def test_non_ascii_text_is_stored_as_utf8(db_path: Path) -> None:
    AtomicJSONStorage(db_path).write({"people": {"ken": {"name": "健 佐藤", "x": "Søren"}}})
    raw = db_path.read_bytes()
    assert "健 佐藤".encode() in raw
    assert AtomicJSONStorage(db_path).read()["people"]["ken"]["name"] == "健 佐藤"


@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(
    saved: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    before = saved.read_bytes()
    storage = AtomicJSONStorage(saved)
    monkeypatch.setattr(os, broken, _fail)
    with pytest.raises(StoreError) as info:
        storage.write({"people": {}, "notes": {"1": {"text": "new"}}})
    monkeypatch.undo()
    assert str(saved) in str(info.value)
    assert "\n" not in str(info.value)
    assert saved.read_bytes() == before
    assert _other_files(saved) == []
    assert storage.read() == OLD  # memory does not run ahead of the disk
    assert AtomicJSONStorage(saved).read() == OLD


@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_atomic_write_json_cleans_up_and_reraises(
    saved: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    before = saved.read_bytes()
    monkeypatch.setattr(os, broken, _fail)
    with pytest.raises(OSError):
        atomic_write_json(saved, {"other": {}})
    monkeypatch.undo()
    assert saved.read_bytes() == before
    assert _other_files(saved) == []


def test_a_failed_first_write_leaves_no_file_at_all(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    storage = AtomicJSONStorage(db_path)
    monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(StoreError):
        storage.write(OLD)
    monkeypatch.undo()
    assert not db_path.exists()
    assert _other_files(db_path) == []
    assert storage.read() == {}


@pytest.mark.parametrize("value", [float("nan"), {1, 2}, object()], ids=["nan", "set", "object"])
def test_data_that_is_not_json_is_refused_without_touching_the_file(
    saved: Path, value: object
) -> None:
    before = saved.read_bytes()
    storage = AtomicJSONStorage(saved)
    with pytest.raises(StoreError, match="could not save"):
        storage.write({"people": {"x": {"bad": value}}})
    assert saved.read_bytes() == before
    assert _other_files(saved) == []
    assert storage.read() == OLD


def test_a_transaction_is_one_write_at_commit(saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    replaces = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda *a: (replaces.append(a), real_replace(*a)))
    before = saved.read_bytes()
    storage = AtomicJSONStorage(saved)
    storage.begin()
    storage.write({"people": {}, "a": {"1": {}}})
    storage.begin()  # nested: only the outermost commit writes
    storage.write({"people": {}, "a": {"1": {}}, "b": {"2": {}}})
    storage.commit()
    assert saved.read_bytes() == before
    assert replaces == []
    storage.commit()
    assert len(replaces) == 1
    assert AtomicJSONStorage(saved).read() == {"people": {}, "a": {"1": {}}, "b": {"2": {}}}


def test_a_rolled_back_transaction_leaves_memory_and_disk_as_they_were(saved: Path) -> None:
    before = saved.read_bytes()
    storage = AtomicJSONStorage(saved)
    storage.begin()
    storage.write({"people": {}})
    storage.write({"people": {}, "notes": {"1": {"text": "x"}}})
    assert storage.read() != OLD
    storage.rollback()
    assert storage.read() == OLD
    assert saved.read_bytes() == before
    # nothing is left pending: a later write goes straight to disk
    storage.write({"people": {}})
    assert AtomicJSONStorage(saved).read() == {"people": {}}


DAMAGED = {
    "bad-json": b"{not json",
    "truncated": b'{"people": {"ana": {"first_name": "An',
    "list": b"[1, 2, 3]",
    "string": b'"people"',
    "number": b"42",
    "latin1": b'{"people": {"j": {"first_name": "J\xf6rg"}}}',
    "binary": b"\xff\xfe\x00\x01garbage",
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_file_is_refused_by_name_and_left_untouched(
    db_path: Path, content: bytes
) -> None:
    db_path.write_bytes(content)
    for opener in (AtomicJSONStorage, Store):
        with pytest.raises(StoreError) as info:
            opener(db_path)
        message = str(info.value)
        assert str(db_path) in message
        assert "\n" not in message
        assert "untouched" in message
        assert db_path.read_bytes() == content
    assert _other_files(db_path) == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
json_documents = st.dictionaries(st.text(), json_values, max_size=6)


@settings(max_examples=60, deadline=None)
@given(json_documents, json_documents)
def test_any_json_document_survives_a_write_and_a_reopen(first: dict, second: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.json"
        storage = AtomicJSONStorage(path)
        storage.write(first)
        assert AtomicJSONStorage(path).read() == first
        storage.write(second)  # replacing an existing file
        assert AtomicJSONStorage(path).read() == second
        assert storage.read() == second
        assert os.listdir(folder) == ["db.json"]


# --- Store ----------------------------------------------------------------------------------------


def test_store_records_are_visible_after_reopening(ctx: Context, db_path: Path) -> None:
    person = add_person(ctx, "ana", headline="Platform Engineer", tags=("berlin",))
    invitation = add_invitation(ctx, "ana", note="Hi!")
    reopened = Store(db_path)
    assert reopened.person("ana") == person
    assert reopened.pending_invitation("ana") == invitation
    assert reopened.meta("schema_version") == SCHEMA_VERSION


def test_store_actions_and_undo_survive_a_reopen(ctx: Context, db_path: Path) -> None:
    add_invitation(ctx, "ana")
    triage.accept(ctx, ["ana"])
    reopened = Store(db_path)
    assert reopened.pending_invitation("ana") is None
    assert reopened.note_for("ana") is not None
    event = reopened.last_undoable()
    assert event is not None and event.action == "accept"
    reopened.undo(event, ctx.now())
    again = Store(db_path)
    assert again.pending_invitation("ana") is not None
    assert again.note_for("ana") is None
    assert again.last_undoable() is None


def test_a_store_transaction_that_raises_rolls_back_memory_and_disk(
    ctx: Context, db_path: Path
) -> None:
    invitation = add_invitation(ctx, "ana")
    before = db_path.read_bytes()
    accepted = replace(invitation, status=InvitationStatus.ACCEPTED, decided_at=ctx.now())
    event = Event(
        "",
        ctx.now(),
        "accept",
        "half an action",
        ("ana",),
        (change(invitation, accepted), Change("no_such_table", "k", None, {"x": 1})),
    )
    with pytest.raises(KeyError):
        ctx.store.commit(event)
    assert db_path.read_bytes() == before
    assert ctx.store.pending_invitation("ana") == invitation
    assert [i.id for i in ctx.store.pending_invitations()] == [invitation.id]
    assert ctx.store.last_undoable() is None
    assert list(ctx.store.events()) == []
    assert Store(db_path).pending_invitation("ana") == invitation


def test_a_failed_save_raises_storeerror_and_keeps_the_file(
    ctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_invitation(ctx, "ana")
    before = db_path.read_bytes()
    monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(StoreError, match="could not save"):
        triage.accept(ctx, ["ana"])
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert _other_files(db_path) == []
    assert Store(db_path).pending_invitation("ana") is not None


def test_a_failed_save_leaves_the_store_as_it_is_on_disk(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    invitation = add_invitation(ctx, "ana")
    monkeypatch.setattr(os, "replace", _fail)
    with pytest.raises(StoreError):
        triage.accept(ctx, ["ana"])
    monkeypatch.undo()
    assert ctx.store.pending_invitation("ana") == invitation
    assert ctx.store.open_notes() == []
    assert list(ctx.store.events()) == []


def test_a_newer_schema_is_refused(db_path: Path) -> None:
    content = json.dumps({"meta": {"schema_version": {"value": SCHEMA_VERSION + 1}}, "people": {}})
    db_path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError, match="newer netinbox") as info:
        Store(db_path)
    assert str(db_path) in str(info.value)
    assert db_path.read_text(encoding="utf-8") == content


def test_records_without_a_schema_version_are_refused(db_path: Path) -> None:
    content = json.dumps({"people": {"ana": {"first_name": "Ana"}}})
    db_path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError, match="no schema version"):
        Store(db_path)
    assert db_path.read_text(encoding="utf-8") == content


@pytest.mark.parametrize(
    "content",
    [
        '{"invitations": []}',
        '{"meta": {"schema_version": {"value": 1}}, "notes": "x"}',
        '{"meta": []}',
    ],
)
def test_tables_that_are_not_objects_are_refused_by_name(db_path: Path, content: str) -> None:
    db_path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError) as info:
        Store(db_path)
    assert str(db_path) in str(info.value)


# --- codec round trips ----------------------------------------------------------------------------


def _cleaned(value: object) -> object:
    """What loading gives back: every text field through `clean`."""
    if type(value) is str:
        return clean(value)
    if isinstance(value, Enum) or value is None:
        return value
    if isinstance(value, tuple):
        return tuple(_cleaned(v) for v in value)
    if is_dataclass(value):
        return replace(value, **{f.name: _cleaned(getattr(value, f.name)) for f in fields(value)})
    return value


def _via_json(doc: dict) -> dict:
    return json.loads(json.dumps(doc, ensure_ascii=False, allow_nan=False))


texts = st.text(max_size=40)
slugs = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)
small_ints = st.none() | st.integers(min_value=0, max_value=10**9)
years = st.none() | st.integers(min_value=1950, max_value=2100)
offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
aware = st.datetimes(
    min_value=datetime(1971, 1, 1), max_value=datetime(2100, 1, 1), timezones=offsets
)
people = st.builds(
    Person,
    id=slugs,
    first_name=texts,
    last_name=texts,
    headline=texts,
    company=texts,
    position=texts,
    location=texts,
    education=st.lists(st.builds(Education, texts, texts, texts, years), max_size=2).map(tuple),
    experience=st.lists(st.builds(Experience, texts, texts, years, years), max_size=2).map(tuple),
    connections=small_ints,
    followers=small_ints,
    posts_90d=small_ints,
    comments_90d=small_ints,
    reactions_90d=small_ints,
    first_job_year=years,
    has_photo=st.none() | st.booleans(),
    mutual_connections=small_ints,
    viewed_my_profile=st.none() | st.booleans(),
    profile_url=texts,
    email=texts,
    connected_at=st.none() | aware,
    notes=texts,
    tags=st.lists(texts, max_size=3).map(tuple),
)
notes = st.builds(
    ThankYouNote,
    id=slugs,
    person_id=slugs,
    text=texts,
    created_at=aware,
    sent_at=st.none() | aware,
    reply=st.none() | st.builds(Reply, st.sampled_from(ReplyKind), texts, st.none() | aware),
)


def _assert_same_offsets(loaded: object, original: object) -> None:
    for f in fields(original):
        a, b = getattr(loaded, f.name), getattr(original, f.name)
        if isinstance(b, datetime):
            assert a.utcoffset() == b.utcoffset(), f.name


@settings(max_examples=150, deadline=None)
@given(people)
def test_a_person_round_trips_through_the_codec(person: Person) -> None:
    table, key, doc = codec.table_and_doc(person)
    assert table == "people"
    loaded = codec.load_person(key, _via_json(doc))
    assert loaded == _cleaned(person)
    assert loaded.first_name == clean(person.first_name)
    assert loaded.headline == clean(person.headline)
    _assert_same_offsets(loaded, person)
    # loading is stable: a second trip changes nothing
    assert codec.load_person(key, _via_json(codec.dump_person(loaded))) == loaded


@settings(max_examples=150, deadline=None)
@given(notes)
def test_a_thank_you_note_round_trips_through_the_codec(note: ThankYouNote) -> None:
    table, key, doc = codec.table_and_doc(note)
    assert table == "notes"
    loaded = codec.load_note(key, _via_json(doc))
    assert loaded == _cleaned(note)
    assert loaded.text == clean(note.text)
    if note.reply is not None:
        assert loaded.reply.text == clean(note.reply.text)
        assert loaded.reply.kind is note.reply.kind
    _assert_same_offsets(loaded, note)
    assert codec.load_note(key, _via_json(codec.dump_note(loaded))) == loaded


def test_text_stored_with_escapes_is_cleaned_when_read_back(ctx: Context, db_path: Path) -> None:
    add_sent_note(
        ctx,
        "eve",
        first="Eve\x1b]52;c;aGk=\x07",
        last="\u202eSmith",
        text="Thanks\x1b[2J for connecting",
    )
    reopened = Store(db_path)
    assert reopened.person("eve").name == "Eve Smith"
    assert reopened.note_for("eve").text == "Thanks for connecting"
