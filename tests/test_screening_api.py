"""The API the rest of the app uses: names, shapes and the reply mapping."""

from __future__ import annotations

import dataclasses

import netinbox.screening as screening
from netinbox.model import ReplyKind


def test_public_names() -> None:
    for name in (
        "Reason",
        "Verdict",
        "screen_message",
        "screen_profile",
        "screen_batch",
        "classify_reply",
    ):
        assert hasattr(screening, name), name
    assert [f.name for f in dataclasses.fields(screening.Reason)] == ["signal", "evidence"]
    assert [f.name for f in dataclasses.fields(screening.Verdict)] == ["label", "score", "reasons"]


def test_classify_reply_maps_labels_to_reply_kinds() -> None:
    classify = screening.classify_reply
    assert classify("Thanks, you too! 🙏", "Robin") is ReplyKind.CANNED
    assert (
        classify("Glad to connect! We help teams cut cloud costs 30%. Quick call? calendly.com/x")
        is ReplyKind.PITCH
    )
    assert (
        classify(
            "Robin, your post on Postgres vacuum saved my weekend. Did you tune autovacuum per table?"
        )
        is ReplyKind.PERSONAL
    )
    assert classify("") is ReplyKind.NONE
    assert classify("\u200b") is ReplyKind.NONE


def test_screening_imports_no_ui_or_storage() -> None:
    import subprocess
    import sys

    code = (
        "import sys, netinbox.screening;"
        "print(sorted(m for m in ('textual', 'tinydb', 'rich') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_every_label_but_genuine_personal_empty_has_a_reason() -> None:
    texts = [
        "👍",
        "ok",
        "Book here calendly.com/a",
        "Hi, I'd like to add you to my professional network.",
    ]
    for text in texts:
        verdict = screening.screen_message(text)
        assert verdict.reasons or verdict.label in {"personal", "empty"}
