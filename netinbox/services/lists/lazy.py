"""A list whose rows are built only when read, and the small lookups every row builder shares.

A heavy user's lists hold thousands of notes: reading and decoding all of them to show the first
screenful would cost far more than the screen needs. The queries choose and order the people from
the store's index maps, and hand back a `LazyRows` that builds a row the first time it is read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar, overload

from netinbox.model import Person
from netinbox.services.context import ActionError, Context

RowT = TypeVar("RowT")


class ListChanged(ActionError):
    """A row's record changed or went away after its list was read: read the list again."""


# (person id, record key): what a query chose, in its order, before anything is read.
Item = tuple[str, str]


class LazyRows(Sequence[RowT]):
    """The rows of one list, in order; each is built on first access and then kept."""

    __slots__ = ("_build", "_built", "_items")

    def __init__(self, items: Sequence[Item], build: Callable[[Item], RowT]) -> None:
        self._items = items
        self._build = build
        self._built: dict[int, RowT] = {}

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> RowT: ...

    @overload
    def __getitem__(self, index: slice) -> list[RowT]: ...

    def __getitem__(self, index: int | slice) -> RowT | list[RowT]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._items)))]
        position = index + len(self._items) if index < 0 else index
        if not 0 <= position < len(self._items):
            raise IndexError("row index out of range")
        row = self._built.get(position)
        if row is None:
            row = self._built[position] = self._build(self._items[position])
        return row

    @property
    def person_ids(self) -> list[str]:
        """Who is on the list, in order, without building a row (to keep a cursor on someone)."""
        return [person_id for person_id, _ in self._items]


def person_of(ctx: Context, person_id: str) -> Person:
    """The person, or a bare stand-in named by their id when the record is missing: a row is
    still shown (and can be acted on) rather than the list failing."""
    return ctx.store.person(person_id) or Person(person_id)


def is_marked(ctx: Context, person_id: str) -> bool:
    """Whether the person has an active conversation mark (one index lookup)."""
    return ctx.store.conversation_for(person_id) is not None
