"""What a paste is understood as. A value the page does not show is None (or an empty tuple),
never a guess. Dates are timezone-aware, resolved from the clock at paste time; years stay years.
The field names are the keys of `netinbox paste --json` (a contract for scripts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

KINDS = ("invitations", "profile", "viewers", "conversation")


@dataclass(frozen=True, slots=True)
class PastedInvitation:
    """One card of the invitation manager ("Received")."""

    name: str
    headline: str | None = None
    mutual_connections: int | None = None
    received_at: datetime | None = None
    note: str | None = None
    profile_url: str | None = None  # when the page shows one (a copied link); usually not


@dataclass(frozen=True, slots=True)
class Activity:
    kind: str  # "post", "comment", "reaction", "repost"
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PastedRole:
    title: str | None = None
    company: str | None = None
    start_year: int | None = None
    end_year: int | None = None  # None: present, or not shown


@dataclass(frozen=True, slots=True)
class PastedSchool:
    school: str | None = None
    degree: str | None = None
    field: str | None = None
    end_year: int | None = None


@dataclass(frozen=True, slots=True)
class PastedProfile:
    name: str
    headline: str | None = None
    location: str | None = None
    followers: int | None = None
    connections: int | None = None
    connections_at_least: bool = False  # "500+": 500 is a floor, not the number
    mutual_connections: int | None = None
    activity: tuple[Activity, ...] = ()
    posts_90d: int | None = None
    comments_90d: int | None = None
    reactions_90d: int | None = None
    experience: tuple[PastedRole, ...] = ()
    education: tuple[PastedSchool, ...] = ()
    first_job_year: int | None = None
    profile_url: str | None = None


@dataclass(frozen=True, slots=True)
class PastedViewer:
    name: str
    headline: str | None = None
    viewed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class PastedMessage:
    sender: str
    sent_at: datetime | None = None
    text: str = ""


Item = PastedInvitation | PastedProfile | PastedViewer | PastedMessage


@dataclass(frozen=True, slots=True)
class PasteResult:
    """A paste as understood: its kind (one of KINDS), the items, and the lines that carried
    content but could not be read (shown to the user; navigation junk is not listed)."""

    kind: str
    items: tuple[Item, ...] = ()
    unread: tuple[str, ...] = field(default_factory=tuple)
