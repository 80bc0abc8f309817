"""Undo: every logged action can be taken back, most recent first, across restarts."""

from __future__ import annotations

from netinbox.model import Event
from netinbox.services.context import ActionError, Context


def undo(ctx: Context) -> Event:
    event = ctx.store.last_undoable()
    if event is None:
        raise ActionError("nothing to undo")
    ctx.store.undo(event, ctx.now())
    return event
