"""Who a pasted name or profile address is: names as LinkedIn shows them, folded for comparing,
and the people of the database looked up by them.

A name on a page carries more than the name: pronouns ("(she/her)", "She/Her"), the connection
degree ("· 2nd", "1st degree connection"), credentials ("Jane Doe, MBA"). Those are dropped, and
what is left is compared without case or accents, so "Amélie Durand-Lefèvre (she/her) · 2nd" is
"Amelie Durand Lefevre". A name is looked for first among people with a pending invitation, then
among contacts, then among everyone else known: a paste is most often about the people the user is
deciding on, and a namesake further away should not shadow them. The folding itself is
`netinbox.text.fold_name`, shared with the store's index of people by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from netinbox.importers.values import fallback_id, split_name
from netinbox.model import Person
from netinbox.profile_links import parse_profile_url
from netinbox.services.context import Context
from netinbox.text import display_name, fold_name

NOT_PEOPLE = frozenset({"linkedin member", "someone", "anonymous"})


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
    """The database's people by folded name (the store's index of names, so a name no one has
    reads no one) and by profile address, and the people this paste adds or changes. `pending`
    holds who has a pending invitation."""

    ctx: Context
    pending: set[str] = field(default_factory=set)
    _by_url: dict[str, str] | None = None  # profile slug -> person id, see _url_index
    _added: dict[str, Person] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.pending = {i.person_id for i in self.ctx.store.pending_invitations() if i is not None}

    def _url_index(self) -> dict[str, str]:
        # People are stored under their profile slug, so only an address whose slug is no one's id
        # (a person renamed on LinkedIn, or imported without an address first) needs this: it
        # reads everyone, once per paste.
        if self._by_url is None:
            self._by_url = {}
            for person in self.ctx.store.people():
                self._remember_url(person)
            for person in self._added.values():
                self._remember_url(person)
        return self._by_url

    def _remember_url(self, person: Person) -> None:
        assert self._by_url is not None
        slug = profile_slug(person.profile_url) or (person.id if ":" not in person.id else "")
        if slug:
            self._by_url.setdefault(slug, person.id)

    def add(self, person: Person, pending: bool = False) -> None:
        """A person this paste creates or changes, so later items of the same paste find them."""
        self._added[person.id] = person
        if self._by_url is not None:
            self._remember_url(person)
        if pending:
            self.pending.add(person.id)

    def _person(self, person_id: str) -> Person | None:
        return self._added.get(person_id) or self.ctx.store.person(person_id)

    def by_url(self, url: str | None) -> Person | None:
        slug = profile_slug(url)
        if not slug:
            return None
        direct = self._person(slug)  # most people are stored under their slug
        if direct is not None:
            return direct
        found = self._url_index().get(slug)
        return self._person(found) if found else None

    def by_name(self, raw_name: str, url: str | None = None) -> list[Person]:
        """Everyone of that name in the nearest tier: pending, else contacts, else the rest. With
        an address, people who have a different one are someone else."""
        key = fold_name(raw_name)
        found = {p.id: p for p in self.ctx.store.people_named(key) if p is not None}
        found.update(self._added)  # this paste's version of them, and the people it adds
        people = [p for p in found.values() if fold_name(p.name) == key]
        if not key:  # a name of nothing but symbols is compared only among the pending
            people = [p for p in people if p.id in self.pending]
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
