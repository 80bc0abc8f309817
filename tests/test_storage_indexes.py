"""The store's indexes saved with the snapshot (pending, sent notes, flags and views, names) match
the records."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from factories import add_invitation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storage_helpers import put

from netinbox.model import Change, Event, Person, Reply, ReplyKind, ThankYouNote
from netinbox.services import Context
from netinbox.store import Store, codec
from netinbox.store.indexes import MAPS_EXTRA, folded_name, note_facets
from netinbox.store.lazy import dumps
from netinbox.text import fold_name

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


# --- the index of people by folded name (pasted names) --------------------------------------------

NAMES = [
    ("Ana", "Silva"),
    ("ana", "SILVA (she/her) · 2nd"),
    ("Amélie", 'Du"rand\\Lefèvre'),  # escapes in the stored text: decoded to be read
    ("Zoë", "O'Neil, MBA"),
    ("\u202eEve", "X\x1b]52;c;aGk=\x07"),  # cleaned on the way in, as the records are read
    ("", ""),  # no name: known by the id
    ("🚀", ""),
]
name_ops = st.lists(
    st.tuples(
        st.sampled_from(["write", "write", "reordered", "delete", "undo", "reopen", "compact"]),
        st.sampled_from(["ana", "bo", "cy"]),
        st.integers(min_value=0, max_value=len(NAMES) - 1),
    ),
    max_size=25,
)


def _names_by_scan(store: Store) -> dict[str, list[str]]:
    expected: dict[str, list[str]] = {}
    for person in store.people():
        expected.setdefault(fold_name(person.name), []).append(person.id)
    return {key: sorted(ids) for key, ids in expected.items()}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name_ops)
def test_the_index_of_names_matches_a_scan_of_the_people(tmp_path: Path, ops) -> None:
    path = tmp_path / f"names-{time.monotonic_ns()}.json"
    at = datetime(2026, 3, 1, 9, tzinfo=UTC)
    store = Store(path)
    try:
        for op, pid, n in ops:
            before = store.record_doc("people", pid)
            if op in ("write", "reordered", "delete"):
                first, last = NAMES[n]
                after = codec.dump_person(Person(pid, first, last)) if op != "delete" else None
                if op == "reordered":  # not our layout: first_name is not the first key
                    after = {"last_name": last, **after}
                if before is not None or after is not None:
                    change = Change("people", pid, before, after)
                    store.commit(Event("", at, "edit", "edit", (pid,), (change,)))
            elif op == "undo":
                if (last_event := store.last_undoable()) is not None:
                    store.undo(last_event, at)
            elif op == "reopen":
                store.close()
                store = Store(path)  # the map comes from the snapshot plus the journal
            else:
                store.compact()
            expected = _names_by_scan(store)
            saved = json.loads(store._ix.export()[MAPS_EXTRA])["people_named"]
            assert {key: sorted(ids) for key, ids in saved.items()} == expected
            for first, last in NAMES:
                key = fold_name(f"{first} {last}")
                assert sorted(p.id for p in store.people_named(key)) == expected.get(key, [])
    finally:
        store.close()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), st.text(max_size=20), st.sampled_from(["ana", "x:1", 'q"\\']))
def test_a_name_folded_from_the_stored_text_is_the_name_the_matcher_folds(
    first: str, last: str, key: str
) -> None:
    doc = codec.dump_person(Person(key, first, last))
    expected = fold_name(codec.load_person(key, doc).name)
    assert folded_name(key, dumps(doc)) == folded_name(key, doc) == expected
    assert folded_name(key, json.dumps(doc, indent=1)) == expected  # not our compact form


def test_maps_saved_before_the_index_of_names_are_rebuilt_with_it(
    ctx: Context, db_path: Path
) -> None:
    put(ctx.store, "ana", codec.dump_person(Person("ana", "Ána", "Silva")))

    def older_maps() -> dict[str, str]:  # what a netinbox from before this map saved
        maps = json.loads(ctx.store._ix.export()[MAPS_EXTRA])
        del maps["people_named"]
        return {MAPS_EXTRA: json.dumps(maps)}

    ctx.store.storage.extras_provider = older_maps
    ctx.store.compact()
    ctx.store.close()
    assert '"people_named"' not in db_path.read_text(encoding="utf-8")
    with Store(db_path) as store:
        assert [p.id for p in store.people_named("ana silva")] == ["ana"]
