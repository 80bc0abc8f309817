"""Words to send: templates personalised with the person's name, and the personal-reply drafts."""

from __future__ import annotations

import re
from dataclasses import replace

from netinbox.model import Direction, Draft, Event, Person
from netinbox.services.context import ActionError, Context, change
from netinbox.services.conversations import interaction_changes
from netinbox.services.names import greeting_name
from netinbox.text import clean, one_line

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# A quoted note is a reminder of what they said, not the whole message.
THEIR_NOTE_LIMIT = 160


def placeholders(person: Person, my_first_name: str, their_note: str = "") -> dict[str, str]:
    """The value of each of config.TEMPLATE_VARIABLES for `person`."""
    return {
        "first_name": greeting_name(person),
        "last_name": person.last_name,
        "name": person.name,
        "company": person.company,
        "position": person.position,
        "their_note": their_note,
        "my_first_name": my_first_name,
    }


def render(template: str, person: Person, my_first_name: str, their_note: str = "") -> str:
    """Fill `{first_name}`-style placeholders; unknown ones stay visible for the check to flag."""
    values = placeholders(person, my_first_name, their_note)

    def fill(match: re.Match[str]) -> str:
        value = values.get(match.group(1))
        return value if value else match.group(0)

    return _PLACEHOLDER.sub(fill, template).strip() + ("\n" if template.endswith("\n") else "")


def unfilled_placeholders(text: str) -> list[str]:
    """The `{names}` a template left in `text` (a value we did not have, or a typo), in order."""
    return sorted(set(_PLACEHOLDER.findall(text)))


def thank_you_text(ctx: Context, person: Person) -> str:
    template = ctx.settings.templates.get(ctx.settings.thank_you_template, "")
    return render(template, person, ctx.owner_first_name, their_note(ctx, person))


def their_note(ctx: Context, person: Person) -> str:
    """What they last wrote to the user: their reply to the thank-you note, else the note on
    their latest invitation ("" when they wrote nothing)."""
    note = ctx.store.note_for(person.id)
    if note is not None and note.reply is not None and note.reply.text.strip():
        return one_line(note.reply.text, THEIR_NOTE_LIMIT)
    invitations = sorted(ctx.store.invitations_of(person.id), key=lambda i: i.received_at)
    for invitation in reversed(invitations):
        if invitation.direction is Direction.INCOMING and invitation.note.strip():
            return one_line(invitation.note, THEIR_NOTE_LIMIT)
    return ""


def save_draft(ctx: Context, person_id: str, text: str, template: str = "") -> Event:
    person = _person(ctx, person_id)
    text = clean(text)
    before = ctx.store.draft_for(person_id)
    now = ctx.now()
    if before is not None and before.sent_at is None:
        if before.text == text and before.template == template:
            raise ActionError("draft unchanged")
        after = replace(before, text=text, template=template, updated_at=now)
        before_record: Draft | None = before
    else:
        # A sent draft is history; a new reply starts a new draft (the old one stays in the log).
        after = Draft(ctx.store.new_id("draft"), person_id, text, now, template)
        before_record = None
    return ctx.store.commit(
        Event(
            "",
            now,
            "save_draft",
            f"Saved a draft for {person.name}",
            (person_id,),
            (change(before_record, after),),
        )
    )


def mark_draft_sent(ctx: Context, person_id: str, text: str | None = None) -> Event:
    person = _person(ctx, person_id)
    before = ctx.store.draft_for(person_id)
    now = ctx.now()
    if before is None or before.sent_at is not None:
        if text is None:
            raise ActionError(f"no unsent draft for {person.name}")
        before = None
        after = Draft(ctx.store.new_id("draft"), person_id, clean(text), now, "", now)
    else:
        after = replace(
            before,
            text=clean(text) if text is not None else before.text,
            updated_at=now,
            sent_at=now,
        )
    return ctx.store.commit(
        Event(
            "",
            now,
            "send_draft",
            f"Marked the reply to {person.name} as sent",
            (person_id,),
            (change(before, after), *interaction_changes(ctx, person_id, now)),
        )
    )


def _person(ctx: Context, person_id: str) -> Person:
    person = ctx.store.person(person_id)
    if person is None:
        raise ActionError(f"no person with id {person_id!r}")
    return person
