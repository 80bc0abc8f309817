"""Text built to break screening, for the Unicode tests, and what a safe verdict looks like.

The strategies favour what breaks tokenisers and folding: combining marks with nothing to sit on
("( ͡° ͜ʖ ͡°)", zalgo), lone surrogates, bidi controls and right-to-left scripts, zero-width joiners,
variation selectors and emoji sequences, runs of CJK and Thai, letters that fold to nothing, C0/C1
controls and words of 10,000 characters. Every entry point must return a valid label (never an
exception in an item's place), evidence that is safe to store and draw, and stay fast.
"""

from __future__ import annotations

import time
import unicodedata

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from netinbox.screening import Verdict
from netinbox.screening.verdict import EVIDENCE_LIMIT, MESSAGE_LABELS, PROFILE_LABELS

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
