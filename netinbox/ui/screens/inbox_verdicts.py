"""The Inbox's verdict actions: sort by verdict (`s`), override one (`v`), decline all with one
(`D`), and the background rescreen. A mixin of `InboxScreen`, kept apart to keep files short.

Everything here works on the pending invitations already loaded and their stored verdicts: no
key press screens anything or reads more than the pending invitations (which are few).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from netinbox.model import INVITATION_LABELS, Invitation
from netinbox.services import screening, triage
from netinbox.services.listing import invitation_order, verdict_order
from netinbox.store import DatabaseDamaged
from netinbox.text import one_line
from netinbox.ui.widgets.verdict_text import (
    LABEL_STYLE,
    VERDICT_WIDTH,
    VERDICT_WIDTH_MINE,
    label_text,
    signal_text,
)

if TYPE_CHECKING:
    from netinbox.services.screening import RescreenResult
    from netinbox.ui.screens.inbox import InboxScreen

SORTS = (("date", "newest first", invitation_order), ("verdict", "by verdict", verdict_order))
PREVIEW_NAMES = 40  # names listed in the decline preview; the rest are counted


class VerdictActions:
    """Mixed into InboxScreen (which provides ctx, invitations, reload, _attempt, …)."""

    _sort = 0  # index into SORTS

    # -- sorting -----------------------------------------------------------------------------------

    def sorted_invitations(self: InboxScreen, invitations: list[Invitation]) -> list[Invitation]:
        """The pending invitations in the current order; sizes the verdict column to fit."""
        _, note, key = SORTS[self._sort]
        self.invitations.set_title_note(note)
        mine = any(i.verdict is not None and i.verdict.by_user for i in invitations)
        self.invitations.set_column_width("Verdict", VERDICT_WIDTH_MINE if mine else VERDICT_WIDTH)
        return sorted(invitations, key=key)

    def action_sort(self: InboxScreen) -> None:
        self._sort = (self._sort + 1) % len(SORTS)
        try:  # only this pane: the notes and the card stay as they are
            self.show_invitations(focus_person=self.invitations.person_id)
        except DatabaseDamaged as exc:
            self.app.offer_recovery(str(exc))
            return
        self._done(f"Invitations sorted {SORTS[self._sort][1]}")

    # -- the user's own verdict --------------------------------------------------------------------

    def action_override_verdict(self: InboxScreen) -> None:
        person_id = self._need_invitation("Overriding a verdict")
        if person_id is None:
            return
        from netinbox.ui.dialogs.verdict import VerdictDialog

        person = self.ctx.store.person(person_id)
        invitation = self.ctx.store.pending_invitation(person_id)
        name = person.name if person else person_id
        question = Text("Your verdict on ")
        question.append(one_line(name), style="bold")
        question.append(" (remembered; a rescreen never replaces it):")
        verdict = invitation.verdict if invitation else None
        self.app.push_screen(
            VerdictDialog(
                "Your verdict", question, verdict, can_clear=bool(verdict and verdict.by_user)
            ),
            lambda label: self._verdict_chosen(person_id, label),
        )

    def _verdict_chosen(self: InboxScreen, person_id: str, label: str | None) -> None:
        if label is None:
            return
        event = self._attempt(lambda: screening.override(self.ctx, person_id, label))
        if event is None:
            return
        invitation = self.ctx.store.pending_invitation(person_id)
        if invitation is not None and invitation.verdict is not None and invitation.verdict.by_user:
            self.invitations.set_column_width("Verdict", VERDICT_WIDTH_MINE)
        self._refresh_row(person_id)
        self.update_card()
        self._done(f"{event.summary} (u to undo)")

    # -- decline everyone with a verdict -----------------------------------------------------------

    def action_decline_by_verdict(self: InboxScreen) -> None:
        from netinbox.ui.dialogs.verdict import VerdictDialog

        pending = self.ctx.store.pending_invitations()
        counts = {label: 0 for label in INVITATION_LABELS}
        for invitation in pending:
            if invitation.verdict is not None and invitation.verdict.shown_label in counts:
                counts[invitation.verdict.shown_label] += 1
        question = Text(
            "Decline every pending invitation with which verdict? (yours where you gave one)"
        )
        self.app.push_screen(
            VerdictDialog("Decline all with a verdict", question, counts=counts),
            self._decline_verdict_chosen,
        )

    def _decline_verdict_chosen(self: InboxScreen, label: str | None) -> None:
        if not label:
            return
        from netinbox.ui.dialogs.confirm import ConfirmDialog

        chosen = [
            i
            for i in sorted(self.ctx.store.pending_invitations(), key=invitation_order)
            if i.verdict is not None and i.verdict.shown_label == label
        ]
        if not chosen:
            self.notify(f"No pending invitation is marked {label_text(label)}", severity="warning")
            return
        body = Text()
        body.append(f"Decline these {len(chosen)} invitations marked ", style="bold")
        body.append(label_text(label), style=f"bold {LABEL_STYLE.get(label, '')}")
        body.append("? One u undoes it all.\n\n", style="bold")
        for invitation in chosen[:PREVIEW_NAMES]:
            person = self.ctx.store.person(invitation.person_id)
            body.append("  ")
            body.append(one_line(person.name if person else invitation.person_id, 40), style="bold")
            verdict = invitation.verdict
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
        ids = [i.person_id for i in chosen]
        self.app.push_screen(
            ConfirmDialog(f"Decline {len(chosen)} × {label_text(label)}", body),
            lambda yes: self._decline_confirmed(ids, yes),
        )

    def _decline_confirmed(self: InboxScreen, person_ids: list[str], yes: bool | None) -> None:
        if not yes:
            return
        # One call, one event: a single `u` brings them all back.
        event = self._attempt(lambda: triage.decline(self.ctx, person_ids))
        if event is None:
            return
        for person_id in person_ids:
            self.invitations.drop(person_id)
        self._refresh_summary()
        self.update_card()
        self._done(f"{event.summary} (u to undo)")

    # -- rescreen ----------------------------------------------------------------------------------

    def start_rescreen(self: InboxScreen) -> None:
        """Rescreen everything in a thread worker, with a progress line under the panes."""
        from netinbox.ui.widgets import PersonCard
        from netinbox.ui.widgets.rescreen import RescreenBar

        if self.query(RescreenBar):
            self.notify("A rescreen is already running", severity="warning")
            return
        self.mount(RescreenBar(self.ctx, self._rescreen_done), before=self.query_one(PersonCard))
        self.notify("Rescreening everything in the background: keep working", timeout=4)

    def _rescreen_done(self: InboxScreen, result: RescreenResult | None, problem: str) -> None:
        if result is None:
            if problem.startswith("damaged: "):
                self.app.offer_recovery(problem.removeprefix("damaged: "))
            else:
                self.notify(
                    problem, title="Rescreen failed", severity="error", markup=False, timeout=15
                )
            return
        self.reload(focus_person=self.active.person_id)
        self.notify(result.line(), title="Rescreen", markup=False, timeout=12)
