"""Who a pasted name or profile address is: names as LinkedIn shows them, folded for comparing,
and the people of the database looked up by them.

A name on a page carries more than the name: pronouns ("(she/her)", "She/Her"), the connection
degree ("· 2nd", "1st degree connection"), credentials ("Jane Doe, MBA"). Those are dropped, and
what is left is compared without case or accents, so "Amélie Durand-Lefèvre (she/her) · 2nd" is
"Amelie Durand Lefevre". A name is looked for first among people with a pending invitation, then
among contacts, then among everyone else known: a paste is most often about the people the user is
deciding on, and a namesake further away should not shadow them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from netinbox.importers.values import fallback_id, split_name
from netinbox.model import Person
from netinbox.profile_links import parse_profile_url
from netinbox.services.context import Context
from netinbox.text import one_line

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
NOT_PEOPLE = frozenset({"linkedin member", "someone", "anonymous"})


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


def is_person_name(raw: str) -> bool:
    key = fold_name(raw)
    return bool(key) and key not in NOT_PEOPLE and not key.startswith("someone at ")


def profile_slug(url: str | None) -> str:
    """The person id a profile address stands for ("" when it is not plainly a profile)."""
    if not url:
        return ""
    link = parse_profile_url(url.strip())
    return "" if link is None else link.slug


def new_person(ctx: Context, raw_name: str, url: str | None, taken: set[str]) -> Person:
    """A person for a name the database does not know: id from the profile address, else the
    importers' name-based id (so a later export without addresses finds the same id)."""
    name = display_name(raw_name)
    person_id = profile_slug(url)
    if not person_id:
        person_id = fallback_id(name)
        n = 1
        # Someone stored under that id who is not this name (renamed since): another id.
        while person_id in taken or ctx.store.contains("people", person_id):
            n += 1
            person_id = fallback_id(name, str(n))
    first, last = split_name(name)
    link = parse_profile_url(url.strip()) if url else None
    return Person(person_id, first, last, profile_url=link.url if link else "")


@dataclass
class Directory:
    """The database's people by folded name and by profile address, and the people this paste
    adds or changes. Everyone is read only when a name is not found among the pending
    invitations (a few hundred people, where most pastes are about) instead of on every paste:
    reading 30,000 people takes 0.3 s. `pending` holds who has a pending invitation."""

    ctx: Context
    pending: set[str] = field(default_factory=set)
    _by_name: dict[str, list[str]] | None = None
    _by_url: dict[str, str] = field(default_factory=dict)
    _people: dict[str, Person] = field(default_factory=dict)
    _added: dict[str, Person] = field(default_factory=dict)
    _pending_people: list[Person] | None = None

    def __post_init__(self) -> None:
        self.pending = {i.person_id for i in self.ctx.store.pending_invitations() if i is not None}

    def _index(self) -> dict[str, list[str]]:
        if self._by_name is None:
            self._by_name = {}
            for person in self.ctx.store.people():
                self._remember(person)
            for person in self._added.values():
                self._remember(person)
        return self._by_name

    def _remember(self, person: Person) -> None:
        assert self._by_name is not None
        old = self._people.get(person.id)
        if old is not None and fold_name(old.name) != fold_name(person.name):
            self._by_name.get(fold_name(old.name), []).remove(person.id)
        self._people[person.id] = person
        key = fold_name(person.name)
        if key:
            ids = self._by_name.setdefault(key, [])
            if person.id not in ids:
                ids.append(person.id)
        slug = profile_slug(person.profile_url) or (person.id if ":" not in person.id else "")
        if slug:
            self._by_url.setdefault(slug, person.id)

    def add(self, person: Person, pending: bool = False) -> None:
        """A person this paste creates or changes, so later items of the same paste find them."""
        self._added[person.id] = person
        if self._by_name is not None:
            self._remember(person)
        if pending:
            self.pending.add(person.id)
        self._pending_people = None

    def _person(self, person_id: str) -> Person | None:
        return self._added.get(person_id) or self.ctx.store.person(person_id)

    def by_url(self, url: str | None) -> Person | None:
        slug = profile_slug(url)
        if not slug:
            return None
        direct = self._person(slug)  # most people are stored under their slug
        if direct is not None:
            return direct
        found = self._index() and self._by_url.get(slug)
        return self._people.get(found) if found else None

    def by_name(self, raw_name: str, url: str | None = None) -> list[Person]:
        """Everyone of that name in the nearest tier: pending, else contacts, else the rest. With
        an address, people who have a different one are someone else."""
        key = fold_name(raw_name)
        if self._by_name is None:
            if self._pending_people is None:
                self._pending_people = [p for p in map(self._person, sorted(self.pending)) if p]
            people = [p for p in self._pending_people if fold_name(p.name) == key]
            people = _without_other_address(people, url)
            if people:
                return _nearest(people, self.pending)
        people = [self._people[i] for i in self._index().get(key, [])]
        return _nearest(_without_other_address(people, url), self.pending)


def _without_other_address(people: list[Person], url: str | None) -> list[Person]:
    if not profile_slug(url):
        return people
    return [p for p in people if not profile_slug(p.profile_url)]


def _nearest(people: Iterable[Person], pending: set[str]) -> list[Person]:
    tiers: tuple[list[Person], list[Person], list[Person]] = ([], [], [])
    for person in people:
        tier = 0 if person.id in pending else 1 if person.connected_at is not None else 2
        tiers[tier].append(person)
    return next((sorted(t, key=lambda p: p.id) for t in tiers if t), [])


def owner_key(ctx: Context) -> tuple[str, str]:
    """(folded full name, folded first name) of the user, as far as they are known."""
    owner = ctx.store.meta("owner") or {}
    owner = owner if isinstance(owner, dict) else {}
    full = f"{owner.get('first_name') or ''} {owner.get('last_name') or ''}"
    return fold_name(full), fold_name(ctx.owner_first_name)
