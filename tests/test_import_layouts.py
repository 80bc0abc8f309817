"""Every export layout of FORMAT.md §3-5 is read, field by field (fixtures in tests/data/linkedin/)."""

from __future__ import annotations

import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netinbox.importers import ImportFailed, import_export
from netinbox.importers.archive import open_export
from netinbox.importers.csvfiles import Columns, Table
from netinbox.importers.errors import SkipLog
from netinbox.importers.values import fallback_id, parse_date, profile_id
from netinbox.model import Direction, InvitationStatus, ReplyKind
from netinbox.services import Context

DATA = Path(__file__).parent / "data" / "linkedin"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "linkedin-export"
OWNER_URL = "https://www.linkedin.com/in/mara-lindgren-7d1e2f3a"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def people(ctx: Context) -> dict:
    return {p.id: p for p in ctx.store.people()}


def invitations(ctx: Context) -> dict:
    return {(i.person_id, i.direction): i for i in ctx.store.records("invitations")}


def messages(ctx: Context) -> list:
    return sorted(ctx.store.records("messages"), key=lambda m: m.at)


# -- 2018 ------------------------------------------------------------------------------------------


def test_2018_export_without_preamble_with_emails_and_capital_m_messages(ctx: Context) -> None:
    summary = import_export(ctx, DATA / "2018")
    found = people(ctx)
    priya = found[fallback_id("Priya Raman, PhD")]
    assert (priya.first_name, priya.last_name) == ("Priya", "Raman, PhD")
    assert priya.email == "priya.raman@example.com"
    assert priya.connected_at == utc(2018, 11, 3, 9, 14)
    assert priya.profile_url == ""
    kenji = found[fallback_id("Kenji Watanabe")]
    assert kenji.first_name == "Kenji"  # the trailing space LinkedIn leaves is gone
    assert kenji.position == "Engineer, Platform"
    assert ctx.store.meta("owner") == {
        "first_name": "Mara",
        "last_name": "Lindgren",
        "profile_url": "",
    }
    assert "mara" not in " ".join(found).lower()  # the owner is never a person
    # Olu invited and is not a connection: pending. Priya was invited by Mara and accepted.
    olu = invitations(ctx)[(fallback_id("Olu Bakare"), Direction.INCOMING)]
    assert olu.status is InvitationStatus.PENDING
    assert olu.note == "Hi Mara - saw your talk at DevOpsDays."
    out = invitations(ctx)[(priya.id, Direction.OUTGOING)]
    assert (out.status, out.decided_at) == (InvitationStatus.ACCEPTED, priya.connected_at)
    # DIRECTION says who wrote; the thank-you note and its reply come from Messages.csv.
    rows = messages(ctx)
    assert [m.from_owner for m in rows] == [False, True, False]
    assert rows[0].sender_id == ""  # LinkedIn Member
    note = ctx.store.note_for(priya.id)
    assert note.text == "Thanks for connecting, Priya!"
    assert note.sent_at == utc(2018, 11, 3, 10, 0)
    assert note.reply.at == utc(2018, 11, 4, 8, 0)
    assert summary.new_people == 4 and summary.new_messages == 3


def test_2019_upper_case_iso_messages_and_2020_connections(ctx: Context) -> None:
    import_export(ctx, DATA / "2019")
    tomas = ctx.store.person(fallback_id("Tomás Ruiz"))
    assert tomas.connected_at == utc(2019, 11, 14)
    rows = messages(ctx)
    assert rows[0].at == utc(2019, 11, 15, 18, 2, 10)  # no zone in the file: UTC
    assert rows[0].from_owner and rows[0].recipient_ids == (tomas.id,)
    assert ctx.store.note_for(tomas.id).reply.text.startswith("Gracias Mara")


def test_2021_preamble_without_url_ties_names_to_message_addresses(ctx: Context) -> None:
    summary = import_export(ctx, DATA / "2021")
    found = people(ctx)
    # Priya has no URL in Connections.csv, but messages.csv ties her name to her address.
    assert "priya-raman-phd-8f02b4c1" in found
    assert found["priya-raman-phd-8f02b4c1"].company == "Helix Bio"
    assert found["priya-raman-phd-8f02b4c1"].profile_url == (
        "https://www.linkedin.com/in/priya-raman-phd-8f02b4c1/"  # rebuilt from the slug
    )
    assert fallback_id("Sam Whitaker") in found  # known nowhere with an address
    assert ctx.store.meta("owner")["profile_url"] == OWNER_URL + "/"
    assert summary.skips.count("blank row") == 1
    owner_message = next(m for m in messages(ctx) if m.from_owner)
    assert owner_message.recipient_ids == ("priya-raman-phd-8f02b4c1",)  # 9 columns: no URLs


def test_2023_url_column_and_invitation_urns(ctx: Context) -> None:
    import_export(ctx, DATA / "2023")
    found = people(ctx)
    assert found["ada-obi-1c2d3e4f"].connected_at == utc(2023, 7, 20)
    # URNs are not profile addresses: Noor (not a connection) is known by name only.
    assert fallback_id("Noor Haddad") in found
    ada = invitations(ctx)[("ada-obi-1c2d3e4f", Direction.INCOMING)]
    assert ada.status is InvitationStatus.ACCEPTED
    assert ada.decided_at == utc(2023, 7, 20)
    noor = invitations(ctx)[(fallback_id("Noor Haddad"), Direction.INCOMING)]
    assert noor.status is InvitationStatus.PENDING
    assert ctx.store.pending_invitation(fallback_id("Noor Haddad")) == noor


def test_2024_12_invitation_urls_outgoing_and_unsent_drafts(ctx: Context) -> None:
    summary = import_export(ctx, DATA / "2024-12")
    assert summary.skips.count("unsent draft") == 1
    assert all("Half-written" not in m.text for m in messages(ctx))
    felix = invitations(ctx)[("felix-braun-9e8d7c6b", Direction.OUTGOING)]
    assert felix.status is InvitationStatus.PENDING
    # An OUTGOING invitation waits on the other person: it is not in the user's inbox.
    assert ctx.store.pending_invitation("felix-braun-9e8d7c6b") is None
    assert [i.person_id for i in ctx.store.pending_invitations()] == ["grace-lee-4b5c6d7e"]
    note = ctx.store.note_for("noor-haddad")
    assert note.reply.kind is ReplyKind.PITCH  # calendly link (real screening)


def test_2025_attachments_and_coach_files_are_ignored(ctx: Context) -> None:
    summary = import_export(ctx, DATA / "2025")
    assert summary.new_messages == 2
    assert all("Coach" not in m.sender_name for m in messages(ctx))
    assert "LinkedIn Coach" not in {p.name for p in ctx.store.people()}


def test_excel_resaved_connections_crlf_and_short_dates(ctx: Context) -> None:
    import_export(ctx, DATA / "excel" / "Connections.csv")
    found = people(ctx)
    assert found["grace-lee-4b5c6d7e"].connected_at == utc(2025, 10, 12)
    jurgen = found["jürgen-müller-2b8c1d40"]  # percent-decoded as LinkedIn shows it
    assert jurgen.connected_at == utc(2025, 10, 1)
    assert jurgen.profile_url == "https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller-2b8c1d40/"


def test_quirks_multiline_fields_extra_columns_blank_rows_and_hard_names(ctx: Context) -> None:
    summary = import_export(ctx, DATA / "quirks")
    found = people(ctx)
    assert found["bobby-tanaka"].first_name == 'Robert "Bobby"'
    assert found["sofia-garcia-ux"].last_name == "García (She/Her)"
    assert found["sofia-garcia-ux"].position == "UX Researcher\nand part-time teacher"
    assert found["li-wei-2d4f6a8b"].last_name == "Wei 🚀"
    kai = invitations(ctx)[("kai-nakamura-5f6a7b8c", Direction.INCOMING)]
    assert kai.note == "Hi Mara,\nwe met at the meetup."
    assert messages(ctx)[0].text == 'First line\nsecond line, with "quotes"'
    assert summary.line().endswith(
        "3 rows skipped: 1 bad date (Invitations.csv line 4), 2 blank rows (Connections.csv)"
    )


def test_every_layout_in_sequence_makes_one_person_per_human(ctx: Context) -> None:
    for folder in ("2018", "2019", "2021", "2023", "2024-12", "2025", "excel", "quirks"):
        import_export(ctx, DATA / folder)
    found = people(ctx)
    names = sorted(p.name for p in found.values())
    assert len(names) == len(set(names)), names
    priya = found["priya-raman-phd-8f02b4c1"]  # 2018 name-only, 2021 tied, 2023 URL
    assert priya.connected_at == utc(2018, 11, 3, 9, 14)
    assert ctx.store.note_for(priya.id).text == "Thanks for connecting, Priya!"
    assert "noor-haddad" in found and fallback_id("Noor Haddad") not in found
    noor = [i for i in ctx.store.invitations_of("noor-haddad") if i.direction is Direction.INCOMING]
    assert {i.status for i in noor} == {InvitationStatus.ACCEPTED}
    assert not [
        m for m in ctx.store.records("messages") if ":" in m.sender_id and "noor" in m.sender_id
    ]


# -- file names, archives --------------------------------------------------------------------------


def test_file_names_match_case_insensitively_in_a_zip_with_a_top_folder(
    ctx: Context, tmp_path: Path
) -> None:
    archive = tmp_path / "Complete_LinkedInDataExport_10-20-2025.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in (DATA / "2025").iterdir():
            zf.write(path, f"Complete_LinkedInDataExport/{path.name.upper()}")
        zf.writestr("Complete_LinkedInDataExport/Jobs/Job Applications.csv", "x\n")
    summary = import_export(ctx, archive)
    assert summary.new_people == 3 and summary.new_messages == 2


def test_a_folder_that_holds_the_unpacked_folder_is_read(ctx: Context, tmp_path: Path) -> None:
    shutil.copytree(DATA / "2023", tmp_path / "Basic_LinkedInDataExport_07-25-2023")
    assert import_export(ctx, tmp_path).new_people == 4


def test_something_that_is_not_an_export_is_refused_clearly(ctx: Context, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ImportFailed, match="no Connections.csv, Invitations.csv or messages.csv"):
        import_export(ctx, tmp_path)
    with pytest.raises(ImportFailed, match="not a LinkedIn export"):
        import_export(ctx, tmp_path / "notes.txt")
    with pytest.raises(ImportFailed, match="No such file"):
        import_export(ctx, tmp_path / "missing.zip")


# -- the CSV layer ---------------------------------------------------------------------------------


def _table(tmp_path: Path, name: str, data: bytes, columns: Columns) -> list:
    (tmp_path / name).write_bytes(data)
    with open_export(tmp_path / name) as members, Table(members[0], columns, SkipLog()) as table:
        return list(table.rows())


def test_columns_are_found_by_name_in_any_order_case_and_delimiter(tmp_path: Path) -> None:
    columns = Columns(("first name", "connected on"), ("url",))
    data = "\ufeffCONNECTED ON;Extra;first name\r\n05 Mar 2024;x;Ana\r\n".encode()
    assert _table(tmp_path, "Connections.csv", data, columns) == [(2, ["Ana", "05 Mar 2024", ""])]


def test_a_missing_header_names_the_file_and_the_columns(tmp_path: Path) -> None:
    columns = Columns(("first name", "connected on"))
    with pytest.raises(
        ImportFailed, match=r"Connections.csv: no header row with the columns First"
    ):
        _table(tmp_path, "Connections.csv", b"Notes:\nnothing here\n", columns)


def test_text_that_is_not_utf8_names_line_and_column(tmp_path: Path) -> None:
    columns = Columns(("first name", "connected on"))
    data = b"First Name,Connected On\nAna,05 Mar 2024\nJos" + b"\xe9,05 Mar 2024\n"
    with pytest.raises(ImportFailed, match=r"Connections.csv line 3, column 4: not UTF-8"):
        _table(tmp_path, "Connections.csv", data, columns)


def test_a_row_with_more_cells_than_the_header_is_skipped_with_its_line(
    ctx: Context, tmp_path: Path
) -> None:
    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ana,Silva,https://www.linkedin.com/in/ana,,Acme,CTO,05 Mar 2024\n"
        "Bo,Li,https://www.linkedin.com/in/bo,,Acme, Inc,CTO,05 Mar 2024\n"
    )
    summary = import_export(ctx, tmp_path)
    assert summary.new_people == 1
    assert "1 malformed row (Connections.csv line 3)" in summary.line()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05 Mar 2024", utc(2024, 3, 5)),
        ("18-Oct-25", utc(2025, 10, 18)),
        ("11/3/18, 9:14 AM", utc(2018, 11, 3, 9, 14)),
        ("10/19/25, 12:05 AM", utc(2025, 10, 19, 0, 5)),
        ("9/27/25, 8:41 PM", utc(2025, 9, 27, 20, 41)),
        ("2025-10-19 14:30:00 UTC", utc(2025, 10, 19, 14, 30)),
        ("2019-11-06T02:08:20", utc(2019, 11, 6, 2, 8, 20)),
        ("June 5, 2017, 3:04 PM", utc(2017, 6, 5, 15, 4)),  # Inbox.csv, through dateutil
        ("2024-03-05 10:00:00+02:00", datetime.fromisoformat("2024-03-05T10:00:00+02:00")),
        ("", None),
        ("Not Available", None),
        ("13/45/25, 9:14 AM", None),
        ("05 Mar 1999", None),  # before LinkedIn existed: a misread, not history
    ],
)
def test_dates_are_read_into_timezone_aware_values(text: str, expected: datetime | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.linkedin.com/in/ana-silva-1a2b3c4d", "ana-silva-1a2b3c4d"),
        ("https://www.linkedin.com/in/j%C3%BCrgen-m%C3%BCller", "jürgen-müller"),
        ("https://www.linkedin.com/in/Ana-Silva/?trk=x", "ana-silva"),
        ("http://linkedin.com/in/ana", "ana"),
        ("https://www.linkedin.com/company/acme", ""),
        ("https://evil.example/in/ana", ""),
        ("urn:li:member:123456789", ""),
        ("", ""),
    ],
)
def test_person_ids_come_from_profile_addresses(url: str, expected: str) -> None:
    assert profile_id(url) == expected


# -- the shared real-shaped samples ----------------------------------------------------------------


@pytest.mark.skipif(
    not SHARED.is_dir(), reason="shared/linkedin-export is not beside this checkout"
)
@pytest.mark.parametrize("source", ["Basic_LinkedInDataExport_10-20-2025.zip", "."])
def test_the_shared_sample_export(ctx: Context, source: str) -> None:
    summary = import_export(ctx, SHARED / source)
    assert ctx.store.meta("owner") == {
        "first_name": "Robin",
        "last_name": "Castellano",
        "profile_url": "https://www.linkedin.com/in/robin-castellano-4e7a19b2/",
    }
    assert summary.new_messages == 60
    assert summary.skips.count("blank row") == 2
    found = people(ctx)
    assert "robin-castellano-4e7a19b2" not in found
    # The 8 people FORMAT.md lists as not in Connections: 5 invited Robin (pending), 3 were invited.
    pending = {i.person_id for i in ctx.store.pending_invitations()}
    assert len(pending) == 5 == summary.new_pending
    outgoing = [
        i
        for i in ctx.store.records("invitations")
        if i.direction is Direction.OUTGOING and i.status is InvitationStatus.PENDING
    ]
    assert len(outgoing) == 3
    for name in ("Valentina", "Brent", "Sam", "Anika", "Jonas", "Helena", "Omar", "Claire"):
        assert any(found[i].first_name == name for i in pending | {o.person_id for o in outgoing})
    # Thank-you notes with no reply (Priya, Li, Jürgen); Marcus answered with a pitch.
    for person_id in ("priya-raman-phd-8f02b4c1", "li-wei-2d4f6a8b", "jürgen-müller-2b8c1d40"):
        note = ctx.store.note_for(person_id)
        assert note is not None and note.reply is None
    assert ctx.store.note_for("marcus-oneill-growth").reply.kind is ReplyKind.PITCH
    for person_id in ("amelie-durand-lefevre-3c9e21a7", "yuki-sato-0f8e2d14"):
        assert ctx.store.note_for(person_id).reply is not None
    # Sofía and Zoë thanked Robin, who never wrote back: no note of Robin's to track.
    assert ctx.store.note_for("sofia-garcia-ux") is None
    assert ctx.store.note_for("zoe-van-den-berg") is None
    again = import_export(ctx, SHARED / source)
    assert again.line().startswith("+0 people, 0 pending invitations, 0 messages, nothing new")
