"""The domain: plain, immutable dataclasses. No I/O, no framework.

Changes are made with `dataclasses.replace`, so an object read before an action is still a faithful
"before" picture for undo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Direction(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class ReplyKind(StrEnum):
    """What came back after a thank-you note."""

    PERSONAL = "personal"
    CANNED = "canned"
    PITCH = "pitch"
    NONE = "none"  # the user gave up waiting: nothing came back

    @property
    def label(self) -> str:
        return {"personal": "personal", "canned": "canned", "pitch": "pitch", "none": "nothing"}[
            self.value
        ]


@dataclass(frozen=True, slots=True)
class Education:
    school: str = ""
    degree: str = ""
    field: str = ""
    end_year: int | None = None


@dataclass(frozen=True, slots=True)
class Experience:
    title: str = ""
    company: str = ""
    start_year: int | None = None
    end_year: int | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    first_name: str = ""
    last_name: str = ""
    headline: str = ""
    company: str = ""
    position: str = ""
    location: str = ""
    education: tuple[Education, ...] = ()
    experience: tuple[Experience, ...] = ()
    connections: int | None = None
    # LinkedIn shows "500+" past 500: `connections` is then a floor, not the number.
    connections_at_least: bool = False
    followers: int | None = None
    posts_90d: int | None = None
    comments_90d: int | None = None
    reactions_90d: int | None = None
    first_job_year: int | None = None
    has_photo: bool | None = None
    mutual_connections: int | None = None
    viewed_my_profile: bool | None = None
    profile_url: str = ""
    email: str = ""
    connected_at: datetime | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    # When they viewed my profile, oldest first: recorded by the user, or carried by imported data.
    profile_views: tuple[datetime, ...] = ()
    # The user's own judgements of the person, e.g. SPAM_FLAG; a tuple so later flags fit beside it.
    flags: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.id

    @property
    def greeting_name(self) -> str:
        """The name to greet them by: the first name, else whatever name we have."""
        return self.first_name.strip() or self.name


# "I got spam after connecting": the person harvested my contact to pitch me.
SPAM_FLAG = "spam"


# The one label an invitation gets (see netinbox/services/screening.py for how it is chosen).
# "unchecked" is no judgement: the inviter's profile carried no facts to judge.
INVITATION_LABELS = ("genuine", "list_builder", "likely_fake", "pitch", "unchecked")
# What a message or a reply is (SCREENING.md's message labels).
MESSAGE_LABELS = ("personal", "canned", "pitch", "empty")


@dataclass(frozen=True, slots=True)
class StoredVerdict:
    """A screening verdict kept with what it judged (an invitation, a reply, a message).

    `label`, `score` and `reasons` are the screening's and are replaced by a rescreen;
    `user_label` is the user's own verdict ("" when they have not overridden it) and is never
    replaced by the machine. Reasons are (signal, evidence) pairs; evidence is a stranger's text.
    """

    label: str
    score: float = 0.0
    reasons: tuple[tuple[str, str], ...] = ()
    screened_at: datetime | None = None
    user_label: str = ""

    @property
    def shown_label(self) -> str:
        """The label to act on: the user's when they gave one."""
        return self.user_label or self.label

    @property
    def by_user(self) -> bool:
        return bool(self.user_label)


@dataclass(frozen=True, slots=True)
class Invitation:
    id: str
    person_id: str
    received_at: datetime
    direction: Direction = Direction.INCOMING
    note: str = ""
    status: InvitationStatus = InvitationStatus.PENDING
    decided_at: datetime | None = None
    verdict: StoredVerdict | None = None  # None: not screened yet


@dataclass(frozen=True, slots=True)
class Reply:
    kind: ReplyKind
    text: str = ""
    at: datetime | None = None
    verdict: StoredVerdict | None = None  # the text screened as a reply to a thank-you note


@dataclass(frozen=True, slots=True)
class ThankYouNote:
    """The short note the user sends after accepting; its clock starts when it is sent."""

    id: str
    person_id: str
    text: str
    created_at: datetime
    sent_at: datetime | None = None
    reply: Reply | None = None
    # Put away from the never-responded list by the user (the note and its reply stay as they were).
    archived_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        """Still on the user's plate: not yet sent, or sent and nothing recorded back."""
        return self.reply is None


@dataclass(frozen=True, slots=True)
class Draft:
    """A personal reply being written to someone (not the thank-you note)."""

    id: str
    person_id: str
    text: str
    updated_at: datetime
    template: str = ""
    sent_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ConversationMark:
    """Someone worth a real conversation, with what to do next and when.

    `cadence` is RRULE text ("FREQ=MONTHLY;INTERVAL=3"; marks saved earlier may hold "every 3
    months"); `last_contact_at` is the latest recorded interaction, which restarts the timer."""

    id: str
    person_id: str
    reason: str
    created_at: datetime
    next_step: str = ""
    due_at: datetime | None = None
    cadence: str = ""
    done_at: datetime | None = None
    last_contact_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Message:
    """One message of an imported LinkedIn conversation (or an InMail)."""

    id: str
    thread_id: str
    at: datetime
    sender_id: str = ""  # person id (profile slug); "" for LinkedIn Member / sponsored senders
    sender_name: str = ""
    recipient_ids: tuple[str, ...] = ()
    subject: str = ""
    text: str = ""
    folder: str = ""
    from_owner: bool = False
    verdict: StoredVerdict | None = None  # None for the user's own messages and when not screened


@dataclass(frozen=True, slots=True)
class Change:
    """One record going from `before` to `after` (None = absent). Undo applies it backwards."""

    table: str
    key: str
    before: dict | None
    after: dict | None


@dataclass(frozen=True, slots=True)
class Event:
    """One user action, as logged: what, when, on whom, and every record it changed."""

    id: str
    at: datetime
    action: str
    summary: str
    person_ids: tuple[str, ...] = ()
    changes: tuple[Change, ...] = field(default_factory=tuple)
    undone_at: datetime | None = None
