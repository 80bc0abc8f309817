"""Careers that cannot be: degrees out of order, senior too early, years claimed; to the caller's year."""

from __future__ import annotations

import json

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
