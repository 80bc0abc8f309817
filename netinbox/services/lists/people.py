"""Everyone in the database, by last name, then first name, then id."""

from __future__ import annotations

from collections.abc import Sequence

from netinbox.model import Person
from netinbox.services.context import Context
from netinbox.services.lists.rows import PersonRow


def _order(person: Person) -> tuple[str, str, str]:
    return (person.last_name.casefold(), person.first_name.casefold(), person.id)


def people(ctx: Context) -> Sequence[PersonRow]:
    """Every person: the order needs every name, so the whole table is read."""
    return [PersonRow(person) for person in sorted(ctx.store.people(), key=_order)]
