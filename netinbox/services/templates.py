"""Which template fits where a person stands, and the draft it gives for them.

The template offered must not claim what did not happen: "thanks for your reply" after silence is
the kind of canned message the user wants to avoid sending, so the choice follows the record
(invitation, thank-you note, what came back, a marked conversation), most pressing first.
"""

from __future__ import annotations

from netinbox.model import InvitationStatus, Person, ReplyKind
from netinbox.services.context import ActionError, Context
from netinbox.services.drafting import render, their_note


def choose_template(ctx: Context, person: Person) -> str:
    """The name of the template that fits `person` now."""
    store = ctx.store
    invitation = store.pending_invitation(person.id)
    if invitation is not None and invitation.status is InvitationStatus.PENDING:
        # Still undecided: a decline note only for what the screening (or the user) judged a
        # pitch, a fake or a list-builder; a real person's note gets a plain greeting.
        verdict = invitation.verdict
        if verdict is not None and verdict.shown_label in ("pitch", "likely_fake", "list_builder"):
            return "decline-note"
        return "blank"
    note = store.note_for(person.id)
    if note is not None and note.sent_at is None:
        return ctx.settings.thank_you_template
    mark = store.conversation_for(person.id)
    if mark is not None and mark.done_at is None:
        return "follow-up"
    if note is None:
        return "blank"
    kind = note.reply.kind if note.reply is not None else ReplyKind.NONE
    if kind is ReplyKind.PERSONAL:
        return "follow-up"
    if kind is ReplyKind.PITCH:
        return "pitch-reply"
    # Nothing, or a canned line that says nothing: a nudge, never thanks for a reply.
    return "no-reply-nudge"


def template_text(ctx: Context, name: str) -> str:
    """The text of template `name` (an ActionError naming the known ones if there is none)."""
    templates = ctx.settings.templates
    if name not in templates:
        raise ActionError(f"no template named {name!r}; known: {', '.join(sorted(templates))}")
    return templates[name]


def draft_from_template(ctx: Context, person: Person, name: str | None = None) -> str:
    """Template `name` (else the one that fits) rendered for `person`."""
    text = template_text(ctx, name or choose_template(ctx, person))
    return render(text, person, ctx.owner_first_name, their_note(ctx, person))
