"""The paste parsers on the shared sample pages and on variants of them (tests/data/pastes/): other
interface languages, no duplicated lines, Windows line ends and spaces, cut-offs, missing sections."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from netinbox.paste import parse_paste
from netinbox.paste.model import PastedRole, PastedSchool

NOW = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
SHARED = Path(__file__).resolve().parents[2] / "shared" / "linkedin-pages"
DATA = Path(__file__).parent / "data" / "pastes"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason="shared/linkedin-pages is not beside this checkout"
)


def page(name: str) -> str:
    folder = DATA if (DATA / name).is_file() else SHARED
    return (folder / name).read_text(encoding="utf-8")


def at(**delta: int) -> datetime:
    from dateutil.relativedelta import relativedelta

    return NOW - relativedelta(**delta)


@needs_shared
def test_invitation_cards_end_at_their_buttons() -> None:
    result = parse_paste(page("invitations_received.txt"), NOW)
    assert result.kind == "invitations"
    assert [i.name for i in result.items] == [
        "Kayla Brooks", "Brandon Hale", "Amélie Durand-Lefèvre", "Dominick Russo", "Li Wei 🚀",
        "Anika Patel", "Sven Lindqvist",
    ]  # fmt: skip
    kayla, brandon, amelie, dominick, li, anika, sven = result.items
    assert kayla.headline == "Aspiring Sales Professional | Open to opportunities"
    assert [i.mutual_connections for i in result.items] == [310, 2, 1, 14, 5, None, 213]
    assert kayla.received_at == at(hours=2) and amelie.received_at == at(days=1)
    assert anika.received_at == at(weeks=1) and sven.received_at == at(weeks=2)
    assert amelie.note.startswith("Hi Robin, we met at the Berlin Platform Guild")
    assert "Reply to" not in (amelie.note or "") and kayla.note is None
    # The "…see more" cut-off: the text stays, the marker goes.
    assert dominick.note.endswith("see how we can help each other!")
    assert "see more" not in dominick.note
    assert result.unread == ()


@needs_shared
def test_the_list_builder_profile_read_through_its_screen_reader_copy() -> None:
    (kayla,) = parse_paste(page("profile_list_builder.txt"), NOW).items
    assert kayla.name == "Kayla Brooks"
    assert kayla.location == "Austin, Texas, United States"
    assert (kayla.followers, kayla.connections, kayla.connections_at_least) == (27412, 500, True)
    assert kayla.mutual_connections == 310
    assert (kayla.posts_90d, kayla.activity) == (0, ())  # "hasn't posted yet"
    assert kayla.experience == (
        PastedRole("Sales Development Representative", "Elevate Networking Academy", 2025, None),
    )  # "People also viewed" (Jordan Lee, Growth @ Elevate) is not hers
    assert kayla.education == (
        PastedSchool("State University", "Bachelor of Arts - BA", "Communications", 2025),
    )
    assert kayla.first_job_year == 2025


@needs_shared
def test_the_fake_degree_profile() -> None:
    (brandon,) = parse_paste(page("profile_fake_degree.txt"), NOW).items
    assert brandon.name == "Brandon Hale"  # "· 2nd" is the degree, not the name
    assert brandon.location == "New York, New York, United States"  # "· Contact info" dropped
    assert (brandon.followers, brandon.connections_at_least, brandon.mutual_connections) == (
        4217, True, 2,
    )  # fmt: skip
    assert brandon.experience == (PastedRole("Director", "Self-employed", 2016, None),)
    assert brandon.education == (
        PastedSchool("Harvard Business School", "BSEE", "Electrical Engineering", 2015),
    )  # "Explore Premium profiles" (Megan Ortiz) is someone else


@needs_shared
def test_the_genuine_profile_without_duplicated_lines() -> None:
    (amelie,) = parse_paste(page("profile_genuine.txt"), NOW).items
    assert (amelie.headline, amelie.location) == (
        "Senior Product Designer at Quillon Robotics",
        "Berlin, Berlin, Germany",
    )
    assert [(a.kind, a.at) for a in amelie.activity] == [
        ("post", at(days=3)), ("comment", at(weeks=1)), ("repost", at(months=1)),
    ]  # fmt: skip
    assert (amelie.posts_90d, amelie.comments_90d, amelie.reactions_90d) == (2, 1, 0)
    assert amelie.experience == (
        PastedRole("Senior Product Designer", "Quillon Robotics", 2022, None),
        PastedRole("Product Designer", "Kettle & Frame", 2018, 2022),
    )
    assert [s.school for s in amelie.education] == [
        "Université Lumière Lyon 2", "École de Design Nantes Atlantique",
    ]  # fmt: skip
    assert amelie.education[0].degree == "Master's degree"
    assert amelie.education[0].field == "Human-Computer Interaction"
    assert amelie.first_job_year == 2018


@needs_shared
def test_who_viewed_leaves_out_the_anonymous() -> None:
    result = parse_paste(page("who_viewed.txt"), NOW)
    assert result.kind == "viewers"
    assert [(v.name, v.viewed_at) for v in result.items] == [
        ("Kayla Brooks", at(hours=2)), ("Anika Patel", at(weeks=1)),
        ("Tomasz Wiśniewski", at(days=3)),
    ]  # fmt: skip
    assert result.items[2].headline == "Engineering Manager at Fernhill Bank"


@needs_shared
def test_a_thread_with_several_messages_under_one_header() -> None:
    result = parse_paste(page("conversation.txt"), NOW)
    assert result.kind == "conversation"
    robin, first, second = result.items
    assert (robin.sender, robin.sent_at) == (
        "Robin Castellano",
        datetime(2025, 10, 28, 7, 10, tzinfo=UTC),
    )
    assert robin.text.startswith("Dominick: Thanks for the invitation.")
    assert (first.sender, first.sent_at) == (
        "Dominick Russo",
        datetime(2025, 12, 1, 7, 25, tzinfo=UTC),
    )
    assert "calendly.com/dominick-gb" in first.text and "View" not in first.text
    assert (second.text, second.sent_at) == (
        "It will only take 15 minutes!",
        NOW.replace(hour=7, minute=26),
    )
    # "Seen by", the suggested 👏 👍 😊 and the compose box are not messages.
    assert all("Seen by" not in m.text and "👍" not in m.text for m in result.items)


def test_german_invitations() -> None:
    result = parse_paste(page("invitations_de.txt"), NOW)
    assert [(i.name, i.mutual_connections, i.received_at) for i in result.items] == [
        ("Jonas Weber", 13, at(days=2)), ("Lena Hoffmann", 1, at(days=1)), ("Tim Becker", None, NOW),
    ]  # fmt: skip
    assert result.items[0].note == (
        "Hallo Robin, danke für deinen Vortrag beim Platform Guild Treffen. Lass uns vernetzen!"
    )


def test_a_german_profile_with_roles_under_one_company() -> None:
    (jonas,) = parse_paste(page("profile_de.txt"), NOW).items
    assert (jonas.name, jonas.location, jonas.followers) == (
        "Jonas Weber",
        "Hamburg, Deutschland",
        2345,
    )
    assert (jonas.connections, jonas.connections_at_least) == (500, True)
    assert [(a.kind, a.at) for a in jonas.activity] == [
        ("post", at(days=3)),
        ("comment", at(weeks=2)),
    ]
    assert jonas.experience == (
        PastedRole("Platform Engineer", "Nordlicht Logistik", 2022, None),
        PastedRole("Software Engineer", "Nordlicht Logistik", 2019, 2022),
        PastedRole("Werkstudent", "Hafenblick GmbH", 2017, 2019),
    )
    assert jonas.education == (
        PastedSchool(
            "Technische Universität Hamburg", "Master of Science - MS", "Informatik", 2019
        ),
    )
    assert jonas.first_job_year == 2017


def test_roles_grouped_under_a_company_cut_offs_and_nbsp_separators() -> None:
    (priya,) = parse_paste(page("profile_grouped_roles.txt"), NOW).items
    assert (priya.name, priya.location) == ("Priya Raman", "London, England, United Kingdom")
    assert (priya.followers, priya.connections, priya.connections_at_least) == (27412, 312, False)
    assert [r.title for r in priya.experience] == [
        "Staff Engineer", "Senior Engineer", "Engineer", "Graduate Developer",
    ]  # fmt: skip
    assert [r.company for r in priya.experience] == ["Fernhill Bank"] * 3 + ["Quarry Systems"]
    assert [(r.start_year, r.end_year) for r in priya.experience][1:3] == [
        (2019, 2021),
        (2017, 2019),
    ]
    assert priya.first_job_year == 2016
    # Only the last 90 days count: the 5-month-old post is an item, not a recent post.
    assert (priya.posts_90d, priya.comments_90d, priya.reactions_90d) == (1, 0, 1)
    assert len(priya.activity) == 3


def test_missing_sections_are_unknown_not_zero() -> None:
    (tomasz,) = parse_paste(page("profile_top_only.txt"), NOW).items
    assert (tomasz.connections, tomasz.connections_at_least) == (734, False)
    assert tomasz.location == "Warsaw, Mazowieckie, Poland"
    assert (tomasz.posts_90d, tomasz.comments_90d, tomasz.reactions_90d) == (None, None, None)
    assert (tomasz.experience, tomasz.education, tomasz.first_job_year) == ((), (), None)
    assert tomasz.mutual_connections is None


def test_a_german_thread_and_who_viewed() -> None:
    first, reply = parse_paste(page("conversation_de.txt"), NOW).items
    assert (first.sender, first.sent_at) == (
        "Jonas Weber",
        datetime(2025, 11, 30, 18, 2, tzinfo=UTC),
    )
    assert first.text == "Danke fürs Annehmen!\nHast du nächste Woche Zeit für einen Kaffee?"
    assert (reply.sender, reply.text) == ("Robin Castellano", "Gerne, Dienstag passt.")
    (lena,) = parse_paste(page("who_viewed_de.txt"), NOW).items
    assert (lena.name, lena.viewed_at) == ("Lena Hoffmann", at(hours=5))


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_windows_line_ends_nbsp_and_no_duplicates_change_nothing(name: str) -> None:
    text = page(name)
    expected = parse_paste(text, NOW)
    crlf = text.replace("\n", "\r\n").replace(" · ", "\u00a0·\u00a0")
    doubled = "\n".join(line for line in text.splitlines() for _ in range(2))
    assert parse_paste(crlf, NOW) == expected
    assert parse_paste(doubled, NOW).items == expected.items


@pytest.mark.parametrize(
    ("text", "followers"),
    [("27,412 followers", 27412), ("27.412 Follower", 27412), ("27 412 followers", 27412),
     ("27\u202f412 abonnés", 27412), ("1 follower", 1)],
)  # fmt: skip
def test_thousands_separators(text: str, followers: int) -> None:
    (p,) = parse_paste(f"Kayla Brooks\nSales\n{text}\n500+ connections", NOW).items
    assert p.followers == followers
