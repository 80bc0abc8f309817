"""The screening uses what was pasted: the three sample profiles, and "500+" as a floor."""

from __future__ import annotations

from pathlib import Path

import pytest
from paste_samples import FAKE_DEGREE, GENUINE, LIST_BUILDER, SAMPLE_NOW, invitations

from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.model import Person
from netinbox.paste.model import PastedProfile, PasteResult
from netinbox.screening import network, screen_profile
from netinbox.screening.inputs import profile_from
from netinbox.services import Context
from netinbox.services.paste import match_profile, save_paste
from netinbox.store import Store
from netinbox.store.codec import dump_person, load_person


@pytest.fixture
def pasted(db_path: Path) -> Context:
    """The invitation manager pasted, then the three profiles (each a paste of its own)."""
    ctx = Context(Store(db_path), Clock(SAMPLE_NOW), Settings(owner_first_name="Robin"))
    save_paste(ctx, invitations())
    for profile in (FAKE_DEGREE, LIST_BUILDER, GENUINE):
        save_paste(ctx, PasteResult("profile", (profile,)))
    return ctx


def _verdict(ctx: Context, profile: PastedProfile):  # noqa: ANN202 (a StoredVerdict)
    (person,) = match_profile(ctx, profile)
    return ctx.store.pending_invitation(person.id).verdict


def test_before_the_profiles_the_three_look_alike(db_path: Path) -> None:
    ctx = Context(Store(db_path), Clock(SAMPLE_NOW), Settings(owner_first_name="Robin"))
    save_paste(ctx, invitations())
    labels = {_verdict(ctx, p).label for p in (FAKE_DEGREE, LIST_BUILDER, GENUINE)}
    assert labels == {"unchecked"}  # a card alone shows no evidence either way: no verdict


def test_an_engineering_bachelors_from_a_business_school_is_likely_fake(pasted: Context) -> None:
    verdict = _verdict(pasted, FAKE_DEGREE)
    assert verdict.label == "likely_fake"
    signal, evidence = verdict.reasons[0]
    assert signal == "degree_not_granted"
    assert "BSEE" in evidence and "Harvard Business School" in evidence


def test_a_big_quiet_network_in_the_first_year_of_work_is_a_list_builder(pasted: Context) -> None:
    verdict = _verdict(pasted, LIST_BUILDER)
    assert verdict.label == "list_builder"
    reasons = dict(verdict.reasons)
    assert reasons["huge_network_no_activity"].startswith(
        "27,412 followers (500+ connections), 0 posts"
    )
    assert reasons["network_vs_career"] == "27,412 followers (500+ connections), first job in 2025"


def test_the_designer_with_real_activity_is_genuine(pasted: Context) -> None:
    verdict = _verdict(pasted, GENUINE)
    assert verdict.label == "genuine"
    assert not any(s in dict(verdict.reasons) for s in ("degree_not_granted", "list_role"))


def test_the_profile_paste_says_the_verdict_it_led_to(db_path: Path) -> None:
    ctx = Context(Store(db_path), Clock(SAMPLE_NOW), Settings(owner_first_name="Robin"))
    save_paste(ctx, invitations())
    summary = save_paste(ctx, PasteResult("profile", (LIST_BUILDER,)))
    assert summary.line == (
        "Updated Kayla Brooks's profile: 27,412 followers, 500+ connections, 0 posts in 90 "
        "days, 1 role, 1 school; verdict list-builder"
    )


# --- "500+" ---------------------------------------------------------------------------------------


def _quiet(**facts: object) -> dict:
    return {"name": "Ana Silva", "posts_90d": 0, "first_job_year": 2010, "education": [],
            "experience": [], **facts}  # fmt: skip


def _network(**facts: object) -> dict[str, str]:
    return {s.name: s.evidence for s in network.signals(profile_from(_quiet(**facts)), 2025)}


def test_500_plus_is_a_floor_measured_by_the_followers() -> None:
    found = _network(connections=500, connections_at_least=True, followers=9000)
    assert found["large_network_no_activity"].startswith("9,000 followers (500+ connections)")


def test_500_exactly_is_500() -> None:
    assert _network(connections=500, followers=9000) == {}


def test_a_floor_is_never_said_as_the_number() -> None:
    floor = screen_profile(
        _quiet(connections=9000, connections_at_least=True, followers=100, first_job_year=2024)
    )
    evidence = [r.evidence for r in floor.reasons if "connections" in r.evidence]
    assert evidence and all("9,000+ connections" in e for e in evidence)


def test_the_floor_is_stored_with_the_person() -> None:
    person = Person("kb", "Kayla", connections=500, connections_at_least=True)
    assert load_person("kb", dump_person(person)) == person
    assert "connections_at_least" not in dump_person(Person("x", connections=500))
