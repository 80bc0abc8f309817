"""Small builders for test data: a person with a pending invitation, an accepted contact, …"""

from __future__ import annotations

from datetime import timedelta

from netinbox.model import Invitation, Person, Reply, ThankYouNote
from netinbox.services import Context
from netinbox.services.context import change

HOSTILE = {
    "close_tag": "[/x]",
    "click": "[@click=app.quit]boom",
    "style": "[bold red]x",
    "osc52": "\x1b]52;c;aGk=\x07",
    "clear": "\x1b[2J",
}


def add_person(
    ctx: Context, person_id: str, first: str = "Ana", last: str = "Silva", **fields
) -> Person:
    person = Person(person_id, first, last, **fields)
    ctx.store.write_records([change(None, person)])
    return person


def add_invitation(
    ctx: Context, person_id: str, note: str = "", hours_ago: int = 2, **person_fields
) -> Invitation:
    if ctx.store.person(person_id) is None:
        add_person(ctx, person_id, **person_fields)
    invitation = Invitation(
        f"inv-{person_id}", person_id, ctx.now() - timedelta(hours=hours_ago), note=note
    )
    ctx.store.write_records([change(None, invitation)])
    return invitation


def add_sent_note(
    ctx: Context,
    person_id: str,
    days_ago: int = 3,
    reply: Reply | None = None,
    text: str = "Thanks for connecting!",
    **person_fields,
) -> ThankYouNote:
    if ctx.store.person(person_id) is None:
        add_person(ctx, person_id, **person_fields)
    sent = ctx.now() - timedelta(days=days_ago)
    note = ThankYouNote(
        f"note-{person_id}", person_id, text, sent - timedelta(hours=1), sent, reply
    )
    ctx.store.write_records([change(None, note)])
    return note
