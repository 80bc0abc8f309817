"""What can be done to a person, the same on every screen that shows people.

A screen holds one `PersonActions` and passes it the person (or people) its keys act on. Each action
runs a service (which saves before returning), then posts `DataChanged` to the screen, which
redraws and says what was done. Nothing here knows which screen it is on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual.screen import Screen

from netinbox.model import Event, Person
from netinbox.services import (
    Context,
    autosave,
    conversations,
    drafting,
    followup,
    templates,
    undo,
)
from netinbox.text import one_line
from netinbox.ui.attempt import attempt
from netinbox.ui.messages import DataChanged
from netinbox.ui.widgets.person_card import context_text, load_card_data
from netinbox.ui.widgets.profile_opener import open_profile
from netinbox.ui.widgets.verdict_text import label_text

if TYPE_CHECKING:
    from netinbox.ui.dialogs.conversation import ConversationInput
    from netinbox.ui.dialogs.draft_editor import DraftOutcome, DraftRequest

T = TypeVar("T")
# The fingerprints of sent texts for the draft checks, per open store: built at the first `r`.
_SENT_TEXTS: dict[int, Any] = {}
Say = Callable[..., None]  # (text, warning=False): one line in the screen's status line


class PersonActions:
    def __init__(self, screen: Screen, ctx: Context, say: Say, cursor_blink: bool = True) -> None:
        self.screen = screen
        self.ctx = ctx
        self.say = say
        self.cursor_blink = cursor_blink

    # -- plumbing ----------------------------------------------------------------------------------

    def _run(self, action: Callable[[], T]) -> T | None:
        return attempt(self.screen, self.ctx, action, self.refuse)

    def refuse(self, text: str) -> None:
        self.say(text, warning=True)

    def _changed(self, event: Event, said: str | None = None, follow: bool = False) -> None:
        focus = event.person_ids[0] if event.person_ids else None
        self.screen.post_message(
            DataChanged(event.person_ids, focus, said or event.summary, follow)
        )

    def _name(self, person_id: str) -> str:
        person = self.ctx.store.person(person_id)
        return person.name if person else person_id

    # -- writing -----------------------------------------------------------------------------------

    def reply(self, person_id: str) -> None:
        """The thank-you note while it is unsent, else a personal reply (the draft if one is open)."""
        from netinbox.ui.dialogs.draft_editor import DraftEditor, DraftRequest

        store, settings = self.ctx.store, self.ctx.settings
        person = store.person(person_id)
        if person is None:
            self.refuse("This person is not in the database any more")
            return
        note = store.note_for(person_id)
        data = load_card_data(store, person_id)
        context = context_text(data, self.ctx.now()) if data else Text()
        if note is not None and note.sent_at is None:
            kind, text, template = "thank-you", note.text, settings.thank_you_template
        else:
            draft = store.draft_for(person_id)
            kind = "reply"
            if draft is not None and draft.sent_at is None:
                text, template = draft.text, draft.template
            else:  # a new draft from the template that fits where things stand with them
                template = templates.choose_template(self.ctx, person)
                text = templates.draft_from_template(self.ctx, person, template)
        typed = autosave.recovered(self.ctx, person_id, kind)
        recovered = ""
        if typed is not None and typed.text != text:
            recovered, template = typed.text, typed.template or template
            self.say(
                f"Recovered what you were typing to {one_line(person.name)} ({typed.at:%H:%M})"
            )
        request = DraftRequest(
            person,
            kind,
            text,
            context,
            settings.templates,
            template,
            self.ctx.owner_first_name,
            self.cursor_blink,
            lambda typed_text, typed_template: self._keep(
                person_id, kind, typed_text, typed_template
            ),
            recovered,
            self._checks_for(person),
            drafting.their_note(self.ctx, person),
        )
        self.screen.app.push_screen(
            DraftEditor(request), lambda outcome: self._draft_closed(request, outcome)
        )

    def _checks_for(self, person: Person) -> Callable[[str], list]:
        """The draft checks for `person`, with the fingerprints of every sent text built once per
        store (then kept up to date as texts are sent), not on each key."""
        from netinbox.services.draft_checks import SentTexts, check_draft

        store_key = id(self.ctx.store)
        sent = _SENT_TEXTS.get(store_key)
        if sent is None:
            _SENT_TEXTS.clear()  # one store at a time (a restore opens a new one)
            sent = _SENT_TEXTS[store_key] = SentTexts(self.ctx)
        return lambda text: check_draft(self.ctx, person, text, sent)

    def _keep(self, person_id: str, kind: str, text: str, template: str) -> None:
        self._run(lambda: autosave.keep(self.ctx, person_id, kind, text, template))

    def _draft_closed(self, request: DraftRequest, outcome: DraftOutcome | None) -> None:
        saved = self._close_draft(request, outcome)
        if saved or outcome is None or outcome.text == request.text:
            # The outcome is on disk (or there was none): nothing left to recover.
            self._run(lambda: autosave.drop(self.ctx, request.person.id))

    def _close_draft(self, request: DraftRequest, outcome: DraftOutcome | None) -> bool:
        if outcome is None:
            return False
        person_id, ctx = request.person.id, self.ctx
        if request.kind == "thank-you":
            if outcome.sent:
                event = self._run(lambda: followup.mark_sent(ctx, person_id, outcome.text))
            elif outcome.text != request.text:
                event = self._run(lambda: followup.edit_note(ctx, person_id, outcome.text))
            else:
                return False
        elif outcome.sent:
            event = self._run(lambda: drafting.mark_draft_sent(ctx, person_id, outcome.text))
        else:
            event = self._run(
                lambda: drafting.save_draft(ctx, person_id, outcome.text, outcome.template)
            )
        if event is not None:
            if outcome.sent and id(ctx.store) in _SENT_TEXTS:
                _SENT_TEXTS[id(ctx.store)].add(person_id, outcome.text, ctx.now())
            self._changed(event)
        return event is not None

    def mark_sent(self, person_id: str) -> None:
        """The unsent thank-you note, else the unsent draft, went out as it stands."""
        note = self.ctx.store.note_for(person_id)
        draft = self.ctx.store.draft_for(person_id)
        if note is not None and note.sent_at is None:
            event = self._run(lambda: followup.mark_sent(self.ctx, person_id))
        elif draft is not None and draft.sent_at is None and draft.text.strip():
            event = self._run(lambda: drafting.mark_draft_sent(self.ctx, person_id, draft.text))
        else:
            self.refuse("Nothing unsent to them: no note or draft waiting (r writes one)")
            return
        if event is not None:
            self._changed(event, f"{event.summary} (u to undo)")

    def record_reply(self, person_id: str) -> None:
        note = self.ctx.store.note_for(person_id)
        name = one_line(self._name(person_id))
        if note is None:
            self.refuse(f"{name} has no thank-you note: accept their invitation first")
            return
        if note.sent_at is None:
            self.refuse("This note is not sent yet: press r to edit and send it first")
            return
        if note.reply is not None:
            self.refuse(f"A reply from {name} is already recorded ({note.reply.kind.label})")
            return
        from netinbox.ui.dialogs.record_reply import RecordReplyDialog

        person = self.ctx.store.person(person_id)
        self.screen.app.push_screen(
            RecordReplyDialog(person), lambda result: self._reply_recorded(person_id, result)
        )

    def _reply_recorded(self, person_id: str, result: tuple | None) -> None:
        if result is None:
            return
        kind, text = result
        event = self._run(lambda: followup.record_reply(self.ctx, person_id, kind, text))
        if event is None:
            return
        note = self.ctx.store.note_for(person_id)
        reply = note.reply if note is not None else None
        screened = ""
        if reply is not None and reply.verdict is not None and reply.verdict.label:
            screened = f"; screened {label_text(reply.verdict.label)}"
        self._changed(event, f"{event.summary}{screened} (u to undo)")

    # -- conversations -----------------------------------------------------------------------------

    def conversation(self, person_id: str) -> None:
        from netinbox.ui.dialogs.conversation import ConversationDialog

        person = self.ctx.store.person(person_id)
        if person is None:
            self.refuse("This person is not in the database any more")
            return
        current = self.ctx.store.conversation_for(person_id)
        self.screen.app.push_screen(
            ConversationDialog(person, self.ctx.now(), current),
            lambda values: self._conversation_closed(person_id, values),
        )

    def _conversation_closed(self, person_id: str, values: ConversationInput | None) -> None:
        if values is None:
            return
        event = self._run(
            lambda: conversations.mark(
                self.ctx,
                person_id,
                reason=values.reason,
                due=values.due,
                next_step=values.next_step,
                cadence=values.cadence,
            )
        )
        if event is not None:
            self._changed(event)

    def done(self, person_id: str) -> None:
        if self._need_mark(person_id):
            event = self._run(lambda: conversations.done(self.ctx, person_id))
            if event is not None:
                self._changed(event, f"{event.summary} (u to undo)")

    def end(self, person_id: str) -> None:
        if self._need_mark(person_id):
            event = self._run(lambda: conversations.unmark(self.ctx, person_id))
            if event is not None:
                self._changed(event, f"{event.summary} (u to undo)")

    def snooze(self, person_id: str) -> None:
        if not self._need_mark(person_id):
            return
        from netinbox.ui.dialogs.when import WhenDialog

        mark = self.ctx.store.conversation_for(person_id)
        question = Text("Snooze the conversation with ")
        question.append(one_line(self._name(person_id)), style="bold")
        question.append(" until when?")
        self.screen.app.push_screen(
            WhenDialog("Snooze", question, self.ctx.now(), future=True, current=mark.due_at),
            lambda when: self._snoozed(person_id, when),
        )

    def _snoozed(self, person_id: str, when: str | None) -> None:
        if when:
            event = self._run(lambda: conversations.snooze(self.ctx, person_id, when))
            if event is not None:
                self._changed(event)

    def _need_mark(self, person_id: str) -> bool:
        if self.ctx.store.conversation_for(person_id) is None:
            self.refuse(f"{one_line(self._name(person_id))} is not marked: press c to mark them")
            return False
        return True

    # -- follow-through ----------------------------------------------------------------------------

    def flag(self, person_ids: Sequence[str]) -> bool:
        """Flag as a spammer/harvester; when every one of them is flagged already, unflag. True
        when it was saved."""
        from netinbox.services import followthrough

        people = [self.ctx.store.person(pid) for pid in person_ids]
        flagged = not all(p is not None and "spam" in p.flags for p in people)
        event = self._run(lambda: followthrough.flag_spam(self.ctx, person_ids, flagged))
        if event is not None:
            self._changed(event, f"{event.summary} (u to undo)")
        return event is not None

    def archive(self, person_ids: Sequence[str], archived: bool = True) -> bool:
        """True when it was saved."""
        from netinbox.services import followthrough

        event = self._run(lambda: followthrough.archive(self.ctx, person_ids, archived))
        if event is not None:
            self._changed(event, f"{event.summary} (u to undo)")
        return event is not None

    def viewed(self, person_id: str) -> None:
        from netinbox.ui.dialogs.when import WhenDialog

        question = Text("When did ")
        question.append(one_line(self._name(person_id)), style="bold")
        question.append(" view my profile?")
        self.screen.app.push_screen(
            WhenDialog("Viewed my profile", question, self.ctx.now(), future=False),
            lambda when: self._viewed(person_id, when),
        )

    def _viewed(self, person_id: str, when: str | None) -> None:
        if not when:
            return
        from netinbox.services import followthrough
        from netinbox.services.dates import parse_past

        event = self._run(
            lambda: followthrough.record_view(self.ctx, person_id, parse_past(when, self.ctx.now()))
        )
        if event is not None:
            self._changed(event, f"{event.summary} (u to undo)")

    # -- elsewhere ---------------------------------------------------------------------------------

    def open_profile(self, person_id: str) -> None:
        person = self.ctx.store.person(person_id)
        open_profile(self.screen, person.profile_url if person else "")

    def copy(self, person_id: str) -> None:
        note = self.ctx.store.note_for(person_id)
        draft = self.ctx.store.draft_for(person_id)
        if note is not None and note.sent_at is None:
            text, what = note.text, "thank-you note"
        elif draft is not None and draft.sent_at is None:
            text, what = draft.text, "draft"
        else:
            self.refuse("Nothing to copy: no unsent note or draft (press r to write one)")
            return
        self.screen.app.copy_to_clipboard(text)
        self.say(f"Copied the {what} to the clipboard")

    def undo(self) -> None:
        event = self._run(lambda: undo.undo(self.ctx))
        if event is not None:
            self._changed(event, f"Undone: {event.summary}", follow=True)
