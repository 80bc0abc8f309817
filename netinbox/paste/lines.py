"""From pasted text to the lines the parsers read: the input checks, Windows line ends, non-breaking
spaces, the screen-reader copy of every line, numbers as LinkedIn writes them, names without their
connection degree."""

from __future__ import annotations

import re
import unicodedata

from netinbox.paste.words import Words, fold
from netinbox.text import clean

MAX_BYTES = 2 * 1024 * 1024


class PasteError(ValueError):
    """A paste netinbox cannot read; the message is one sentence for the user."""


_SPACES = re.compile(r"[\s\u00a0\u2007\u202f\u200b\ufeff]+")
# Controls other than tab and the line ends, and the replacement character that undecodable bytes
# become: in a page copied from a browser there are next to none.
_JUNK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def check(text: str) -> None:
    """Refuse what no copied LinkedIn page can be, before any parsing."""
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        size = len(text.encode("utf-8", "surrogatepass")) / 1024 / 1024
        raise PasteError(
            f"the paste is {size:.1f} MB, more than the 2 MB a LinkedIn page copies as; "
            "paste one page at a time"
        )
    if not text.strip():
        raise PasteError(
            "the paste is empty; open the LinkedIn page, select all (Ctrl+A), copy and paste it"
        )
    junk = len(_JUNK.findall(text))
    if "\x00" in text or junk > max(8, len(text) // 50):
        raise PasteError(
            "the paste looks like binary data, not text copied from a web page; open the LinkedIn "
            "page in the browser, select all, copy and paste that"
        )


def normalise(text: str) -> list[str]:
    """The paste as stripped lines, blank lines kept (a message may have paragraphs), each run of
    identical lines (the screen-reader copy) once."""
    value = clean(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines: list[str] = []
    for raw in value.split("\n"):
        line = _SPACES.sub(" ", unicodedata.normalize("NFC", raw)).strip()
        if lines and line and line == lines[-1]:
            continue
        lines.append(line)
    return lines


_NUMBER = re.compile(
    r"(?P<short>\d+(?:[.,]\d+)?)\s?(?P<unit>[KkMm]|Tsd\.|Mio\.)(?![\w])"
    r"|(?P<grouped>\d{1,3}(?:[,. ']\d{3})+)(?![\d])"
    r"|(?P<plain>\d+)"
)


def number(text: str) -> tuple[int, int, int] | None:
    """The first number in `text` as (value, start, end): "27,412", "27.412", "27 412", "2K"."""
    found = _NUMBER.search(text)
    if found is None:
        return None
    if found["short"]:
        scale = 1_000 if found["unit"].lower() in ("k", "tsd.") else 1_000_000
        value = int(float(found["short"].replace(",", ".")) * scale)
    else:
        value = int(re.sub(r"\D", "", found["grouped"] or found["plain"]))
    return value, found.start(), found.end()


def count_line(w: Words, concept: str, line: str) -> tuple[int, bool] | None:
    """'27,412 followers' or '500+ connections' as (number, is a floor); None for other lines."""
    folded = fold(line)
    for phrase in w.get(concept):
        if folded.endswith(" " + phrase) or folded.endswith(phrase) and folded[:1].isdigit():
            head = line[: len(line) - len(phrase)].strip()
            floor = head.endswith("+")
            head = head.rstrip("+").strip()
            found = number(head)
            if found and found[1] == 0 and found[2] == len(head):
                return found[0], floor
    return None


def is_chrome(w: Words, line: str) -> bool:
    return w.is_("chrome", line) or w.starts("chrome_prefixes", line) is not None


def see_more(w: Words, line: str) -> str:
    """The line without a trailing '…see more' marker ('' when the line was only the marker)."""
    folded = fold(line)
    for marker in w.get("see_more"):
        for dots in ("…", "...", "… ", "... "):
            if folded.endswith(dots + marker):
                return line[: len(line) - len(dots + marker)].rstrip()
    return line


def person_name(w: Words, line: str) -> str:
    """A name without the degree and pronouns LinkedIn glues to it ('Brandon Hale · 2nd')."""
    parts = [p.strip() for p in re.split(r"\s[·•]\s|\s[·•]$|^[·•]\s", line)]
    kept = [p for p in parts if p and not w.is_("degree", p) and not w.is_("pronouns", p)]
    name = " · ".join(kept) if kept else ""
    name = re.sub(r"\s*\((?:she|he|they|sie|er|elle|il|ella|él)/[^)]*\)\s*", " ", name, flags=re.I)
    return name.strip()


def is_degree_line(w: Words, line: str) -> bool:
    """'1st degree connection', '· 1st' alone on its line."""
    return w.is_("degree", line.lstrip("·• ").strip()) if line else False


def has_letters(line: str) -> bool:
    return any(c.isalpha() for c in line)


_EMOJI_ONLY = re.compile(r"^[\W\d_]+$")


def is_emoji_only(line: str) -> bool:
    """A line of pictographs or symbols alone (LinkedIn's suggested reactions 👏 👍 😊)."""
    return bool(line) and bool(_EMOJI_ONLY.match(line)) and any(ord(c) > 0x2000 for c in line)
