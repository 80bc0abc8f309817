"""The shared sample pages, parsed and saved as a user would paste them (the parsers and the saving
together): the three inviters get the verdicts their profiles call for, and pasting the invitation
manager twice adds nothing. Skipped when ../shared is not beside this checkout."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.paste import parse_paste
from netinbox.services import Context
from netinbox.services.paste import match_profile, save_paste
from netinbox.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared" / "linkedin-pages"
pytestmark = pytest.mark.skipif(
    not SHARED.is_dir(), reason="shared/linkedin-pages is not beside this checkout"
)
# The samples' "Jan 2025 - Present · 11 mos" was copied at the end of 2025.
NOW = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)


def pasted(ctx: Context, name: str, person_id: str | None = None):  # noqa: ANN201
    result = parse_paste((SHARED / name).read_text(encoding="utf-8"), ctx.now())
    return save_paste(ctx, result, person_id)


def test_the_samples_pasted_give_the_verdicts_their_profiles_call_for(db_path: Path) -> None:
    ctx = Context(Store(db_path), Clock(NOW), Settings(owner_first_name="Robin"))
    first = pasted(ctx, "invitations_received.txt")
    assert first.new_invitations == 7
    again = pasted(ctx, "invitations_received.txt")
    assert again.new_invitations == 0 and again.event is None
    verdicts = {}
    for name in ("profile_fake_degree.txt", "profile_list_builder.txt", "profile_genuine.txt"):
        result = parse_paste((SHARED / name).read_text(encoding="utf-8"), ctx.now())
        (person,) = match_profile(ctx, result.items[0])
        save_paste(ctx, result)
        verdict = ctx.store.pending_invitation(person.id).verdict
        verdicts[name] = (verdict.label, {signal for signal, _ in verdict.reasons})
    label, signals = verdicts["profile_fake_degree.txt"]
    assert label == "likely_fake" and "degree_not_granted" in signals
    label, signals = verdicts["profile_list_builder.txt"]
    assert label == "list_builder"
    assert {"huge_network_no_activity", "network_vs_career"} <= signals
    assert verdicts["profile_genuine.txt"][0] == "genuine"
    kayla = next(p for p in ctx.store.people() if p.first_name == "Kayla")
    assert kayla.connections == 500 and kayla.connections_at_least  # "500+": a floor
    ctx.store.close()


def test_who_viewed_and_a_thread_pasted_after_the_invitations(db_path: Path) -> None:
    ctx = Context(Store(db_path), Clock(NOW), Settings(owner_first_name="Robin"))
    pasted(ctx, "invitations_received.txt")
    viewers = pasted(ctx, "who_viewed.txt")
    assert viewers.views == 2  # Kayla and Anika, known from the invitations; the third is not
    kayla = next(p for p in ctx.store.people() if p.first_name == "Kayla")
    assert len(kayla.profile_views) == 1
    thread = pasted(ctx, "conversation.txt")
    assert "3 messages with Dominick Russo" in thread.line
    assert pasted(ctx, "conversation.txt").event is None  # the same thread again: stored once
    ctx.store.close()
