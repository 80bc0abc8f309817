"""What every service needs: the store, the clock and the user's settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.model import Change
from netinbox.store import Store
from netinbox.store.codec import table_and_doc


class ActionError(Exception):
    """An action that cannot be done as asked; the message is shown to the user as is."""


@dataclass
class Context:
    store: Store
    clock: Clock
    settings: Settings = field(default_factory=Settings)

    def now(self) -> datetime:
        return self.clock.now()

    @property
    def owner_first_name(self) -> str:
        owner = self.store.meta("owner") or {}
        return str(owner.get("first_name") or self.settings.owner_first_name or "")


def change(before: object | None, after: object | None) -> Change:
    """A Change between two versions of one record (either may be None)."""
    record = after if after is not None else before
    if record is None:
        raise ValueError("a change needs a record on at least one side")
    table, key, _ = table_and_doc(record)
    before_doc = table_and_doc(before)[2] if before is not None else None
    after_doc = table_and_doc(after)[2] if after is not None else None
    return Change(table, key, before_doc, after_doc)
