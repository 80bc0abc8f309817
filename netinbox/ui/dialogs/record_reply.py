"""What came back after a thank-you note: personal, canned, a pitch, or nothing."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from netinbox.model import Person, ReplyKind
from netinbox.text import one_line

CHOICES = (
    (ReplyKind.PERSONAL, "p", "Personal: engaged with me specifically"),
    (ReplyKind.CANNED, "c", 'Canned: 👍, "It\'s my pleasure", "Likewise!"'),
    (ReplyKind.PITCH, "i", "Pitch: a sale, a demo, a meeting for their business"),
    (ReplyKind.NONE, "n", "Nothing came back: stop waiting"),
)


class RecordReplyDialog(ModalScreen[tuple[ReplyKind, str] | None]):
    BINDINGS = [
        *(
            Binding(key, f"choose('{kind.value}')", kind.label.capitalize(), show=False)
            for kind, key, _ in CHOICES
        ),
        Binding("escape", "cancel", "Cancel"),
    ]

    DEFAULT_CSS = """
    RecordReplyDialog { align: center middle; }
    RecordReplyDialog > #dialog {
        width: 80%; max-width: 76; height: auto; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    RecordReplyDialog OptionList { height: auto; margin-top: 1; }
    RecordReplyDialog Label { padding-top: 1; color: $text-muted; }
    """

    def __init__(self, person: Person) -> None:
        super().__init__()
        self.person = person

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Record the reply"
            yield Static(Text(f"What came back from {one_line(self.person.name)}?", style="bold"))
            yield OptionList(
                *(
                    Option(Text.assemble((key, "bold"), "  ", text), id=kind.value)
                    for kind, key, text in CHOICES
                ),
                id="kinds",
            )
            yield Label("What they wrote (optional, paste here before choosing)")
            yield Input(placeholder="their reply", id="reply-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(str(event.option.id))

    def action_choose(self, kind: str) -> None:
        self.dismiss((ReplyKind(kind), self.query_one("#reply-text", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
