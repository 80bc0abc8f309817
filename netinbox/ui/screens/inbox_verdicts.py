"""The Inbox's verdict actions: override one (`v`) and decline all with one (`D`).

Plain functions of a screen and the context: they push their dialogs, run the service, and
announce the change with `DataChanged`. Everything works on the pending invitations already stored
and their stored verdicts: no key press screens anything.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.screen import Screen

from netinbox.model import INVITATION_LABELS
from netinbox.services import Context, screening, triage
from netinbox.services.lists.inbox import pending
from netinbox.text import one_line
from netinbox.ui.attempt import attempt
from netinbox.ui.messages import DataChanged
from netinbox.ui.widgets.verdict_text import LABEL_STYLE, label_text, signal_text

Refuse = Callable[[str], None]  # why nothing was done, in the screen's status line
PREVIEW_NAMES = 40  # names listed in the decline preview; the rest are counted


def override_verdict(screen: Screen, ctx: Context, person_id: str, refuse: Refuse) -> None:
    from netinbox.ui.dialogs.verdict import VerdictDialog

    person = ctx.store.person(person_id)
    invitation = ctx.store.pending_invitation(person_id)
    name = person.name if person else person_id
    question = Text("Your verdict on ")
    question.append(one_line(name), style="bold")
    question.append(" (remembered; a rescreen never replaces it):")
    verdict = invitation.verdict if invitation else None

    def chosen(label: str | None) -> None:
        if label is None:
            return
        event = attempt(screen, ctx, lambda: screening.override(ctx, person_id, label), refuse)
        if event is not None:
            screen.post_message(
                DataChanged(event.person_ids, person_id, f"{event.summary} (u to undo)")
            )

    screen.app.push_screen(
        VerdictDialog(
            "Your verdict", question, verdict, can_clear=bool(verdict and verdict.by_user)
        ),
        chosen,
    )


def decline_by_verdict(screen: Screen, ctx: Context, refuse: Refuse) -> None:
    from netinbox.ui.dialogs.verdict import VerdictDialog

    counts = {label: 0 for label in INVITATION_LABELS}
    for row in pending(ctx):
        verdict = row.invitation.verdict
        if verdict is not None and verdict.shown_label in counts:
            counts[verdict.shown_label] += 1
    question = Text(
        "Decline every pending invitation with which verdict? (yours where you gave one)"
    )
    screen.app.push_screen(
        VerdictDialog("Decline all with a verdict", question, counts=counts),
        lambda label: _confirm_decline(screen, ctx, label, refuse),
    )


def _confirm_decline(screen: Screen, ctx: Context, label: str | None, refuse: Refuse) -> None:
    if not label:
        return
    from netinbox.ui.dialogs.confirm import ConfirmDialog

    chosen = [
        row
        for row in pending(ctx)
        if row.invitation.verdict is not None and row.invitation.verdict.shown_label == label
    ]
    if not chosen:
        refuse(f"No pending invitation is marked {label_text(label)}")
        return
    body = Text()
    body.append(f"Decline these {len(chosen)} invitations marked ", style="bold")
    body.append(label_text(label), style=f"bold {LABEL_STYLE.get(label, '')}")
    body.append("? One u undoes it all.\n\n", style="bold")
    for row in chosen[:PREVIEW_NAMES]:
        body.append("  ")
        body.append(one_line(row.person.name, 40), style="bold")
        verdict = row.invitation.verdict
        if verdict is not None and verdict.by_user:
            body.append("  (your verdict)", style="dim")
        elif verdict is not None and verdict.reasons:
            # The strongest reason: what the user is agreeing with by confirming.
            signal, evidence = verdict.reasons[0]
            body.append(f" · {signal_text(signal)}: ", style="dim")
            body.append(one_line(evidence, 60), style="dim")
        body.append("\n")
    if len(chosen) > PREVIEW_NAMES:
        body.append(f"  … and {len(chosen) - PREVIEW_NAMES} more\n", style="dim")
    person_ids = [row.person_id for row in chosen]

    def confirmed(yes: bool | None) -> None:
        if not yes:
            return
        # One call, one event: a single `u` brings them all back.
        event = attempt(screen, ctx, lambda: triage.decline(ctx, person_ids), refuse)
        if event is not None:
            screen.post_message(DataChanged(event.person_ids, None, f"{event.summary} (u to undo)"))

    screen.app.push_screen(
        ConfirmDialog(f"Decline {len(chosen)} × {label_text(label)}", body), confirmed
    )
