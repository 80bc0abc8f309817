"""Profile signals: fakes, list-builders and the genuine people who look like them."""

from __future__ import annotations

import json

import pytest

from netinbox.screening import screen_batch, screen_profile
from netinbox.screening.education import not_granted


def person(**overrides: object) -> dict:
    """A coherent, quiet, genuine profile to vary one thing at a time."""
    profile = {
        "name": "Ana Silva",
        "headline": "Platform Engineer",
        "connections": 600,
        "followers": 640,
        "posts_90d": 1,
        "comments_90d": 4,
        "reactions_90d": 30,
        "first_job_year": 2014,
        "education": [
            {
                "school": "University of Porto",
                "degree": "BSc",
                "field": "Informatics",
                "end_year": 2013,
            }
        ],
        "experience": [
            {
                "title": "Software Engineer",
                "company": "Farfetch",
                "start_year": 2014,
                "end_year": 2019,
            },
            {
                "title": "Platform Engineer",
                "company": "Talkdesk",
                "start_year": 2019,
                "end_year": None,
            },
        ],
        "has_photo": True,
        "viewed_my_profile": True,
        "mutual_connections": 4,
        "invitation_note": (
            "Hi Robin, enjoyed your talk on golden paths at KubeCon. Would love to stay in touch."
        ),
    }
    profile.update(overrides)
    return profile


def signals_of(profile: dict) -> set[str]:
    return {r.signal for r in screen_profile(profile).reasons}


def test_the_baseline_is_genuine() -> None:
    assert screen_profile(person()).label == "genuine"


@pytest.mark.parametrize(
    ("school", "degree", "field", "granted"),
    [
        ("INSEAD", "BSc", "Electrical Engineering", False),
        ("INSEAD", "MBA", "", True),
        ("Harvard Business School", "BEng", "Mechanical Engineering", False),
        ("Harvard University", "AB", "Computer Science", True),
        ("Stanford Graduate School of Business", "BSc", "Chemistry", False),
        ("Stanford University", "BS", "Electrical Engineering", True),
        ("London Business School", "Masters in Finance", "Finance", True),
        ("London Business School", "Bachelor of Science", "Computer Science", False),
        ("HEC Paris", "Executive MBA", "", True),
        ("HEC Paris", "Bachelor of Engineering", "Civil Engineering", False),
        ("WHU – Otto Beisheim School of Management", "EMBA", "General Management", True),
        ("WHU – Otto Beisheim School of Management", "MSc", "Computer Science", False),
        ("The Juilliard School", "BM", "Music Composition", True),
        ("The Juilliard School", "Bachelor of Science", "Computer Engineering", False),
        ("Harvard Business School", "Certificate", "Technology Leadership", True),
        ("Unknown Institute of Things", "BSc", "Anything", True),
    ],
)
def test_degrees_a_school_does_not_grant(
    school: str, degree: str, field: str, granted: bool
) -> None:
    assert (not_granted(school, degree, field) is None) is granted
    education = [{"school": school, "degree": degree, "field": field, "end_year": 2013}]
    verdict = screen_profile(person(education=education))
    assert (verdict.label == "likely_fake") is not granted
    if not granted:
        assert verdict.reasons[0].signal == "degree_not_granted"
        assert school.split()[0] in verdict.reasons[0].evidence


def test_phd_before_bachelors_is_impossible_but_phd_before_emba_is_not() -> None:
    education = [
        {"school": "TU Berlin", "degree": "PhD", "field": "Physics", "end_year": 2009},
        {"school": "TU Berlin", "degree": "BSc", "field": "Physics", "end_year": 2012},
    ]
    assert "impossible_timeline" in signals_of(person(education=education, first_job_year=2012))
    education[1] = {"school": "WHU", "degree": "EMBA", "field": "Management", "end_year": 2020}
    assert screen_profile(person(education=education, first_job_year=2009)).label == "genuine"


def test_senior_title_before_the_first_job() -> None:
    experience = [
        {
            "title": "Vice President",
            "company": "Goldman Sachs",
            "start_year": 2010,
            "end_year": 2015,
        }
    ]
    assert "impossible_timeline" in signals_of(person(experience=experience, first_job_year=2016))
    founder = [
        {"title": "Co-founder & CEO", "company": "Tiny", "start_year": 2012, "end_year": None}
    ]
    assert screen_profile(person(experience=founder, first_job_year=2014)).label == "genuine"
    club = [
        {
            "title": "President",
            "company": "Student Debating Society",
            "start_year": 2011,
            "end_year": 2013,
        }
    ]
    assert screen_profile(person(experience=club + person()["experience"])).label == "genuine"


def test_top_roles_at_competing_firms_at_once_right_after_graduating() -> None:
    experience = [
        {
            "title": "Chief Technology Officer",
            "company": "Uber",
            "start_year": 2019,
            "end_year": None,
        },
        {
            "title": "Chief Technology Officer",
            "company": "Lyft",
            "start_year": 2019,
            "end_year": None,
        },
    ]
    education = [{"school": "U of T", "degree": "BASc", "field": "Engineering", "end_year": 2018}]
    profile = person(experience=experience, education=education, first_job_year=2019)
    assert "impossible_timeline" in signals_of(profile)
    side_roles = [
        {"title": "Staff Engineer", "company": "Cloudflare", "start_year": 2018, "end_year": None},
        {"title": "Maintainer", "company": "fastcache", "start_year": 2015, "end_year": None},
        {
            "title": "Technical Advisor",
            "company": "Tiny Startup",
            "start_year": 2022,
            "end_year": None,
        },
        {"title": "Volunteer Mentor", "company": "Code Club", "start_year": 2019, "end_year": None},
    ]
    assert screen_profile(person(experience=side_roles)).label == "genuine"


def test_headline_claiming_more_years_than_the_career_has() -> None:
    assert "impossible_timeline" in signals_of(
        person(headline="Leader with 20+ years of experience", first_job_year=2020)
    )
    assert (
        screen_profile(person(headline="15+ years in software", first_job_year=2009)).label
        == "genuine"
    )


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


@pytest.mark.parametrize("school", ["Babson College", "Bentley University", "Thunderbird"])
def test_business_only_schools_grant_no_engineering(school: str) -> None:
    assert not_granted(school, "BS", "Mechanical Engineering")
    assert not_granted(school, "BS", "Business Administration") is None


@pytest.mark.parametrize(
    ("school", "degree", "field"),
    [
        ("Nottingham University Business School", "BSc", "Mechanical Engineering"),
        ("Aalto University School of Business", "BEng", "Electrical Engineering"),
        ("Conservatorio di Musica Giuseppe Verdi", "LLB", "Law"),
        ("Glasgow School of Art", "MD", "Medicine"),
        ("Osgoode Hall Law School", "BSc", "Computer Science"),
        ("Central Saint Martins, University of the Arts London", "BEng", "Civil Engineering"),
    ],
)
def test_a_school_missing_from_the_table_is_judged_by_the_kind_its_name_declares(
    school: str, degree: str, field: str
) -> None:
    assert "by its name" in (not_granted(school, degree, field) or "")


@pytest.mark.parametrize(
    ("school", "degree", "field"),
    [
        ("Rotterdam School of Management", "MSc", "Engineering Management"),
        ("Aalto University School of Business", "BSc", "Information Systems"),
        ("Glasgow School of Art", "MA", "Product Design Engineering"),
        ("Copenhagen Business School", "Executive Certificate", "Engineering Leadership"),
        ("Technical University of Munich", "BEng", "Mechanical Engineering"),
        ("Osgoode Hall Law School", "JD", "Law"),
    ],
)
def test_a_school_kind_allows_what_such_schools_grant(school: str, degree: str, field: str) -> None:
    assert not_granted(school, degree, field) is None


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


def test_careers_are_measured_to_the_callers_year_not_the_machines() -> None:
    """Time is injected: the same profile is new to work in 2026 and a veteran by 2045."""
    newcomer = person(connections=20_000, first_job_year=2024, posts_90d=0, comments_90d=0)
    signals_2026 = {r.signal for r in screen_profile(newcomer, year=2026).reasons}
    signals_2045 = {r.signal for r in screen_profile(newcomer, year=2045).reasons}
    assert "network_vs_career" in signals_2026 and "network_vs_career" not in signals_2045


def test_netinbox_screen_takes_the_year_from_netinbox_now(monkeypatch, capsys) -> None:
    import io

    from netinbox.cli import main

    newcomer = person(connections=20_000, first_job_year=2024, posts_90d=0, comments_90d=0)
    line = json.dumps({"id": "p", **newcomer})
    for now, expected in (
        ("2026-03-01T09:00:00+00:00", True),
        ("2045-03-01T09:00:00+00:00", False),
    ):
        monkeypatch.setenv("NETINBOX_NOW", now)
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(line.encode())))
        main(["screen", "-"])
        row = json.loads(capsys.readouterr().out)
        assert ("network_vs_career" in {r["signal"] for r in row["reasons"]}) is expected


def _degrees(*entries: tuple[str, str, str, int]) -> list[dict]:
    return [{"school": s, "degree": d, "field": f, "end_year": y} for s, d, f, y in entries]


def test_a_masters_then_a_second_bachelors_years_later_is_a_career_change() -> None:
    """A master's before the only listed bachelor's looks impossible but is a second degree
    as often as not (the first one left off): never evidence of a fake on its own."""
    education = _degrees(
        ("University of Southern California", "MS", "Computer Science", 2011),
        ("University of London", "BSc", "Economics and Management", 2018),
    )
    assert screen_profile(person(education=education, first_job_year=2011)).label == "genuine"


def test_a_first_degree_masters_then_a_later_bachelors_is_a_second_degree() -> None:
    education = _degrees(
        ("TU Dresden", "Diplom", "Maschinenbau", 2004),
        ("FernUniversität in Hagen", "Bachelor", "Psychologie", 2015),
    )
    assert screen_profile(person(education=education, first_job_year=2004)).label == "genuine"


def _career(*roles: tuple[str, str, int, int | None]) -> list[dict]:
    return [{"title": t, "company": c, "start_year": s, "end_year": e} for t, c, s, e in roles]


def test_a_senior_first_job_years_before_the_degree_cannot_be() -> None:
    profile = person(
        education=_degrees(("Anna University", "B.E.", "Computer Science", 2020)),
        experience=_career(
            ("Senior Software Engineer", "HCL", 2013, 2017),
            ("Lead DevOps", "Accenture", 2017, None),
        ),
        first_job_year=2013,
    )
    assert screen_profile(profile).label == "likely_fake"


def test_a_late_part_time_degree_after_a_junior_start_is_fine() -> None:
    profile = person(
        education=_degrees(("Open University", "BSc", "Computing", 2019)),
        experience=_career(
            ("Support Technician", "Dell", 2008, 2012),
            ("Senior Software Engineer", "Sage", 2012, None),
        ),
        first_job_year=2008,
    )
    assert screen_profile(profile).label == "genuine"


def test_a_field_is_read_by_its_longest_phrase() -> None:
    """ "Computer Science" is computing; the "science" inside it grants nothing at a medical school."""
    assert not_granted("Charité – Universitätsmedizin Berlin", "MSc", "Computer Science")
    assert not_granted("Karolinska Institutet", "MSc", "Health Informatics") is None


def test_a_masters_before_the_bachelors_it_builds_on_cannot_be() -> None:
    """Same school or same field: an MSc in Computer Science two years before the BSc."""
    education = _degrees(
        ("Universiteit Leiden", "Master of Science", "Computer Science", 2012),
        ("Universiteit Leiden", "Bachelor of Science", "Computer Science", 2014),
    )
    verdict = screen_profile(person(education=education, first_job_year=2014))
    assert verdict.label == "likely_fake"
    assert "impossible_timeline" in {r.signal for r in verdict.reasons}


@pytest.mark.parametrize(
    ("school", "degree", "field"),
    [
        ("The Culinary Institute of America", "Master of Science", "Computer Science"),
        ("Nyenrode Business Universiteit", "Bachelor of Science", "Aerospace Engineering"),
        ("Gerrit Rietveld Academie", "Master of Science", "Computer Engineering"),
    ],
)
def test_culinary_business_and_art_schools_in_other_words(
    school: str, degree: str, field: str
) -> None:
    assert "by its name" in (not_granted(school, degree, field) or "")
    assert (
        not_granted("The Culinary Institute of America", "BPS", "Culinary Arts Management") is None
    )
