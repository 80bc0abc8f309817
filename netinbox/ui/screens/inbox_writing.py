"""The Inbox's writing actions: draft a reply or the thank-you note (`r`), mark for a
conversation (`c`), record what came back (`R`). A mixin of `InboxScreen`, kept apart to keep
files short.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from netinbox.services import conversations, drafting, followup
from netinbox.ui.widgets.person_card import context_text
from netinbox.ui.widgets.verdict_text import label_text

if TYPE_CHECKING:
    from netinbox.ui.dialogs.conversation import ConversationInput
    from netinbox.ui.dialogs.draft_editor import DraftOutcome, DraftRequest
    from netinbox.ui.screens.inbox import InboxScreen


class WritingActions:
    """Mixed into InboxScreen (which provides ctx, notes, _attempt, _refresh_row, …)."""

    def action_reply(self: InboxScreen) -> None:
        person_id = self._person_or_warn()
        if person_id is None:
            return
        from netinbox.ui.dialogs.draft_editor import DraftEditor, DraftRequest

        store = self.ctx.store
        person = store.person(person_id)
        note = store.note_for(person_id)
        settings = self.ctx.settings
        data = self._card_data(person_id)
        context = context_text(data, self.ctx.now()) if data else Text()
        if note is not None and note.sent_at is None:
            request = DraftRequest(
                person,
                "thank-you",
                note.text,
                context,
                settings.templates,
                settings.thank_you_template,
                self.ctx.owner_first_name,
                self.cursor_blink,
            )
        else:
            draft = store.draft_for(person_id)
            if draft is not None and draft.sent_at is None:
                text, template = draft.text, draft.template
            else:
                template = "follow-up" if note is not None else "blank"
                text = drafting.render(
                    settings.templates.get(template, ""), person, self.ctx.owner_first_name
                )
            request = DraftRequest(
                person,
                "reply",
                text,
                context,
                settings.templates,
                template,
                self.ctx.owner_first_name,
                self.cursor_blink,
            )
        self.app.push_screen(
            DraftEditor(request), lambda outcome: self._draft_closed(request, outcome)
        )

    def _draft_closed(
        self: InboxScreen, request: DraftRequest, outcome: DraftOutcome | None
    ) -> None:
        if outcome is None:
            return
        person_id = request.person.id
        ctx = self.ctx
        if request.kind == "thank-you":
            if outcome.sent:
                event = self._attempt(lambda: followup.mark_sent(ctx, person_id, outcome.text))
            elif outcome.text != request.text:
                event = self._attempt(lambda: followup.edit_note(ctx, person_id, outcome.text))
            else:
                return
        elif outcome.sent:
            event = self._attempt(lambda: drafting.mark_draft_sent(ctx, person_id, outcome.text))
        else:
            event = self._attempt(
                lambda: drafting.save_draft(ctx, person_id, outcome.text, outcome.template)
            )
        if event is None:
            return
        if request.kind == "thank-you" and outcome.sent:
            self.reload(focus_person=person_id)
        else:
            self._refresh_row(person_id)
            self.update_card()
        self._done(event.summary)

    def action_conversation(self: InboxScreen) -> None:
        person_id = self._person_or_warn()
        if person_id is None:
            return
        from netinbox.ui.dialogs.conversation import ConversationDialog

        person = self.ctx.store.person(person_id)
        current = self.ctx.store.conversation_for(person_id)
        self.app.push_screen(
            ConversationDialog(person, self.ctx.now(), current),
            lambda values: self._conversation_closed(person_id, values),
        )

    def _conversation_closed(
        self: InboxScreen, person_id: str, values: ConversationInput | None
    ) -> None:
        if values is None:
            return
        event = self._attempt(
            lambda: conversations.mark(
                self.ctx,
                person_id,
                reason=values.reason,
                due=values.due,
                next_step=values.next_step,
                cadence=values.cadence,
            )
        )
        if event is None:
            return
        self._refresh_row(person_id)
        self.update_card()
        self._done(event.summary)

    def action_record_reply(self: InboxScreen) -> None:
        if self.active is not self.notes:
            self.notify(
                "Recording a reply works on thank-you notes: press tab to go there",
                severity="warning",
            )
            return
        person_id = self._person_or_warn()
        if person_id is None:
            return
        note = self.ctx.store.note_for(person_id)
        if note is not None and note.sent_at is None:
            self.notify(
                "This note is not sent yet: press r to edit and send it first", severity="warning"
            )
            return
        from netinbox.ui.dialogs.record_reply import RecordReplyDialog

        person = self.ctx.store.person(person_id)
        self.app.push_screen(
            RecordReplyDialog(person), lambda result: self._reply_recorded(person_id, result)
        )

    def _reply_recorded(self: InboxScreen, person_id: str, result: tuple | None) -> None:
        if result is None:
            return
        kind, text = result
        event = self._attempt(lambda: followup.record_reply(self.ctx, person_id, kind, text))
        if event is None:
            return
        self.notes.drop(person_id)
        self._refresh_summary()
        self.update_card()
        reply = self.ctx.store.note_for(person_id).reply
        screened = ""
        if reply is not None and reply.verdict is not None and reply.verdict.label:
            screened = f"; screened {label_text(reply.verdict.label)}"
        self._done(f"{event.summary}{screened} (u to undo)")
