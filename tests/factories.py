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


def add_follow_through_people(ctx: Context) -> None:
    """The demo plus someone on every never-responded filter and its edges, an invitation, and an
    overdue conversation with a cadence: one database on which every list has people."""
    from dataclasses import replace

    from netinbox.model import SPAM_FLAG, ReplyKind
    from netinbox.services import conversations
    from netinbox.services.demo import load_demo
    from netinbox.services.followthrough import archive

    day = timedelta(days=1)
    load_demo(ctx)
    now = ctx.now()
    add_sent_note(ctx, "old", days_ago=40, first="Olga", last="Old", connected_at=now - 41 * day)
    add_sent_note(ctx, "edge", days_ago=7, first="Eda", last="Edge")
    add_sent_note(ctx, "fresh", days_ago=2, first="Fred", last="Fresh")
    add_sent_note(ctx, "pitcher", days_ago=3, reply=Reply(ReplyKind.PITCH, "calendly"))
    add_sent_note(ctx, "canned", days_ago=9, reply=Reply(ReplyKind.CANNED, "👍"))
    add_sent_note(ctx, "spammer", days_ago=12, first="Sam", flags=(SPAM_FLAG,))
    add_sent_note(ctx, "viewer", days_ago=20, profile_views=(now - 5 * day,))
    add_sent_note(ctx, "put-away", days_ago=25)
    archive(ctx, ["put-away"])
    add_invitation(ctx, "newcomer", first="Nia", last="New")
    conversations.mark(ctx, "old", reason="catch up", due="2026-03-20", cadence="monthly")
    mark = ctx.store.conversation_for("old")  # and then it slipped: due ten days ago
    ctx.store.write_records([change(mark, replace(mark, due_at=now - 10 * day))])
