"""Screening inputs from our records, and verdicts fit to keep with them (plain Python).

`Batch` gathers invitations (profile + note) and messages, screens them in one `screen_batch`
call (so templates and bursts are found across all of them) and gives back `StoredVerdict`s. How
one label per invitation is chosen: see `netinbox.services.screening`.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import datetime
from typing import Any

from netinbox.model import Invitation, Person, StoredVerdict
from netinbox.text import one_line

MAX_REASONS = 6
UNCHECKED = "unchecked"  # the profile carried no facts (netinbox.screening.facts)


# --- inputs ---------------------------------------------------------------------------------------


def person_profile(p: Person) -> dict[str, Any]:
    """SCREENING.md's profile input for what we know of a person (no invitation in it)."""
    item: dict[str, Any] = {
        # A person known only by id has no name: an id is not a name to check a signature against.
        "name": f"{p.first_name} {p.last_name}".strip(),
        "headline": p.headline,
        "connections": p.connections,
        "connections_at_least": p.connections_at_least,
        "followers": p.followers,
        "posts_90d": p.posts_90d,
        "comments_90d": p.comments_90d,
        "reactions_90d": p.reactions_90d,
        "first_job_year": p.first_job_year,
        # SCREENING.md's education/experience entries have exactly our dataclasses' fields.
        "education": [asdict(e) for e in p.education],
        "experience": [asdict(x) for x in p.experience],
        "has_photo": p.has_photo,
        "viewed_my_profile": p.viewed_my_profile,
        "mutual_connections": p.mutual_connections,
        "company": p.company,
    }
    if p.education:
        item["school"] = p.education[0].school
    return item


def profile_input(person: Person | None, invitation: Invitation) -> dict[str, Any]:
    """SCREENING.md's profile input for an inviter, with what only a batch uses (time, company)."""
    item = person_profile(person or Person(invitation.person_id))
    item.update(
        id=invitation.id,
        invitation_note=invitation.note,
        received_at=invitation.received_at.isoformat(),
    )
    return item


def missing_facts(person: Person | None) -> list[str]:
    """What the screening does not know about `person` ("connections", "activity", "education",
    "experience"), by the screening's own rule (`netinbox.screening.facts`); the card says it."""
    from netinbox.screening.facts import missing_facts as missing
    from netinbox.screening.inputs import profile_from

    return missing(profile_from(person_profile(person or Person(""))))


def message_input(
    key: str, text: str, kind: str, recipient_first_name: str, sender_name: str
) -> dict[str, Any]:
    return {
        "id": key,
        "kind": kind,
        "recipient_first_name": recipient_first_name,
        "sender_name": sender_name,
        "text": text,
    }


def full_name(person: Person | None) -> str:
    return f"{person.first_name} {person.last_name}".strip() if person else ""


# --- verdicts -------------------------------------------------------------------------------------


def _pairs(verdict: Any) -> tuple[tuple[str, str], ...]:
    return tuple((r.signal, r.evidence) for r in verdict.reasons)


def _stored(verdict: Any, now: datetime) -> StoredVerdict:
    if isinstance(verdict, Exception):
        # The engine refused the item (it never should for our own records): say so, never crash.
        return StoredVerdict("", 0.0, (("error", one_line(str(verdict), 80)),), now)
    return StoredVerdict(verdict.label, float(verdict.score), _pairs(verdict)[:MAX_REASONS], now)


def invitation_verdict(profile: Any, note: Any | None, now: datetime) -> StoredVerdict:
    """One label for an invitation from its profile verdict and its note's (see the module doc)."""
    if isinstance(profile, Exception):
        return _stored(profile, now)
    if isinstance(note, Exception):
        note = None
    note_is_pitch = note is not None and note.label == "pitch"
    if profile.label == "likely_fake":
        label, first, second = "likely_fake", profile, note
    elif note_is_pitch:
        label, first, second = "pitch", note, profile
    elif profile.label == "list_builder":
        label, first, second = "list_builder", profile, note
    elif profile.label == UNCHECKED:
        label, first, second = UNCHECKED, profile, note
    else:
        label, first, second = "genuine", profile, note
    # The same evidence can come from both sides (the profile's "template_note" and the note's
    # "template" quote one finding): say it once.
    reasons: dict[str, tuple[str, str]] = {}
    for signal, evidence in _pairs(first) + (_pairs(second) if second else ()):
        reasons.setdefault(evidence or signal, (signal, evidence))
    return StoredVerdict(label, float(first.score), tuple(reasons.values())[:MAX_REASONS], now)


def keep_user(before: StoredVerdict | None, after: StoredVerdict) -> StoredVerdict:
    """The new machine verdict, with the user's own label (if any) carried over."""
    if before is not None and before.user_label:
        return replace(after, user_label=before.user_label)
    return after


def same_judgement(a: StoredVerdict | None, b: StoredVerdict | None) -> bool:
    """Equal but for when it was reached: rewriting such a record would change nothing."""
    if a is None or b is None:
        return a is b
    return (a.label, a.score, a.reasons, a.user_label) == (
        b.label,
        b.score,
        b.reasons,
        b.user_label,
    )


class Batch:
    """Things to screen together; `run` screens them in one `screen_batch` call."""

    def __init__(self, owner_first_name: str, now: datetime) -> None:
        self.owner = owner_first_name
        self.now = now
        self._items: list[dict[str, Any]] = []
        self._invitations: list[tuple[str, int, int | None]] = []  # (id, profile item, note item)
        self._messages: list[tuple[str, int]] = []

    def __len__(self) -> int:
        return len(self._items)

    def _add(self, item: dict[str, Any]) -> int:
        self._items.append(item)
        return len(self._items) - 1

    def add_invitation(self, invitation: Invitation, person: Person | None) -> None:
        profile = self._add(profile_input(person, invitation))
        note = None
        if invitation.note.strip():
            # The sender is named as in the profile item, so a note counted twice (profile and
            # message) is still one sender for template detection.
            note = self._add(
                message_input(
                    invitation.id,
                    invitation.note,
                    "invitation_note",
                    self.owner,
                    full_name(person),
                )
            )
        self._invitations.append((invitation.id, profile, note))

    def add_message(self, key: str, text: str, sender_name: str, kind: str = "inmail") -> None:
        """`key` names the result: a message id, or a note id for the reply to that note."""
        self._messages.append(
            (key, self._add(message_input(key, text, kind, self.owner, sender_name)))
        )

    def run(self) -> tuple[dict[str, StoredVerdict], dict[str, StoredVerdict]]:
        """(verdict per invitation id, verdict per message key)."""
        if not self._items:
            return {}, {}
        from netinbox.screening import screen_batch  # loads word lists: only when there is work

        results = screen_batch(self._items, year=self.now.year)
        self._items = []  # the texts can go as soon as the engine is done with them
        invitations = {
            key: invitation_verdict(
                results[profile], results[note] if note is not None else None, self.now
            )
            for key, profile, note in self._invitations
        }
        messages = {key: _stored(results[index], self.now) for key, index in self._messages}
        return invitations, messages
