"""Adding and editing people and invitations by hand: every field read or refused with one
sentence naming it, each action one undoable Event, and a pending invitation screened again."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from conftest import FROZEN_NOW

from netinbox.importers.values import fallback_id
from netinbox.model import Education, Experience
from netinbox.services import Context, screening
from netinbox.services.context import ActionError, change
from netinbox.services.people import (
    FieldError,
    PersonFields,
    add_invitation,
    add_person,
    edit_invitation,
    edit_person,
)
from netinbox.services.person_fields import (
    fields_of,
    parse_education_line,
    parse_experience_line,
)
from netinbox.services.undo import undo

YEAR = FROZEN_NOW.year
ANA = PersonFields(name="Ana Silva")
PITCH_NOTE = "I help SaaS founders double their pipeline. Grab 15 minutes: calendly.com/ana/intro"
FAKE_SCHOOL = "Bachelor of Engineering, Electrical Engineering — HEC Paris (2019)"


def refused(ctx: Context, fields: PersonFields) -> FieldError:
    with pytest.raises(FieldError) as caught:
        add_person(ctx, fields)
    assert ctx.store.count("people") == 0  # nothing saved
    message = str(caught.value)
    assert "\n" not in message and message.count(". ") == 0, message  # one sentence
    return caught.value


# -- every field: one case refused, one that passes -------------------------------------------------


def test_a_name_is_required_and_split_like_an_export_does(ctx: Context) -> None:
    error = refused(ctx, PersonFields(name="  "))
    assert error.field == "name" and str(error).startswith("Name: ")
    add_person(ctx, PersonFields(name="María José Fernández\x1b[2J"))
    [person] = ctx.store.people()
    assert (person.first_name, person.last_name) == ("María", "José Fernández")  # no escape


@pytest.mark.parametrize(
    ("field", "limit"), [("name", 100), ("headline", 220), ("company", 100), ("position", 100)]
)
def test_text_fields_are_refused_beyond_linkedins_length(
    ctx: Context, field: str, limit: int
) -> None:
    error = refused(ctx, replace(ANA, **{field: "x" * (limit + 1)}))
    assert error.field == field and f"at most {limit} characters" in str(error)
    add_person(ctx, replace(ANA, **{field: "Staff engineer " + "x" * (limit - 20)}))


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("https://evil.example/in/ana-silva", "not on linkedin.com"),
        ("https://www.linkedin.com/company/acme/", "not a profile's address"),
        ("https://evil.example\\@www.linkedin.com/in/x", "a backslash"),
        ("https://www.linkedin.com:8443/in/ana-silva", "not plainly a profile's address"),
    ],
)
def test_a_profile_url_that_is_not_a_linkedin_profile_is_refused_with_the_reason(
    ctx: Context, typed: str, why: str
) -> None:
    error = refused(ctx, replace(ANA, profile_url=typed))
    assert error.field == "profile_url" and str(error).startswith("Profile URL: ")
    assert why in str(error)


def test_a_profile_url_gives_the_id_and_is_kept_rebuilt(ctx: Context) -> None:
    event = add_person(ctx, replace(ANA, profile_url="linkedin.com/in/Ana-Silva-7f3a?trk=x"))
    person = ctx.store.person("ana-silva-7f3a")
    assert event.person_ids == ("ana-silva-7f3a",)
    assert (
        person is not None and person.profile_url == "https://www.linkedin.com/in/ana-silva-7f3a/"
    )


@pytest.mark.parametrize(
    "field", ["connections", "followers", "posts_90d", "comments_90d", "reactions_90d"]
)
@pytest.mark.parametrize("typed", ["-5", "lots", "1.5", "12,34"])
def test_counts_must_be_whole_numbers_of_zero_or_more(ctx: Context, field: str, typed: str) -> None:
    error = refused(ctx, replace(ANA, **{field: typed}))
    assert error.field == field and "whole number of 0 or more" in str(error)


@pytest.mark.parametrize(
    ("typed", "value"),
    [("0", 0), ("240", 240), ("27,412", 27_412), ("27.412", 27_412), ("27\u00a0412", 27_412)],
)
@pytest.mark.parametrize("field", ["followers", "posts_90d", "comments_90d", "reactions_90d"])
def test_counts_are_read_with_any_thousands_separator(
    ctx: Context, field: str, typed: str, value: int
) -> None:
    add_person(ctx, replace(ANA, **{field: typed}))
    [person] = ctx.store.people()
    assert getattr(person, field) == value


def test_connections_500_plus_is_a_floor_and_linkedins_cap_holds(ctx: Context) -> None:
    error = refused(ctx, replace(ANA, connections="40,000"))
    assert error.field == "connections" and "30,000" in str(error)
    add_person(ctx, replace(ANA, connections="500+", followers=""))
    [person] = ctx.store.people()
    assert (person.connections, person.followers) == (500, None)  # blank is unknown, not 0


def test_education_lines_are_read_with_their_parts() -> None:
    read = parse_education_line
    assert read("MSc, Physics — ETH Zürich (2019)", 1, YEAR) == Education(
        "ETH Zürich", "MSc", "Physics", 2019
    )
    assert read("BA - Université Paris-Saclay (2012–2015)", 1, YEAR) == Education(
        "Université Paris-Saclay", "BA", "", 2015
    )
    assert read("ETH Zürich", 1, YEAR) == Education("ETH Zürich")
    assert read(", History — Trinity College (2024–)", 1, YEAR) == Education(
        "Trinity College", "", "History", None
    )


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("MSc, Physics —", "names no school"),
        ("MSc — ETH Zürich (19)", "write the years as"),
        ("MSc — ETH Zürich (1850)", "1850 is not a year"),
    ],
)
def test_a_wrong_education_line_is_refused_naming_the_line(
    ctx: Context, line: str, why: str
) -> None:
    error = refused(ctx, replace(ANA, education=f"ETH Zürich (2019)\n{line}"))
    assert error.field == "education"
    assert str(error).startswith("Education: line 2 (") and why in str(error)


def test_experience_lines_are_read_with_their_years() -> None:
    read = parse_experience_line
    assert read("Staff Engineer — Acme (2019–2023)", 1, YEAR) == Experience(
        "Staff Engineer", "Acme", 2019, 2023
    )
    assert read("Engineer - Platform – Acme GmbH (2021–)", 1, YEAR) == Experience(
        "Engineer - Platform", "Acme GmbH", 2021, None
    )
    assert read("Intern — Acme (2020)", 1, YEAR) == Experience("Intern", "Acme", 2020, 2020)
    assert read("Advisor — Open Source Org", 1, YEAR) == Experience("Advisor", "Open Source Org")


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("Engineer at Acme (2019–2023)", "needs a title and a company"),
        ("Engineer — Acme (2023–2019)", "ends in 2019, before it starts in 2023"),
        (f"Engineer — Acme ({YEAR + 2}–)", f"{YEAR + 2} is not a year"),
        ("Engineer — Acme (2019-23)", "write the years as"),
    ],
)
def test_a_wrong_experience_line_is_refused_naming_the_line(
    ctx: Context, line: str, why: str
) -> None:
    error = refused(ctx, replace(ANA, experience=line))
    assert error.field == "experience"
    assert str(error).startswith("Experience: line 1 (") and why in str(error)


# -- ids ------------------------------------------------------------------------------------------


def test_without_an_address_the_id_is_the_importers_name_based_one(ctx: Context) -> None:
    add_person(ctx, ANA)
    assert ctx.store.person(fallback_id("Ana Silva")) is not None


def test_a_namesake_needs_a_company_or_an_address_to_be_told_apart(ctx: Context) -> None:
    add_person(ctx, ANA)
    with pytest.raises(FieldError) as caught:
        add_person(ctx, ANA)
    assert caught.value.field == "name" and "Ana Silva is already here" in str(caught.value)
    add_person(ctx, replace(ANA, company="Acme"))
    assert ctx.store.person(fallback_id("Ana Silva", "Acme")) is not None


def test_an_address_someone_already_has_is_refused(ctx: Context) -> None:
    add_person(ctx, replace(ANA, profile_url="https://www.linkedin.com/in/ana-silva/"))
    with pytest.raises(FieldError) as caught:
        add_person(ctx, PersonFields(name="A Silva", profile_url="linkedin.com/in/ana-silva"))
    assert caught.value.field == "profile_url" and "Ana Silva (ana-silva)" in str(caught.value)


# -- undo and editing -----------------------------------------------------------------------------


def test_adding_a_person_is_one_undoable_event(ctx: Context) -> None:
    event = add_person(ctx, ANA)
    assert event.action == "add_person" and len(event.changes) == 1
    assert undo(ctx).id == event.id
    assert ctx.store.count("people") == 0


def test_the_form_filled_from_a_person_reads_back_to_the_same_person(ctx: Context) -> None:
    fields = PersonFields(
        name="Ana Silva", headline="Designer", company="Acme", position="Lead",
        profile_url="https://www.linkedin.com/in/ana-silva/", connections="500+",
        followers="1,204", posts_90d="3", comments_90d="0", reactions_90d="12",
        education="MSc, Interaction Design — Aalto University (2016)\n, History — UCL",
        experience="Lead Designer — Acme (2021–)\nDesigner — Studio Nord (2016–2021)",
    )  # fmt: skip
    add_person(ctx, fields)
    person = ctx.store.person("ana-silva")
    with pytest.raises(ActionError, match="nothing changed for Ana Silva"):
        edit_person(ctx, "ana-silva", fields_of(person))


def test_editing_facts_rescreens_the_pending_invitation_in_the_same_event(ctx: Context) -> None:
    add_person(ctx, replace(ANA, profile_url="linkedin.com/in/ana-silva"))
    add_invitation(ctx, "ana-silva", "2 days ago", "")
    assert ctx.store.pending_invitation("ana-silva").verdict.label == "unchecked"
    before = ctx.store.person("ana-silva")
    fields = replace(fields_of(before), connections="310", education=FAKE_SCHOOL)
    event = edit_person(ctx, "ana-silva", fields)
    assert {c.table for c in event.changes} == {"people", "invitations"}
    verdict = ctx.store.pending_invitation("ana-silva").verdict
    assert verdict.label == "likely_fake"
    assert verdict.reasons[0][0] == "degree_not_granted"
    undo(ctx)
    assert ctx.store.person("ana-silva") == before
    assert ctx.store.pending_invitation("ana-silva").verdict.label == "unchecked"


def test_editing_keeps_the_users_own_verdict_and_what_the_form_does_not_show(
    ctx: Context,
) -> None:
    add_person(ctx, replace(ANA, profile_url="linkedin.com/in/ana-silva"))
    add_invitation(ctx, "ana-silva", "today", "")
    screening.override(ctx, "ana-silva", "genuine")
    stored = replace(ctx.store.person("ana-silva"), notes="met at KubeCon", first_job_year=2015)
    ctx.store.write_records([change(ctx.store.person("ana-silva"), stored)])
    edit_person(ctx, "ana-silva", replace(fields_of(stored), headline="Designer at Acme"))
    after = ctx.store.person("ana-silva")
    assert after.headline == "Designer at Acme" and after.id == "ana-silva"
    assert (after.notes, after.first_job_year) == ("met at KubeCon", 2015)
    assert ctx.store.pending_invitation("ana-silva").verdict.shown_label == "genuine"


def test_editing_someone_unknown_is_refused(ctx: Context) -> None:
    with pytest.raises(ActionError, match="no person with id 'nobody'"):
        edit_person(ctx, "nobody", ANA)


# -- invitations ----------------------------------------------------------------------------------


@pytest.fixture
def ana(ctx: Context) -> str:
    add_person(ctx, replace(ANA, profile_url="linkedin.com/in/ana-silva"))
    return "ana-silva"


def test_an_invitation_is_received_when_said_in_words_and_screened(ctx: Context, ana: str) -> None:
    event = add_invitation(ctx, ana, "2 days ago", PITCH_NOTE)
    invitation = ctx.store.pending_invitation(ana)
    assert invitation.received_at == FROZEN_NOW - timedelta(days=2)
    assert invitation.note == PITCH_NOTE and invitation.verdict.label == "pitch"
    assert event.action == "add_invitation"
    undo(ctx)
    assert ctx.store.pending_invitation(ana) is None


@pytest.mark.parametrize("typed", ["", "tomorrow", "someday", "2026-11-20"])
def test_a_received_date_that_is_not_a_past_date_is_refused(
    ctx: Context, ana: str, typed: str
) -> None:
    with pytest.raises(FieldError) as caught:
        add_invitation(ctx, ana, typed, "")
    assert caught.value.field == "received" and str(caught.value).startswith("Received: ")
    assert ctx.store.pending_invitation(ana) is None


def test_a_note_beyond_the_limit_is_refused_and_one_within_is_kept(ctx: Context, ana: str) -> None:
    with pytest.raises(FieldError) as caught:
        add_invitation(ctx, ana, "today", "x" * 1_001)
    assert caught.value.field == "note"
    add_invitation(ctx, ana, "2026-02-20", "Loved your talk\nat KubeCon")
    assert ctx.store.pending_invitation(ana).note == "Loved your talk\nat KubeCon"


def test_a_second_pending_invitation_is_refused(ctx: Context, ana: str) -> None:
    add_invitation(ctx, ana, "today", "")
    with pytest.raises(ActionError, match="already has a pending invitation"):
        add_invitation(ctx, ana, "yesterday", "")


def test_editing_an_invitation_rescreens_it_and_undo_brings_it_back(ctx: Context, ana: str) -> None:
    add_invitation(ctx, ana, "3 days ago", "Thanks for connecting!")
    before = ctx.store.pending_invitation(ana)
    assert before.verdict.label == "unchecked"
    edit_invitation(ctx, ana, "yesterday", PITCH_NOTE)
    after = ctx.store.pending_invitation(ana)
    assert (after.note, after.verdict.label) == (PITCH_NOTE, "pitch")
    assert after.received_at.date() == (FROZEN_NOW - timedelta(days=1)).date()
    undo(ctx)
    assert ctx.store.pending_invitation(ana) == before


def test_editing_an_invitation_that_is_not_there_is_refused(ctx: Context, ana: str) -> None:
    with pytest.raises(ActionError, match="has no pending invitation"):
        edit_invitation(ctx, ana, "today", "")
