"""Degrees a school does not grant: the table of schools, and the kind a school's name declares."""

from __future__ import annotations

import pytest
from profile_helpers import person

from netinbox.screening import screen_profile
from netinbox.screening.education import not_granted


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


def test_a_field_is_read_by_its_longest_phrase() -> None:
    """ "Computer Science" is computing; the "science" inside it grants nothing at a medical school."""
    assert not_granted("Charité – Universitätsmedizin Berlin", "MSc", "Computer Science")
    assert not_granted("Karolinska Institutet", "MSc", "Health Informatics") is None


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


def test_fashion_hotel_music_and_film_schools_are_known_by_their_name_in_many_languages() -> None:
    from netinbox.screening.education import not_granted

    assert not_granted(
        "Istituto di Moda e Design Castellani", "Doctor of Medicine (MD)", "Medicina"
    )
    assert not_granted("Hotelfachschule Bergsee", "M.Sc.", "Bauingenieurwesen")
    assert not_granted("Hotelfachschule Bergsee", "Doctor of Pharmacy (PharmD)", "Pharmazie")
    assert not_granted("Akademia Muzyczna Pomorska", "Magister inżynier", "Logistyka")
    assert not_granted("École Supérieure de Cinéma de Roubaix", "Master 2", "Droit des affaires")
    # What such schools do grant.
    assert not_granted("Istituto di Moda e Design Castellani", "BA", "Fashion Design") is None
    assert not_granted("Hotelfachschule Bergsee", "Diplom", "Hotelmanagement") is None
