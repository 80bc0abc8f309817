"""Who is who in an export: the owner, and one id per person across its files.

The owner (FORMAT.md §5): their profile address is the inviter of OUTGOING and the invitee of
INCOMING invitations, else the address present in the most message rows (the owner is in every
row). Their name comes from Profile.csv, else from the invitations, else from their messages.

Everyone else gets their profile slug; someone named without an address (2018-2022 files) is looked
up by normalised name among the addresses this export gives (messages.csv has addresses from 2021
on, Connections.csv from 2023) and then among the people already in the database. Only a name that
is found nowhere, or that is ambiguous (two people of that name), gets a name-based id.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from netinbox.importers.linkedin import InvitationFacts, PersonFacts
from netinbox.importers.values import fallback_id, norm_name, profile_id, split_name, stable_id
from netinbox.profile_links import profile_url_for

if TYPE_CHECKING:
    from netinbox.importers.linkedin import _Reader

_ANONYMOUS = "linkedin member"


class _Resolver:
    def __init__(self, reader: _Reader) -> None:
        self.r = reader
        self.out = reader.out
        owner = self.out.owner
        self.owner_id = ""
        if reader.owner_urls:
            owner.profile_url = reader.owner_urls.most_common(1)[0][0]
            self.owner_id = owner.id
        if not (owner.first_name or owner.last_name):
            owner.first_name, owner.last_name = split_name(self._owner_display_name())
        self.owner_key = owner.key
        if not self.owner_id and reader.message_urls:
            found = self._owner_from_messages()
            owner.profile_url = profile_url_for(found)
            self.owner_id = owner.id
        self.reader_names = {
            key: ids - {self.owner_id} for key, ids in reader.names.items() if ids - {self.owner_id}
        }

    def _owner_from_messages(self) -> str:
        """The owner is in every conversation: the address seen in the most of them. When the
        owner's name is known and tied to exactly one address, that address wins outright (the
        2021-22 layout has sender addresses only, so a 1:1 thread names the owner just once)."""
        named = self.r.names.get(self.owner_key, set())
        if len(named) == 1:
            return next(iter(named))
        threads: Counter[str] = Counter(person_id for _, person_id in self.r.message_urls)
        return threads.most_common(1)[0][0]

    def _owner_display_name(self) -> str:
        if self.r.owner_names:
            return self.r.owner_names.most_common(1)[0][0]
        names = Counter(
            m.sender_name
            for m in self.out.messages
            if (self.owner_id and m.sender_id == self.owner_id) or m.direction == "OUTGOING"
        )
        return names.most_common(1)[0][0] if names else ""

    # -- identities --------------------------------------------------------------------------------

    def lookup(self, key: str) -> str:
        ids = self.reader_names.get(key)
        if ids:
            return next(iter(ids)) if len(ids) == 1 else ""
        return self.r.known_names.get(key, "")

    def person_id(self, name: str, url: str = "", company: str = "", namesake: bool = False) -> str:
        found = profile_id(url)
        if found:
            return found
        key = norm_name(name)
        if not key or key == _ANONYMOUS:
            return ""
        if not namesake:
            found = self.lookup(key)
            if found:
                return found
        return fallback_id(name, company if namesake else "")

    def profile_url(self, person_id: str) -> str:
        """The address of someone this export gave one for, rebuilt from their id (the slug)."""
        return profile_url_for(person_id) if person_id in self.r.addressed else ""

    def is_owner(self, person_id: str, name: str) -> bool:
        if self.owner_id and person_id == self.owner_id:
            return True
        # Without an address, the owner's own name is the owner (not a namesake connection).
        key = norm_name(name)
        return (
            bool(self.owner_key) and key == self.owner_key and (":" in person_id or not person_id)
        )

    def ensure(self, person_id: str, display_name: str) -> None:
        """Know a person seen only in invitations or messages (Connections.csv has better data)."""
        if not person_id or person_id in self.out.people:
            return
        first, last = split_name(display_name)
        self.out.people[person_id] = PersonFacts(
            person_id, first, last, profile_url=self.profile_url(person_id)
        )

    # -- files -------------------------------------------------------------------------------------

    def connections(self) -> None:
        without_url = Counter(
            norm_name(f"{row[0]} {row[1]}") for row in self.r.connections if not profile_id(row[2])
        )
        for (
            first,
            last,
            url,
            email,
            company,
            position,
            connected_at,
            file,
            line,
        ) in self.r.connections:
            name = f"{first} {last}".strip()
            namesake = not profile_id(url) and without_url[norm_name(name)] > 1
            person_id = self.person_id(name, url, company, namesake)
            if not person_id or self.is_owner(person_id, name):
                continue
            known = self.out.people.get(person_id)
            if known is not None and known.from_connections:
                self.r.skips.add(file, "duplicate row", line)
                continue
            self.out.people[person_id] = PersonFacts(
                person_id,
                first,
                last,
                self.profile_url(person_id),
                company,
                position,
                email,
                connected_at,
                from_connections=True,
            )

    def invitations(self) -> None:
        seen = set()
        for name, url, direction, sent_at, note, file, line in self.r.invitation_rows:
            person_id = self.person_id(name, url)
            if not person_id or self.is_owner(person_id, name):
                continue
            key = (person_id, direction, sent_at)
            if key in seen:
                self.r.skips.add(file, "duplicate row", line)
                continue
            seen.add(key)
            self.ensure(person_id, name)
            self.out.invitations.append(InvitationFacts(person_id, direction, sent_at, note))

    def messages(self) -> None:
        owner_id = self.owner_id
        # 2021-22 rows carry no recipient addresses: a thread's other senders are its recipients.
        senders: dict[str, set[str]] = {}
        for m in self.out.messages:
            if not m.legacy and not m.recipient_ids and m.sender_id != owner_id:
                senders.setdefault(m.thread_id, set()).add(m.sender_id)
        for m in self.out.messages:
            if m.legacy:
                self._legacy_message(m)
            else:
                m.from_owner = bool(owner_id) and m.sender_id == owner_id
                if not m.recipient_ids:
                    m.recipient_ids = self._recipients(m, senders.get(m.thread_id, set()))
                others = [r for r in m.recipient_ids if r != owner_id]
                if m.sender_id and not m.from_owner:
                    self.ensure(m.sender_id, m.sender_name)
                elif m.from_owner and len(others) == 1:
                    self.ensure(others[0], m.to_name)
            if not m.thread_id:
                parties = sorted({m.sender_id, *m.recipient_ids} - {owner_id, ""})
                m.thread_id = stable_id("thread-", *parties)

    def _recipients(self, m, others: set[str]) -> tuple[str, ...]:
        if not m.from_owner:
            return (self.owner_id,) if self.owner_id else ()
        others = others - {""}
        if len(others) == 1:
            return (next(iter(others)),)
        found = self.lookup(norm_name(m.to_name))
        return (found,) if found else ()

    def _legacy_message(self, m) -> None:
        """2017-2020 rows: names only, and a DIRECTION column from 2018 on."""
        owner_id = self.owner_id
        sender_key = norm_name(m.sender_name)
        m.from_owner = m.direction == "OUTGOING" or (
            m.direction != "INCOMING" and bool(self.owner_key) and sender_key == self.owner_key
        )
        if m.from_owner:
            m.sender_id = owner_id
            counterpart = m.to_name
            other = self.person_id(counterpart)
            m.recipient_ids = (other,) if other else ()
            self.ensure(other, counterpart)
        else:
            counterpart = m.sender_name
            m.sender_id = self.person_id(counterpart)
            m.recipient_ids = (owner_id,) if owner_id else ()
            self.ensure(m.sender_id, counterpart)
        if not m.thread_id:
            m.thread_id = stable_id("legacy-", norm_name(counterpart))


def resolve(reader: _Reader) -> None:
    """Fill `reader.out` with the owner and people, and tie every row to a person id."""
    resolver = _Resolver(reader)
    owner_id = resolver.owner_id
    # An owner-sent 1:1 message ties the recipient's display name to their address too.
    for m in reader.out.messages:
        if not m.legacy and owner_id and m.sender_id == owner_id and m.to_name:
            others = [r for r in m.recipient_ids if r != owner_id]
            if len(others) == 1:
                resolver.reader_names.setdefault(norm_name(m.to_name), set()).add(others[0])
    resolver.connections()
    resolver.invitations()
    resolver.messages()
    reader.out.people.pop(owner_id, None)
