"""An export's facts + what the database holds -> the changes to write, and what they amount to.

Rules (the user's own work is never undone by an import):
- People: new ones are added. Known ones get the export's profile fields (name, company, position,
  e-mail, address) when the export is at least as recent as the last one imported, else only
  their blank fields are filled; a value is never replaced by a blank. `connected_at` is only
  filled, never moved. Notes, tags and everything not in an export are never touched.
- A person first known by name only (an old export) who now comes with a profile address is
  merged into the address-keyed person, and every record pointing at them follows.
- Invitations are matched on (person, direction, time). A new one is pending unless the person is
  a connection (then accepted, decided when they connected). An existing one changes only while it
  is pending: it becomes accepted when the person is now a connection. Accepted, declined and
  withdrawn stay as they are. Of several pending incoming invitations from one person, the newest
  stays pending and the older ones are marked withdrawn (LinkedIn keeps one open invitation).
- Messages are added once (stable ids); existing ones are never rewritten.
- Thank-you notes: see `thanks.py`.
- Conversation marks: the newest message to or from a marked person restarts their stay-in-touch
  timer; see `timers.py`.
- Verdicts: new or changed pending invitations, new replies and new messages are screened
  together; see `verdicts.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from netinbox.importers.errors import ImportFailed
from netinbox.importers.linkedin import MessageFacts, ParsedExport, PersonFacts
from netinbox.importers.summary import ImportSummary
from netinbox.importers.thanks import thank_you_changes
from netinbox.importers.timers import timer_changes
from netinbox.importers.values import norm_name, stable_id
from netinbox.importers.verdicts import add_verdicts
from netinbox.model import (
    Change,
    Direction,
    Invitation,
    InvitationStatus,
    Message,
    Person,
    ThankYouNote,
)
from netinbox.services.context import Context, change
from netinbox.store.codec import dump_message, load_dt

_REFRESHED = ("first_name", "last_name", "company", "position", "email", "profile_url")


def known_names(people: dict[str, Person]) -> dict[str, str]:
    """Normalised name -> id of the people already known with a profile address (unambiguous)."""
    found: dict[str, str] = {}
    ambiguous = set()
    for person in people.values():
        if not person.profile_url:
            continue
        key = norm_name(person.name)
        if key in found and found[key] != person.id:
            ambiguous.add(key)
        found.setdefault(key, person.id)
    return {k: v for k, v in found.items() if k not in ambiguous}


def _refresh(before: Person, facts: PersonFacts, newer: bool) -> Person:
    values: dict[str, Any] = {}
    for name in _REFRESHED:
        new, old = getattr(facts, name), getattr(before, name)
        if not new or new == old:
            continue
        names_ok = name not in ("first_name", "last_name") or facts.from_connections
        if not old or (newer and names_ok):
            values[name] = new
    if before.connected_at is None and facts.connected_at is not None:
        values["connected_at"] = facts.connected_at
    return replace(before, **values) if values else before


def _new_person(facts: PersonFacts) -> Person:
    return Person(
        facts.id,
        facts.first_name,
        facts.last_name,
        company=facts.company,
        position=facts.position,
        profile_url=facts.profile_url,
        email=facts.email,
        connected_at=facts.connected_at,
    )


class _Merger:
    def __init__(self, ctx: Context, parsed: ParsedExport, existing: dict[str, Person]) -> None:
        self.ctx = ctx
        self.store = ctx.store
        self.parsed = parsed
        self.existing = existing
        self.summary = ImportSummary(skips=parsed.skips)
        self.changes: list[Change] = []
        self.people: dict[str, Person] = dict(existing)  # the state after this import
        self.remap: dict[str, str] = {}
        last = self.store.meta("last_import") or {}
        try:
            previous = load_dt(last.get("latest_data_at")) if isinstance(last, dict) else None
        except (ValueError, OverflowError):
            previous = None
        latest = parsed.latest_at
        self.newer = previous is None or latest is None or latest >= previous
        self.latest = max(filter(None, (previous, latest)), default=None)

    # -- people ------------------------------------------------------------------------------------

    def people_changes(self) -> None:
        by_name: dict[str, list[Person]] = {}
        for person in self.existing.values():
            if not person.profile_url and ":" in person.id:
                by_name.setdefault(norm_name(person.name), []).append(person)
        for person_id, facts in self.parsed.people.items():
            before = self.existing.get(person_id)
            if before is None and facts.profile_url:
                candidates = by_name.get(facts.key, [])
                if len(candidates) == 1 and candidates[0].id not in self.remap:
                    self._merge(candidates[0], facts)
                    continue
            if before is None:
                after = _new_person(facts)
                self.summary.new_people += 1
            else:
                after = _refresh(before, facts, self.newer)
                if after == before:
                    continue
                self.summary.updated_people += 1
            self.people[person_id] = after
            self.changes.append(change(before, after))

    def _merge(self, old: Person, facts: PersonFacts) -> None:
        after = _refresh(replace(old, id=facts.id, profile_url=facts.profile_url), facts, True)
        self.remap[old.id] = facts.id
        self.people.pop(old.id, None)
        self.people[facts.id] = after
        self.changes.append(change(old, None))
        self.changes.append(change(None, after))
        self.summary.merged_people += 1

    def follow_merges(self) -> None:
        """Point every stored record of a merged person at their new id.

        A move is written as a removal then an addition: the store's per-person indexes (pending
        invitation, open note, …) are keyed by person, and only see the person of each side."""
        if not self.remap:
            return
        remap = self.remap
        for table in ("invitations", "notes", "drafts", "conversations"):
            for record in self.store.records(table):
                if record.person_id in remap:
                    after = replace(record, person_id=remap[record.person_id])
                    self.changes.append(change(record, None))
                    self.changes.append(change(None, after))
        for message in self.store.records("messages"):
            ids = (message.sender_id, *message.recipient_ids)
            if any(i in remap for i in ids):
                after = replace(
                    message,
                    sender_id=remap.get(message.sender_id, message.sender_id),
                    recipient_ids=tuple(remap.get(r, r) for r in message.recipient_ids),
                )
                self.changes.append(change(message, after))
        for facts in self.parsed.invitations:
            if facts.person_id in remap:
                object.__setattr__(facts, "person_id", remap[facts.person_id])
        for m in self.parsed.messages:
            m.sender_id = remap.get(m.sender_id, m.sender_id)
            m.recipient_ids = tuple(remap.get(r, r) for r in m.recipient_ids)

    # -- invitations -------------------------------------------------------------------------------

    def invitation_changes(self) -> None:
        current: dict[str, Invitation] = {}
        for inv in self.store.records("invitations"):
            current[inv.id] = replace(inv, person_id=self.remap.get(inv.person_id, inv.person_id))
        originals = dict(current)  # as stored, merged people already followed
        by_key = {(i.person_id, i.direction, i.received_at): i.id for i in current.values()}
        for facts in self.parsed.invitations:
            key = (facts.person_id, facts.direction, facts.sent_at)
            found = by_key.get(key)
            if found is None:
                inv = Invitation(
                    stable_id(
                        "li-inv-",
                        facts.direction.value,
                        facts.person_id,
                        facts.sent_at.isoformat(),
                    ),
                    facts.person_id,
                    facts.sent_at,
                    facts.direction,
                    facts.note,
                )
                current[inv.id] = self._decide(inv)
                by_key[key] = inv.id
            elif not current[found].note and facts.note:
                current[found] = replace(current[found], note=facts.note)
        # Stored pending invitations of people this export lists as connections become accepted.
        connected_now = {pid for pid, f in self.parsed.people.items() if f.from_connections}
        for inv_id, inv in current.items():
            if inv.status is InvitationStatus.PENDING and inv.person_id in connected_now:
                current[inv_id] = self._decide(inv)
        self._supersede(current)
        for inv_id, after in current.items():
            before = originals.get(inv_id)
            if before is None:
                self.summary.new_invitations += 1
                incoming = after.direction is Direction.INCOMING
                if after.status is InvitationStatus.PENDING and incoming:
                    self.summary.new_pending += 1
            elif after == before:
                continue
            elif after.status is not before.status and after.status is InvitationStatus.ACCEPTED:
                self.summary.accepted += 1
            self.changes.append(change(before, after))

    def _decide(self, inv: Invitation) -> Invitation:
        person = self.people.get(inv.person_id)
        connected = person.connected_at if person else None
        if connected is None:
            return inv
        # Connected On is a day without a time: never let the decision precede the invitation.
        return replace(
            inv, status=InvitationStatus.ACCEPTED, decided_at=max(connected, inv.received_at)
        )

    @staticmethod
    def _supersede(current: dict[str, Invitation]) -> None:
        pending: dict[str, list[Invitation]] = {}
        for inv in current.values():
            if inv.status is InvitationStatus.PENDING and inv.direction is Direction.INCOMING:
                pending.setdefault(inv.person_id, []).append(inv)
        for invitations in pending.values():
            if len(invitations) < 2:
                continue
            invitations.sort(key=lambda i: i.received_at)
            newest = invitations[-1]
            for older in invitations[:-1]:
                current[older.id] = replace(
                    older, status=InvitationStatus.WITHDRAWN, decided_at=newest.received_at
                )

    # -- messages and notes ------------------------------------------------------------------------

    def message_changes(self) -> None:
        messages = self.parsed.messages
        messages.reverse()
        while messages:  # popped one by one: the facts and the docs are never both all in memory
            m = messages.pop()
            if self.store.contains("messages", m.id):
                continue
            doc = dump_message(_message(m))
            self.changes.append(Change("messages", m.id, None, doc))
            self.summary.new_messages += 1

    def note_changes(self) -> None:
        notes: dict[str, ThankYouNote] = {}
        for note in self.store.records("notes"):
            person_id = self.remap.get(note.person_id, note.person_id)
            notes[person_id] = replace(note, person_id=person_id)
        owner = self.parsed.owner
        changes, new_notes, new_replies = thank_you_changes(
            self.parsed.messages,
            owner.id,
            owner.first_name or self.ctx.owner_first_name,
            self.people,
            notes,
            self.ctx.settings.thank_you_window_days,
        )
        self.changes.extend(changes)
        self.summary.new_notes += new_notes
        self.summary.new_replies += new_replies

    # -- meta --------------------------------------------------------------------------------------

    def meta(self) -> dict[str, Any]:
        owner = self.parsed.owner
        stored = self.store.meta("owner") or {}
        stored = stored if isinstance(stored, dict) else {}
        if (
            owner.profile_url
            and stored.get("profile_url")
            and owner.id != _id_of(stored.get("profile_url", ""))
            and not self.store.meta("demo")
        ):
            raise ImportFailed(
                f"this export belongs to {owner.first_name} {owner.last_name} "
                f"({owner.profile_url}), but the database holds the data of "
                f"{stored.get('profile_url')}; use --db to import it into another database"
            )
        merged = {
            "first_name": owner.first_name or stored.get("first_name", ""),
            "last_name": owner.last_name or stored.get("last_name", ""),
            "profile_url": owner.profile_url or stored.get("profile_url", ""),
        }
        meta: dict[str, Any] = {}
        if merged != {k: stored.get(k, "") for k in merged}:
            meta["owner"] = merged
        if self.latest is not None:
            meta["last_import"] = {"latest_data_at": self.latest.isoformat()}
        return meta


def _id_of(url: str) -> str:
    from netinbox.importers.values import profile_id

    return profile_id(str(url))


def _message(m: MessageFacts) -> Message:
    return Message(
        m.id,
        m.thread_id,
        m.at,
        sender_id=m.sender_id,
        sender_name=m.sender_name,
        recipient_ids=m.recipient_ids,
        subject=m.subject,
        text=m.text,
        folder=m.folder,
        from_owner=m.from_owner,
    )


def merge(
    ctx: Context,
    parsed: ParsedExport,
    existing: dict[str, Person],
    on_screening: Callable[[int], None] | None = None,
) -> tuple[list[Change], dict[str, Any], ImportSummary]:
    """The changes that bring the database up to date with `parsed`, the meta to write with them,
    and the summary. Nothing is written here. `on_screening(n)` is told when n items start being
    screened."""
    merger = _Merger(ctx, parsed, existing)
    meta = merger.meta()  # first: refuse someone else's export before any work
    merger.people_changes()
    merger.follow_merges()
    merger.invitation_changes()
    merger.note_changes()
    merger.changes.extend(
        timer_changes(ctx.store.conversations(), parsed.messages, merger.remap, ctx.now().tzinfo)
    )
    merger.message_changes()  # last: it lets go of each message's facts as it writes its doc
    owner = parsed.owner
    add_verdicts(
        merger.changes,
        merger.people,
        owner.first_name or ctx.owner_first_name,
        ctx.now(),
        on_screening,
    )
    merger.summary.owner = f"{owner.first_name} {owner.last_name}".strip()
    if not merger.changes and "owner" not in meta:
        meta = {}
    return merger.changes, meta, merger.summary
