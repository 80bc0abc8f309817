"""The name to greet someone by, taken from the name as LinkedIn shows it.

Names arrive as people type them into their profile: "Dr. Hans Müller", "Priya Raman, PhD",
"MARCUS O'NEILL", "Li Wei 🚀". `display_name` already drops pronouns, the connection degree and
credentials after a comma; this module drops what is left around the first name (titles, suffixes,
emoji, initials) and undoes shouting (all caps becomes title case, keeping O'Neill and Jean-Luc).

Rules that are a choice, not a certainty:
- A name written in Chinese, Japanese or Korean characters is returned whole. The family name
  comes first and a given name may be one or two characters, so there is no safe split: "王伟"
  could be greeted wrongly either way, and the whole name is polite in all three languages.
- "Abdul Rahman", "Abu Bakr": the Arabic "servant of"/"father of" prefixes are not a name alone,
  so they keep the word after them.
- An initial ("J. Robert Smith") is skipped for the next full word, unless that word is the last
  one (the surname): "J.R. Tolkien" is greeted as J.R.
"""

from __future__ import annotations

import re
import unicodedata

from netinbox.model import Person
from netinbox.text import display_name

# Compared without dots and case: "Dr." and "dr" are one title. "dipl-ing" is "Dipl.-Ing.".
_TITLES = frozenset(
    {
        "dr",
        "prof",
        "professor",
        "mr",
        "mrs",
        "ms",
        "mx",
        "miss",
        "sir",
        "dame",
        "herr",
        "frau",
        "ing",
        "dipl",
        "dipl-ing",
        "mag",
        "rev",
        "fr",
        "eng",
        "sr",
        "sra",
        "srta",
        "dott",
        "dottssa",
        "mme",
        "mlle",
        "hr",
        "drs",
        "ir",
    }
)
_PREFIXES = frozenset({"abdul", "abdel", "abd", "abu", "abdal", "abdur", "abdus"})
# Quoted nicknames and leftover brackets: 'Robert "Bob" Smith', "Anna (Ania) Nowak".
_ASIDES = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\"[^\"]*\"|“[^”]*”")
_INITIAL = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?\.?|[^\W\d_]", re.UNICODE)
_MC = re.compile(r"^Mc([a-z])(?=[a-z])")
_SCRIPTS_WITHOUT_A_SPLIT = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")


def first_name(full_name: str) -> str:
    """The given name to greet `full_name` by ("" only when there is no name at all)."""
    name = display_name(full_name)
    name = _ASIDES.sub(" ", name)
    # Emoji, symbols and stray punctuation go; letters, marks, apostrophes, hyphens and dots stay.
    name = "".join(c if _kept(c) else " " for c in name)
    words = [w.strip(".-'’") if not _INITIAL.fullmatch(w) else w for w in name.split()]
    words = [w for w in words if w]
    if not words:
        return ""
    if any(_without_a_split(c) for c in "".join(words)):
        return " ".join(words)
    while len(words) > 1 and _is_title(words[0]):
        words.pop(0)
    words[0] = _without_glued_titles(words[0])
    # "J. Robert Smith" goes by Robert; "J.R. Tolkien" by J.R. (the next word is the surname).
    index = next((i for i, w in enumerate(words) if not _INITIAL.fullmatch(w)), 0)
    if index and index == len(words) - 1:
        index = 0
    given = words[index]
    if given.casefold() in _PREFIXES and index + 1 < len(words):
        given = f"{given} {words[index + 1]}"
    return given if _INITIAL.fullmatch(given) else unshout(given)


def greeting_name(person: Person) -> str:
    """The name to greet `person` by: their first name as given (without a title in front) unless
    it is empty or shouted."""
    given = person.first_name.strip()
    words = given.split()
    while len(words) > 1 and _is_title(words[0]):  # "Dr. Hans" as a first name: greeted as Hans
        words = words[1:]
    given = " ".join(words)
    if given and not given.isupper():
        return given
    if given:
        return first_name(given) or given
    full = person.last_name.strip()
    return (first_name(full) if full else "") or person.name


def unshout(name: str) -> str:
    """Title case for a name in all caps ("O'NEILL" → "O'Neill"); any other name is kept as is.
    Only "Mc" gets an inner capital: "Mac" would turn Machado into MacHado."""
    if not name.isupper():
        return name
    parts = re.split(r"([\s\-'’])", name)
    return "".join(_MC.sub(_mc_upper, part[:1].upper() + part[1:].lower()) for part in parts)


def _mc_upper(match: re.Match[str]) -> str:
    return "Mc" + match.group(1).upper()


def _kept(char: str) -> bool:
    return char in " .-'’" or unicodedata.category(char)[0] in "LM"


def _without_a_split(char: str) -> bool:
    return unicodedata.name(char, "").startswith(_SCRIPTS_WITHOUT_A_SPLIT)


def _without_glued_titles(word: str) -> str:
    """ "Dr.Hans" → "Hans": a title typed without the space after its dot."""
    parts = word.split(".")
    while len(parts) > 1 and parts[0] and _is_title(parts[0]) and parts[1]:
        parts.pop(0)
    return ".".join(parts)


def _is_title(word: str) -> bool:
    compact = word.casefold().replace(".", "")
    return compact in _TITLES or all(p in _TITLES for p in word.casefold().split(".") if p)
