"""Issue 5 in the Inbox, through real keys: verdict column, reasons on the card, `s` sort, `v`
override (undoable), `D` decline all with a verdict, "Rescreen everything" in a thread worker,
reply verdicts on the card and in the draft editor."""

from __future__ import annotations

import gc
import threading
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from textual.widgets import Static

import netinbox.screening
import netinbox.services.screening
from netinbox.model import InvitationStatus, Reply, ReplyKind, StoredVerdict
from netinbox.services import Context
from netinbox.services.context import change
from netinbox.ui.dialogs.confirm import ConfirmDialog
from netinbox.ui.dialogs.draft_editor import DraftEditor
from netinbox.ui.dialogs.verdict import VerdictDialog
from netinbox.ui.screens.inbox import InboxScreen
from netinbox.ui.screens.inbox import InboxScreen as _Inbox
from tests.factories import add_invitation, add_sent_note
from tests.ui_helpers import make_app, screen_text, status_text

INBOX_BINDINGS = _Inbox.BINDINGS

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def set_verdict(ctx: Context, person_id: str, label: str, *reasons, user: str = "") -> None:
    invitation = ctx.store.pending_invitation(person_id)
    verdict = StoredVerdict(label, 0.93, tuple(reasons), NOW, user)
    ctx.store.write_records([change(invitation, replace(invitation, verdict=verdict))])


@pytest.fixture
def verdict_ctx(ctx: Context) -> Context:
    """Newest first: Kayla (list-builder), Brandon (likely fake), Ravi (pitch), Ana (not screened)."""
    add_invitation(ctx, "kayla", first="Kayla", last="Brooks", hours_ago=1)
    add_invitation(ctx, "brandon", first="Brandon", last="Hale", hours_ago=2)
    add_invitation(ctx, "ravi", first="Ravi", last="Iyer", hours_ago=3, note="calendly.com/ravi")
    add_invitation(ctx, "ana", first="Ana", last="Durand", hours_ago=4, note="We met at the meetup")
    set_verdict(
        ctx, "kayla", "list_builder",
        ("huge_network_no_activity", "27,000 connections, 0 posts"), ("no_note", "no note"),
    )  # fmt: skip
    set_verdict(ctx, "brandon", "likely_fake", ("degree_not_granted", "BSEE from HBS"))
    set_verdict(ctx, "ravi", "pitch", ("scheduler_link", "calendly.com/ravi"))
    return ctx


def inbox(app) -> InboxScreen:
    assert isinstance(app.screen, InboxScreen)
    return app.screen


def row_of(app, name: str) -> str:
    return next(line for line in screen_text(app).splitlines() if name in line)


async def test_every_invitation_row_shows_its_verdict(verdict_ctx: Context) -> None:
    app = make_app(verdict_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "list-builder" in row_of(app, "Kayla Brooks")
        assert "likely fake" in row_of(app, "Brandon Hale")
        assert "pitch" in row_of(app, "Ravi Iyer")
        assert " · " in row_of(app, "Ana Durand")  # not screened yet
        assert "Verdict" in row_of(app, "Name")


async def test_the_card_lists_the_reasons_with_their_evidence(verdict_ctx: Context) -> None:
    app = make_app(verdict_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert (
            "Why list-builder (0.93): huge network no activity: 27,000 connections, 0 posts" in text
        )
        await pilot.press("j")
        assert "degree not granted: BSEE from HBS" in screen_text(app)
        await pilot.press("j", "j")
        assert "Not screened yet" in screen_text(app)


async def test_s_cycles_the_sort_and_the_title_says_which(verdict_ctx: Context) -> None:
    app = make_app(verdict_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = inbox(app)
        await pilot.pause()
        assert "Invitations (4) · newest first" in screen_text(app)
        assert list(screen.invitations.rows) == ["kayla", "brandon", "ravi", "ana"]
        # Sorting only reads what is stored: the screening engine must not run on a key press.
        calls = []
        original = netinbox.screening.screen_batch
        netinbox.screening.screen_batch = lambda items: calls.append(items) or original(items)
        try:
            await pilot.press("s")
            await pilot.pause()
        finally:
            netinbox.screening.screen_batch = original
        assert calls == []
        assert "Invitations (4) · by verdict" in screen_text(app)
        assert [str(k.value) for k in screen.invitations.rows] == [
            "brandon",
            "ravi",
            "kayla",
            "ana",
        ]
        assert screen.invitations.person_id == "kayla"  # the cursor stays on the same person
        await pilot.press("s")
        await pilot.pause()
        assert "Invitations (4) · newest first" in screen_text(app)
        assert [str(k.value) for k in screen.invitations.rows] == [
            "kayla",
            "brandon",
            "ravi",
            "ana",
        ]


async def test_v_overrides_the_verdict_and_u_reverts_it(verdict_ctx: Context) -> None:
    app = make_app(verdict_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VerdictDialog)
        text = screen_text(app)
        assert "Your verdict on Kayla Brooks" in text and "clear my override" not in text
        await pilot.press("g")
        await pilot.pause()
        stored = verdict_ctx.store.pending_invitation("kayla").verdict
        assert stored.user_label == "genuine" and stored.label == "list_builder"
        assert "genuine ✓you" in row_of(app, "Kayla Brooks")
        assert "Your verdict: genuine ✓you · screening said list-builder" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert verdict_ctx.store.pending_invitation("kayla").verdict.user_label == ""
        assert "✓you" not in row_of(app, "Kayla Brooks")
        assert "list-builder" in row_of(app, "Kayla Brooks")
        # Clearing: only offered when there is an override of the user's.
        await pilot.press("v", "p")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        assert "clear my override" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert verdict_ctx.store.pending_invitation("kayla").verdict.user_label == ""


async def test_v_in_the_notes_pane_explains_instead_of_acting(verdict_ctx: Context) -> None:
    add_sent_note(verdict_ctx, "li", first="Li", last="Wei")
    app = make_app(verdict_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("tab", "v")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        assert "Invitations pane" in status_text(app)


async def test_D_declines_all_with_a_verdict_after_a_preview_in_one_undoable_event(
    verdict_ctx: Context,
) -> None:
    set_verdict(verdict_ctx, "ana", "pitch", ("help_offer", "I help founders"))
    events = len(list(verdict_ctx.store.events()))
    app = make_app(verdict_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, VerdictDialog)
        assert "pitch (2)" in screen_text(app) and "likely fake (1)" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        preview = str(app.screen.query_one(Static).content)
        assert "Decline these 2 invitations marked pitch?" in preview
        assert "Ravi Iyer" in preview and "Ana Durand" in preview and "Kayla" not in preview
        assert "scheduler link: calendly.com/ravi" in preview  # why each one is on the list
        await pilot.press("y")
        await pilot.pause()
        store = verdict_ctx.store
        assert store.invitations_of("ravi")[0].status is InvitationStatus.DECLINED
        assert store.invitations_of("ana")[0].status is InvitationStatus.DECLINED
        assert len(list(store.events())) == events + 1  # one call, one event
        assert "Invitations (2)" in screen_text(app) and "Ravi Iyer" not in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert store.pending_invitation("ravi") and store.pending_invitation("ana")
        assert "Invitations (4)" in screen_text(app)


async def test_D_can_be_called_off_at_the_preview(verdict_ctx: Context) -> None:
    app = make_app(verdict_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("D", "f")
        await pilot.pause()
        assert "Brandon Hale" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert verdict_ctx.store.pending_invitation("brandon") is not None


async def test_rescreen_everything_runs_in_a_thread_and_the_inbox_stays_live(
    verdict_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the screening runs, keys still move the cursor; then the verdicts are saved (the
    user's own kept) and the rows show them."""
    set_verdict(verdict_ctx, "brandon", "likely_fake", user="genuine")
    release, started = threading.Event(), threading.Event()
    screened_on, collecting = [], []
    original = netinbox.screening.screen_batch

    def slow_batch(items, year=None):
        screened_on.append(threading.current_thread() is threading.main_thread())
        collecting.append(gc.isenabled())
        started.set()
        release.wait(10)
        return original(items, year)

    monkeypatch.setattr(netinbox.screening, "screen_batch", slow_batch)
    app = make_app(verdict_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = inbox(app)
        command = next(
            c for c in app.get_system_commands(screen) if c.title == "Rescreen everything"
        )
        command.callback()
        for _ in range(100):
            await pilot.pause(0.02)
            if started.is_set():
                break
        assert started.is_set() and screened_on == [False]  # not on the UI thread
        assert collecting == [False]  # no collection pause can freeze the UI meanwhile
        assert "Rescreening:" in screen_text(app)
        await pilot.press("j")  # the UI answers while the screening runs
        assert screen.invitations.person_id == "brandon"
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        store = verdict_ctx.store
        # Ana's profile carries no facts: her personal note does not make her profile genuine.
        assert store.pending_invitation("ana").verdict.label == "unchecked"
        assert store.pending_invitation("ravi").verdict.label == "pitch"
        assert store.pending_invitation("brandon").verdict.user_label == "genuine"
        assert "unchecked" in row_of(app, "Ana Durand")
        assert "Rescreening:" not in screen_text(app)
        assert "Rescreened 4 invitations" in status_text(app)


async def test_a_second_rescreen_waits_for_the_first(verdict_ctx: Context, monkeypatch) -> None:
    release = threading.Event()
    original = netinbox.screening.screen_batch
    monkeypatch.setattr(
        netinbox.screening,
        "screen_batch",
        lambda items, year=None: release.wait(10) and original(items, year),
    )
    app = make_app(verdict_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        command = next(c for c in app.get_system_commands(app.screen) if c.title.startswith("Resc"))
        command.callback()
        await pilot.pause()
        command.callback()
        await pilot.pause()
        assert any("already running" in str(n.message) for n in app._notifications)
        release.set()
        await app.workers.wait_for_complete()


async def test_reply_verdicts_on_the_card_and_in_the_draft_editor(ctx: Context) -> None:
    reply = Reply(
        ReplyKind.PITCH,
        "Worth 15 min? calendly.com/b/15min",
        NOW,
        StoredVerdict("pitch", 0.97, (("scheduler_link", "calendly.com/b/15min"),), NOW),
    )
    add_sent_note(ctx, "brandon", first="Brandon", last="Hale", reply=reply)
    add_invitation(ctx, "brandon", note="again")  # a re-invite: the card shows the old reply
    app = make_app(ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert "screened pitch: scheduler link: calendly.com/b/15min" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, DraftEditor)
        assert "screened pitch: scheduler link: calendly.com/b/15min" in screen_text(app)


async def test_recording_a_reply_in_the_app_says_how_it_was_screened(ctx: Context) -> None:
    add_sent_note(ctx, "li", first="Li", last="Wei")
    app = make_app(ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("tab", "R", "tab", *"Likewise!", "shift+tab", "enter")
        await pilot.pause()
        reply = ctx.store.note_for("li").reply
        assert reply.verdict.label == "canned" and reply.verdict.user_label == "personal"
        assert "screened canned" in status_text(app)


def test_every_new_binding_has_a_description_and_a_tooltip() -> None:
    for action in ("sort", "override_verdict", "decline_by_verdict"):
        binding = next(b for b in INBOX_BINDINGS if b.action == action)
        assert binding.description and binding.tooltip and binding.show


async def test_new_keys_are_in_the_footer_help_and_palette(verdict_ctx: Context) -> None:
    app = make_app(verdict_ctx)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for label in ("v Verdict", "D Decline all…", "s Sort"):
            assert label in footer, label
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert {"Verdict (v)", "Decline all… (D)", "Sort (s)", "Rescreen everything"} <= set(titles)
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Decline all with a verdict" in screen_text(app)


async def test_screening_rules_are_compiled_off_the_ui_thread_after_start_up(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first reply recorded must not pay for loading the word lists on a keypress."""
    import netinbox.ui.app as app_module
    from netinbox.screening import config
    from netinbox.screening.message_rules import rules

    config.reset()
    monkeypatch.setattr(app_module, "PREPARE_SCREENING_AFTER_S", 0.05)
    compiled_on = []
    original = netinbox.services.screening.prepare

    def watched() -> None:
        compiled_on.append(threading.current_thread() is threading.main_thread())
        original()

    monkeypatch.setattr(netinbox.services.screening, "prepare", watched)
    app = make_app(ctx)
    async with app.run_test(size=(120, 40)) as pilot:
        assert rules.cache_info().currsize == 0  # not during start-up
        for _ in range(50):
            await pilot.pause(0.05)
            if compiled_on and rules.cache_info().currsize:
                break
        await app.workers.wait_for_complete()
    assert compiled_on == [False] and rules.cache_info().currsize == 1
