"""The codec: domain objects to documents and back; strangers' text comes back cleaned."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass, replace
from datetime import UTC, datetime, timedelta, timezone
from enum import Enum
from pathlib import Path

import pytest
from factories import add_sent_note
from hypothesis import given, settings
from hypothesis import strategies as st

from netinbox.model import Education, Experience, Person, Reply, ReplyKind, ThankYouNote
from netinbox.services import Context
from netinbox.store import Store, codec
from netinbox.text import clean

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
    profile_views=st.lists(aware, max_size=3).map(lambda views: tuple(sorted(views))),
    flags=st.lists(texts, max_size=2).map(tuple),
)
notes = st.builds(
    ThankYouNote,
    id=slugs,
    person_id=slugs,
    text=texts,
    created_at=aware,
    sent_at=st.none() | aware,
    reply=st.none() | st.builds(Reply, st.sampled_from(ReplyKind), texts, st.none() | aware),
    archived_at=st.none() | aware,
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


def test_records_from_before_views_flags_and_archiving_load_with_none() -> None:
    person_doc = codec.dump_person(Person("ana", "Ana"))
    note_doc = codec.dump_note(ThankYouNote("n1", "ana", "Hi", datetime(2026, 3, 1, tzinfo=UTC)))
    # An older netinbox never wrote these keys, and an empty value is not written either.
    assert not {"profile_views", "flags"} & set(person_doc) and "archived_at" not in note_doc
    person = codec.load_person("ana", person_doc)
    assert person.profile_views == () and person.flags == ()
    assert codec.load_note("n1", note_doc).archived_at is None
    views = [datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 2, 3, 8, tzinfo=UTC)]
    full = codec.dump_person(Person("ana", profile_views=tuple(views), flags=("spam",)))
    assert full["profile_views"] == [v.isoformat() for v in views] and full["flags"] == ["spam"]
    dirty = {**person_doc, "flags": ["sp\x1b[2Jam"], "profile_views": [None, ""]}
    assert codec.load_person("ana", dirty).flags == ("spam",)
    assert codec.load_person("ana", dirty).profile_views == ()
    with pytest.raises(ValueError, match="UTC offset"):
        codec.load_person("ana", {**person_doc, "profile_views": ["2026-02-01T10:00:00"]})


def test_text_stored_with_escapes_is_cleaned_when_read_back(ctx: Context, db_path: Path) -> None:
    add_sent_note(
        ctx,
        "eve",
        first="Eve\x1b]52;c;aGk=\x07",
        last="\u202eSmith",
        text="Thanks\x1b[2J for connecting",
    )
    ctx.store.close()
    reopened = Store(db_path)
    assert reopened.person("eve").name == "Eve Smith"
    assert reopened.note_for("eve").text == "Thanks for connecting"
