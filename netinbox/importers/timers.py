"""Imported messages restart stay-in-touch timers: for each person with an active conversation
mark, the newest message to or from them counts as an interaction (see
`netinbox.services.conversations.reset_timer`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime, tzinfo

from netinbox.importers.linkedin import MessageFacts
from netinbox.model import Change, ConversationMark
from netinbox.services.context import change
from netinbox.services.conversations import reset_timer


def timer_changes(
    marks: Iterable[ConversationMark],
    messages: Iterable[MessageFacts],
    remap: Mapping[str, str],
    local_tz: tzinfo | None,
) -> list[Change]:
    """The mark changes the imported `messages` bring. `remap` is the import's person merges
    (old id -> new id), already applied to the messages; `local_tz` is the user's zone, whose
    wall clock the due dates keep."""
    by_person: dict[str, ConversationMark] = {}
    for mark in marks:
        person_id = remap.get(mark.person_id, mark.person_id)
        by_person[person_id] = replace(mark, person_id=person_id)
    if not by_person:
        return []
    newest: dict[str, datetime] = {}
    for message in messages:
        others = message.recipient_ids if message.from_owner else (message.sender_id,)
        for person_id in others:
            if person_id in by_person and (
                person_id not in newest or message.at > newest[person_id]
            ):
                newest[person_id] = message.at
    changes = []
    for person_id, at in newest.items():
        # A merged person's mark has already been moved to their new id by the merge's own
        # changes: this one starts from the moved record.
        current = by_person[person_id]
        after = reset_timer(current, at.astimezone(local_tz))
        if after is not None:
            changes.append(change(current, after))
    return changes
