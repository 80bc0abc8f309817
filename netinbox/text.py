"""Strangers' text is data: make it safe to store, print and draw.

Names, headlines and messages come from people we do not know. Terminal escape sequences in them
could rewrite the screen or the clipboard (OSC 52), and bidirectional overrides can scramble a row,
so they are removed before text is stored or shown. A lone surrogate (half of a UTF-16 pair, which
no UTF-8 file, terminal or database can hold) becomes U+FFFD there too. Markup safety is the
renderer's job (the UI never parses this text as markup); this module only deals with characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Whole escape sequences first (so "\x1b]52;c;...\x07" does not leave "]52;c;..." behind), then any
# stray C0/C1 control character. Newline and tab are kept: messages have paragraphs.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?      # OSC ... BEL or ST (or cut short)
    | \x1b[P^_X][^\x1b]*(?:\x1b\\)?         # DCS / PM / APC / SOS ... ST
    | \x1b\[[0-?]*[ -/]*[@-~]               # CSI
    | \x9b[0-?]*[ -/]*[@-~]                 # 8-bit CSI
    | \x9d[^\x07\x9c]*(?:\x07|\x9c)?        # 8-bit OSC
    | \x1b[ -/]*[0-~]?                      # other ESC sequences (and a lone ESC)
    """,
    re.VERBOSE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi embeddings/overrides/isolates reorder what follows them on the line, which breaks columns.
_BIDI_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Surrogate code points are halves of a UTF-16 pair, not characters: a lone one cannot be encoded
# (stored, printed or drawn); they arrive from JSON "\\ud800" escapes and undecodable arguments.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"[\r\n\t\u2028\u2029]+")
_SPACES = re.compile(r"[ ]{2,}")


def clean(text: object) -> str:
    """Return `text` without terminal control sequences or bidi overrides; newlines and tabs stay.
    A lone surrogate becomes U+FFFD (a pair of them, the character they stand for)."""
    if text is None:
        return ""
    value = text if isinstance(text, str) else str(text)
    if value.isprintable() and "\t" not in value:
        return value
    if _SURROGATE.search(value):
        value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    value = value.replace("\r\n", "\n")
    value = _ESCAPE_SEQUENCE.sub("", value)
    value = _CONTROL.sub("", value)
    return _BIDI_CONTROL.sub("", value)


def one_line(text: object, limit: int | None = None) -> str:
    """`clean` text folded onto one line (for table rows and titles), optionally shortened with '…'."""
    value = _SPACES.sub(" ", _LINE_BREAKS.sub(" ", clean(text))).strip()
    if limit is not None and len(value) > limit:
        value = value[: max(limit - 1, 0)].rstrip() + "…"
    return value


# --- names as compared ------------------------------------------------------------------------
# A name on a page carries more than the name: pronouns ("(she/her)", "She/Her"), the connection
# degree ("· 2nd", "1st degree connection"), credentials ("Jane Doe, MBA"). The paste matcher and
# the store's people-by-name index must fold a name the same way, so the folding lives here, below
# both of them.

_DEGREE = re.compile(
    r"(?:[·•|]\s*)?\b(?:1st|2nd|3rd\+?|[1-3]\.?)(?:\s+degree(?:\s+connection)?)?\s*$"
    r"|(?:[·•|]\s*)?\bdegree\s+connection\s*$",
    re.IGNORECASE,
)
_PRONOUNS = re.compile(r"\(\s*[^()]*/[^()]*\)|\b[^\W\d_]{1,6}/[^\W\d_]{1,6}(?:/[^\W\d_]{1,6})?\b")
# ", MBA", ", PhD, PMP": short tokens that start with a capital, after the name.
_CREDENTIALS = re.compile(r",\s*(?:[A-Z][A-Za-z.\-]{0,7}(?:\s*,\s*|\s+|$))+$")
_TRAILING = re.compile(r"[\s·•|,\-–—]+$")
_NOT_ALNUM = re.compile(r"[\W_]+")


def display_name(raw: str) -> str:
    """The name as it should be stored: without pronouns, degree, credentials or line breaks."""
    name = one_line(raw, 200)
    for _ in range(3):  # "Ana Silva (she/her) · 2nd": each suffix may hide another
        before = name
        name = _TRAILING.sub("", _DEGREE.sub("", name))
        name = _TRAILING.sub("", _PRONOUNS.sub("", name)).strip()
        name = _TRAILING.sub("", _CREDENTIALS.sub("", name))
        if name == before:
            break
    return " ".join(name.split())


@lru_cache(maxsize=100_000)
def fold_name(raw: str) -> str:
    """A name as compared: display_name, without accents, case or punctuation."""
    decomposed = unicodedata.normalize("NFKD", display_name(raw))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_NOT_ALNUM.sub(" ", bare).split())
