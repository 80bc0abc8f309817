"""Issue 5, the app side: verdicts stored with invitations, replies and messages; screened when data
arrives (demo, import, a recorded reply); a full rescreen in one write; the user's own verdict."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from netinbox.cli import main
from netinbox.importers import import_export
from netinbox.model import (
    Invitation,
    InvitationStatus,
    Message,
    Reply,
    ReplyKind,
    StoredVerdict,
    ThankYouNote,
)
from netinbox.screening import Reason, Verdict
from netinbox.services import ActionError, Context, followup, screening, triage, undo
from netinbox.services.context import change
from netinbox.services.listing import pending
from netinbox.services.verdicts import invitation_verdict
from netinbox.store import Store, codec
from tests.factories import add_invitation, add_person, add_sent_note
from tests.test_import_merge import OWNER_URL, connection, export, message

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
PITCH_NOTE = (
    "Hi Mara, I help CTOs cut cloud costs by 40% without touching a line of code. "
    "Worth a 15-min chat? calendly.com/someone/15min"
)


def invite(name: str, slug: str, when: str, note: str = "") -> str:
    """An Invitations.csv row; the note quoted, as LinkedIn writes one with commas in it."""
    url = f"https://www.linkedin.com/in/{slug}"
    return f'{name},Mara Lindgren,"{when}","{note}",INCOMING,{url},{OWNER_URL}\n'


def verdict(label: str, *reasons: tuple[str, str], user: str = "") -> StoredVerdict:
    return StoredVerdict(label, 0.9, tuple(reasons), NOW, user)


# --- the model and the codec ----------------------------------------------------------------------


def test_verdicts_round_trip_through_the_codec() -> None:
    v = verdict(
        "pitch", ("scheduler_link", "calendly.com/x"), ("template", "same text"), user="genuine"
    )
    invitation = Invitation("i1", "ana", NOW, note="hi", verdict=v)
    assert codec.load_invitation("i1", codec.dump_invitation(invitation)) == invitation
    note = ThankYouNote("n1", "ana", "Thanks!", NOW, NOW, Reply(ReplyKind.PITCH, "buy", NOW, v))
    assert codec.load_note("n1", codec.dump_note(note)) == note
    msg = Message("m1", "t1", NOW, "ana", "Ana", ("me",), text="hello", verdict=v)
    assert codec.load_message("m1", codec.dump_message(msg)) == msg
    assert v.shown_label == "genuine" and v.by_user


def test_documents_written_before_verdicts_still_load() -> None:
    old = {"person_id": "ana", "received_at": NOW.isoformat(), "note": "", "status": "pending"}
    assert codec.load_invitation("i1", old).verdict is None
    old_note = {
        "person_id": "ana",
        "text": "Thanks",
        "created_at": NOW.isoformat(),
        "sent_at": NOW.isoformat(),
        "reply": {"kind": "canned", "text": "👍", "at": NOW.isoformat()},
    }
    assert codec.load_note("n1", old_note).reply.verdict is None
    assert codec.load_message("m1", {"at": NOW.isoformat(), "text": "x"}).verdict is None
    # Nothing is written for a record without a verdict: old and new documents look the same.
    assert "verdict" not in codec.dump_invitation(Invitation("i1", "ana", NOW))


def test_stored_evidence_comes_back_cleaned() -> None:
    doc = codec.dump_invitation(
        Invitation(
            "i1", "ana", NOW, verdict=verdict("pitch", ("x\x1b[2J", "evil\x1b]52;c;aGk=\x07"))
        )
    )
    loaded = codec.load_invitation("i1", doc).verdict
    assert all(
        "\x1b" not in part and "\x07" not in part for pair in loaded.reasons for part in pair
    )


# --- one label per invitation ---------------------------------------------------------------------


def test_one_label_per_invitation_most_serious_first() -> None:
    fake = Verdict("likely_fake", 0.95, (Reason("degree_not_granted", "BSc, HBS"),))
    lister = Verdict("list_builder", 0.9, (Reason("huge_network_no_activity", "27k"),))
    genuine = Verdict("genuine", 0.8)
    pitch = Verdict("pitch", 0.97, (Reason("scheduler_link", "calendly.com/x"),))
    personal = Verdict("personal", 0.8, (Reason("shared_context", "your talk"),))
    assert invitation_verdict(fake, pitch, NOW).label == "likely_fake"
    assert invitation_verdict(fake, pitch, NOW).reasons == (
        ("degree_not_granted", "BSc, HBS"),
        ("scheduler_link", "calendly.com/x"),
    )
    assert invitation_verdict(lister, pitch, NOW).label == "pitch"
    assert invitation_verdict(lister, pitch, NOW).reasons[0] == ("scheduler_link", "calendly.com/x")
    assert invitation_verdict(lister, personal, NOW).label == "list_builder"
    assert invitation_verdict(genuine, None, NOW).label == "genuine"
    assert invitation_verdict(genuine, personal, NOW).reasons == (("shared_context", "your talk"),)


# --- screened when data arrives -------------------------------------------------------------------


def test_demo_invitations_and_replies_are_screened_as_one_batch(demo_ctx: Context) -> None:
    store = demo_ctx.store
    labels = {i.person_id: i.verdict.label for i in store.pending_invitations()}
    assert labels["kayla-brooks-7f3a2c1d"] == "list_builder"
    assert labels["thomas-berger-cloudlean"] == "pitch"
    assert labels["victoria-hale-696864a6"] == "likely_fake"
    assert labels["paolo-ricci-3669d4ba"] == "genuine"
    # Four people sent the same note: only a batch can see that.
    tyler = store.pending_invitation("tyler-jensen-869acc8d").verdict
    assert any("same text as 3 other senders" in evidence for _, evidence in tyler.reasons)
    replies = [n.reply for n in store.records("notes") if n.reply is not None and n.reply.text]
    assert replies and all(r.verdict is not None for r in replies)
    assert {r.verdict.label for r in replies} >= {"pitch", "canned", "personal"}
    assert all(not r.verdict.user_label for r in replies)


def test_import_screens_new_invitations_replies_and_messages_together(
    ctx: Context, tmp_path: Path
) -> None:
    folder = export(
        tmp_path / "export",
        connections=connection("Ana", "Silva", "ana-silva", "01 Oct 2025"),
        invitations=invite("Ben Okoro", "ben-okoro", "10/2/25, 9:00 AM", PITCH_NOTE)
        + invite("Cleo Park", "cleo-park", "10/2/25, 10:00 AM", PITCH_NOTE.replace("someone", "x"))
        + invite("Dan Wu", "dan-wu", "10/3/25, 9:00 AM"),
        messages=message(
            "2-AAA", "Mara Lindgren", "mara-lindgren-7d1e2f3a", "Ana Silva", "ana-silva",
            "2025-10-01 18:00:00 UTC", "Thanks for connecting Ana!",
        )
        + message(
            "2-AAA", "Ana Silva", "ana-silva", "Mara Lindgren", "mara-lindgren-7d1e2f3a",
            "2025-10-02 08:00:00 UTC", "Likewise!",
        )
        + message(
            "2-BBB", "Eve Stone", "eve-stone", "Mara Lindgren", "mara-lindgren-7d1e2f3a",
            "2025-10-04 08:00:00 UTC", "Book a demo at cal.com/eve/demo - we help teams save 30%",
        ),
    )  # fmt: skip
    import_export(ctx, folder)
    store = ctx.store
    ben = store.pending_invitation("ben-okoro").verdict
    assert ben.label == "pitch"
    assert any(signal == "template" for signal, _ in ben.reasons)  # across the import
    # An export says nothing about an inviter's profile: no verdict without evidence.
    assert store.pending_invitation("dan-wu").verdict.label == "unchecked"
    reply = store.note_for("ana-silva").reply
    assert reply.verdict.label == "canned" and reply.verdict.user_label == ""
    by_owner = [m for m in store.records("messages") if m.from_owner]
    others = [m for m in store.records("messages") if not m.from_owner]
    assert by_owner and all(m.verdict is None for m in by_owner)
    assert others and all(m.verdict is not None for m in others)
    assert {m.verdict.label for m in others if m.sender_id == "eve-stone"} == {"pitch"}


def test_a_reimport_never_replaces_the_users_verdict(ctx: Context, tmp_path: Path) -> None:
    first = export(tmp_path / "a", invitations=invite("Ben Okoro", "ben-okoro", "10/2/25, 9:00 AM"))
    import_export(ctx, first)
    screening.override(ctx, "ben-okoro", "likely_fake")
    # The same invitation, now with a pitch as its note: screened again, the user's word stays.
    second = export(
        tmp_path / "b", invitations=invite("Ben Okoro", "ben-okoro", "10/2/25, 9:00 AM", PITCH_NOTE)
    )
    import_export(ctx, second)
    after = ctx.store.pending_invitation("ben-okoro").verdict
    assert after.label == "pitch" and after.user_label == "likely_fake"
    assert after.shown_label == "likely_fake"


def test_recording_a_reply_screens_its_text(ctx: Context) -> None:
    add_sent_note(ctx, "li", first="Li", last="Wei")
    followup.record_reply(
        ctx, "li", ReplyKind.PERSONAL, "Thanks! Book a call: calendly.com/li/15min, we help CTOs"
    )
    reply = ctx.store.note_for("li").reply
    assert reply.verdict.label == "pitch"
    assert reply.verdict.user_label == "personal"  # what the user said stays beside it
    assert reply.verdict.reasons and reply.verdict.reasons[0][0] == "scheduler_link"
    add_sent_note(ctx, "mo", first="Mo", last="Diaz")
    followup.record_reply(ctx, "mo", ReplyKind.NONE)
    assert ctx.store.note_for("mo").reply.verdict is None  # no text, nothing to judge


def test_the_cli_reply_command_screens_too(
    db_path: Path, clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netinbox.config import Settings

    with Store(db_path) as store:
        add_sent_note(Context(store, clock, Settings()), "li", first="Li", last="Wei")
    monkeypatch.setenv("NETINBOX_NOW", NOW.isoformat())
    assert main(["--db", str(db_path), "reply", "li", "--kind", "canned", "--text", "👍"]) == 0
    with Store(db_path, read_only=True) as store:
        assert store.note_for("li").reply.verdict.label == "canned"


# --- the user's own verdict, and `list pending --json` --------------------------------------------


def test_override_is_an_undoable_event_and_clearing_it_works(ctx: Context) -> None:
    add_invitation(ctx, "ben", first="Ben", last="Okoro", note=PITCH_NOTE)
    event = screening.override(ctx, "ben", "genuine")
    v = ctx.store.pending_invitation("ben").verdict
    assert v.user_label == "genuine" and v.label == "pitch"  # screened on the spot, never before
    assert event.action == "override_verdict" and event.person_ids == ("ben",)
    with pytest.raises(ActionError, match="already marked genuine"):
        screening.override(ctx, "ben", "genuine")
    screening.override(ctx, "ben", "")
    assert ctx.store.pending_invitation("ben").verdict.user_label == ""
    undo.undo(ctx)
    assert ctx.store.pending_invitation("ben").verdict.user_label == "genuine"
    with pytest.raises(ActionError, match="unknown verdict"):
        screening.override(ctx, "ben", "spam")


def test_list_pending_json_says_the_verdict_its_reasons_and_whose(
    demo_ctx: Context, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    screening.override(demo_ctx, "kayla-brooks-7f3a2c1d", "genuine")
    path = demo_ctx.store.path
    demo_ctx.store.close()
    monkeypatch.setenv("NETINBOX_NOW", NOW.isoformat())
    assert main(["--db", str(path), "list", "pending", "--json"]) == 0
    rows = {row["id"]: row for row in json.loads(capsys.readouterr().out)}
    kayla = rows["kayla-brooks-7f3a2c1d"]
    assert {"id", "name", "headline", "company", "invitation_id", "note", "received_at"} <= set(
        kayla
    )
    assert kayla["verdict"] == "genuine" and kayla["verdict_by_user"] is True
    assert kayla["verdict_screened"] == "list_builder"
    assert kayla["verdict_reasons"][0] == {
        "signal": "huge_network_no_activity",
        "evidence": "27,000 connections, 0 posts, 0 comments, 0 reactions in 90 days",
    }
    thomas = rows["thomas-berger-cloudlean"]
    assert thomas["verdict"] == "pitch" and thomas["verdict_by_user"] is False
    assert sum(row["verdict_by_user"] for row in rows.values()) == 1  # overrides are countable


def test_unscreened_invitations_list_with_a_null_verdict(ctx: Context) -> None:
    add_invitation(ctx, "ana")
    row = pending(ctx)[0]
    assert row["verdict"] is None and row["verdict_reasons"] == [] and not row["verdict_by_user"]


# --- full rescreen --------------------------------------------------------------------------------


@pytest.fixture
def mixed_ctx(ctx: Context) -> Context:
    """Unscreened records of every kind, one user override, the owner's own message."""
    add_invitation(ctx, "ben", first="Ben", last="Okoro", note=PITCH_NOTE)
    add_invitation(ctx, "cleo", first="Cleo", last="Park", hours_ago=3)
    inv = ctx.store.pending_invitation("cleo")
    mine = replace(inv, verdict=verdict("list_builder", user="genuine"))
    ctx.store.write_records([change(inv, mine)])
    add_sent_note(ctx, "li", first="Li", last="Wei", reply=Reply(ReplyKind.CANNED, "👍", NOW))
    add_person(ctx, "eve", "Eve", "Stone")
    ctx.store.write_records(
        [
            change(None, Message("m1", "t1", NOW, "eve", "Eve Stone", ("me",), text=PITCH_NOTE)),
            change(
                None,
                Message("m2", "t1", NOW, "", "Me", ("eve",), text="No thanks", from_owner=True),
            ),
        ]
    )
    return ctx


def test_rescreen_judges_everything_in_small_writes_and_keeps_overrides(
    mixed_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = mixed_ctx.store
    writes = []
    original = store.write_records
    monkeypatch.setattr(
        store, "write_records", lambda *a, **k: (writes.append(a), original(*a, **k))
    )
    events_before = len(list(store.events()))
    stages = []
    result = screening.rescreen(mixed_ctx, lambda stage, done, total: stages.append(stage))
    # Small change sets (each a short turn on the UI thread), none bigger than a chunk.
    assert len(writes) >= 1 and all(len(w[0]) <= screening.WRITE_CHUNK for w in writes)
    assert result.invitations == 2 and result.replies == 1 and result.messages == 1
    assert store.pending_invitation("ben").verdict.label == "pitch"
    cleo = store.pending_invitation("cleo").verdict
    assert cleo.user_label == "genuine" and cleo.label != "list_builder"  # rescreened, kept mine
    assert store.note_for("li").reply.verdict.label == "canned"
    messages = {m.id: m for m in store.records("messages")}
    assert messages["m1"].verdict.label == "pitch" and messages["m2"].verdict is None
    assert len(list(store.events())) == events_before  # not an undoable action
    assert stages[0] == "Reading" and any(s.startswith("Screening") for s in stages)
    assert stages[-2:] == ["Saving", "Done"]
    # A second rescreen finds nothing new and rewrites nothing.
    assert screening.rescreen(mixed_ctx).changed == 0


def test_rescreen_writes_on_the_records_as_they_are_when_it_saves(mixed_ctx: Context) -> None:
    """The app reads and writes through `on_store` (the UI thread) while the user keeps working:
    a decline made during the screening must survive the rescreen's write."""
    saving = []

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "Saving":
            saving.append(True)

    def on_store(fn):  # noqa: ANN001, ANN202
        if saving and not saving[1:]:
            saving.append(True)
            triage.decline(mixed_ctx, ["ben"])  # the user acts between screening and saving
        return fn()

    screening.rescreen(mixed_ctx, progress, on_store)
    ben = mixed_ctx.store.invitations_of("ben")[0]
    assert ben.status is InvitationStatus.DECLINED
    assert ben.verdict is not None and ben.verdict.label == "pitch"
    undo.undo(mixed_ctx)  # the decline is still the last undoable action, and undoes cleanly
    assert mixed_ctx.store.pending_invitation("ben") is not None


def test_sorting_by_verdict_uses_what_is_stored() -> None:
    from netinbox.services.listing import verdict_order

    def inv(n: int, label: str | None, user: str = "") -> Invitation:
        v = verdict(label, user=user) if label else None
        return Invitation(f"i{n}", f"p{n}", NOW - timedelta(hours=n), verdict=v)

    items = [inv(1, "genuine"), inv(2, None), inv(3, "likely_fake"), inv(4, "pitch"),
             inv(5, "list_builder", user="genuine"), inv(6, "likely_fake")]  # fmt: skip
    order = [i.id for i in sorted(items, key=verdict_order)]
    assert order == ["i3", "i6", "i4", "i1", "i5", "i2"]
