"""Choosing a verdict: to override the screening's (`v`) or to decline everyone with it (`D`)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from netinbox.model import StoredVerdict
from netinbox.ui.widgets.verdict_text import LABEL_STYLE, label_text, why_text

# (label, key, what it means); the order of SCREENING.md's profile labels, pitch last.
CHOICES = (
    ("genuine", "g", "a real person, a real reason to connect"),
    ("list_builder", "l", "harvesting a network: huge, inactive, generic note"),
    ("likely_fake", "f", "an invented profile or a scam persona"),
    ("pitch", "p", "wants to sell me something"),
    ("unchecked", "u", "no profile facts yet: nothing to judge"),
)
CLEAR = "clear"  # the option id of "clear my override"; the dialog answers "" for it


class VerdictDialog(ModalScreen[str | None]):
    """Dismisses with a label, "" for "clear my override", or None when closed."""

    BINDINGS = [
        *(
            Binding(key, f"choose('{label}')", label_text(label).capitalize(), show=False)
            for label, key, _ in CHOICES
        ),
        Binding("x", f"choose('{CLEAR}')", "Clear mine", show=False),
        Binding("escape", "cancel", "Cancel"),
    ]

    DEFAULT_CSS = """
    VerdictDialog { align: center middle; }
    VerdictDialog > #dialog {
        width: 80%; max-width: 90; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    VerdictDialog #about { height: auto; max-height: 6; }
    VerdictDialog OptionList { height: auto; margin-top: 1; }
    """

    def __init__(
        self,
        title: str,
        question: Text,
        current: StoredVerdict | None = None,
        can_clear: bool = False,
        counts: dict[str, int] | None = None,
    ) -> None:
        super().__init__()
        self._title = title
        self._question = question
        self._current = current
        self._can_clear = can_clear
        self._counts = counts

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = self._title
            about = Text()
            about.append_text(self._question)
            if self._current is not None:
                about.append("\n")
                about.append_text(why_text(self._current))
            yield Static(about, id="about")
            options = []
            for label, key, meaning in CHOICES:
                line = Text.assemble((key, "bold"), "  ")
                line.append(label_text(label), style=LABEL_STYLE.get(label, ""))
                if self._counts is not None:
                    line.append(f" ({self._counts.get(label, 0)})")
                line.append(f" — {meaning}", style="dim")
                options.append(Option(line, id=label))
            if self._can_clear:
                options.append(
                    Option(Text.assemble(("x", "bold"), "  clear my override"), id=CLEAR)
                )
            yield OptionList(*options, id="choices")
        yield Footer()

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.focus()
        current = self._current.shown_label if self._current is not None else ""
        ids = [label for label, _, _ in CHOICES]
        if current in ids:
            choices.highlighted = ids.index(current)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(str(event.option.id))

    def action_choose(self, label: str) -> None:
        if label == CLEAR:
            if self._can_clear:
                self.dismiss("")
            return
        self.dismiss(label)

    def action_cancel(self) -> None:
        self.dismiss(None)
