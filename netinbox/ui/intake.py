"""Bringing people in from inside the app: a pasted LinkedIn page, or a person or an invitation
typed by hand. Each dialog shows what will be saved; the save is one undoable action, announced
with `DataChanged` like every other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict

from textual.screen import Screen

from netinbox.services import ActionError, Context
from netinbox.services.dates import WhenError, parse_past
from netinbox.store import StoreError
from netinbox.ui.attempt import attempt
from netinbox.ui.messages import DataChanged

Refuse = Callable[[str], None]


def open_paste(screen: Screen, ctx: Context, refuse: Refuse, text: str = "") -> None:
    from netinbox.ui.dialogs.paste import PasteChoice, PasteDialog

    def chosen(choice: PasteChoice | None) -> None:
        if choice is None:
            return
        from netinbox.services.paste import save_paste

        summary = attempt(
            screen, ctx, lambda: save_paste(ctx, choice.result, choice.person_id), refuse
        )
        if summary is not None:
            focus = summary.person_ids[0] if summary.person_ids else None
            undo = (
                " (u to undo)" if summary.event is not None else ""
            )  # nothing new: nothing to undo
            screen.post_message(DataChanged(summary.person_ids, focus, summary.line + undo, True))

    screen.app.push_screen(PasteDialog(ctx, text), chosen)


def open_person_form(
    screen: Screen, ctx: Context, person_id: str | None = None, with_invitation: bool = False
) -> None:
    """Edit `person_id`, or add a new person (with their invitation when `with_invitation`)."""
    from netinbox.services import people
    from netinbox.ui.dialogs.person_form import PersonForm

    current = ctx.store.person(person_id) if person_id else None

    def submit(values: dict[str, str]) -> tuple[str, str] | None:
        nonlocal current
        person_fields = {k: v for k, v in values.items() if k not in ("received", "note")}
        fields = people.PersonFields(**person_fields)
        try:
            if with_invitation:
                received, note = values.get("received", ""), values.get("note", "")
                parse_past(received, ctx.now())  # first: a bad date adds nobody
                if current is None:
                    added = people.add_person(ctx, fields)
                    # A retry after a refused invitation adds to this person, never a twin.
                    current = ctx.store.person(added.person_ids[0])
                event = people.add_invitation(ctx, current.id, received, note)
            elif current is not None:
                event = people.edit_person(ctx, current.id, fields)
            else:
                event = people.add_person(ctx, fields)
        except people.FieldError as exc:
            return str(exc), exc.field
        except WhenError as exc:
            return str(exc), "received"
        except ActionError as exc:
            return str(exc), ""
        except StoreError as exc:
            return f"Not saved: {exc}", ""
        said = f"{event.summary} (u to undo)"
        screen.post_message(DataChanged(event.person_ids, event.person_ids[0], said, True))
        return None

    if current is not None:
        title, values = f"Edit {current.name}", asdict(people.fields_of(current))
    elif with_invitation:
        title, values = "Add an invitation", {"received": "today"}
    else:
        title, values = "Add a person", {}
    screen.app.push_screen(PersonForm(title, submit, values, with_invitation))
