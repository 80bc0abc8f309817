"""Saving the pastes about what people did: who viewed my profile, and a message thread.

- viewers: a named viewer who is a known person gets a profile view at its date; a view at or
  before their invitation also sets viewed_my_profile (the rule of `followthrough.record_view`).
  Unknown viewers are counted, never created: a viewer is not a contact. "Viewed 3d ago" read a
  day later is a day later, so a view already recorded near that date (within half its age, at
  least an hour) is the same view: LinkedIn lists each viewer once, with their latest view.
- conversation: the messages, each stored once (its id comes from the thread, the sender, the
  text and how many times that sender wrote that text before, never from a time resolved at
  paste time). The user's messages are recognised by their name. When the thank-you note to the
  other person is sent and has no reply recorded, their first later message becomes the reply,
  with its screened kind; their conversation timer restarts, in the same event.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from netinbox.importers.values import stable_id
from netinbox.model import Message, Person, Reply, ReplyKind
from netinbox.paste.model import PastedMessage, PastedViewer, PasteResult
from netinbox.services.context import ActionError, change
from netinbox.services.conversations import interaction_changes
from netinbox.services.followthrough import invitation_viewed_before
from netinbox.services.paste_people import (
    display_name,
    fold_name,
    is_person_name,
    new_person,
    owner_key,
)
from netinbox.services.paste_work import Work
from netinbox.services.screening import screen_reply
from netinbox.services.verdicts import Batch
from netinbox.text import clean

if TYPE_CHECKING:
    from netinbox.services.paste import PasteSummary

MIN_VIEW_TOLERANCE = timedelta(hours=1)


# --- viewers --------------------------------------------------------------------------------------


def _viewed_before_inviting(work: Work, person_id: str, at: datetime) -> bool:
    """Whether `at` is at or before their pending invitation, else their latest one."""
    invitation = invitation_viewed_before(
        work.pending_invitation(person_id), work.invitations_of(person_id)
    )
    return invitation is not None and at <= invitation.received_at


def _already_seen(person: Person, at: datetime, now: datetime) -> bool:
    tolerance = max((now - at) / 2, MIN_VIEW_TOLERANCE)
    return any(abs(seen - at) <= tolerance for seen in person.profile_views)


def viewers(work: Work, result: PasteResult, summary: PasteSummary) -> None:
    now = work.ctx.now()
    ambiguous = undated = 0
    for viewer in (i for i in result.items if isinstance(i, PastedViewer)):
        if not is_person_name(viewer.name):
            continue
        found = work.directory.by_name(viewer.name)
        if not found:
            summary.unknown_viewers += 1
            continue
        if len(found) > 1:
            ambiguous += 1
            continue
        if viewer.viewed_at is None or viewer.viewed_at > now:
            undated += 1
            continue
        person = work.person(found[0].id) or found[0]
        at = viewer.viewed_at
        if _already_seen(person, at, now):
            summary.known_views += 1
            continue
        after = replace(person, profile_views=tuple(sorted((*person.profile_views, at))))
        if _viewed_before_inviting(work, person.id, at):
            after = replace(after, viewed_my_profile=True)
        work.put(person, after)
        summary.views += 1
    parts = [f"{summary.views:,} profile view{'s' * (summary.views != 1)} recorded"]
    if summary.known_views:
        parts.append(f"{summary.known_views:,} already recorded")
    if summary.unknown_viewers:
        parts.append(f"{summary.unknown_viewers:,} viewers not in netinbox (not added)")
    if ambiguous:
        parts.append(f"{ambiguous:,} matching several people (record those with w)")
    if undated:
        parts.append(f"{undated:,} without a date")
    summary.line = ", ".join(parts)


# --- conversation ---------------------------------------------------------------------------------


def _is_owner(sender: str, owner: tuple[str, str], known: bool) -> bool:
    key = fold_name(sender)
    full, first = owner
    if full.strip():
        return key == full
    # Only the first name is known: a sender with it is the user unless they are someone known.
    return bool(first) and key.split(" ")[:1] == [first] and not known


def _counterpart(
    work: Work, senders: list[str], person_id: str | None, owner: tuple[str, str]
) -> Person:
    """The other person of the thread (one: a thread pasted is one conversation)."""
    others = []
    for sender in senders:
        found = work.directory.by_name(sender)
        if not _is_owner(sender, owner, bool(found)):
            others.append((sender, found))
    if person_id is not None:
        chosen = work.person(person_id)
        if chosen is None:
            raise ActionError(f"no person with id {person_id!r}; nothing was saved")
        if len(others) > 1:
            raise ActionError("the thread has several other senders; nothing was saved")
        return chosen
    if not others:
        raise ActionError(
            "the thread shows only your own messages, so it is not clear whom it is with; "
            "paste it from their profile's conversation or choose the person; nothing was saved"
        )
    if len(others) > 1:
        names = ", ".join(display_name(s) for s, _ in others)
        raise ActionError(
            f"the thread has several other senders ({names}); only one-to-one threads can be "
            "saved; nothing was saved"
        )
    sender, found = others[0]
    if len(found) > 1:
        raise ActionError(
            f"several people could be {display_name(sender)} "
            f"({', '.join(p.id for p in found)}); choose one, nothing was saved"
        )
    if found:
        return found[0]
    person = new_person(work.ctx, sender, None, set())
    work.put(None, person)
    return person


def conversation(
    work: Work,
    result: PasteResult,
    summary: PasteSummary,
    person_id: str | None,
) -> None:
    ctx = work.ctx
    pasted = [m for m in result.items if isinstance(m, PastedMessage) and m.text.strip()]
    if not pasted:
        raise ActionError("the thread holds no message with text; nothing was saved")
    owner = owner_key(ctx)
    senders = list(dict.fromkeys(display_name(m.sender) for m in pasted))
    person = _counterpart(work, senders, person_id, owner)
    them = fold_name(person.name)
    thread = stable_id("paste-thread-", person.id)
    seen: dict[tuple[str, str], int] = {}
    stored: list[Message] = []
    last_at = None
    for m in pasted:
        name = display_name(m.sender)
        from_owner = fold_name(name) != them and _is_owner(name, owner, False)
        text = clean(m.text).strip()
        occurrence = (fold_name(name), text)
        seen[occurrence] = seen.get(occurrence, 0) + 1
        key = stable_id("paste-msg-", thread, *occurrence, str(seen[occurrence]))
        at = m.sent_at or last_at or ctx.now()
        last_at = at
        if work.contains("messages", key):
            summary.known_messages += 1
            continue
        message = Message(
            key, thread, at,
            sender_id="" if from_owner else person.id,
            sender_name=name,
            recipient_ids=(person.id,) if from_owner else (),
            text=text, folder="pasted", from_owner=from_owner,
        )  # fmt: skip
        stored.append(message)
    _screen_messages(work, stored, person)
    for message in stored:
        work.put(None, message)
    summary.messages = len(stored)
    work.touch(person.id)
    reply = _reply(work, person, stored)
    if stored:
        work.extra.extend(interaction_changes(ctx, person.id, max(m.at for m in stored)))
    summary.line = (
        f"{summary.messages:,} message{'s' * (summary.messages != 1)} with {person.name} saved"
        + (f", {summary.known_messages:,} already saved" if summary.known_messages else "")
        + (f"; their reply to your thank-you note: {reply}" if reply else "")
    )
    summary.reply_kind = reply


def _screen_messages(work: Work, messages: list[Message], person: Person) -> None:
    """Their messages get verdicts, screened together (the user's own are not judged)."""
    batch = Batch(work.ctx.owner_first_name, work.ctx.now())
    for m in messages:
        if not m.from_owner:
            batch.add_message(m.id, m.text, person.name)
    verdicts = batch.run()[1]
    for n, m in enumerate(messages):
        if m.id in verdicts:
            messages[n] = replace(m, verdict=verdicts[m.id])


_KINDS = {"personal": ReplyKind.PERSONAL, "canned": ReplyKind.CANNED, "pitch": ReplyKind.PITCH}


def _reply(work: Work, person: Person, messages: list[Message]) -> str | None:
    """Their first message after the sent thank-you note, as its reply when none is recorded."""
    note = work.ctx.store.note_for(person.id)
    if note is None or note.sent_at is None or note.reply is not None:
        return None
    later = sorted((m for m in messages if not m.from_owner and m.at > note.sent_at),
                   key=lambda m: m.at)  # fmt: skip
    for m in later:
        verdict = screen_reply(work.ctx, m.text, person)
        kind = _KINDS.get(verdict.label) if verdict is not None else None
        if kind is None:
            continue  # no readable words: not an answer
        after = replace(note, reply=Reply(kind, m.text, m.at, verdict))
        work.extra.append(change(note, after))
        return kind.value
    return None
