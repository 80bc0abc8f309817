"""Employers by name, and which of them compete (employers.toml).

A company as written on a profile ("Deloitte Consulting GmbH", "Zara (Inditex)", "J.P. Morgan")
is folded to one employer: case, accents and punctuation go, so do a leading "The", trailing legal
suffixes and trailing qualifiers ("Group", "Germany", "Cloud"), and aliases map brands and
subsidiaries to their group. Two employers compete when a sector lists both or `peers` pairs them.
A company the table does not know is only ever compared with itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any, NamedTuple

from netinbox.screening import config
from netinbox.screening.config import ScreeningConfigError
from netinbox.screening.phrases import PhraseIndex
from netinbox.screening.textnorm import tokenize

FILE = "employers.toml"
RIVALS = "direct rivals"
_PARTS = re.compile(r"\s*(?:[()|,;/]|\s[-–—]\s|\s@\s)\s*")

Key = tuple[str, ...]


class Rivalry(NamedTuple):
    """Why two employers compete, and what their trade allows."""

    label: str  # "Big Four", "airlines", or RIVALS for a listed pair
    min_rank: int  # the rank on the ladder both roles need for the rivalry to rule them out
    sectors: frozenset[str]


def _words(name: str) -> Key:
    """The folded words of a name, punctuation left out ("J.P. Morgan" -> j, p, morgan)."""
    words = tuple(w for w in tokenize(name).words if w[:1].isalnum())
    return words[1:] if len(words) > 1 and words[0] == "the" else words


class _Table:
    def __init__(self) -> None:
        data = config.load()["employers"]
        _check(data)
        self.suffixes = sorted(
            {_words(s) for s in data["names"]["legal_suffixes"]} - {()}, key=len, reverse=True
        )
        self.qualifiers = frozenset(w for q in data["names"]["qualifiers"] for w in _words(q))
        self.canonical: dict[Key, str] = {}
        self.sectors: dict[str, set[str]] = {}
        self.labels = {
            key: str(entry.get("label") or key.replace("_", " "))
            for key, entry in data["sectors"].items()
        }
        self.sizes = {key: len(entry["employers"]) for key, entry in data["sectors"].items()}
        self.min_ranks = {
            key: int(entry["min_rank"])
            for key, entry in data["sectors"].items()
            if isinstance(entry.get("min_rank"), int)
        }
        # Titles held at several employers of a trade at once (a surgeon's practising
        # privileges at two private hospitals), by sector.
        self.at_once = PhraseIndex(
            {key: entry.get("at_once_titles", []) for key, entry in data["sectors"].items()}
        )
        # Aliases first: a subsidiary listed in a sector then counts for its group.
        for name, aliases in data["aliases"].items():
            for alias in (name, *aliases):
                self._register(alias, name)
        for sector, entry in data["sectors"].items():
            for name in entry["employers"]:
                self.sectors.setdefault(self._register(name, name), set()).add(sector)
        for name in data["names"]["other_employers"]:
            self._register(name, name)
        self.peers: set[frozenset[str]] = set()
        for pair in data["peers"]["pairs"]:
            first, second = (self._register(n, n) for n in pair)
            if first != second:
                self.peers.add(frozenset((first, second)))

    def _strip_one(self, words: Key, qualifiers: bool) -> Key | None:
        """`words` without one trailing legal suffix (or qualifier), or None if there is none."""
        if len(words) < 2:
            return None
        for suffix in self.suffixes:
            if len(words) > len(suffix) and words[-len(suffix) :] == suffix:
                return words[: -len(suffix)]
        if qualifiers and words[-1] in self.qualifiers:
            return words[:-1]
        return None

    def key(self, name: str) -> Key:
        """The name's folded words without a leading "The" or trailing legal suffixes."""
        words: Key | None = _words(name)
        while words is not None:
            key, words = words, self._strip_one(words, qualifiers=False)
        return key

    def _register(self, name: str, canonical: str) -> str:
        """`name` now means the employer `canonical`, unless an earlier entry took it. The name
        as written is kept next to its key: "Merck KGaA" is not "Merck & Co." although both
        fold to "merck"."""
        key = self.key(name)
        if not key:
            return canonical
        owner = self.canonical.get(_words(canonical), canonical)
        found = self.canonical.setdefault(_words(name), owner)
        self.canonical.setdefault(key, found)
        return found

    def lookup(self, words: Key) -> str | None:
        """The employer `words` name, dropping trailing suffixes and qualifiers one at a time."""
        current: Key | None = words
        while current:
            found = self.canonical.get(current)
            if found is not None:
                return found
            current = self._strip_one(current, qualifiers=True)
        return None

    def base(self, name: str) -> Key:
        """An unknown company's words without suffixes and qualifiers ("Acme Germany GmbH")."""
        current: Key | None = _words(name)
        while current is not None:
            key, current = current, self._strip_one(current, qualifiers=True)
        return key


def _check(data: dict[str, Any]) -> None:
    """Entries a user file added are not checked by the config merge: check them here."""
    path = config.user_dir() / FILE
    if not path.is_file():
        path = config.DATA_DIR / FILE

    def strings(value: Any, where: str) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ScreeningConfigError(f"{path}: {where} must be a list of strings")

    for key, entry in data["sectors"].items():
        if not isinstance(entry, dict):
            raise ScreeningConfigError(f"{path}: sectors.{key} must be a table")
        strings(entry.get("employers"), f"sectors.{key}.employers")
        strings(entry.get("at_once_titles", []), f"sectors.{key}.at_once_titles")
        rank = entry.get("min_rank", 0)
        if not isinstance(rank, int) or isinstance(rank, bool):
            raise ScreeningConfigError(f"{path}: sectors.{key}.min_rank must be a whole number")
    for key, aliases in data["aliases"].items():
        strings(aliases, f"aliases.{key}")
    strings(data["names"]["other_employers"], "names.other_employers")
    pairs = data["peers"]["pairs"]
    if not isinstance(pairs, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(n, str) for n in p) for p in pairs
    ):
        raise ScreeningConfigError(f"{path}: peers.pairs must be a list of [name, name] pairs")


@cache
def _table() -> _Table:
    return _Table()


def _parts(company: str) -> Iterable[str]:
    """The whole name, then its pieces: "Zara (Inditex)" is Zara, and a company of Inditex."""
    yield company
    pieces = [p for p in _PARTS.split(company) if p.strip()]
    if len(pieces) > 1:
        yield from pieces


@lru_cache(maxsize=16384)
def employer_of(company: str) -> str | None:
    """The employer a company name means, as employers.toml names it; None if it is not listed."""
    table = _table()
    for part in _parts(company or ""):
        found = table.lookup(_words(part))
        if found is not None:
            return found
    return None


@lru_cache(maxsize=16384)
def _identity(company: str) -> str | Key:
    found = employer_of(company)
    if found is not None:
        return found
    return _table().base(company or "")


def same_employer(a: str, b: str) -> bool:
    """Whether two company names mean one employer (spelling, suffixes, brands, subsidiaries)."""
    first, second = _identity(a), _identity(b)
    return bool(first) and first == second


@lru_cache(maxsize=16384)
def rivalry(a: str, b: str) -> Rivalry | None:
    """Why the employers of `a` and `b` compete ("Big Four"), or None if they do not (or one of
    them is unknown, or both are one employer)."""
    first, second = employer_of(a), employer_of(b)
    if first is None or second is None or first == second:
        return None
    table = _table()
    shared = frozenset(table.sectors.get(first, set()) & table.sectors.get(second, set()))
    if shared:
        # The narrowest sector says it best: "Big Four" rather than "audit and advisory firms".
        label = table.labels[min(shared, key=lambda s: (table.sizes[s], s))]
        # Of several trades they share, the lowest rank threshold holds.
        default = int(employers_rules()["competitor_min_rank"])
        return Rivalry(label, min(table.min_ranks.get(s, default) for s in shared), shared)
    if frozenset((first, second)) in table.peers:
        return Rivalry(RIVALS, int(employers_rules()["competitor_min_rank"]), frozenset())
    return None


def held_at_once(title: str, rivalry: Rivalry) -> bool:
    """Whether the rivals' trade lets people hold `title` at several of them at once."""
    if not rivalry.sectors:
        return False
    return any(h.category in rivalry.sectors for h in _table().at_once.find(tokenize(title)))


def is_employer_name(name: str) -> bool:
    """Whether `name` is, as a whole, an employer's name ("Ralph Lauren", "Morgan Stanley")."""
    return _table().lookup(_words(name)) is not None


def employers_rules() -> dict[str, Any]:
    """The [rules] table of employers.toml (thresholds and title lists of the rivalry rule)."""
    return config.load()["employers"]["rules"]


def _clear() -> None:
    for cached in (_table, employer_of, _identity, rivalry):
        cached.cache_clear()


config.on_reset(_clear)
