"""Conversation marks for tests: nine o'clock dates, a later clock, the active mark, a raw mark."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from dateutil import tz

from netinbox.clock import Clock
from netinbox.model import ConversationMark
from netinbox.services import Context
from netinbox.services.context import change
from tests.factories import add_person

UTC = tz.UTC


def at9(year: int, month: int, day: int, zone=UTC) -> datetime:
    return datetime(year, month, day, 9, 0, tzinfo=zone)


def later(ctx: Context, moment: datetime) -> Context:
    """The same database, with the clock at `moment`."""
    return Context(ctx.store, Clock(moment), ctx.settings)


def active(ctx: Context, person_id: str) -> ConversationMark:
    found = ctx.store.conversation_for(person_id)
    assert found is not None
    return found


def put_mark(ctx: Context, person_id: str, **fields) -> ConversationMark:
    """A mark written as it would be on disk (for cadences saved before RRULE)."""
    if ctx.store.person(person_id) is None:
        add_person(ctx, person_id)
    mark = ConversationMark(f"m-{person_id}", person_id, "", fields.pop("created_at", ctx.now()))
    mark = replace(mark, **fields)
    ctx.store.write_records([change(None, mark)])
    return mark
