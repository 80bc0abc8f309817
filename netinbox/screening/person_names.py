"""People's names across scripts: whether two names can be one person, and CJK names.

"Мария Иванова" and "Maria Ivanova" are one person, "Γιώργος" is "Giorgos": Cyrillic and Greek are
spelled in Latin letters before names are compared (names.toml [transliteration]). A name in
Chinese characters or Hangul is read by its family name, which comes first ("李娜", "김민준",
"田中 太郎"), and compared through that name's Latin spellings ([cjk_surnames]). Names in other
scripts are compared only with names in the same script.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from netinbox.screening import config
from netinbox.screening.textnorm import fold

_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_LATIN = re.compile(r"^[a-z'\-.]+$")
# Compared across scripts, a transliterated name is held to its first letters ("mariya" and
# "maria" are one name): spellings differ past them more than names do.
_CROSS_SCRIPT_PREFIX = 4


class _Names:
    def __init__(self) -> None:
        names = config.load()["names"]
        table: dict[str, str] = {}
        for letters in names["transliteration"].values():
            table.update({k.casefold(): v for k, v in letters.items()})
        self.letters = str.maketrans(table)
        self.surnames: dict[str, frozenset[str]] = {
            k: frozenset(fold(v) for v in spellings)
            for k, spellings in names["cjk_surnames"].items()
        }
        self.longest_surname = max((len(k) for k in self.surnames), default=1)
        cjk = names["cjk"]
        self.min_chars, self.max_chars = int(cjk["min_chars"]), int(cjk["max_chars"])
        self.not_name_parts = tuple(cjk["not_name_parts"])


@cache
def _names() -> _Names:
    return _Names()


config.on_reset(_names.cache_clear)


def latin(word: str) -> str:
    """A word folded and, if Cyrillic or Greek, spelled in Latin letters. Letters are spelled
    before accents go ("й" is not "и"), and again after (an accented Greek "ώ" is "ω")."""
    letters = _names().letters
    return fold(word.casefold().translate(letters)).translate(letters)


def cjk_surname(text: str) -> str | None:
    """The family name a CJK name starts with, if `text` is such a name (a short run of Chinese
    characters or Hangul, or Japanese "family given" with a space) and not a title or a place."""
    names = _names()
    compact = text.replace(" ", "").replace("\u3000", "")
    if not compact or not all(_CJK_CHAR.match(c) for c in compact):
        return None
    parts = text.split()
    if len(parts) > 2 or not names.min_chars <= len(compact) <= names.max_chars + 1:
        return None
    if len(parts) == 1 and len(compact) > names.max_chars:
        return None
    if any(piece in compact for piece in names.not_name_parts):
        return None
    for size in range(min(names.longest_surname, len(compact) - 1), 0, -1):
        if compact[:size] in names.surnames:
            return compact[:size]
    return None


def same_person(candidate: Sequence[str], own: Sequence[str]) -> bool:
    """Could `candidate` be the profile's own name `own` (a nickname, a surname, a shortened
    name, the same name in another script)?"""
    if len(candidate) == 1:
        surname = cjk_surname(candidate[0])
        if surname is not None:
            return _same_by_surname(surname, candidate[0], own)
    own_latin = [latin(o).rstrip(".") for o in own if len(o) > 1]
    words = [latin(w).rstrip(".") for w in candidate]
    cross = _script(candidate) != _script(own)
    if cross and not all(_LATIN.match(w) for w in words + own_latin):
        return True  # a script we cannot spell in Latin letters: nothing to hold against anyone
    if len(words) == 1 and own_latin:
        # A one-word signature is often a nickname (Kate for Katherine, Tom for Thomas).
        return words[0][:1] == own_latin[0][:1] or words[0] in own_latin
    for w in words:
        for o in own_latin:
            short, long = sorted((w, o), key=len)
            if short == long or (len(short) >= 3 and long.startswith(short)):
                return True
            if cross and short[:_CROSS_SCRIPT_PREFIX] == long[:_CROSS_SCRIPT_PREFIX]:
                return True
    return False


def _same_by_surname(surname: str, written: str, own: Sequence[str]) -> bool:
    own_text = "".join(own)
    if _CJK_CHAR.search(own_text):
        return own_text.replace(" ", "").startswith(surname)
    spellings = _names().surnames[surname]
    return any(fold(o).rstrip(".") in spellings for o in own)


def _script(words: Sequence[str]) -> str:
    """ "latin" if the words are written in Latin letters, else "other"."""
    text = "".join(words)
    return (
        "latin" if all(c.isascii() or fold(c).isascii() for c in text if c.isalpha()) else "other"
    )
