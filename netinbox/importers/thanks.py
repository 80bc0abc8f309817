"""Thank-you notes found in the messages: the owner's first message to a new connection, and the
answer it got.

- The note: the owner's earliest message in a 1:1 conversation with someone, sent from the day
  before they connected (Connected On has a date but no time or zone) to `thank_you_window_days`
  days after.
- The reply: their first message with text after the note, classified by
  `netinbox.screening.classify_reply`. When they wrote first (they thanked the owner, who
  answered) and nothing came after, their opening message is the reply: they did engage.
- Messages without text (attachments, stickers) and LinkedIn's system lines ("Message request
  accepted") are never read as a reply; record those by hand.
- A person who already has a note in the database (accepted in the app, or found by an earlier
  import) never gets a second one; a reply is only added to a sent note that has none recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta

from netinbox.importers.linkedin import MessageFacts
from netinbox.importers.values import stable_id
from netinbox.model import Change, Person, Reply, ReplyKind, ThankYouNote
from netinbox.services.context import change

_SYSTEM = re.compile(
    r"^(message request accepted\.?|.{1,200} (left|joined) the conversation\.?)$", re.IGNORECASE
)


def _conversations(
    messages: Iterable[MessageFacts], owner_id: str
) -> dict[str, list[MessageFacts]]:
    """1:1 messages between the owner and each person, oldest first."""
    by_person: dict[str, list[MessageFacts]] = {}
    for m in messages:
        if m.from_owner:
            others = [r for r in m.recipient_ids if r and r != owner_id]
            if len(others) == 1:
                by_person.setdefault(others[0], []).append(m)
        elif m.sender_id and not [r for r in m.recipient_ids if r and r != owner_id]:
            by_person.setdefault(m.sender_id, []).append(m)
    for thread in by_person.values():
        thread.sort(key=lambda m: m.at)
    return by_person


class _Classifier:
    def __init__(self, owner_first_name: str) -> None:
        # Imported lazily: screening is a sibling package that an import may not need at all.
        from netinbox.screening import classify_reply

        self._classify = classify_reply
        self._owner = owner_first_name

    def reply(self, m: MessageFacts) -> Reply | None:
        if not m.text or _SYSTEM.match(m.text):
            return None
        kind = self._classify(m.text, self._owner)
        if kind is None or ReplyKind(kind) is ReplyKind.NONE:
            return None  # no readable words (zero-width characters only)
        return Reply(ReplyKind(kind), m.text, m.at)


def _first_reply(
    thread: list[MessageFacts], after: datetime, classifier: _Classifier
) -> Reply | None:
    for m in thread:
        if not m.from_owner and m.at > after:
            found = classifier.reply(m)
            if found is not None:
                return found
    return None


def thank_you_changes(
    messages: list[MessageFacts],
    owner_id: str,
    owner_first_name: str,
    people: dict[str, Person],
    notes: dict[str, ThankYouNote],
    window_days: int,
) -> tuple[list[Change], int, int]:
    """Changes adding notes and replies; with the count of new notes and of new replies."""
    changes: list[Change] = []
    new_notes = new_replies = 0
    classifier: _Classifier | None = None
    for person_id, thread in _conversations(messages, owner_id).items():
        person = people.get(person_id)
        if person is None or person.connected_at is None:
            continue
        classifier = classifier or _Classifier(owner_first_name)
        existing = notes.get(person_id)
        if existing is not None:
            if existing.reply is None and existing.sent_at is not None:
                reply = _first_reply(thread, existing.sent_at, classifier)
                if reply is not None:
                    changes.append(change(existing, replace(existing, reply=reply)))
                    new_replies += 1
            continue
        first_day = person.connected_at.date() - timedelta(days=1)
        last_day = person.connected_at.date() + timedelta(days=window_days)
        note_message = next(
            (m for m in thread if m.from_owner and first_day <= m.at.date() <= last_day), None
        )
        if note_message is None:
            continue
        reply = _first_reply(thread, note_message.at, classifier)
        if reply is None:
            opening = [
                m
                for m in thread
                if not m.from_owner and first_day <= m.at.date() and m.at < note_message.at
            ]
            reply = next((r for r in map(classifier.reply, opening) if r is not None), None)
        note = ThankYouNote(
            stable_id("li-note-", note_message.id),
            person_id,
            note_message.text,
            note_message.at,
            note_message.at,
            reply,
        )
        changes.append(change(None, note))
        new_notes += 1
        new_replies += reply is not None
    return changes, new_notes, new_replies
