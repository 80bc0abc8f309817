"""`netinbox.text`: strangers' text must never carry terminal control sequences or bidi marks."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netinbox.text import clean, one_line

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
MARKUP_LOOKALIKES = [
    "[/x]",
    "[@click=app.quit]boom",
    "[bold red]x",
    "[link=file:///etc/passwd]click me[/link]",
    ":warning: [on red]",
    "\\[escaped]",
]


def _is_forbidden(ch: str) -> bool:
    """A character `clean` must never let through."""
    if ch in "\n\t":
        return False
    return unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS


# --- clean: examples ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("\x1b]52;c;aGk=\x07", "", id="osc52-bel"),
        pytest.param("\x1b]52;c;aGk=\x1b\\", "", id="osc52-st"),
        pytest.param("before\x1b]52;c;aGk=\x07after", "beforeafter", id="osc52-inside"),
        pytest.param("\x1b]0;pwned title", "", id="osc-cut-short"),
        pytest.param("\x1b[2J", "", id="csi-clear"),
        pytest.param("a\x1b[31mred\x1b[0mb", "aredb", id="csi-colour"),
        pytest.param("x\x1b[?1049hy", "xy", id="csi-private-mode"),
        pytest.param("abc\x1b", "abc", id="lone-esc-at-end"),
        pytest.param("\x1b", "", id="lone-esc"),
        pytest.param("a\x9b2Jb", "ab", id="c1-csi-sequence"),
        pytest.param("a\x9b", "a", id="c1-csi-alone"),
        pytest.param("a\x85b", "ab", id="c1-nel"),
        pytest.param("a\x9d52;c;aGk=\x07b", "ab", id="c1-osc"),
        pytest.param("a\x7fb", "ab", id="del"),
        pytest.param("a\x00b\x07c\x08d", "abcd", id="c0-controls"),
        pytest.param("a\rb", "ab", id="lone-cr"),
        pytest.param("admin\u202etxt.exe", "admintxt.exe", id="rlo"),
        pytest.param("\u2066x\u2069\u202ay\u202c", "xy", id="isolates-embeddings"),
        pytest.param("\x1bP1$qm\x1b\\", "", id="dcs"),
    ],
)
def test_clean_removes_control_sequences(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("line one\nline two", "line one\nline two"),
        ("col\tcol", "col\tcol"),
        ("windows\r\nline", "windows\nline"),
        ("para\n\n\tindented", "para\n\n\tindented"),
    ],
)
def test_clean_keeps_newlines_and_tabs(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize("text", MARKUP_LOOKALIKES)
def test_markup_looking_text_is_left_exactly_as_is(text: str) -> None:
    assert clean(text) == text
    assert one_line(text) == text


@pytest.mark.parametrize(
    "text",
    ["Søren Kjær", "健 佐藤", "Zoë Lindqvist", "Ana 👩‍💻 Costa", "שלום", "مرحبا", "a\u00a0b"],
)
def test_ordinary_international_text_is_untouched(text: str) -> None:
    assert clean(text) == text


def test_clean_accepts_none_and_non_strings() -> None:
    assert clean(None) == ""
    assert clean(42) == "42"
    assert clean("") == ""


# --- one_line: examples ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("line one\nline two", "line one line two"),
        ("a\tb", "a b"),
        ("a\r\n\r\nb", "a b"),
        ("a\u2028b\u2029c", "a b c"),
        ("  padded   out  ", "padded out"),
        ("\n\nHi\x1b[2J there\n", "Hi there"),
        ("evil\x1b]52;c;aGk=\x07\nname", "evil name"),
        ("", ""),
    ],
)
def test_one_line_folds_and_cleans(raw: str, expected: str) -> None:
    assert one_line(raw) == expected


def test_one_line_shortens_with_an_ellipsis() -> None:
    assert one_line("abcdef", 4) == "abc…"
    assert one_line("abcd", 4) == "abcd"
    assert one_line("ab   cdef", 4) == "ab…"  # no dangling space before the ellipsis
    assert one_line(None) == ""


# --- properties -----------------------------------------------------------------------------------

# Every code point hypothesis can make (minus surrogates), with the dangerous ones made more likely.
_dangerous = st.sampled_from(
    [
        "\x1b",
        "\x1b[",
        "\x1b]",
        "\x07",
        "\x9b",
        "\x9d",
        "\x9c",
        "\x85",
        "\x7f",
        "\r",
        "\n",
        "\t",
        "\x1b\\",
        "[",
        "]",
        ";",
        "2J",
        "52;c;",
        *BIDI_CONTROLS,
    ]
)
hostile_text = st.lists(st.one_of(st.text(max_size=8), _dangerous), max_size=12).map("".join)
any_text = st.one_of(st.text(), hostile_text)


@settings(max_examples=400)
@given(any_text)
def test_clean_never_lets_a_control_or_bidi_character_through(text: str) -> None:
    result = clean(text)
    assert not [ch for ch in result if _is_forbidden(ch)]


@settings(max_examples=400)
@given(any_text)
def test_clean_is_idempotent(text: str) -> None:
    once = clean(text)
    assert clean(once) == once


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs"), blacklist_characters=BIDI_CONTROLS
        )
        | st.sampled_from("\n\t")
    )
)
def test_text_without_controls_passes_unchanged(text: str) -> None:
    assert clean(text) == text


@settings(max_examples=300)
@given(any_text, st.none() | st.integers(min_value=1, max_value=40))
def test_one_line_is_a_single_clean_trimmed_line(text: str, limit: int | None) -> None:
    result = one_line(text, limit)
    assert not [ch for ch in result if _is_forbidden(ch)]
    assert not set(result) & set("\n\t\r\u2028\u2029")
    assert "  " not in result
    assert result == result.strip()
    if limit is not None:
        assert len(result) <= limit
    else:
        assert one_line(result) == result
