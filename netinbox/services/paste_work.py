"""What a paste is about to change, gathered before anything is written.

A paste touches one record several times (a person created by one card and given a headline by
the next, an invitation screened after its person's facts changed): each record keeps the version
it had before the paste and its latest one, so the event holds one change per record, and nothing
is written until the whole paste is understood (an ActionError leaves the database as it was).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from netinbox.model import Change, Direction, Invitation, InvitationStatus, Message, Person
from netinbox.services.context import Context, change
from netinbox.services.paste_people import Directory
from netinbox.services.verdicts import Batch, keep_user

Record = Person | Invitation | Message


def _key(record: Record) -> tuple[str, str]:
    return type(record).__name__, record.id


@dataclass
class Work:
    ctx: Context
    directory: Directory
    _records: dict[tuple[str, str], tuple[Record | None, Record]] = field(default_factory=dict)
    _new_pending: dict[str, Invitation] = field(default_factory=dict)  # person id -> invitation
    extra: list[Change] = field(default_factory=list)  # changes made by other services' helpers
    touched: list[str] = field(default_factory=list)  # person ids, in the order met

    @classmethod
    def start(cls, ctx: Context) -> Work:
        return cls(ctx, Directory(ctx))

    # -- reading, this paste's changes first -------------------------------------------------------

    def person(self, person_id: str) -> Person | None:
        found = self._records.get(("Person", person_id))
        if found is not None:
            return found[1]  # type: ignore[return-value]
        return self.ctx.store.person(person_id)

    def pending_invitation(self, person_id: str) -> Invitation | None:
        if person_id in self._new_pending:
            return self._new_pending[person_id]
        stored = self.ctx.store.pending_invitation(person_id)
        if stored is not None and ("Invitation", stored.id) in self._records:
            return self._records["Invitation", stored.id][1]  # type: ignore[return-value]
        return stored

    def invitations_of(self, person_id: str) -> list[Invitation]:
        """Their invitations to the user, stored or new in this paste."""
        found = [
            i
            for i in self.ctx.store.invitations_of(person_id)
            if i is not None and i.direction is Direction.INCOMING
        ]
        if person_id in self._new_pending:
            found.append(self._new_pending[person_id])
        return found

    def contains(self, table: str, key: str) -> bool:
        kind = {"messages": "Message", "invitations": "Invitation", "people": "Person"}[table]
        return (kind, key) in self._records or self.ctx.store.contains(table, key)

    # -- writing -----------------------------------------------------------------------------------

    def put(self, before: Record | None, after: Record) -> None:
        """`after` replaces `before` (None: a new record); the first `before` is the one kept."""
        key = _key(after)
        original = self._records[key][0] if key in self._records else before
        self._records[key] = (original, after)
        if isinstance(after, Person):
            self.touch(after.id)
            self.directory.add(after)
        elif isinstance(after, Invitation):
            self.touch(after.person_id)
            if after.status is InvitationStatus.PENDING and original is None:
                self._new_pending[after.person_id] = after
                self.directory.add(self.person(after.person_id) or Person(after.person_id), True)

    def touch(self, person_id: str) -> None:
        if person_id and person_id not in self.touched:
            self.touched.append(person_id)

    def changes(self) -> list[Change]:
        found = [change(b, a) for b, a in self._records.values() if b != a]
        return found + self.extra

    # -- screening ---------------------------------------------------------------------------------

    def screen(self, person_ids: list[str]) -> dict[str, str]:
        """Screen the pending invitation of each person again with what they are now, in one batch
        (the user's own label is kept). Returns person id -> shown label."""
        batch = Batch(self.ctx.owner_first_name, self.ctx.now())
        invitations = {}
        for person_id in dict.fromkeys(person_ids):
            invitation = self.pending_invitation(person_id)
            if invitation is not None:
                invitations[invitation.id] = invitation
                batch.add_invitation(invitation, self.person(person_id))
        verdicts = batch.run()[0]
        labels = {}
        for invitation_id, invitation in invitations.items():
            verdict = keep_user(invitation.verdict, verdicts[invitation_id])
            after = replace(invitation, verdict=verdict)
            self.put(self._stored(invitation), after)
            labels[invitation.person_id] = verdict.shown_label
        return labels

    def _stored(self, invitation: Invitation) -> Invitation | None:
        key = _key(invitation)
        return self._records[key][0] if key in self._records else invitation  # type: ignore
