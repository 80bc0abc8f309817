"""Add or edit a person by hand (and, when adding an inviter, their invitation): every field as typed,
checked by the service on save; a refusal names the field and keeps everything typed."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static, TextArea

# (field, label, placeholder, lines): lines > 1 is a text box, one entry per line.
PERSON_FIELDS = (
    ("name", "Name", "Amélie Durand", 1),
    ("headline", "Headline", "Senior Product Designer at Quillon Robotics", 1),
    ("company", "Company", "Quillon Robotics", 1),
    ("position", "Position", "Senior Product Designer", 1),
    ("profile_url", "Profile address", "https://www.linkedin.com/in/amelie-durand/", 1),
    ("connections", "Connections", "500+, 1,234", 1),
    ("followers", "Followers", "2,310", 1),
    ("posts_90d", "Posts in 90 days", "3", 1),
    ("comments_90d", "Comments in 90 days", "12", 1),
    ("reactions_90d", "Reactions in 90 days", "40", 1),
    (
        "education",
        "Education, one per line",
        "MSc, Interaction Design — Aalto University (2016)",
        3,
    ),
    ("experience", "Experience, one per line", "Product Designer — Quillon Robotics (2021–)", 4),
)
INVITATION_FIELDS = (
    ("received", "Invitation received", "today, 2 days ago, 2026-11-20", 1),
    ("note", "Their note", "Hi Robin, we met at …", 3),
)
# Returns None when saved, else (the one sentence that says what to fix, the field it is about).
Submit = Callable[[dict[str, str]], tuple[str, str] | None]


class PersonForm(ModalScreen[bool]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    DEFAULT_CSS = """
    PersonForm { align: center middle; }
    PersonForm > #form {
        width: 90%; max-width: 96; height: 90%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    PersonForm #fields { height: 1fr; }
    PersonForm Label { color: $text-muted; padding-top: 1; }
    PersonForm TextArea { height: 5; }
    PersonForm #problem { color: $error; height: auto; }
    """

    def __init__(
        self,
        title: str,
        submit: Submit,
        values: Mapping[str, str] | None = None,
        with_invitation: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.submit = submit
        self.values = dict(values or {})
        self.fields = PERSON_FIELDS + (INVITATION_FIELDS if with_invitation else ())

    def compose(self) -> ComposeResult:
        with Vertical(id="form") as form:
            form.border_title = Text(self.title_text)  # a stranger's name: never markup
            with VerticalScroll(id="fields"):
                for key, label, placeholder, lines in self.fields:
                    yield Label(label)
                    value = self.values.get(key, "")
                    if lines > 1:
                        box = TextArea(value, id=key, soft_wrap=True, show_line_numbers=False)
                        box.border_subtitle = placeholder
                        yield box
                    else:
                        yield Input(value, placeholder=placeholder, id=key)
            # Outside the scrolling fields: what to fix is always in view.
            yield Static(id="problem")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def typed(self) -> dict[str, str]:
        out = {}
        for key, *_ in self.fields:
            widget = self.query_one(f"#{key}")
            out[key] = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
        return out

    def action_save(self) -> None:
        problem = self.submit(self.typed())
        if problem:
            message, field = problem
            self.query_one("#problem", Static).update(Text(message))
            if field and self.query(f"#{field}"):
                self.query_one(f"#{field}").focus()  # the cursor goes where the fix is
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
