"""Conversations: people marked for a real conversation, overdue first, then soonest due."""

from __future__ import annotations

from netinbox.model import Person
from netinbox.services.context import Context
from netinbox.services.lists.rows import ConversationRow


def conversations(ctx: Context) -> list[ConversationRow]:
    now = ctx.now()
    rows = []
    for mark in ctx.store.conversations():
        person = ctx.store.person(mark.person_id) or Person(mark.person_id)
        overdue = mark.due_at is not None and mark.due_at < now
        rows.append(ConversationRow(person, mark, overdue, mark.cadence, ""))

    def order(row: ConversationRow) -> tuple:
        due = row.mark.due_at
        return (not row.overdue, due is None, due.timestamp() if due else 0.0, row.person.name)

    return sorted(rows, key=order)
