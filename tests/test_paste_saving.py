"""Saving a pasted invitation manager or profile: who it is, what is added, one undoable event."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from factories import add_invitation, add_person
from paste_samples import (
    AMELIE_NOTE,
    GENUINE,
    LIST_BUILDER,
    SAMPLE_NOW,
    invitations,
)

from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.model import InvitationStatus
from netinbox.paste.model import PastedInvitation, PastedProfile, PasteResult
from netinbox.services import ActionError, Context
from netinbox.services.paste import match_profile, save_paste
from netinbox.services.paste_people import display_name, fold_name
from netinbox.services.triage import decline
from netinbox.services.undo import undo
from netinbox.store import Store


@pytest.fixture
def pctx(db_path: Path) -> Context:
    """An empty database at the moment the samples were pasted."""
    return Context(Store(db_path), Clock(SAMPLE_NOW), Settings(owner_first_name="Robin"))


def _pending_names(ctx: Context) -> list[str]:
    return sorted(ctx.store.person(i.person_id).name for i in ctx.store.pending_invitations())


def _events(ctx: Context) -> int:
    return sum(1 for _ in ctx.store.events())


def profile(p: PastedProfile) -> PasteResult:
    return PasteResult("profile", (p,))


# --- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shown",
    [
        "Amélie Durand-Lefèvre (she/her) · 2nd",
        "AMELIE DURAND-LEFEVRE",
        "Amélie Durand-Lefèvre\n1st degree connection",
        "Amélie Durand-Lefèvre She/Her",
        "Amélie Durand-Lefèvre · 3rd+",
        "Amélie Durand-Lefèvre, PhD",
    ],
)
def test_a_name_as_shown_folds_to_the_name(shown: str) -> None:
    assert fold_name(shown) == fold_name("Amélie Durand-Lefèvre") == "amelie durand lefevre"


def test_the_stored_name_keeps_accents_and_drops_only_the_decorations() -> None:
    assert display_name("Amélie Durand-Lefèvre (she/her) · 2nd") == "Amélie Durand-Lefèvre"
    assert display_name("Li Wei 🚀") == "Li Wei 🚀"
    assert fold_name("Li Wei 🚀") == "li wei"


# --- invitations ----------------------------------------------------------------------------------


def test_each_card_becomes_a_screened_pending_invitation_with_its_note_and_date(
    pctx: Context,
) -> None:
    summary = save_paste(pctx, invitations())
    assert summary.new_invitations == 7 and summary.new_people == 7
    assert summary.line == "7 new invitations"
    assert len(_pending_names(pctx)) == 7
    amelie = pctx.store.pending_invitation(match_profile(pctx, GENUINE)[0].id)
    assert amelie.note == AMELIE_NOTE
    assert amelie.received_at == SAMPLE_NOW - timedelta(days=1)
    person = pctx.store.person(amelie.person_id)
    assert (person.first_name, person.last_name) == ("Amélie", "Durand-Lefèvre")
    assert person.headline == GENUINE.headline and person.mutual_connections == 1
    # Screened as an import screens: every new invitation has a verdict, the pitch note says so.
    assert all(i.verdict is not None for i in pctx.store.pending_invitations())
    dominick = next(i for i in pctx.store.pending_invitations() if "dominick" in i.person_id)
    assert dominick.verdict.label == "pitch"
    assert summary.labels[dominick.person_id] == "pitch"


def test_the_same_page_twice_adds_nothing_and_writes_no_event(pctx: Context) -> None:
    save_paste(pctx, invitations())
    events, people = _events(pctx), pctx.store.count("people")
    # Pasted again a day later: every age is a day older, the cards are the same people.
    later = replace(pctx, clock=Clock(SAMPLE_NOW + timedelta(days=1)))
    summary = save_paste(later, invitations(SAMPLE_NOW + timedelta(days=1)))
    assert summary.event is None
    assert summary.known_invitations == 7 and summary.new_invitations == 0
    assert summary.line == "Nothing new: 7 already known"
    assert _events(pctx) == events and pctx.store.count("people") == people
    assert pctx.store.count("invitations") == 7


def test_a_page_overlapping_an_imported_export_adds_only_the_new_cards(pctx: Context) -> None:
    # Imported from an export: known by profile address, a different time, no headline.
    add_invitation(pctx, "kayla-brooks-7f3a2c1d", hours_ago=30, first="Kayla", last="Brooks")
    add_invitation(pctx, "brandon-hale", hours_ago=9, first="BRANDON", last="HALE")
    summary = save_paste(pctx, invitations())
    assert (summary.known_invitations, summary.new_invitations) == (2, 5)
    assert summary.line == "5 new invitations, 2 already known"
    assert pctx.store.count("invitations") == 7
    kayla = pctx.store.person("kayla-brooks-7f3a2c1d")
    assert kayla.headline == LIST_BUILDER.headline  # a blank filled, the invitation kept
    assert pctx.store.pending_invitation(kayla.id).id == "inv-kayla-brooks-7f3a2c1d"


def test_a_card_from_someone_declined_is_a_re_invitation(pctx: Context) -> None:
    add_invitation(pctx, "sven", hours_ago=24 * 60, first="Sven", last="Lindqvist")
    decline(pctx, ["sven"])
    summary = save_paste(pctx, invitations())
    assert (summary.reinvitations, summary.new_invitations) == (1, 6)
    assert summary.line == "6 new invitations, 1 re-invitation"
    statuses = sorted(i.status for i in pctx.store.invitations_of("sven"))
    assert statuses == [InvitationStatus.DECLINED, InvitationStatus.PENDING]
    again = save_paste(pctx, invitations())
    assert again.event is None and again.reinvitations == 0


def test_two_people_of_a_cards_name_and_no_pending_one_leave_the_card_unsaved(
    pctx: Context,
) -> None:
    add_person(pctx, "li-1", "Li", "Wei", connected_at=SAMPLE_NOW - timedelta(days=400))
    add_person(pctx, "li-2", "Li", "Wei", connected_at=SAMPLE_NOW - timedelta(days=30))
    summary = save_paste(pctx, invitations())
    assert summary.new_invitations == 6
    assert summary.skipped == ["Li Wei 🚀: several people have this name; paste their profile"]
    assert "1 card not saved" in summary.line
    assert pctx.store.pending_invitation("li-1") is None


def test_undo_takes_back_the_whole_paste(pctx: Context) -> None:
    add_invitation(pctx, "brandon-hale", first="Brandon", last="Hale")
    before_people = {p.id: p for p in pctx.store.people()}
    summary = save_paste(pctx, invitations())
    assert summary.event is not None and summary.event.action == "paste_invitations"
    assert undo(pctx).id == summary.event.id
    assert {p.id: p for p in pctx.store.people()} == before_people
    assert [i.id for i in pctx.store.pending_invitations()] == ["inv-brandon-hale"]


# --- matching a profile ---------------------------------------------------------------------------


def test_a_profile_is_matched_by_its_address_first(pctx: Context) -> None:
    add_person(pctx, "kayla-brooks-7f3a2c1d", "K.", "Brooks",
               profile_url="https://www.linkedin.com/in/kayla-brooks-7f3a2c1d/")  # fmt: skip
    add_invitation(pctx, "other-kayla", first="Kayla", last="Brooks")
    url = "https://de.linkedin.com/in/Kayla-Brooks-7f3a2c1d?trk=x"
    found = match_profile(pctx, replace(LIST_BUILDER, profile_url=url))
    assert [p.id for p in found] == ["kayla-brooks-7f3a2c1d"]


def test_a_name_is_looked_for_among_pending_invitations_before_contacts(pctx: Context) -> None:
    add_person(pctx, "contact", "Kayla", "Brooks", connected_at=SAMPLE_NOW - timedelta(days=9))
    add_invitation(pctx, "inviter", first="kayla", last="BROOKS")
    assert [p.id for p in match_profile(pctx, LIST_BUILDER)] == ["inviter"]
    assert [p.id for p in match_profile(pctx, replace(LIST_BUILDER, name="Kayla Brooks · 1st"))]
    assert match_profile(pctx, replace(LIST_BUILDER, name="Kayla Brookes")) == []


def test_several_of_a_name_are_all_offered_and_saving_without_a_choice_saves_nothing(
    pctx: Context,
) -> None:
    add_invitation(pctx, "kb-1", first="Kayla", last="Brooks")
    add_invitation(pctx, "kb-2", first="Kayla", last="Brooks")
    assert [p.id for p in match_profile(pctx, LIST_BUILDER)] == ["kb-1", "kb-2"]
    events = _events(pctx)
    with pytest.raises(ActionError, match="several people could be Kayla Brooks"):
        save_paste(pctx, profile(LIST_BUILDER))
    assert _events(pctx) == events
    assert pctx.store.person("kb-1").followers is None
    summary = save_paste(pctx, profile(LIST_BUILDER), person_id="kb-2")
    assert pctx.store.person("kb-2").followers == 27412
    assert pctx.store.person("kb-1").followers is None
    assert summary.person_ids == ("kb-2",)


def test_a_profile_of_no_one_known_creates_them(pctx: Context) -> None:
    url = "https://www.linkedin.com/in/amelie-dl/"
    summary = save_paste(pctx, profile(replace(GENUINE, profile_url=url)))
    person = pctx.store.person("amelie-dl")
    assert person is not None and person.profile_url == url
    assert summary.new_people == 1 and summary.line.startswith("Added Amélie Durand-Lefèvre")


def test_refusals_save_nothing(pctx: Context) -> None:
    add_invitation(pctx, "kb", first="Kayla", last="Brooks")
    events = _events(pctx)
    bad = [
        (PasteResult("profile", ()), "holds nothing"),
        (PasteResult("profile", (LIST_BUILDER, GENUINE)), "exactly one profile"),
        (PasteResult("résumé", (LIST_BUILDER,)), "cannot be saved"),
    ]
    for result, why in bad:
        with pytest.raises(ActionError, match=why):
            save_paste(pctx, result)
    with pytest.raises(ActionError, match="no person with id 'nobody'"):
        save_paste(pctx, profile(LIST_BUILDER), person_id="nobody")
    assert _events(pctx) == events and pctx.store.person("kb").followers is None


# --- what a profile fills -------------------------------------------------------------------------


def test_a_profile_fills_the_facts_it_shows_and_erases_none(pctx: Context) -> None:
    add_invitation(pctx, "kb", first="Kayla", last="Brooks", location="Austin", posts_90d=4,
                   company="Old Co", email="k@example.com")  # fmt: skip
    save_paste(pctx, profile(replace(LIST_BUILDER, location=None, posts_90d=None)))
    kayla = pctx.store.person("kb")
    assert (kayla.location, kayla.posts_90d, kayla.email) == ("Austin", 4, "k@example.com")
    assert (kayla.followers, kayla.connections, kayla.connections_at_least) == (27412, 500, True)
    assert (kayla.position, kayla.company) == (
        "Sales Development Representative",
        "Elevate Networking Academy",
    )
    assert kayla.first_job_year == 2025 and kayla.mutual_connections == 310
    assert [e.school for e in kayla.education] == ["State University"]
    # A later page without connections, experience or education keeps what was known.
    save_paste(pctx, profile(PastedProfile("Kayla Brooks", followers=27500)))
    kayla = pctx.store.person("kb")
    assert (kayla.followers, kayla.connections, kayla.connections_at_least) == (27500, 500, True)
    assert len(kayla.experience) == 1 and kayla.headline == LIST_BUILDER.headline


def test_an_exact_count_after_a_floor_is_no_longer_a_floor(pctx: Context) -> None:
    add_invitation(pctx, "kb", first="Kayla", last="Brooks")
    save_paste(pctx, profile(LIST_BUILDER))
    save_paste(pctx, profile(PastedProfile("Kayla Brooks", connections=412)))
    assert pctx.store.person("kb").connections == 412
    assert pctx.store.person("kb").connections_at_least is False


def test_the_same_profile_twice_writes_no_second_event(pctx: Context) -> None:
    add_invitation(pctx, "kb", first="Kayla", last="Brooks")
    save_paste(pctx, profile(LIST_BUILDER))
    events = _events(pctx)
    summary = save_paste(pctx, profile(LIST_BUILDER))
    assert summary.event is None and _events(pctx) == events
    assert summary.line == "Nothing new: Kayla Brooks's profile is as known already"


def test_card_headline_is_never_markup_nor_escape(pctx: Context) -> None:
    card = PastedInvitation("Eve [bold]X[/bold]", "\x1b]52;c;aGk=\x07[@click=app.quit]boom")
    save_paste(pctx, PasteResult("invitations", (card,)))
    (person,) = pctx.store.people()
    assert person.headline == "[@click=app.quit]boom"  # kept literally, the escape removed
    assert person.name == "Eve [bold]X[/bold]"


def test_a_new_pending_card_is_not_in_the_future_and_a_missing_age_is_the_paste_time(
    pctx: Context,
) -> None:
    cards = (
        PastedInvitation("Ana Silva"),
        PastedInvitation("Bo Li", received_at=SAMPLE_NOW + timedelta(hours=3)),
    )
    save_paste(pctx, PasteResult("invitations", cards))
    times = sorted(i.received_at for i in pctx.store.pending_invitations())
    assert times == [SAMPLE_NOW, SAMPLE_NOW]


def test_a_profile_of_a_pending_inviter_is_found_without_reading_everyone(
    pctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_invitation(pctx, "kb", first="Kayla", last="Brooks")
    add_person(pctx, "someone-else", "Sam", "Ortiz")

    def everyone() -> None:
        raise AssertionError("every person was read")

    monkeypatch.setattr(pctx.store, "people", everyone)
    assert [p.id for p in match_profile(pctx, LIST_BUILDER)] == ["kb"]
    assert save_paste(pctx, profile(LIST_BUILDER)).person_ids == ("kb",)


def test_a_card_from_a_new_name_is_saved_without_reading_any_person(
    pctx: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_invitation(pctx, "kb", first="Kayla", last="Brooks")
    add_person(pctx, "amelie", "Amélie", "Durand-Lefèvre")
    for n in range(20):
        add_person(pctx, f"p{n}", f"Person{n}", "Known")
    pctx.store.close()  # reopened below: the records are then the snapshot's text, not decoded
    ctx = Context(Store(db_path), Clock(SAMPLE_NOW), Settings(owner_first_name="Robin"))
    decode = ctx.store._decode
    read: list[str] = []

    def counted(table: str, key: str, doc: object) -> object:
        if table == "people":
            read.append(key)
        return decode(table, key, doc)

    monkeypatch.setattr(ctx.store, "_decode", counted)
    try:
        card = PastedInvitation("Zebulon Quartermaine-Oyelaran (he/him) · 3rd", "Founder")
        summary = save_paste(ctx, PasteResult("invitations", (card,)))
        assert summary.new_people == 1 and read == []
        # A known name (folded: no accents, no case) reads that person only.
        known = save_paste(
            ctx, PasteResult("invitations", (PastedInvitation("amelie DURAND lefevre"),))
        )
        assert known.person_ids == ("amelie",) and known.new_people == 0
        assert set(read) == {"amelie"}
    finally:
        ctx.store.close()
