"""Verdicts for what an import brings: screened as one batch, written with the import's changes.

What is screened (everything else keeps the verdict it has):
- pending incoming invitations that are new, or that this import changes (their note, their
  person's profile) and so must be judged again, or that it touches while they have no verdict:
  their inviter's profile with the note (see `services.screening`). Stored ones the import does
  not touch keep their verdict; "Rescreen everything" judges those again;
- new replies to thank-you notes, as `reply_to_thanks`;
- of the new messages that others sent, the first one in each conversation (the opener: where an
  InMail, a pitch or a cold ask is), as `inmail`. The rest of a conversation, and the user's own
  messages, are not judged at import: screening all 100,000 messages of a heavy user's export
  would take the import past its 10-second budget, and "Rescreen everything" judges them all.

All of them go through one `screen_batch`, so a template sent by several people, or a burst of
invitations from one company, is found across the whole import. The verdict is put into the
change's document before anything is written (the import stays all or nothing), and a verdict the
user gave (`user_label`) is carried over.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from netinbox.model import Change, Person, StoredVerdict
from netinbox.services.verdicts import Batch, full_name, keep_user
from netinbox.store.codec import dump_verdict, load_invitation, load_verdict


def _needs_screening(change: Change, changed_people: set[str]) -> bool:
    after, before = change.after, change.before
    if after is None or after.get("status") != "pending":
        return False
    if (after.get("direction") or "incoming") != "incoming":
        return False
    if before is None or not after.get("verdict") or after["person_id"] in changed_people:
        return True
    return before.get("note") != after.get("note") or before.get("person_id") != after["person_id"]


def _new_reply(change: Change) -> dict | None:
    reply = (change.after or {}).get("reply")
    if not reply or not (reply.get("text") or "").strip():
        return None
    before = (change.before or {}).get("reply")
    return reply if not before else None


def _conversation_openers(changes: list[Change]) -> set[str]:
    """Keys of the earliest new message from someone else in each conversation."""
    first: dict[str, tuple[str, str]] = {}
    for change in changes:
        doc = change.after
        if change.table != "messages" or change.before is not None or doc is None:
            continue
        if doc.get("from_owner"):
            continue
        thread, at = doc.get("thread_id") or change.key, doc.get("at") or ""
        if thread not in first or at < first[thread][0]:
            first[thread] = (at, change.key)
    return {key for _, key in first.values()}


def add_verdicts(
    changes: list[Change],
    people: dict[str, Person],
    owner_first_name: str,
    now: datetime,
    on_screening: Callable[[int], None] | None = None,
) -> int:
    """Screen what `changes` bring and put the verdicts into their documents, in place.
    `people` is everyone as they will be after the import. Returns how many items were screened."""
    changed_people = {c.key for c in changes if c.table == "people" and c.after is not None}
    openers = _conversation_openers(changes)
    batch = Batch(owner_first_name, now)
    targets: list[tuple[str, dict, StoredVerdict | None]] = []  # (result key, doc, old verdict)
    for change in changes:
        if change.table == "invitations" and _needs_screening(change, changed_people):
            invitation = load_invitation(change.key, change.after)
            batch.add_invitation(invitation, people.get(invitation.person_id))
            # The document carries the verdict the record had (moves and note fills keep it).
            targets.append((f"i:{change.key}", change.after, invitation.verdict))
        elif change.table == "notes" and (reply := _new_reply(change)) is not None:
            sender = full_name(people.get(change.after["person_id"]))
            batch.add_message(f"n:{change.key}", reply["text"], sender, "reply_to_thanks")
            targets.append((f"n:{change.key}", reply, load_verdict(reply.get("verdict"))))
        elif change.table == "messages" and change.before is None and change.after is not None:
            doc = change.after
            if doc.get("from_owner") or doc.get("verdict") or change.key not in openers:
                continue
            key = f"m:{change.key}"
            batch.add_message(key, doc.get("text") or "", doc.get("sender_name") or "")
            targets.append((key, doc, None))
    if not len(batch):
        return 0
    if on_screening is not None:
        on_screening(len(batch))
    by_invitation, by_message = batch.run()
    for key, doc, old in targets:
        new = by_invitation[key[2:]] if key.startswith("i:") else by_message[key]
        doc["verdict"] = dump_verdict(keep_user(old, new))
    return len(targets)
