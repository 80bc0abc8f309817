"""Verdict evidence quotes strangers: markup and control sequences in it render literally in the
verdict column, the card's reasons, the verdict chooser and the decline preview, and trigger
nothing (the checks of test_hostile_text.py, applied to verdicts)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from textual.widgets import Static

from netinbox.model import StoredVerdict
from netinbox.services import Context, screening
from netinbox.services.context import change
from netinbox.ui.dialogs.confirm import ConfirmDialog
from netinbox.ui.dialogs.verdict import VerdictDialog
from netinbox.ui.screens.inbox import InboxScreen
from tests.factories import HOSTILE, add_invitation
from tests.test_hostile_text import CONTROLS, assert_literal_and_clean
from tests.ui_helpers import make_app, screen_text

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def hostile_verdicts(ctx: Context) -> Context:
    """Evidence (and, as a hand-edited file could hold, a label) full of markup and escapes."""
    add_invitation(ctx, "hostile", first="Eve", last="Stone", hours_ago=1)
    invitation = ctx.store.pending_invitation("hostile")
    verdict = StoredVerdict(
        "pitch",
        0.9,
        (
            ("scheduler_link", f"{HOSTILE['click']} {HOSTILE['osc52']}"),
            (HOSTILE["style"], f"{HOSTILE['close_tag']} {HOSTILE['clear']}"),
        ),
        NOW,
    )
    ctx.store.write_records([change(invitation, replace(invitation, verdict=verdict))])
    add_invitation(ctx, "labelled", first="Lou", last="Label", hours_ago=2)
    invitation = ctx.store.pending_invitation("labelled")
    odd = StoredVerdict("[@click=app.quit]boom", 0.5, (), NOW, "[bold red]x")
    ctx.store.write_records([change(invitation, replace(invitation, verdict=odd))])
    return ctx


async def test_verdict_column_and_card_reasons_render_literally(hostile_verdicts: Context) -> None:
    app = make_app(hostile_verdicts)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert_literal_and_clean(text)  # the card's reasons carry all three
        assert "scheduler link: [@click=app.quit]boom" in text
        # Clicking the would-be links in the card does nothing.
        card = app.screen.query_one("#card")
        for y in (1, 2):
            for x in range(2, 120, 4):
                await pilot.click(card, offset=(x, y))
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, InboxScreen)
        # A label that is itself markup shows as text in the row (the user's label wins).
        await pilot.press("j")
        row = next(line for line in screen_text(app).splitlines() if "Lou Label" in line)
        assert "[bold red]x" in row
        assert "[@click=app.quit]boom" in screen_text(app)  # the card's "screening said"
        assert app.is_running


async def test_the_chooser_and_the_decline_preview_render_evidence_literally(
    hostile_verdicts: Context,
) -> None:
    app = make_app(hostile_verdicts)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VerdictDialog)
        assert_literal_and_clean(screen_text(app))
        await pilot.press("escape", "D", "p")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        preview = str(app.screen.query_one(Static).content)
        assert "[@click=app.quit]boom" in preview
        assert not any(control in preview for control in CONTROLS)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and hostile_verdicts.store.pending_invitation("hostile")


def test_the_engines_evidence_on_hostile_notes_is_clean(ctx: Context) -> None:
    """Screening a stranger's note quotes it; what gets stored is free of control sequences."""
    note = " ".join(HOSTILE.values()) + " book a demo: calendly.com/eve/15min, I help CTOs"
    add_invitation(ctx, "eve", first=HOSTILE["click"], last="Stone", note=note)
    screening.override(ctx, "eve", "genuine")  # screens it on the spot, then stores it
    verdict = ctx.store.pending_invitation("eve").verdict
    assert verdict.label == "pitch"
    for pair in verdict.reasons:
        for part in pair:
            assert not any(control in part for control in CONTROLS)
    assert verdict.reasons and verdict.user_label == "genuine"
