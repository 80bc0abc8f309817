"""Screening survives any Unicode: every entry point gives a valid, safe verdict, fast, over hard text."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netinbox.model import ReplyKind
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
from netinbox.screening.verdict import MESSAGE_LABELS, PROFILE_LABELS
from netinbox.text import one_line
from tests.unicode_helpers import (
    BATCHES,
    PROPERTY,
    SHORT,
    TEXT,
    assert_message_verdict,
    assert_profile_verdict,
    is_safe,
    profiles,
    timed,
)

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
