"""The typed rows of every list. A row carries the domain objects it was built from and the few
facts a list computes about them (overdue, how long they waited), so a screen, the CLI and an
export format the same row, never recompute it.
"""

from __future__ import annotations

from dataclasses import dataclass

from netinbox.model import ConversationMark, Invitation, Person, ThankYouNote


@dataclass(frozen=True, slots=True)
class PendingRow:
    """An invitation waiting for a decision."""

    person: Person
    invitation: Invitation
    marked: bool = False  # the person has an active conversation mark

    @property
    def person_id(self) -> str:
        return self.person.id


@dataclass(frozen=True, slots=True)
class NoteRow:
    """A thank-you note still open: to send, or sent with nothing recorded back."""

    person: Person
    note: ThankYouNote
    overdue: bool = False  # sent and waiting for at least the never-responded threshold
    marked: bool = False

    @property
    def person_id(self) -> str:
        return self.person.id


@dataclass(frozen=True, slots=True)
class NeverRespondedRow:
    """An accepted contact whose thank-you note got no real reply."""

    person: Person
    note: ThankYouNote
    days_waiting: int
    reply_kind: str | None = None  # None: nothing recorded; else "none", "pitch" or "canned"
    viewed_after: bool = False  # viewed my profile after accepting
    flagged: bool = False  # "I got spam after connecting"
    archived: bool = False
    marked: bool = False

    @property
    def person_id(self) -> str:
        return self.person.id


@dataclass(frozen=True, slots=True)
class ConversationRow:
    """Someone marked for a real conversation."""

    person: Person
    mark: ConversationMark
    overdue: bool = False
    cadence: str = ""  # as people say it: "every 3 months" ("" for none)
    cadence_rule: str = ""  # the dateutil rrule behind it ("" for none)

    @property
    def person_id(self) -> str:
        return self.person.id


@dataclass(frozen=True, slots=True)
class PersonRow:
    person: Person

    @property
    def person_id(self) -> str:
        return self.person.id
