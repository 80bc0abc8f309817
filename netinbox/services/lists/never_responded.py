"""Never responded: accepted contacts whose thank-you note got no personal reply.

The list is each person's latest sent note that has nothing recorded back and has waited at least
the threshold, or whose reply was recorded as nothing, a pitch or a canned one-tap answer (those
whatever their age). Oldest sent first. It is chosen and ordered from the store's index of sent
notes, so a heavy database's thousands of notes are not read to show the first screenful.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from netinbox.model import SPAM_FLAG, Person, ReplyKind
from netinbox.services.context import ActionError, Context
from netinbox.services.lists.lazy import Item, LazyRows, ListChanged, is_marked, person_of
from netinbox.services.lists.rows import NeverRespondedRow

ONLY = ("unviewed", "pitch", "canned", "flagged", "archived")
# Recorded replies that are not a real answer: the person stays on the list whatever the age.
_NOT_AN_ANSWER = frozenset({ReplyKind.NONE.value, ReplyKind.PITCH.value, ReplyKind.CANNED.value})
_NEEDS_PEOPLE = frozenset({"unviewed", "flagged"})


def viewed_after(person: Person, sent_at: datetime) -> bool:
    """Whether they viewed my profile since accepting (since the note went out, `sent_at`, when
    the day of connecting is unknown)."""
    since = person.connected_at or sent_at
    return any(at >= since for at in person.profile_views)


def never_responded(
    ctx: Context, days: int | None = None, only: str | None = None
) -> Sequence[NeverRespondedRow]:
    """The never-responded list; `days` overrides the never_responded_days setting, and `only`
    narrows it to one of ONLY ("archived" shows just the archived notes, left out otherwise)."""
    if days is None:
        days = ctx.settings.never_responded_days
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ActionError(f"the never-responded threshold must be 0 days or more, not {days!r}")
    if only is not None and only not in ONLY:
        raise ActionError(f"unknown never-responded filter {only!r}; use one of: {', '.join(ONLY)}")
    now = ctx.now()
    cutoff = (now - timedelta(days=days)).timestamp()
    chosen: list[tuple[float, str, str]] = []
    for key, (person_id, sent, kind, archived) in _latest_sent(ctx.store.sent_notes()).items():
        waited = kind == "" and sent <= cutoff
        if not (waited or kind in _NOT_AN_ANSWER) or archived != (only == "archived"):
            continue
        if only in ("pitch", "canned") and kind != only:
            continue
        chosen.append((sent, person_id, key))
    chosen.sort()
    items: list[Item] = [(person_id, key) for _, person_id, key in chosen]
    if only in _NEEDS_PEOPLE:
        sent_at = {key: sent for sent, _, key in chosen}
        facts = ctx.store.person_facts()
        items = [item for item in items if _passes(only, item, sent_at, facts)]

    def build(item: Item) -> NeverRespondedRow:
        person_id, key = item
        note = ctx.store.note(key)
        if note is None or note.sent_at is None:  # changed since the list was read
            raise ListChanged(f"the thank-you note {key!r} changed; reopen the list")
        person = person_of(ctx, person_id)
        return NeverRespondedRow(
            person,
            note,
            days_waiting=(now - note.sent_at).days,
            reply_kind=note.reply.kind.value if note.reply is not None else None,
            viewed_after=viewed_after(person, note.sent_at),
            flagged=SPAM_FLAG in person.flags,
            archived=note.archived_at is not None,
            marked=is_marked(ctx, person_id),
        )

    return LazyRows(items, build)


def _latest_sent(sent_notes: dict[str, list]) -> dict[str, list]:
    """Each person's most recently sent note (ties: the greater key), by note key."""
    latest: dict[str, tuple[float, str]] = {}
    for key, (person_id, sent, _kind, _archived) in sent_notes.items():
        best = latest.get(person_id)
        if best is None or (sent, key) > best:
            latest[person_id] = (sent, key)
    return {key: sent_notes[key] for _, key in latest.values()}


def _passes(only: str, item: Item, sent_at: dict[str, float], facts: dict[str, list]) -> bool:
    """The filters that need people, from the index of their flags and views: most people have
    neither, and none of them is read."""
    person_id, key = item
    flags, views, connected = facts.get(person_id) or ((), (), None)
    if only == "flagged":
        return SPAM_FLAG in flags
    since = connected if connected is not None else sent_at[key]
    return not any(at >= since for at in views)
