"""Conversations: people marked for a real conversation, overdue first, then soonest due, undated
last; ties by name, then id."""

from __future__ import annotations

from netinbox.model import ConversationMark, Person
from netinbox.services.context import Context
from netinbox.services.dates import WhenError, cadence_text, parse_cadence
from netinbox.services.lists.rows import ConversationRow


def conversations(ctx: Context) -> list[ConversationRow]:
    now = ctx.now()
    rows = []
    for mark in ctx.store.conversations():
        person = ctx.store.person(mark.person_id) or Person(mark.person_id)
        overdue = mark.due_at is not None and mark.due_at < now
        rule, text = _cadence(mark)
        rows.append(ConversationRow(person, mark, overdue, text, rule))

    def order(row: ConversationRow) -> tuple:
        due = row.mark.due_at
        when = due.timestamp() if due else 0.0
        return (not row.overdue, due is None, when, row.person.name.casefold(), row.person.id)

    return sorted(rows, key=order)


def _cadence(mark: ConversationMark) -> tuple[str, str]:
    """(rule, text) of a mark's cadence. A cadence edited by hand into something unreadable is
    shown as it is rather than hiding the row."""
    try:
        rule = parse_cadence(mark.cadence)
    except WhenError:
        return "", mark.cadence
    return rule, cadence_text(rule)
