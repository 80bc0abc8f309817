"""Paste a LinkedIn page (`p`, or just paste on any screen): see what was understood and what was
not, choose whose profile it is when several people could match, then save, or drop with escape.

Nothing is saved until the user confirms; the saving itself is one undoable action on the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from netinbox.paste.model import PastedProfile, PasteResult
from netinbox.services import Context
from netinbox.text import one_line
from netinbox.ui.widgets.paste_preview import preview

HINT = (
    "Open the page on LinkedIn, select all (ctrl/cmd+a), copy, and paste here (ctrl/cmd+v or your "
    "terminal's paste): the invitation manager, a profile, who viewed my profile, or a message thread. "
    "No bracketed paste in your terminal? ctrl+e pastes into your $EDITOR."
)


@dataclass(frozen=True)
class PasteChoice:
    result: PasteResult
    person_id: str | None = None  # whose profile it is, when the user chose among several


class PasteDialog(ModalScreen[PasteChoice | None]):
    BINDINGS = [
        Binding("enter,ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+e", "editor", "Paste in $EDITOR"),
        Binding("escape", "cancel", "Drop"),
    ]

    DEFAULT_CSS = """
    PasteDialog { align: center middle; }
    PasteDialog > #dialog {
        width: 92%; max-width: 120; height: 85%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    PasteDialog #hint { color: $text-muted; }
    PasteDialog #preview { height: 1fr; border: round $panel; }
    PasteDialog #problem { color: $error; height: auto; }
    PasteDialog #owners { height: auto; max-height: 8; display: none; }
    PasteDialog.-choose #owners { display: block; }
    """

    def __init__(self, ctx: Context, text: str = "") -> None:
        super().__init__()
        self.ctx = ctx
        self._initial = text
        self.result: PasteResult | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Paste from LinkedIn"
            yield Static(Text(HINT), id="hint")
            with VerticalScroll(id="preview"):
                yield Static(Text("Nothing pasted yet.", style="dim"), id="understood")
            yield OptionList(id="owners")
            yield Static(id="problem")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#preview").focus()
        if self._initial:
            self.read(self._initial)

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self.read(event.text)

    def read(self, text: str) -> None:
        """Understand `text`; say what it was, or in one sentence why it cannot be read."""
        from netinbox.paste import PasteError, parse_paste

        problem = self.query_one("#problem", Static)
        try:
            result = parse_paste(text, self.ctx.now())
        except PasteError as exc:
            self.result = None
            self.set_class(False, "-choose")
            self.query_one("#understood", Static).update(Text("Nothing saved.", style="dim"))
            problem.update(Text(str(exc)))
            return
        problem.update("")
        self.result = result
        self.query_one("#understood", Static).update(preview(result, self.ctx.now()))
        self._offer_owners(result)

    def _offer_owners(self, result: PasteResult) -> None:
        """A profile that could be several people's: the user picks; one or none is said."""
        owners = self.query_one("#owners", OptionList)
        owners.clear_options()
        profile = next((i for i in result.items if isinstance(i, PastedProfile)), None)
        if profile is None:
            self.set_class(False, "-choose")
            return
        from netinbox.services.paste import match_profile

        people = match_profile(self.ctx, profile)
        problem = self.query_one("#problem", Static)
        if len(people) > 1:
            for person in people:
                label = Text(one_line(person.name, 40), style="bold")
                if person.headline:
                    label.append(" · " + one_line(person.headline, 70), style="dim")
                owners.add_option(Option(label, id=person.id))
            owners.highlighted = 0
            self.set_class(True, "-choose")
            owners.focus()
            problem.update(
                Text(f"{len(people)} people could be this profile: choose one", style="bold")
            )
        else:
            self.set_class(False, "-choose")
            whose = (
                f"Saved to {one_line(people[0].name, 60)}" if people else "A new person is created"
            )
            problem.update(Text(whose, style="bold"))

    def action_save(self) -> None:
        if self.result is None or not self.result.items:
            self.query_one("#problem", Static).update(
                Text("Paste a page first: nothing to save yet.")
            )
            return
        person_id = None
        if self.has_class("-choose"):
            owners = self.query_one("#owners", OptionList)
            index = owners.highlighted
            if index is None:
                return
            person_id = owners.get_option_at_index(index).id
        self.dismiss(PasteChoice(self.result, person_id))

    def action_editor(self) -> None:
        from netinbox.ui.external_editor import EditorFailed, edit_in_editor

        try:
            text = edit_in_editor(self.app, "")
        except EditorFailed as exc:
            self.query_one("#problem", Static).update(Text(str(exc)))
            return
        if text.strip():
            self.read(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
