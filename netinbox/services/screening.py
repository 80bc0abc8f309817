"""Screening our own records: SCREENING.md's inputs built from people, invitations, replies and
messages, judged by `netinbox.screening`, and the verdicts kept with the records they judge.

One label per invitation. The inviter's profile is screened together with their note (SCREENING.md's
profile input with `invitation_note`), and a non-empty note is also screened on its own as an
`invitation_note` message, because only that says *why* a note is a pitch. The label is the first
that applies, most serious first:

1. likely_fake  - the profile says so (a scam persona matters more than what it sells);
2. pitch        - the note is a pitch (scheduler link, "I help X do Y", …);
3. list_builder - the profile says so;
4. unchecked    - the profile carries no facts (no network size, activity, education or
                  experience: the rule is in `netinbox.screening.facts`), so nothing is judged;
5. genuine      - otherwise.

The deciding verdict's reasons come first, then the other verdict's (the note's reasons explain a
list-builder's generic note, the profile's explain a pitcher's huge network, and an unchecked
profile's one reason says what is missing: `missing_facts` gives the same list for a card).

Replies to thank-you notes are screened as `reply_to_thanks`, imported messages as `inmail`; the
user's own messages are not screened. Everything screened together goes through one
`screen_batch`, so a template sent by several people or a burst of invitations from one company is
found across the whole import or rescreen. A verdict's `user_label` (the user's override) is never
replaced by the machine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any, TypeVar

from netinbox.model import (
    INVITATION_LABELS,
    Change,
    Event,
    Invitation,
    InvitationStatus,
    Person,
    StoredVerdict,
)
from netinbox.services.context import ActionError, Context, change
from netinbox.services.verdicts import Batch, full_name, keep_user, missing_facts, same_judgement

__all__ = [
    "OnStore",
    "Progress",
    "RescreenResult",
    "missing_facts",
    "override",
    "prepare",
    "rescreen",
    "screen_one_invitation",
    "screen_reply",
]
from netinbox.store import codec

# progress(stage, done, total); total 0 means "no measure of how far" (the screening itself).
Progress = Callable[[str, int, int], None]


def prepare() -> None:
    """Load and compile the screening rules now (about 0.2 s), so that the first reply recorded or
    invitation screened later does not pay for it on a keypress."""
    from netinbox.screening import screen_batch

    screen_batch(
        [
            {"id": "m", "text": "Thanks for connecting! Worth a quick call?", "kind": "inmail"},
            {"id": "p", "name": "A B", "connections": 1, "education": [], "experience": []},
        ]
    )


def screen_reply(ctx: Context, text: str, person: Person | None) -> StoredVerdict | None:
    """The verdict on one reply to a thank-you note (None when there is no text to judge)."""
    if not text.strip():
        return None
    batch = Batch(ctx.owner_first_name, ctx.now())
    batch.add_message("reply", text, full_name(person), "reply_to_thanks")
    return batch.run()[1]["reply"]


def screen_one_invitation(ctx: Context, invitation: Invitation) -> StoredVerdict:
    batch = Batch(ctx.owner_first_name, ctx.now())
    batch.add_invitation(invitation, ctx.store.person(invitation.person_id))
    return batch.run()[0][invitation.id]


# --- full rescreen --------------------------------------------------------------------------------


T = TypeVar("T")
# Runs a function where the store may be used and returns its result. The app passes
# `App.call_from_thread`: every read and the write then happen on the UI thread, between key
# presses, so no user action can interleave with them; only the screening runs in the worker.
OnStore = Callable[[Callable[[], T]], T]
READ_CHUNK = 1_000  # records read per UI-thread call: well under 0.1 s each
WRITE_CHUNK = 1_000  # records written per UI-thread call (one journal line each)


@dataclass
class RescreenResult:
    """What a rescreen did: how much it screened, how many verdicts it stored, labels found."""

    invitations: int = 0
    replies: int = 0
    messages: int = 0
    changed: int = 0
    labels: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        labels = ", ".join(
            f"{count:,} {label.replace('_', '-')}" for label, count in sorted(self.labels.items())
        )
        return (
            f"Rescreened {self.invitations:,} invitations, {self.replies:,} replies and "
            f"{self.messages:,} messages: {self.changed:,} verdicts changed"
            + (f"; pending: {labels}" if labels else "")
        )


def _chunked(
    on_store: OnStore,
    records: Callable[[], Iterator[Any]],
    keep: Callable[[Any], Any],
    tick: Callable[[], None],
) -> list[Any]:
    """Everything `records()` yields, kept as `keep(record)` (None: dropped), read in chunks."""
    for _attempt in range(3):
        iterator = records()
        kept: list[Any] = []
        try:
            while True:
                chunk = on_store(lambda it=iterator: list(islice(it, READ_CHUNK)))
                kept.extend(k for k in map(keep, chunk) if k is not None)
                tick()
                if len(chunk) < READ_CHUNK:
                    return kept
        except KeyError:
            continue  # a record went away between two chunks (an undo): read the table again
    raise ActionError("the data kept changing while it was read; try the rescreen again")


def _read_everything(
    ctx: Context, run: OnStore, tick: Callable[[], None]
) -> tuple[list[Invitation], list[tuple[str, str, str]], list[tuple], dict[str, Person | None]]:
    """Every invitation; (note id, person id, text) of every reply with text; (id, text, sender,
    verdict) of every message others sent (the user's own are not judged); the people of the
    invitations and replies. All read on the store's thread, a chunk at a time."""
    store = ctx.store
    invitations = _chunked(run, lambda: store.records("invitations"), lambda i: i, tick)
    replies = _chunked(
        run,
        lambda: store.records("notes"),
        lambda n: (
            (n.id, n.person_id, n.reply.text)
            if n.reply is not None and n.reply.text.strip()
            else None
        ),
        tick,
    )
    messages = _chunked(
        run,
        lambda: store.records("messages"),
        lambda m: None if m.from_owner else (m.id, m.text, m.sender_name, m.verdict),
        tick,
    )
    wanted = list(
        dict.fromkeys([i.person_id for i in invitations] + [pid for _, pid, _ in replies])
    )
    people: dict[str, Person | None] = {}
    for start in range(0, len(wanted), READ_CHUNK):
        ids = wanted[start : start + READ_CHUNK]
        people.update(run(lambda ids=ids: {pid: store.person(pid) for pid in ids}))
    return invitations, replies, messages, people


def rescreen(
    ctx: Context, progress: Progress | None = None, on_store: OnStore | None = None
) -> RescreenResult:
    """Screen every invitation, reply and message again, in one batch, and store the verdicts in
    one write. User overrides stay; records whose verdict is unchanged are not rewritten. Not an
    undoable action (like an import): it changes no decision, only the machine's opinion."""
    report = progress or (lambda stage, done, total: None)
    run: OnStore = on_store or (lambda fn: fn())
    store = ctx.store
    total = run(lambda: sum(store.count(t) for t in ("invitations", "notes", "messages")))
    done = 0

    def tick() -> None:
        nonlocal done
        done = min(done + READ_CHUNK, total)
        report("Reading", done, total)

    report("Reading", 0, total)
    invitations, replies, messages, people = _read_everything(ctx, run, tick)
    owner = run(lambda: ctx.owner_first_name)  # read from the store's meta
    batch = Batch(owner, ctx.now())
    for invitation in invitations:
        batch.add_invitation(invitation, people.get(invitation.person_id))
    for note_id, person_id, text in replies:
        batch.add_message(f"n:{note_id}", text, full_name(people.get(person_id)), "reply_to_thanks")
    for message_id, text, sender, _ in messages:
        batch.add_message(f"m:{message_id}", text, sender)
    people.clear()
    report(f"Screening {len(batch):,} items", 0, 0)
    by_invitation, by_message = batch.run()

    result = RescreenResult(len(invitations), len(replies), len(messages))
    for invitation in invitations:  # what the user is deciding on: the pending ones
        if invitation.status is InvitationStatus.PENDING:
            label = by_invitation[invitation.id].label
            result.labels[label] = result.labels.get(label, 0) + 1
    # Only messages whose verdict changed are looked at again; the rest stay as they are.
    changed_messages = []
    for message_id, _, _, old in messages:
        new = keep_user(old, by_message[f"m:{message_id}"])
        if not same_judgement(old, new):
            changed_messages.append((message_id, new))
    del messages
    report("Saving", total, total)
    # Messages change only by import (never while a rescreen runs), so their new documents can
    # be prepared chunk by chunk; invitations and replies are checked against what they are at
    # the moment of the write, in the same call as the write.
    message_changes: list[Change] = []
    for start in range(0, len(changed_messages), READ_CHUNK):
        part = changed_messages[start : start + READ_CHUNK]
        message_changes += run(lambda part=part: _message_changes(ctx, part))
    # Written in small change sets, each its own durable journal line and its own short turn on
    # the UI thread: one 80,000-record write would hold the UI for seconds on a heavy database.
    # Invitations and replies are compared with what they are at the moment of each write (the
    # user may have acted meanwhile). Folding the journal into a snapshot is left for closing.
    run(ctx.store.defer_compaction)
    written = 0
    invitation_ids = list(by_invitation)
    steps: list[Callable[[], list[Change]]] = [
        (
            lambda ids=invitation_ids[i : i + WRITE_CHUNK]: _decision_changes(
                ctx, {k: by_invitation[k] for k in ids}, [], by_message
            )
        )
        for i in range(0, len(invitation_ids), WRITE_CHUNK)
    ]
    steps += [
        (lambda part=replies[i : i + WRITE_CHUNK]: _decision_changes(ctx, {}, part, by_message))
        for i in range(0, len(replies), WRITE_CHUNK)
    ]
    steps += [
        (lambda part=message_changes[i : i + WRITE_CHUNK]: part)
        for i in range(0, len(message_changes), WRITE_CHUNK)
    ]
    for number, step in enumerate(steps, 1):
        written += run(lambda step=step: _write(ctx, step()))
        report("Saving", number, len(steps))
    run(lambda: ctx.store.write_meta({"rescreened_at": ctx.now().isoformat()}))
    result.changed = written
    report("Done", total, total)
    return result


def _message_changes(ctx: Context, changed: list[tuple[str, StoredVerdict]]) -> list[Change]:
    changes = []
    for message_id, new in changed:
        doc = ctx.store.record_doc("messages", message_id)
        if doc is None:
            continue
        # Patched as a document: decoding and re-encoding 100,000 messages would double the time.
        after = dict(doc)
        old = codec.load_verdict(doc.get("verdict"))
        after["verdict"] = codec.dump_verdict(keep_user(old, new))
        changes.append(Change("messages", message_id, doc, after))
    return changes


def _write(ctx: Context, changes: list[Change]) -> int:
    if changes:
        ctx.store.write_records(changes)
    return len(changes)


def _decision_changes(
    ctx: Context,
    by_invitation: dict[str, StoredVerdict],
    replies: list[tuple[str, str, str]],
    by_message: dict[str, StoredVerdict],
) -> list[Change]:
    """The new verdicts on invitations and replies as they are *now* (the user may have acted
    since they were read)."""
    store = ctx.store
    changes: list[Change] = []
    for invitation_id, new in by_invitation.items():
        doc = store.record_doc("invitations", invitation_id)
        if doc is None:
            continue  # gone since (an undone import)
        current = codec.load_invitation(invitation_id, doc)
        verdict = keep_user(current.verdict, new)
        if not same_judgement(current.verdict, verdict):
            changes.append(change(current, replace(current, verdict=verdict)))
    for note_id, _, text in replies:
        doc = store.record_doc("notes", note_id)
        current = codec.load_note(note_id, doc) if doc is not None else None
        if current is None or current.reply is None or current.reply.text != text:
            continue  # the reply was undone or changed since it was read
        verdict = keep_user(current.reply.verdict, by_message[f"n:{note_id}"])
        if not same_judgement(current.reply.verdict, verdict):
            after = replace(current, reply=replace(current.reply, verdict=verdict))
            changes.append(change(current, after))
    return changes


# --- the user's own verdict -----------------------------------------------------------------------


def override(ctx: Context, person_id: str, label: str) -> Event:
    """Set (or with "" clear) the user's verdict on a pending invitation; undoable."""
    if label and label not in INVITATION_LABELS:
        raise ActionError(f"unknown verdict {label!r}: one of {', '.join(INVITATION_LABELS)}")
    person = ctx.store.person(person_id)
    if person is None:
        raise ActionError(f"no person with id {person_id!r}")
    invitation = ctx.store.pending_invitation(person_id)
    if invitation is None:
        raise ActionError(f"{person.name} ({person_id}) has no pending invitation")
    mine = invitation.verdict.user_label if invitation.verdict else ""
    if not label and not mine:
        raise ActionError(f"no verdict of yours on {person.name} to clear")
    if label and label == mine:
        raise ActionError(f"{person.name} is already marked {label.replace('_', ' ')} by you")
    # Never screened (an invitation added by hand): screen it now, so the override has a
    # machine verdict beside it to be compared with.
    current = invitation.verdict or screen_one_invitation(ctx, invitation)
    after = replace(invitation, verdict=replace(current, user_label=label))
    summary = (
        f"Marked {person.name} as {label.replace('_', ' ')}"
        if label
        else f"Cleared your verdict on {person.name}"
    )
    return ctx.store.commit(
        Event(
            "", ctx.now(), "override_verdict", summary, (person_id,), (change(invitation, after),)
        )
    )
