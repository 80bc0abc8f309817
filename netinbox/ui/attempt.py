"""Running a service call from the UI: a refusal or a failed save becomes a clear message, never a
crash; a save that went through with a warning says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.widget import Widget

from netinbox.services import ActionError, Context
from netinbox.services.dates import WhenError
from netinbox.store import DatabaseDamaged, StoreError

T = TypeVar("T")


def offer_recovery(owner: Widget, problem: str) -> None:
    app = owner.app
    if hasattr(app, "offer_recovery"):
        app.offer_recovery(problem)  # type: ignore[attr-defined]
    else:  # a bare App in a widget test
        owner.notify(problem, title="Database damaged", severity="error", markup=False)


def attempt(
    owner: Widget,
    ctx: Context,
    action: Callable[[], T],
    refuse: Callable[[str], None] | None = None,
) -> T | None:
    """Run `action`; None when it was refused or not saved (the user has been told why). A
    refusal ("nothing to undo") goes to `refuse` (a screen's status line) when given, so refusals
    do not pile up as toasts; a failed save is always a toast, to be read."""
    try:
        result = action()
    except (ActionError, WhenError) as exc:
        if refuse is not None:
            refuse(str(exc))
        else:
            owner.notify(str(exc), severity="warning", markup=False)
    except DatabaseDamaged as exc:
        offer_recovery(owner, str(exc))
    except StoreError as exc:
        owner.notify(str(exc), title="Not saved", severity="error", markup=False, timeout=15)
    else:
        damaged = ctx.store.damage_found_after_saving()
        for warning in ctx.store.take_warnings():  # saved; something after it was not
            if damaged:
                offer_recovery(owner, warning)
                continue
            owner.notify(
                warning,
                title="Saved, with a warning",
                severity="warning",
                markup=False,
                timeout=15,
            )
        return result
    return None
