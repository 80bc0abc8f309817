"""Careers that cannot be, told by what a profession or a degree needs: licensed work before its
degree, a doctorate before its master's or right after it, deans of rival universities; and the
genuine careers that look like them."""

from __future__ import annotations

from profile_helpers import person, signals_of

from netinbox.screening import screen_profile


def _edu(degree: str, field: str, end: int, school: str = "Universidade do Porto") -> dict:
    return {"school": school, "degree": degree, "field": field, "end_year": end}


def _job(title: str, company: str, start: int, end: int | None = None) -> dict:
    return {"title": title, "company": company, "start_year": start, "end_year": end}


def test_a_lawyer_years_before_the_law_degree_cannot_be() -> None:
    profile = person(
        education=[_edu("Licenciatura", "Direito", 2018)],
        experience=[_job("Advogado Coordenador", "Costa & Associados", 2009, 2018)],
        first_job_year=2009,
    )
    verdict = screen_profile(profile)
    assert verdict.label == "likely_fake"
    assert verdict.reasons[0].evidence.startswith("Advogado Coordenador at Costa & Associados")


def test_lawyers_with_only_a_later_llm_or_a_final_year_contract_are_genuine() -> None:
    llm_only = person(
        education=[_edu("LLM", "Tax Law", 2016)],
        experience=[_job("Lawyer", "Garrigues", 2008)],
        first_job_year=2008,
    )
    assert screen_profile(llm_only).label == "genuine"
    final_year = person(
        education=[_edu("LLB", "Law", 2015)],
        experience=[
            _job("Trainee Solicitor", "Linklaters", 2014),
            _job("Solicitor", "Linklaters", 2016),
        ],
        first_job_year=2014,
    )
    assert screen_profile(final_year).label == "genuine"


def test_a_specialist_a_year_after_the_medical_degree_cannot_be() -> None:
    profile = person(
        education=[
            _edu("BSc", "Biomedical Science", 2019),
            _edu("MBBS", "Medicine and Surgery", 2020),
        ],
        experience=[
            _job("Consultant Interventional Cardiologist", "Harrowgate Heart Institute", 2021)
        ],
        first_job_year=2021,
    )
    assert "impossible_timeline" in signals_of(profile)
    head_first = person(
        education=[_edu("Bacharelado em Medicina", "Medicina", 2019)],
        experience=[_job("Chefe de Cardiologia", "Hospital São Lucas", 2014)],
        first_job_year=2014,
    )
    assert screen_profile(head_first).label == "likely_fake"


def test_residents_and_doctors_with_only_a_later_degree_listed_are_genuine() -> None:
    resident = person(
        education=[_edu("Mestrado Integrado em Medicina", "Medicina", 2012)],
        experience=[
            _job("Cardiology Resident", "Hospital Santa Clara", 2013, 2019),
            _job("Interventional Cardiologist", "Hospital Santa Clara", 2019),
        ],
        first_job_year=2013,
    )
    assert screen_profile(resident).label == "genuine"
    mph_only = person(
        education=[_edu("Master of Public Health", "Public Health", 2018)],
        experience=[_job("Consultant Cardiologist", "NHS Lothian", 2009)],
        first_job_year=2002,
    )
    assert screen_profile(mph_only).label == "genuine"


def test_a_doctorate_before_its_masters_or_a_year_after_it_cannot_be() -> None:
    before = person(
        education=[
            _edu("Doutoramento", "Direito do Trabalho", 2014),
            _edu("Mestrado", "Direito Empresarial", 2016),
            _edu("Licenciatura", "Direito", 2012),
        ],
        experience=[_job("Jurista", "Grupo Têxtil", 2017)],
        first_job_year=2017,
    )
    assert "impossible_timeline" in signals_of(before)
    right_after = person(
        education=[
            _edu("BSc", "Informatica", 2018, "TU Eindhoven"),
            _edu("MSc", "Artificial Intelligence", 2019, "TU Eindhoven"),
            _edu("PhD", "Machine Learning", 2020, "TU Eindhoven"),
        ],
        experience=[_job("Lead AI Scientist", "Synthetiq", 2020)],
        first_job_year=2020,
    )
    assert "impossible_timeline" in signals_of(right_after)


def test_a_doctorate_then_an_emba_or_a_second_masters_in_another_field_is_genuine() -> None:
    profile = person(
        education=[
            _edu("BSc", "Chemistry", 2006, "ETH Zürich"),
            _edu("MSc", "Chemistry", 2008, "ETH Zürich"),
            _edu("PhD", "Chemistry", 2012, "ETH Zürich"),
            _edu("Executive MBA", "Management", 2019, "ETH Zürich"),
            _edu("MA", "Philosophy", 2022, "Universität Zürich"),
        ],
        experience=[_job("Head of R&D", "Roche", 2018)],
        first_job_year=2012,
    )
    assert screen_profile(profile).label == "genuine"


def test_dean_of_two_universities_at_once_right_after_the_degree_cannot_be() -> None:
    profile = person(
        education=[
            _edu("BSc", "Electrical Engineering", 2022, "Ridgemont Institute of Technology")
        ],
        experience=[
            _job("Dean of Engineering", "Northgate University", 2023),
            _job("Dean of Engineering", "Ridgemont Institute of Technology", 2024),
        ],
        first_job_year=2023,
    )
    assert "impossible_timeline" in signals_of(profile)


def test_volunteer_and_board_roles_in_other_languages_are_side_roles() -> None:
    profile = person(
        education=[_edu("HBO-V", "Verpleegkunde", 2001, "Hogeschool Rotterdam")],
        experience=[
            _job("Verpleegkundige oncologie", "Maasstad Ziekenhuis", 2001, 2016),
            _job("Teamleider Verpleging Oncologie", "Maasstad Ziekenhuis", 2016),
            _job("Vrijwilliger noodhulpteam", "Rode Kruis Rotterdam", 2012),
            _job("Bestuurslid afdeling Zuid-Holland", "Verpleegkundigen Vereniging", 2022),
        ],
        first_job_year=2001,
    )
    assert screen_profile(profile).label == "genuine"


def test_a_title_and_an_initial_do_not_hide_someone_elses_name_in_the_headline() -> None:
    fake = person(name="Carla Mendes", headline="Dr. Sophie Brandt | Interventional Cardiologist")
    assert "identity_mismatch" in signals_of(fake)
    initial = person(name="James Whitaker", headline="Daniel R. Osei | Managing Director")
    assert "identity_mismatch" in signals_of(initial)
    own = person(name="Sophie Brandt", headline="Dr. Sophie Brandt | Cardiologist")
    assert screen_profile(own).label == "genuine"
    own_initial = person(name="Daniel Osei", headline="Daniel R. Osei | Managing Director")
    assert screen_profile(own_initial).label == "genuine"


SPARSE = {"connections": 30, "followers": 30, "posts_90d": 0, "comments_90d": 0, "reactions_90d": 0}


def test_scam_notes_in_other_words_and_languages_on_a_sparse_profile() -> None:
    notes = [
        "Congratulations! You are shortlisted for Cabin Crew Supervisor (Dubai), tax-free 14,000 AED "
        "monthly. Pay the visa processing fee of 250 USD to our agent: crew.recruit@gmail.com",
        "Hola Joaquín, soy nueva por aquí, vi tu perfil y me pareciste un hombre muy interesante. "
        "¿Te puedo escribir por WhatsApp?",
        "Dear Emre, we offer gold-backed notes with a guaranteed 12% annual return, capital "
        "protected. Please share your WhatsApp number so I can send the brochure.",
    ]
    for note in notes:
        assert screen_profile(person(invitation_note=note, **SPARSE)).label == "likely_fake", note
    honest = (
        "Hola Joaquín, nos conocimos en Expoliva. ¿Te puedo escribir por WhatsApp sobre la feria?"
    )
    assert screen_profile(person(invitation_note=honest, **SPARSE)).label != "likely_fake"
