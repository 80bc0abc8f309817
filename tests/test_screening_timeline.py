"""Careers that cannot be: degrees out of order, senior too early, years claimed; to the caller's year."""

from __future__ import annotations

import json

import pytest
from profile_helpers import person, signals_of

from netinbox.screening import screen_profile


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


def test_a_masters_before_the_bachelors_it_builds_on_cannot_be() -> None:
    """Same school or same field: an MSc in Computer Science two years before the BSc."""
    education = _degrees(
        ("Universiteit Leiden", "Master of Science", "Computer Science", 2012),
        ("Universiteit Leiden", "Bachelor of Science", "Computer Science", 2014),
    )
    verdict = screen_profile(person(education=education, first_job_year=2014))
    assert verdict.label == "likely_fake"
    assert "impossible_timeline" in {r.signal for r in verdict.reasons}


def _at_rivals(*roles: tuple[str, str, int, int | None]) -> dict:
    """A profile that graduated long ago, so only the rivalry rule can object."""
    return person(
        education=_degrees(("University of Porto", "BSc", "Economics", 2005)),
        experience=_career(*roles),
        first_job_year=2006,
    )


def test_modest_roles_at_competing_firms_for_a_full_year_cannot_be() -> None:
    verdict = screen_profile(
        _at_rivals(("Senior Manager", "Deloitte", 2018, 2022), ("Director", "PwC", 2019, None)),
        year=2026,
    )
    assert verdict.label == "likely_fake"
    evidence = verdict.reasons[0].evidence
    assert verdict.reasons[0].signal == "impossible_timeline"
    assert evidence == "Senior Manager at Deloitte and Director at PwC at once (rivals: Big Four)"


@pytest.mark.parametrize(
    "roles",
    [
        # Started together at two rival banks and both still open.
        (
            ("Vice President", "Goldman Sachs", 2021, None),
            ("Vice President", "Morgan Stanley", 2021, None),
        ),
        # Senior individual contributors at rival carmakers, two years at once.
        (
            ("Senior Engineer", "BMW Group", 2016, 2021),
            ("Lead Engineer", "Mercedes-Benz AG", 2019, None),
        ),
        # Two roles begun the same year and both still held: a rank lower is enough.
        (("Software Engineer", "Google", 2021, None), ("Software Engineer", "Meta", 2021, None)),
        # Shift-work trades still rule out two management posts at once.
        (
            ("Store Director", "Tesco PLC", 2016, 2022),
            ("Regional Director", "Aldi Süd", 2018, None),
        ),
        # Written in other languages and with legal suffixes.
        (
            ("Responsable marketing", "L'Oréal SA", 2015, 2020),
            ("Chef de projet", "Unilever", 2017, 2020),
        ),
    ],
)
def test_rivals_are_found_whatever_the_spelling(roles: tuple) -> None:
    verdict = screen_profile(_at_rivals(*roles), year=2026)
    assert verdict.label == "likely_fake"
    assert "rivals" in verdict.reasons[0].evidence


@pytest.mark.parametrize(
    "roles",
    [
        # Moved between rivals: one job ends the year the next begins.
        (("Senior Manager", "Deloitte", 2014, 2019), ("Director", "PwC", 2019, None)),
        # Ends the year after the next began: a handover a year's granularity cannot rule out.
        (("Senior Consultant", "Accenture", 2015, 2020), ("Manager", "Capgemini", 2019, None)),
        # Two junior jobs at once (a student's part-time work), below the ladder's threshold.
        (("Analyst", "Barclays", 2019, 2022), ("Junior Analyst", "HSBC", 2020, 2022)),
        # Side roles next to the day job at a rival.
        (("Director", "KPMG", 2015, None), ("Board Member", "EY Foundation", 2016, None)),
        (("Senior Engineer", "Google", 2015, None), ("Venture Partner", "Meta", 2018, None)),
        # An old role left open, years before the new one: forgotten, not held at once.
        (("Senior Manager", "Deloitte", 2012, None), ("Director", "PwC", 2019, None)),
        # One group, two names: a move inside it.
        (("Senior Manager", "Audi", 2014, 2021), ("Director", "Volkswagen AG", 2018, None)),
        # Employers that do not compete.
        (("Senior Manager", "Deloitte", 2014, 2021), ("Lead Engineer", "Airbus", 2018, None)),
        # Shift work at rival shops; a surgeon's privileges at two private hospitals.
        (("Shift Supervisor", "Tesco", 2019, None), ("Team Leader", "Sainsbury's", 2019, None)),
        (
            ("Consultant Orthopaedic Surgeon", "Spire Healthcare", 2015, None),
            ("Consultant Orthopaedic Surgeon", "Circle Health", 2016, None),
        ),
    ],
)
def test_plausible_careers_between_rivals_stay_genuine(roles: tuple) -> None:
    assert screen_profile(_at_rivals(*roles), year=2026).label == "genuine"


@pytest.mark.parametrize(
    ("later", "earlier_year", "later_year", "minimum"),
    [
        ("PhD", 2015, 2016, "a doctorate takes 2+ years"),
        ("MD", 2015, 2016, "a medical degree takes 2+ years"),
        ("JD", 2014, 2015, "a JD takes 2+ years"),
        ("MBA", 2014, 2014, "an MBA takes 1+ year"),
    ],
)
def test_a_degree_finished_too_soon_after_the_bachelors_cannot_be(
    later: str, earlier_year: int, later_year: int, minimum: str
) -> None:
    education = _degrees(
        ("University of Lisbon", "BSc", "Biology", earlier_year),
        ("Johns Hopkins University", later, "", later_year),
    )
    verdict = screen_profile(person(education=education, first_job_year=later_year + 1))
    assert verdict.label == "likely_fake"
    evidence = verdict.reasons[0].evidence
    assert later in evidence and "BSc" in evidence and str(earlier_year) in evidence
    assert minimum in evidence


@pytest.mark.parametrize(
    "education",
    [
        # The usual routes.
        (("Uni", "BSc", "Physics", 2012), ("Uni", "PhD", "Physics", 2016)),
        (("Uni", "BA", "Biology", 2010), ("Med School", "MD", "Medicine", 2014)),
        (("Uni", "BSc", "Economics", 2015), ("LSE", "MSc", "Finance", 2016)),
        # Long first degrees with nothing before them.
        (("Charité", "MD", "Medicine", 2014),),
        (("Imperial College", "MBBS", "Medicine", 2016),),
        (("TU Dresden", "Diplom", "Maschinenbau", 2008),),
        (("Università di Bologna", "Laurea Magistrale a ciclo unico", "Giurisprudenza", 2012),),
        # An intercalated BSc a year before the MBBS it sits in.
        (
            ("Imperial College", "BSc", "Medical Sciences", 2015),
            ("Imperial College", "MBBS", "Medicine", 2016),
        ),
        # A combined programme: one school awards both at once.
        (
            ("Northeastern University", "BS", "Computer Science", 2019),
            ("Northeastern University", "MS", "Computer Science", 2019),
        ),
        (("Brown University", "BS/MD", "Medicine", 2018),),
        (("Cambridge", "MEng", "Engineering", 2016), ("Cambridge", "BA", "Engineering", 2015)),
    ],
)
def test_plausible_degree_sequences_stay_genuine(education: tuple) -> None:
    profile = person(education=_degrees(*education), first_job_year=2019)
    assert screen_profile(profile).label == "genuine"


@pytest.mark.parametrize(
    "title", ["Abteilungsleiter Vertrieb", "Dirigente commerciale", "Head of Growth"]
)
def test_a_director_level_first_job_years_before_the_degree_in_any_language(title: str) -> None:
    profile = person(
        education=_degrees(("Universität Mannheim", "Bachelor", "BWL", 2016)),
        experience=_career((title, "Siemens", 2010, 2016), ("Sales Manager", "SAP", 2016, None)),
        first_job_year=2010,
    )
    assert screen_profile(profile).label == "likely_fake"
    junior = person(
        education=_degrees(("Universität Mannheim", "Bachelor", "BWL", 2016)),
        experience=_career(
            ("Vertriebsassistent", "Siemens", 2010, 2016), (title, "SAP", 2016, None)
        ),
        first_job_year=2010,
    )
    assert screen_profile(junior).label == "genuine"
