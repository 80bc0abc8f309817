"""Screening survives any Unicode: every entry point, over text built to be hard.

The strategies favour what breaks tokenisers and folding: combining marks with nothing to sit on
("( ͡° ͜ʖ ͡°)", zalgo), lone surrogates, bidi controls and right-to-left scripts, zero-width joiners,
variation selectors and emoji sequences, runs of CJK and Thai, letters that fold to nothing, C0/C1
controls and words of 10,000 characters. Every entry point must return a valid label (never an
exception in an item's place), evidence that is safe to store and draw, and stay fast.
"""

from __future__ import annotations

import io
import json
import time
import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netinbox.model import Education, Experience, Invitation, Person, ReplyKind
from netinbox.screening import (
    Verdict,
    bursts,
    classify_reply,
    screen_batch,
    screen_message,
    screen_profile,
    templates,
)
from netinbox.screening.claims import return_claim
from netinbox.screening.command import run
from netinbox.screening.education import not_granted
from netinbox.screening.identity import identity_mismatch, scam_signals
from netinbox.screening.message_signals import analyse
from netinbox.screening.textnorm import fold, is_blank, phrase_tokens, tokenize
from netinbox.screening.timeline import Role, degree, problems
from netinbox.screening.verdict import EVIDENCE_LIMIT, MESSAGE_LABELS, PROFILE_LABELS
from netinbox.services import Context, followup, screening
from netinbox.services.verdicts import Batch
from netinbox.store.codec import dump_verdict
from netinbox.store.validate import encode_document
from netinbox.text import clean, one_line
from tests.factories import add_invitation, add_sent_note

INVITATION_LABELS = ("likely_fake", "pitch", "list_builder", "genuine")
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_safe(text: str) -> bool:
    """Storable and drawable: no control character, bidi control or lone surrogate."""
    return (
        all(unicodedata.category(c) not in {"Cc", "Cs"} and c not in BIDI for c in text)
        and "\n" not in text
    )


# --- strategies -----------------------------------------------------------------------------------


def _chars(*ranges: tuple[int, int]) -> st.SearchStrategy[str]:
    return st.one_of(*(st.integers(low, high).map(chr) for low, high in ranges))


MARKS = _chars(
    (0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F)
)
SURROGATES = _chars((0xD800, 0xDFFF))
BIDI_CONTROLS = st.sampled_from(sorted(BIDI | set("\u200e\u200f\u061c")))
RTL = _chars((0x0590, 0x05FF), (0x0600, 0x06FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
INVISIBLE = st.sampled_from("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
SELECTORS = _chars((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))
CONTROLS = _chars((0x00, 0x1F), (0x7F, 0x9F))
UNSPACED = _chars((0x3040, 0x30FF), (0x4E00, 0x9FFF), (0x0E00, 0x0E7F), (0xAC00, 0xD7A3))
# Letters that fold to nothing or to a space: half-width voicing marks, "ͺ", Arabic forms.
FOLD_TO_NOTHING = st.sampled_from(
    "\uff9e\uff9f\u037a\ufc5e\ufc5f\ufc60\ufc61\ufc62\ufc63\ufe70\ufe72"
)
EMOJI = st.sampled_from(
    ["👩‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "1️⃣", "🇺🇳", "❤️", "🧑🏿‍💻", "🫶", "\U0001f600\ufe0f", "🙏" * 3]
)
ESCAPES = st.sampled_from(["\x1b]52;c;aGk=\x07", "\x1b[2J", "\x9b31m", "\x1b", "\r\n", "\t"])
LETTERS = st.sampled_from("aZeßøłıΩжעض漢ก1٣")
HARD_CHAR = st.one_of(
    MARKS, SURROGATES, BIDI_CONTROLS, RTL, INVISIBLE, SELECTORS, CONTROLS, UNSPACED,
    FOLD_TO_NOTHING, LETTERS, st.characters(),
)  # fmt: skip

MARKS_FIRST = st.builds(
    lambda marks, rest: marks + rest, st.text(MARKS, min_size=1, max_size=4), st.text(max_size=12)
)
ZALGO = st.lists(
    st.builds(lambda c, m: c + m, LETTERS, st.text(MARKS, min_size=1, max_size=12)),
    min_size=1,
    max_size=6,
).map("".join)
PIECE = st.one_of(
    MARKS_FIRST,
    ZALGO,
    EMOJI,
    ESCAPES,
    st.text(HARD_CHAR, min_size=1, max_size=12),
    st.sampled_from(["( ͡° ͜ʖ ͡°)", "Thanks for connecting", "calendly.com/x", "I help CTOs", "5x"]),
)
# Words of about 10 KB: a hard unit repeated without a space in between.
LONG_WORD = st.builds(
    lambda unit, size: (unit * (size // max(len(unit), 1) + 1))[:size],
    st.one_of(ZALGO, st.text(HARD_CHAR, min_size=1, max_size=6)),
    st.integers(9_000, 10_500),
)
SEPARATOR = st.sampled_from([" ", "", "\n", ", ", "\u3000", "\u200d", ". "])


@st.composite
def hostile_text(draw: st.DrawFn, long: bool = True) -> str:
    parts = draw(st.lists(st.tuples(PIECE, SEPARATOR), max_size=8))
    text = "".join(piece + sep for piece, sep in parts)
    if long and draw(st.integers(0, 9)) == 0:
        text += draw(SEPARATOR) + draw(LONG_WORD)
    return text


TEXT = hostile_text()
SHORT = hostile_text(long=False)
YEARS = st.none() | st.integers(1950, 2030)
EDUCATION = st.fixed_dictionaries(
    {"school": SHORT, "degree": SHORT, "field": SHORT, "end_year": YEARS}
)
EXPERIENCE = st.fixed_dictionaries(
    {"title": SHORT, "company": SHORT, "start_year": YEARS, "end_year": YEARS}
)


@st.composite
def profiles(draw: st.DrawFn) -> dict:
    return {
        "name": draw(SHORT),
        "headline": draw(TEXT),
        "company": draw(SHORT),
        "school": draw(SHORT),
        "connections": draw(st.integers(0, 40_000)),
        "posts_90d": draw(st.none() | st.integers(0, 50)),
        "first_job_year": draw(YEARS),
        "mutual_connections": draw(st.none() | st.integers(0, 500)),
        "education": draw(st.lists(EDUCATION, max_size=2)),
        "experience": draw(st.lists(EXPERIENCE, max_size=3)),
        "invitation_note": draw(TEXT),
    }


# Hypothesis's own deadline is off (the first example pays for loading the rules); each test
# times its calls itself against a budget far above the normal milliseconds.
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Fewer examples where one example is a whole batch of up to 18 items.
BATCHES = settings(PROPERTY, max_examples=25)
BUDGET = 2.0  # seconds for one call on one example, 10 KB words included


def assert_message_verdict(verdict: Verdict) -> None:
    assert isinstance(verdict, Verdict), verdict
    assert verdict.label in MESSAGE_LABELS
    assert 0.0 <= verdict.score <= 1.0
    assert all(len(r.evidence) <= EVIDENCE_LIMIT and is_safe(r.evidence) for r in verdict.reasons)


def assert_profile_verdict(verdict: Verdict) -> None:
    assert isinstance(verdict, Verdict), verdict
    assert verdict.label in PROFILE_LABELS
    assert all(len(r.evidence) <= EVIDENCE_LIMIT and is_safe(r.evidence) for r in verdict.reasons)


class timed:
    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        assert time.perf_counter() - self.started < BUDGET


# --- the reported bug and its class ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "( ͡° ͜ʖ ͡°)",
        "\u0301",
        "\u0321\u0353I\u035dnvoking the hive-mind",
        "hello \u20d7\u20d7 world",
        "\uff9e",
        "\u037a \ufc5e 5\u037a",
        "Thanks! ( ͡° ͜ʖ ͡°) Would love a quick call: calendly.com/x",
    ],
)
def test_a_word_of_marks_alone_is_no_token_and_no_token_is_empty(text: str) -> None:
    tokens = tokenize(text)
    assert all(tokens.words) and len(tokens.words) == len(tokens.raw_words)
    assert all(word[0] not in "\u0301\u035c\u0361\u20d7" for word in tokens.raw_words)
    for kind in ("invitation_note", "reply_to_thanks", "inmail"):
        assert_message_verdict(screen_message(text, kind, "Robin", text))
    results = screen_batch([{"id": n, "text": text, "sender_name": f"s{n}"} for n in range(3)])
    assert all(isinstance(r, Verdict) for r in results), results


def test_letters_that_fold_to_nothing_keep_a_form_of_their_own() -> None:
    for letter in "\uff9e\uff9f\u037a\ufc5e\ufe70":
        assert fold(letter).strip()
    assert fold("Gracías") == "gracias" and fold("ﾊﾞ") == "ハ"  # folding is otherwise unchanged


def test_the_signature_is_read_from_the_cleaned_note() -> None:
    """Token offsets count in the cleaned text: invisible characters before a sign-off used to
    shift the cut and hide someone else's name."""
    note = "\u200b" * 30 + "Looking forward to connecting. Best regards, Sarah Kim"
    assert identity_mismatch("John Doe", "", note) == "note signed Sarah Kim, profile is John Doe"
    intro = "\u200b" * 30 + "Hi, I am Sarah Kim from Acme and wanted to connect"
    assert "Sarah Kim" in (identity_mismatch("John Doe", "", intro) or "")


# --- every entry point, over hostile text ---------------------------------------------------------


@PROPERTY
@given(TEXT, SHORT, SHORT, st.sampled_from(["invitation_note", "reply_to_thanks", "inmail"]))
def test_screen_message_and_classify_reply(
    text: str, recipient: str, sender: str, kind: str
) -> None:
    with timed():
        assert_message_verdict(screen_message(text, kind, recipient, sender))
        assert classify_reply(text, recipient) in set(ReplyKind)


@PROPERTY
@given(TEXT)
def test_tokens_are_never_empty_and_line_up_with_the_text(text: str) -> None:
    with timed():
        tokens = tokenize(text)
        assert all(tokens.words) and all(w.strip() for w in tokens.words)
        assert len(tokens.words) == len(tokens.raw_words) == len(tokens.spans)
        for raw, (start, end) in zip(tokens.raw_words, tokens.spans, strict=True):
            assert tokens.text[start:end] == raw
        if tokens.words:
            assert is_safe(one_line(tokens.snippet_text(0, len(tokens.words), 3)))
        assert all(phrase_tokens(text)) and isinstance(is_blank(text), bool)


@PROPERTY
@given(TEXT, SHORT, SHORT)
def test_message_signals(text: str, recipient: str, sender: str) -> None:
    with timed():
        analysis = analyse(text, recipient, sender)
        for signal in analysis.signals + analysis.personal + analysis.canned:
            assert isinstance(str(signal.evidence), str)
        claim = return_claim(text)
        assert claim is None or isinstance(claim, str)


@PROPERTY
@given(profiles())
def test_screen_profile(profile: dict) -> None:
    with timed():
        assert_profile_verdict(screen_profile(profile, year=2026))


@PROPERTY
@given(SHORT, TEXT, TEXT, SHORT, SHORT, SHORT)
def test_identity_education_and_timeline(
    name: str, headline: str, note: str, school: str, degree_text: str, title: str
) -> None:
    with timed():
        mismatch = identity_mismatch(name, headline, note)
        assert mismatch is None or isinstance(mismatch, str)
        for category, weight, evidence in scam_signals(name, headline, note, title):
            assert isinstance(category, str) and weight >= 0 and isinstance(str(evidence), str)
        why = not_granted(school, degree_text, title)
        assert why is None or isinstance(why, str)
        entry = {"school": school, "degree": degree_text, "field": title, "end_year": 2010}
        roles = [Role(title, school, 2005, None), Role(headline[:40], note[:40], 2004, 2012)]
        found = problems([degree(entry)], roles, 2003, headline, 2026)
        assert all(isinstance(p, str) for p in found)


@BATCHES
@given(st.lists(st.tuples(TEXT, SHORT, SHORT), min_size=1, max_size=3), st.integers(2, 3))
def test_screen_batch_templates_and_bursts(rows: list, copies: int) -> None:
    """Every text sent by several senders at once, from one company: templates and bursts are
    worked out over hostile text, and every item gets a verdict, never an exception."""
    at = datetime(2026, 3, 1, 9, tzinfo=UTC)
    items: list[dict] = []
    for n, (text, sender, company) in enumerate(rows):
        for copy in range(copies):
            when = (at + timedelta(minutes=n + copy)).isoformat()
            items.append(
                {"id": len(items), "text": text, "kind": "invitation_note", "company": company,
                 "sender_name": f"{sender} {copy}", "received_at": when}
            )  # fmt: skip
            items.append(
                {"id": len(items), "name": f"{sender} {copy}", "connections": 600,
                 "education": [], "experience": [{"title": sender, "company": company}],
                 "invitation_note": text, "company": company, "received_at": when}
            )  # fmt: skip
    with timed():
        results = screen_batch(items, year=2026)
    assert len(results) == len(items)
    for item, result in zip(items, results, strict=True):
        if "text" in item:
            assert_message_verdict(result)
        else:
            assert_profile_verdict(result)


@PROPERTY
@given(st.lists(TEXT, min_size=1, max_size=6))
def test_template_and_burst_finders_directly(texts: list[str]) -> None:
    at = datetime(2026, 3, 1, tzinfo=UTC)
    with timed():
        items = [templates.Text(tokenize(t), f"s{n % 3}") for n, t in enumerate(texts * 2)]
        groups = templates.find(items)
        assert all(0 <= i < len(items) for i in groups)
        for item in items:
            assert all(templates.masked_words(item.tokens, frozenset(), frozenset({"hi"})))
        arrivals = [bursts.Arrival(at, (("company", t[:50]), ("school", t))) for t in texts * 3]
        assert all(isinstance(e, str) for e in bursts.find(arrivals).values())


@BATCHES
@given(st.lists(st.one_of(TEXT.map(lambda t: {"text": t}), profiles()), min_size=1, max_size=4))
def test_the_screen_command(items: list[dict]) -> None:
    """JSON lines as `netinbox screen` reads them: "\\ud800" escapes give lone surrogates."""
    lines = [json.dumps({"id": n, **item}).encode() for n, item in enumerate(items)]
    out, err = io.StringIO(), io.StringIO()
    with timed():
        status = run(stdin=io.BytesIO(b"\n".join(lines)), stdout=out, stderr=err, year=2026)
    assert status == 0 and not err.getvalue(), out.getvalue()
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row["id"] for row in rows] == list(range(len(items)))
    for row in rows:
        assert row["label"] in MESSAGE_LABELS + PROFILE_LABELS
        # What is printed is UTF-8 text without a single raw control or surrogate.
        assert all(is_safe(r["evidence"]) for r in row["reasons"])
        json.dumps(row, ensure_ascii=False).encode("utf-8")


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
