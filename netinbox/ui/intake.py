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
INVITATION_KEYS = ("received", "note")


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
    """Edit `person_id` (and their pending invitation, when they have one), or add a new person
    (with their invitation when `with_invitation`)."""
    from netinbox.services import people
    from netinbox.ui.dialogs.person_form import PersonForm

    current = ctx.store.person(person_id) if person_id else None
    pending = ctx.store.pending_invitation(person_id) if person_id else None
    if current is not None:
        title, values = f"Edit {current.name}", asdict(people.fields_of(current))
        if pending is not None:
            with_invitation = True
            values.update(received=f"{pending.received_at:%Y-%m-%d}", note=pending.note)
    elif with_invitation:
        title, values = "Add an invitation", {"received": "today"}
    else:
        title, values = "Add a person", {}
    shown = dict(values)

    def changed(typed: dict[str, str], keys: tuple[str, ...]) -> bool:
        return any(typed.get(key, "") != shown.get(key, "") for key in keys)

    def submit(typed: dict[str, str]) -> tuple[str, str] | None:
        nonlocal current, pending
        person_keys = tuple(k for k in typed if k not in INVITATION_KEYS)
        fields = people.PersonFields(**{k: typed[k] for k in person_keys})
        received, note = typed.get("received", ""), typed.get("note", "")
        try:
            if with_invitation:
                parse_past(received, ctx.now())  # first: a bad date saves nothing at all
            events = []
            if current is None:
                events.append(people.add_person(ctx, fields))
                # A retry after a refused invitation adds to this person, never a twin.
                current = ctx.store.person(events[-1].person_ids[0])
            elif changed(typed, person_keys):
                events.append(people.edit_person(ctx, current.id, fields))
            if with_invitation and pending is None:
                events.append(people.add_invitation(ctx, current.id, received, note))
                pending = ctx.store.pending_invitation(current.id)
            elif with_invitation and changed(typed, INVITATION_KEYS):
                events.append(people.edit_invitation(ctx, current.id, received, note))
            if not events:
                return "Nothing changed: edit a field, or escape to close", ""
        except people.FieldError as exc:
            return str(exc), exc.field
        except WhenError as exc:
            return str(exc), "received"
        except ActionError as exc:
            return str(exc), ""
        except StoreError as exc:
            return f"Not saved: {exc}", ""
        said = "; ".join(event.summary for event in events) + " (u to undo)"
        screen.post_message(DataChanged((current.id,), current.id, said, True))
        return None

    screen.app.push_screen(PersonForm(title, submit, values, with_invitation))
