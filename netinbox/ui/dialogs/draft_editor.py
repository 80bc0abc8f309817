"""The draft editor: write the thank-you note or a personal reply, check it, copy it, mark it sent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Footer, Label, Select, Static, TextArea

from netinbox.model import Person
from netinbox.services.drafting import render
from netinbox.services.names import greeting_name
from netinbox.text import clean, one_line


@dataclass(frozen=True)
class DraftRequest:
    person: Person
    kind: str  # "thank-you" or "reply"
    text: str
    context: Text
    templates: dict[str, str] = field(default_factory=dict)
    template: str = ""
    my_first_name: str = ""
    cursor_blink: bool = True
    # Called with (text, template) a moment after typing stops: what is typed is kept on disk.
    autosave: Callable[[str, str], None] | None = None
    # Recovered from an autosave: the editor starts from it, while `text` stays what is stored, so
    # closing keeps it as a change to save.
    typed: str = ""
    # The live checks of a text (services/draft_checks.py, bound to the person and the session).
    checks: Callable[[str], list] | None = None
    their_note: str = ""  # for {their_note} when another template is picked


@dataclass(frozen=True)
class DraftOutcome:
    text: str
    template: str
    sent: bool


def checks_text(checks: list, person: Person) -> Text:
    """The checks beside the text: warnings first, each on a line; or what makes it personal.
    They warn and never block."""
    if not checks:
        return Text(
            f"✓ personal: greets {greeting_name(person)}, something specific", style="green"
        )
    text = Text()
    ordered = sorted(checks, key=lambda c: c.severity != "warning")
    for n, check in enumerate(ordered):
        if n:
            text.append("\n")
        mark, style = ("⚠ ", "bold yellow") if check.severity == "warning" else ("· ", "dim")
        text.append(mark + one_line(check.message, 200), style=style)
    return text


AUTOSAVE_AFTER_S = (
    0.8  # after the last key: soon enough to lose nothing, rare enough to cost nothing
)


class DraftEditor(ModalScreen[DraftOutcome | None]):
    """Closing keeps the text: escape saves a changed draft, ctrl+t marks it sent."""

    # Priority: they must work while the cursor is in the text, whose own keys would take ctrl+e
    # (line end: `end` still does that). Shown in the Footer, in this order.
    BINDINGS = [
        Binding("ctrl+t", "mark_sent", "Mark sent", priority=True),
        Binding("ctrl+o", "copy", "Copy", priority=True),
        Binding("ctrl+e", "external_editor", "$EDITOR", priority=True),
        Binding("ctrl+b", "open_profile", "Profile", priority=True),
        Binding("ctrl+s", "save", "Save draft", priority=True),
        Binding("escape", "close", "Close"),
    ]

    DEFAULT_CSS = """
    DraftEditor { align: center middle; }
    DraftEditor > #dialog {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    DraftEditor #context { height: auto; max-height: 6; color: $text-muted; }
    DraftEditor #editor { height: 10; min-height: 4; }
    DraftEditor #check { height: auto; }
    DraftEditor #template-row { height: auto; }
    DraftEditor #template-row Label { padding: 1 1 0 0; }
    DraftEditor Select { width: 32; }
    """

    def __init__(self, request: DraftRequest) -> None:
        super().__init__()
        self.request = request
        self._autosave_timer: Timer | None = None
        self._template_in_text = request.template

    def compose(self) -> ComposeResult:
        r = self.request
        who = one_line(r.person.name)
        title = f"Thank-you note to {who}" if r.kind == "thank-you" else f"Reply to {who}"
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Draft"
            yield Static(Text(title, style="bold"), id="title")
            yield Static(r.context, id="context")
            with Horizontal(id="template-row"):
                yield Label("Template")
                yield Select(
                    [(Text(name), name) for name in r.templates],
                    value=r.template if r.template in r.templates else Select.NULL,
                    prompt="(keep text)",
                    id="template",
                )
            editor = TextArea(
                r.typed or r.text, id="editor", soft_wrap=True, show_line_numbers=False
            )
            editor.cursor_blink = r.cursor_blink
            yield editor
            yield Static(id="check")
        yield Footer()

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)
        self._update_check()

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @on(TextArea.Changed)
    def _typed(self) -> None:
        self._update_check()
        if self.request.autosave is not None:
            # Debounced: one write when typing pauses, not one per key.
            if self._autosave_timer is not None:
                self._autosave_timer.stop()
            self._autosave_timer = self.set_timer(AUTOSAVE_AFTER_S, self._autosave)

    def _autosave(self) -> None:
        self._autosave_timer = None
        if self.request.autosave is not None and self.is_attached:
            self.request.autosave(self.text, self._template())

    def _update_check(self) -> None:
        if self.request.checks is not None:
            checks = self.request.checks(self.text)
            self.query_one("#check", Static).update(checks_text(checks, self.request.person))

    @on(Select.Changed, "#template")
    def _apply_template(self, event: Select.Changed) -> None:
        if event.value is Select.NULL or event.value not in self.request.templates:
            return
        if event.value == self._template_in_text:
            # The Select announces its first value on mount too: the text already is that (or the
            # user's own words, a saved draft, what was recovered), so it must not be replaced.
            return
        self._template_in_text = str(event.value)
        text = render(
            self.request.templates[str(event.value)],
            self.request.person,
            self.request.my_first_name,
            self.request.their_note,
        )
        editor = self.query_one(TextArea)
        # replace() goes through the TextArea's own history, so ctrl+z brings the old text back.
        editor.replace(text, editor.document.start, editor.document.end)
        editor.focus()

    def _template(self) -> str:
        value = self.query_one("#template", Select).value
        return "" if value is Select.NULL else str(value)

    def action_save(self) -> None:
        self.dismiss(DraftOutcome(clean(self.text), self._template(), sent=False))

    def action_mark_sent(self) -> None:
        if not self.text.strip():
            self.notify("Nothing to send: the text is empty", severity="warning")
            return
        self.dismiss(DraftOutcome(clean(self.text), self._template(), sent=True))

    def action_close(self) -> None:
        if self.text != self.request.text:
            self.action_save()
        else:
            self.dismiss(None)

    def action_copy(self) -> None:
        text = clean(self.text)
        self.app.copy_to_clipboard(text)
        self.notify(
            f"Copied {len(text):,} characters: “{one_line(text, 60)}”. Paste it into LinkedIn, "
            "then ctrl+t marks it sent",
            markup=False,
        )

    def action_open_profile(self) -> None:
        from netinbox.ui.widgets.profile_opener import open_profile

        open_profile(self, self.request.person.profile_url)

    def action_external_editor(self) -> None:
        from netinbox.ui.external_editor import EditorFailed, edit_in_editor

        try:
            new_text = clean(edit_in_editor(self.app, self.text))
        except EditorFailed as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        editor = self.query_one(TextArea)
        editor.replace(new_text.rstrip("\n"), editor.document.start, editor.document.end)
