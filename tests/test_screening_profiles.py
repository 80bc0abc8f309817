"""Profile signals: scams, someone else's name, list-builders and the genuine people who look like them."""

from __future__ import annotations

import pytest
from profile_helpers import person, signals_of

from netinbox.screening import screen_batch, screen_profile


def test_the_baseline_is_genuine() -> None:
    assert screen_profile(person()).label == "genuine"


@pytest.mark.parametrize(
    ("field", "text", "signal"),
    [
        (
            "invitation_note",
            "Let's continue on WhatsApp, I don't use LinkedIn much.",
            "scam_off_platform",
        ),
        ("headline", "Crypto mentor | Guaranteed 30% monthly returns", "scam_guaranteed_returns"),
        (
            "invitation_note",
            "Hello dear, I saw your beautiful smile and want to know you better.",
            "scam_romance_opener",
        ),
        (
            "invitation_note",
            "Lost funds to a fake broker? We recover your money.",
            "scam_fund_recovery",
        ),
        (
            "invitation_note",
            "Remote job, no experience needed, 450€ per day. Contact me on Telegram.",
            "scam_job_scam",
        ),
    ],
)
def test_scam_patterns(field: str, text: str, signal: str) -> None:
    verdict = screen_profile(person(**{field: text}))
    assert verdict.label == "likely_fake"
    assert signal in {r.signal for r in verdict.reasons}


def test_whatsapp_alone_is_not_a_scam() -> None:
    profile = person(invitation_note="Hi Robin, happy to connect. Reach me on WhatsApp if easier.")
    assert screen_profile(profile).label == "genuine"


def test_headline_or_signature_naming_someone_else() -> None:
    assert "identity_mismatch" in signals_of(
        person(headline="Jessica Huang | Head of Talent at Stripe")
    )
    assert "identity_mismatch" in signals_of(
        person(invitation_note="Would love to connect. Best regards, Sarah Kim")
    )
    assert screen_profile(person(headline="Ana Silva | Platform Engineer")).label == "genuine"
    assert screen_profile(person(invitation_note="Great talk! Cheers, Ana")).label == "genuine"
    nickname = person(name="Katherine Miller", invitation_note="Enjoyed your post. Best, Kate")
    assert screen_profile(nickname).label == "genuine"
    assert screen_profile(person(headline="Brightlane Career Lab | Member")).label == "genuine"
    assert "identity_mismatch" in signals_of(
        person(headline="Natalie Brooks | Senior Talent Partner at Zenroute")
    )


def test_returns_claim_with_a_move_off_platform_is_a_scam() -> None:
    note = "I share daily signals with a small group. 100% win rate last month. WhatsApp me."
    verdict = screen_profile(person(invitation_note=note))
    assert verdict.label == "likely_fake"
    assert "scam_guaranteed_returns" in {r.signal for r in verdict.reasons}
    quiet = person(headline="Sales lead | Raised win rate by 20% in a year")
    assert screen_profile(quiet).label == "genuine"


def test_huge_network_without_activity_is_a_list_builder() -> None:
    profile = person(
        connections=28_000,
        posts_90d=0,
        comments_90d=0,
        reactions_90d=1,
        mutual_connections=60,
        invitation_note="",
    )
    verdict = screen_profile(profile)
    assert verdict.label == "list_builder"
    assert {"huge_network_no_activity", "many_mutuals", "no_note"} <= {
        r.signal for r in verdict.reasons
    }
    active = person(connections=28_000, posts_90d=20, comments_90d=90, reactions_90d=500)
    assert screen_profile(active).label == "genuine"


def test_huge_network_while_new_to_the_workforce() -> None:
    profile = person(
        connections=9_000, first_job_year=2025, posts_90d=0, comments_90d=0, reactions_90d=0
    )
    assert "network_vs_career" in signals_of(profile)
    student = person(connections=150, first_job_year=None, experience=[])
    assert screen_profile(student).label == "genuine"


def test_networking_programme_and_generic_note() -> None:
    profile = person(
        headline="SDR | Brightlane Career Lab member",
        connections=12_000, posts_90d=0, comments_90d=0, reactions_90d=0,
        invitation_note="I'd like to add you to my professional network.",
    )  # fmt: skip
    verdict = screen_profile(profile)
    assert verdict.label == "list_builder"
    assert {"networking_programme", "generic_note"} <= {r.signal for r in verdict.reasons}
    cisco = person(
        headline="Network engineer | Cisco Networking Academy instructor", connections=4000
    )
    assert "networking_programme" not in signals_of(cisco)


def test_quiet_people_and_people_without_photos_are_genuine() -> None:
    quiet = person(connections=40, posts_90d=0, comments_90d=0, reactions_90d=0, has_photo=False,
                   invitation_note="", viewed_my_profile=False, mutual_connections=0)  # fmt: skip
    assert screen_profile(quiet).label == "genuine"


def test_a_note_that_is_a_pitch_is_a_reason_but_not_a_verdict() -> None:
    note = "Hi Robin, I help platform teams cut CI costs by 40%. Open to a 15-minute call?"
    salesy = person(
        invitation_note=note, connections=16_000, posts_90d=0, comments_90d=0, reactions_90d=0
    )
    assert "note_is_pitch" in signals_of(salesy)
    assert screen_profile(person(invitation_note=note)).label == "genuine"


def test_template_notes_and_bursts_count_in_a_batch() -> None:
    note = (
        "Hi {n}, I am expanding my network with leaders in tech "
        "and would be glad to connect with you today."
    )
    sdr = [{"title": "SDR", "company": "Pipeflow", "start_year": 2020, "end_year": None}]
    base = dict(
        connections=9_000, posts_90d=0, comments_90d=0, reactions_90d=0, first_job_year=2016,
        experience=sdr,
    )  # fmt: skip
    batch = [
        person(
            name=name,
            invitation_note=note.format(n="Robin"),
            received_at=f"2026-03-01T{h:02d}:00:00Z",
            **base,
        )
        for h, name in enumerate(["Ann Lee", "Bo Chan", "Cy Diaz"])
    ]
    alone = screen_profile(batch[0])
    together = screen_batch(batch)
    assert alone.label == "genuine"  # a large quiet network alone is not enough
    assert all(v.label == "list_builder" for v in together)
    found = {r.signal for v in together for r in v.reasons}
    assert {"template_note", "burst"} <= found
