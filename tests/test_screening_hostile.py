"""Strangers' text is data: hostile input gets a sane label, crashes nothing, and stays fast."""

from __future__ import annotations

import json
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netinbox.screening import Reason, Verdict, screen_batch, screen_message, screen_profile
from netinbox.screening.command import screen_lines
from netinbox.screening.verdict import EVIDENCE_LIMIT, MESSAGE_LABELS, PROFILE_VERDICTS


def is_safe(text: str) -> bool:
    """No control characters (escapes, C1), bidi overrides or lone surrogates: safe to store,
    print and draw."""
    bidi = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
    return all(unicodedata.category(c) not in {"Cc", "Cs"} and c not in bidi for c in text)


HOSTILE = [
    "[bold red]Thanks[/] [@click=app.quit]click me[/]",
    "[/x]",
    "\x1b]52;c;ZXZpbA==\x07Thanks for connecting!",
    "\x1b[2J\x1b[31mFree trial, book now: calendly.com/x\x1b[0m",
    "\u202eeciovni ruoy si ereh\u202c",
    "\u200b\u200c\u200d\u2060\ufeff",
    "مرحبا روبن، شكرا على التواصل",
    "שלום רובין, תודה על החיבור",
    "🙏" * 5000,
    "a" * 100_000,
    "Let's have a quick call " * 5000,
    "calendly.com/" + "x" * 100_000,
    "\x00\x07\x08\x7f\x9b",
    "\ud83d lone surrogate \udfff",
    "\U0010ffff",
    "( ͡° ͜ʖ ͡°)",
    "\u0321\u0353\u0345I\u035d\u0317n\u0347v\u032eo\u0332k\u0316e the hive",
    "%s %d {0} {name} $(rm -rf /) `id` __import__('os')",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_messages_get_a_sane_label_and_clean_short_evidence(text: str) -> None:
    started = time.perf_counter()
    verdict = screen_message(text, "inmail", "[bold]", "\x1b[31mEvil")
    assert time.perf_counter() - started < 2.0
    assert verdict.label in MESSAGE_LABELS
    assert 0.0 <= verdict.score <= 1.0
    for reason in verdict.reasons:
        assert len(reason.evidence) <= EVIDENCE_LIMIT
        assert is_safe(reason.evidence)


def test_invisible_only_text_is_empty() -> None:
    assert screen_message("\u200b\u200c\u200d\u2060\ufeff").label == "empty"
    assert screen_message("\x00\x07").label == "empty"


def test_hostile_profiles() -> None:
    hostile = {
        "name": "\x1b]0;pwned\x07[bold]Eve",
        "headline": "\u202e" + "x" * 50_000,
        "connections": -5,
        "followers": 10**30,
        "posts_90d": None,
        "first_job_year": 10**9,
        "education": [{"school": "[/]" * 1000, "degree": "PhD", "field": None, "end_year": -3000}],
        "experience": [{"title": "CEO" * 1000, "company": "", "start_year": 3000, "end_year": 1}],
        "invitation_note": "\x00" * 10 + "a" * 100_000,
    }
    verdict = screen_profile(hostile)
    assert verdict.label in PROFILE_VERDICTS
    assert all(len(r.evidence) <= EVIDENCE_LIMIT and is_safe(r.evidence) for r in verdict.reasons)


def test_verdicts_are_frozen_values() -> None:
    verdict = screen_message("Likewise!")
    assert isinstance(verdict, Verdict) and isinstance(verdict.reasons[0], Reason)
    with pytest.raises(AttributeError):
        verdict.label = "personal"  # type: ignore[misc]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=20,
)
PROFILE_KEYS = st.sampled_from(
    ["name", "headline", "connections", "posts_90d", "comments_90d", "reactions_90d", "first_job_year",
     "education", "experience", "invitation_note", "mutual_connections", "received_at", "company"]
)  # fmt: skip
ENTRY = st.dictionaries(
    st.sampled_from(["school", "degree", "field", "end_year", "title", "company", "start_year"]),
    st.none() | st.integers(-5000, 5000) | st.text(max_size=30) | st.floats(),
    max_size=7,
)
PROFILES = st.dictionaries(
    PROFILE_KEYS, JSON | st.lists(ENTRY, max_size=4) | st.integers(-(10**6), 10**6), max_size=10
)
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=400), st.text(max_size=20), st.text(max_size=30))
def test_screen_message_never_raises(text: str, recipient: str, sender: str) -> None:
    verdict = screen_message(text, "inmail", recipient, sender)
    assert verdict.label in MESSAGE_LABELS
    assert all(len(r.evidence) <= EVIDENCE_LIMIT and is_safe(r.evidence) for r in verdict.reasons)
    if verdict.label not in {"personal", "empty"}:
        assert verdict.reasons


@FAST
@given(PROFILES)
def test_screen_profile_never_raises(profile: dict) -> None:
    verdict = screen_profile(profile)
    assert verdict.label in PROFILE_VERDICTS
    if verdict.label != "genuine":
        assert verdict.reasons


@FAST
@given(
    st.lists(JSON | PROFILES | st.builds(lambda t: {"text": t}, st.text(max_size=80)), max_size=6)
)
def test_screen_batch_never_raises_and_keeps_order(items: list) -> None:
    results = screen_batch(items)
    assert len(results) == len(items)
    assert all(isinstance(r, Verdict | Exception) for r in results)


@FAST
@given(st.lists(st.binary(max_size=60) | JSON.map(lambda v: json.dumps(v).encode()), max_size=6))
def test_the_json_lines_reader_never_raises(lines: list[bytes]) -> None:
    raw = [line for chunk in lines for line in chunk.splitlines() if line.strip()]
    rows, failed = screen_lines(raw)
    assert len(rows) == len(raw)
    assert failed == sum("error" in row for row in rows)
    json.dumps(rows)  # always serialisable
