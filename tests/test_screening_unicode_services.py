"""Any Unicode through the services: cleaned where it enters, screened, and stored as valid verdicts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netinbox.model import INVITATION_LABELS, Education, Experience, Invitation, Person, ReplyKind
from netinbox.screening.verdict import MESSAGE_LABELS
from netinbox.services import Context, followup, screening
from netinbox.services.verdicts import Batch
from netinbox.store.codec import dump_verdict
from netinbox.store.validate import encode_document
from netinbox.text import clean, one_line
from tests.factories import add_invitation, add_sent_note
from tests.unicode_helpers import HARD_CHAR, PROPERTY, SHORT, TEXT, timed

NOW = datetime(2026, 3, 1, 9, tzinfo=UTC)


@PROPERTY
@given(SHORT, SHORT, SHORT, SHORT, TEXT, TEXT)
def test_the_services_batch_gives_storable_verdicts(
    first: str, last: str, headline: str, school: str, note: str, reply: str
) -> None:
    """What services/screening.py and importers/verdicts.py store: text cleaned as it enters
    (netinbox.text.clean), then a verdict whose label is a real one and whose document stores."""
    first, last, headline, school, note, reply = map(
        clean, (first, last, headline, school, note, reply)
    )
    person = Person(
        "p",
        first,
        last,
        headline=headline,
        company=school,
        connections=700,
        education=(Education(school, headline, "", 2012),),
        experience=(Experience(headline, school, 2013, None),),
    )
    invitation = Invitation("inv-p", "p", NOW - timedelta(hours=1), note=note)
    batch = Batch("Robin", NOW)
    batch.add_invitation(invitation, person)
    batch.add_message("reply", reply, f"{first} {last}", "reply_to_thanks")
    batch.add_message("inmail", reply, first)
    with timed():
        by_invitation, by_message = batch.run()
    verdicts = [by_invitation["inv-p"], *by_message.values()]
    assert by_invitation["inv-p"].label in INVITATION_LABELS
    assert all(v.label in MESSAGE_LABELS for v in by_message.values())
    for verdict in verdicts:
        assert all(signal != "error" for signal, _ in verdict.reasons), verdict
        encode_document({"verdict": dump_verdict(verdict)})


# --- lone surrogates: replaced where text enters --------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ud800", "\ufffd"),
        ("a\udfffb", "a\ufffdb"),
        ("\ud83d\ude00 ok", "\U0001f600 ok"),  # a pair is the character it encodes
        ("\ude00\ud83d", "\ufffd\ufffd"),  # the wrong way round is two halves
        ("\udcff\udcfe", "\ufffd\ufffd"),  # undecodable bytes of a command-line argument
    ],
)
def test_clean_replaces_lone_surrogates(raw: str, expected: str) -> None:
    assert clean(raw) == expected
    assert one_line(raw) == expected
    clean(raw).encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.text(HARD_CHAR, max_size=60))
def test_clean_text_always_encodes(text: str) -> None:
    cleaned = clean(text)
    cleaned.encode("utf-8")
    assert clean(cleaned) == cleaned


HARD_EXAMPLES = [
    "( ͡° ͜ʖ ͡°)",
    "\u0321\u0353\u0345I\u035d\u0317n\u0347v\u032eo\u0332k\u0316e",
    "\ud800 lone \udfff surrogates",
    "\u202eeciovni\u202c \u2066שלום\u2069 مرحبا",
    "👩‍👩‍👧‍👦 🏳️‍🌈 1️⃣ \ufe0f\u200d",
    "田中さんにあげて下さい ขอบคุณครับ",
    "\x00\x07\x1b[2J\x85\x9b",
    "Z" + "\u0336" * 10_000,
]


def test_a_reply_with_any_text_is_recorded_cleaned_and_screened(ctx: Context) -> None:
    for n, text in enumerate(HARD_EXAMPLES):
        add_sent_note(ctx, f"p{n}", first=clean(text)[:30] or "Ana")
        with timed():
            followup.record_reply(ctx, f"p{n}", ReplyKind.NONE, text)
        reply = ctx.store.note_for(f"p{n}").reply
        assert reply.text == clean(text) and "\ud800" not in reply.text
        if reply.text.strip():
            assert reply.verdict is not None and reply.verdict.label in MESSAGE_LABELS
        else:  # nothing but controls: nothing to judge
            assert reply.verdict is None


def test_rescreen_and_override_over_hard_text(ctx: Context) -> None:
    for n, text in enumerate(HARD_EXAMPLES):
        cleaned = clean(text)
        add_invitation(ctx, f"i{n}", note=cleaned, first=cleaned[:40], last=cleaned[-40:])
        add_sent_note(ctx, f"c{n}", first=cleaned[:20])
        followup.record_reply(ctx, f"c{n}", ReplyKind.NONE, text)
    result = screening.rescreen(ctx)
    assert result.invitations == len(HARD_EXAMPLES)
    assert result.replies == sum(bool(clean(t).strip()) for t in HARD_EXAMPLES)
    for n in range(len(HARD_EXAMPLES)):
        verdict = ctx.store.pending_invitation(f"i{n}").verdict
        assert verdict is not None and verdict.label in INVITATION_LABELS
    screening.override(ctx, "i0", "genuine")
    assert ctx.store.pending_invitation("i0").verdict.user_label == "genuine"
