"""Text made comparable: tokens folded for matching, with offsets back into the original.

Folding is casefold + accents stripped + typographic apostrophes straightened, so "Gracias",
"gracias" and "GRACÍAS" match the same list entry. Zero-width and bidi characters are dropped first:
they are invisible, so they must not change a verdict.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from netinbox.text import clean

# Format characters that render as nothing (zero-width space/joiners, word joiner, BOM, bidi marks).
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[?!.%$€£₹@]")
# Unicode blocks whose combining marks (vowel signs, viramas, decomposed accents) belong inside
# words: "करने" or "धन्यवाद" are one word each, not three. \w alone would split them at every mark.
_MARK_BLOCKS = ((0x0300, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
_SENTENCE_ENDS = frozenset({".", "?", "!"})
# Scripts written without spaces between words: a "token" there is a whole run of words.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
THAI = re.compile(r"[\u0e00-\u0e7f]")
UNSPACED = re.compile(f"{CJK.pattern}|{THAI.pattern}")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
# Letters that no Unicode decomposition takes back to ASCII, but that people drop when they type
# without the right keyboard ("milo" for "miło", "calismalar" for "çalışmalar", "da" for "đã").
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "ı": "i", "đ": "d", "ø": "o", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe"}
)
# Sentence marks of other scripts read as their ASCII twins: a Chinese or Arabic question is a question.
_PUNCTUATION = str.maketrans(
    {"？": "?", "！": "!", "。": ".", "؟": "?", "।": ".", "．": ".", "٪": "%", "％": "%"}
)


@cache
def _unicode_token() -> re.Pattern[str]:
    """The token pattern for non-ASCII text: like _TOKEN, with combining marks kept in words.
    Built on first use (scanning the mark blocks costs a few milliseconds)."""
    ranges: list[list[int]] = []
    for low, high in _MARK_BLOCKS:
        for code in range(low, high + 1):
            if unicodedata.category(chr(code)) in {"Mn", "Mc", "Me"}:
                if ranges and ranges[-1][1] == code - 1:
                    ranges[-1][1] = code
                else:
                    ranges.append([code, code])
    marks = "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
    # A word starts with a letter or digit: a mark with nothing to sit on (the "͡" of "( ͡° ͜ʖ ͡°)",
    # zalgo text after a space) is no word, and would fold to nothing.
    part = rf"[^\W_](?:[^\W_]|[{marks}])*"
    return re.compile(rf"{part}(?:['’]{part})*|[?!.%$€£₹@？！。؟।．٪％]")


def _words(text: str) -> list[str]:
    """The tokens of `text` as written."""
    if text.isascii():
        return _TOKEN.findall(text)
    return _unicode_token().findall(text)


def strip_invisible(text: str) -> str:
    return _INVISIBLE.sub("", text)


def is_blank(text: str) -> bool:
    """Nothing a person could read: empty, whitespace, control or invisible characters only."""
    return not strip_invisible(clean(text)).strip()


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """The matching form of a word or phrase: casefolded, without accents. Never empty or blank
    when `word` is not: every token has a first character to look at."""
    word = word.translate(_APOSTROPHES).translate(_PUNCTUATION).casefold()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(_UNDECOMPOSABLE))
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    # A few letters decompose to marks alone (half-width "ﾞ") or to a space and a mark (Arabic
    # presentation forms, "ͺ"): such a word keeps its own form rather than vanish.
    return folded if folded.strip() else word


class Tokens:
    """Folded tokens of a text; where each one sits in the text is worked out only when evidence
    needs it (most texts never need it, and it is the costly part)."""

    __slots__ = ("_raw", "_spans", "text", "words")

    def __init__(self, text: str, words: tuple[str, ...]) -> None:
        self.text = text
        self.words = words
        self._spans: tuple[tuple[int, int], ...] | None = None
        self._raw: tuple[str, ...] | None = None

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        if self._spans is None:
            # Walk the raw tokens with str.find: far cheaper than a match object per token.
            spans: list[tuple[int, int]] = []
            position, text = 0, self.text
            for token in self.raw_words:
                start = text.find(token, position)
                position = start + len(token)
                spans.append((start, position))
            self._spans = tuple(spans)
        return self._spans

    @property
    def raw_words(self) -> tuple[str, ...]:
        """The tokens as written (same tokenisation as `words`, before folding)."""
        if self._raw is None:
            self._raw = tuple(_words(self.text))
        return self._raw

    def snippet(self, start: int, end: int, pad: int = 0) -> Snippet:
        """A piece of the original text, cut only if it is shown (see `snippet_text`)."""
        return Snippet(self, start, end, pad)

    def snippet_text(self, start: int, end: int, pad: int = 0) -> str:
        """The original text from token `start` to `end` (exclusive), padded by up to `pad` words
        on each side without crossing a sentence end."""
        if not self.words:
            return ""
        start = min(max(start, 0), len(self.words) - 1)
        end = min(max(end, start + 1), len(self.words))
        first = start
        while first > 0 and start - first < pad and self.words[first - 1] not in _SENTENCE_ENDS:
            first -= 1
        last = end - 1
        while (
            last + 1 < len(self.words)
            and last - end + 1 < pad
            and self.words[last + 1] not in _SENTENCE_ENDS
        ):
            last += 1
        spans = self.spans
        return self.text[spans[first][0] : spans[last][1]]

    def raw(self, index: int) -> str:
        """Token `index` as written."""
        return self.raw_words[index]


class Snippet:
    """Evidence text cut from a message only when it is displayed: most signals never are."""

    __slots__ = ("_end", "_pad", "_start", "_tokens")

    def __init__(self, tokens: Tokens, start: int, end: int, pad: int) -> None:
        self._tokens, self._start, self._end, self._pad = tokens, start, end, pad

    def __str__(self) -> str:
        return self._tokens.snippet_text(self._start, self._end, self._pad)

    def __repr__(self) -> str:
        return repr(str(self))


def tokenize(text: str) -> Tokens:
    """Tokens of `text` (cleaned). Short texts are cached: notes, titles and schools repeat a lot
    within a batch, and one text is read by several signals."""
    if len(text) <= _CACHE_MAX_CHARS:
        return _tokenize_cached(text)
    return _tokenize(text)


_CACHE_MAX_CHARS = 2000


@lru_cache(maxsize=16384)
def _tokenize_cached(text: str) -> Tokens:
    return _tokenize(text)


def _tokenize(text: str) -> Tokens:
    # Terminal escapes and control characters are not words (and must never reach evidence).
    text = clean(text)
    if not text.isascii():
        text = strip_invisible(text)
        return Tokens(text, tuple(fold(word) for word in _words(text)))
    # ASCII: lower() keeps offsets, so the folded tokens line up with the original text.
    return Tokens(text, tuple(_TOKEN.findall(text.lower())))


@lru_cache(maxsize=16384)
def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """A configured phrase (or a name) as folded tokens ("Let's connect!" -> "let's", "connect", "!")."""
    if phrase.isascii():
        return tuple(_TOKEN.findall(phrase.lower().replace("`", "'")))
    # Invisible characters (a Persian half-space) are dropped from messages: drop them here too.
    return tuple(fold(word) for word in _words(strip_invisible(phrase)))
