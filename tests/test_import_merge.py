"""Re-importing merges: nothing twice, newer data wins, and the user's own decisions always stay."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

import netinbox.screening
from netinbox.config import Settings
from netinbox.importers import ImportFailed, import_export
from netinbox.model import Direction, InvitationStatus, Person, Reply, ReplyKind
from netinbox.services import Context, conversations, followup, triage
from netinbox.services.context import change
from netinbox.store import Store

DATA = Path(__file__).parent / "data" / "linkedin"
OWNER_URL = "https://www.linkedin.com/in/mara-lindgren-7d1e2f3a"
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
INVITATIONS_HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
)


def export(folder: Path, connections: str = "", invitations: str = "", messages: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "Connections.csv").write_text(CONNECTIONS_HEADER + connections, encoding="utf-8")
    (folder / "Invitations.csv").write_text(INVITATIONS_HEADER + invitations, encoding="utf-8")
    (folder / "messages.csv").write_text(MESSAGES_HEADER + messages, encoding="utf-8")
    return folder


def invite(name: str, slug: str, when: str, note: str = "") -> str:
    url = f"https://www.linkedin.com/in/{slug}"
    return f'{name},Mara Lindgren,"{when}",{note},INCOMING,{url},{OWNER_URL}\n'


def connection(first: str, last: str, slug: str, day: str, company: str = "Acme") -> str:
    return f"{first},{last},https://www.linkedin.com/in/{slug},,{company},Engineer,{day}\n"


def message(conv: str, sender: str, slug: str, to: str, to_slug: str, at: str, text: str) -> str:
    base = "https://www.linkedin.com/in/"
    return f"{conv},,{sender},{base}{slug},{to},{base}{to_slug},{at},,{text},INBOX\n"


def snapshot(ctx: Context) -> dict:
    return {
        table: sorted((r.id, repr(r)) for r in ctx.store.records(table))
        for table in ("people", "invitations", "notes", "drafts", "conversations", "messages")
    } | {"owner": ctx.store.meta("owner")}


@pytest.fixture
def first_export(tmp_path: Path) -> Path:
    return export(
        tmp_path / "first",
        connections=connection("Ana", "Silva", "ana-silva", "01 Oct 2025"),
        invitations=invite("Ana Silva", "ana-silva", "9/30/25, 9:00 AM")
        + invite("Ben Okoro", "ben-okoro", "10/2/25, 9:00 AM", "Hi Mara")
        + invite("Cleo Park", "cleo-park", "10/3/25, 9:00 AM"),
        messages=message(
            "2-AAA", "Mara Lindgren", "mara-lindgren-7d1e2f3a", "Ana Silva", "ana-silva",
            "2025-10-01 18:00:00 UTC", "Thanks for connecting Ana!",
        ),
    )  # fmt: skip


def test_importing_the_same_export_twice_changes_nothing(ctx: Context, first_export: Path) -> None:
    first = import_export(ctx, first_export)
    assert first.line() == "+3 people, 2 pending invitations, 1 message, 1 thank-you note"
    before = snapshot(ctx)
    journal = ctx.store.path.with_name(ctx.store.path.name + ".journal")
    size = journal.stat().st_size if journal.exists() else None
    second = import_export(ctx, first_export)
    assert second.line() == "+0 people, 0 pending invitations, 0 messages, nothing new"
    assert snapshot(ctx) == before
    assert (journal.stat().st_size if journal.exists() else None) == size  # not even a write


def test_a_newer_export_accepts_adds_once_and_refreshes(
    ctx: Context, first_export: Path, tmp_path: Path
) -> None:
    import_export(ctx, first_export)
    newer = export(
        tmp_path / "newer",
        connections=connection("Ben", "Okoro", "ben-okoro", "05 Oct 2025", "Nimbus")
        + connection("Ana", "Silva", "ana-silva", "01 Oct 2025", "Acme Robotics"),
        invitations=invite("Ben Okoro", "ben-okoro", "10/2/25, 9:00 AM", "Hi Mara")
        + invite("Ana Silva", "ana-silva", "9/30/25, 9:00 AM")
        + invite("Cleo Park", "cleo-park", "10/3/25, 9:00 AM"),
        messages=message(
            "2-BBB", "Ben Okoro", "ben-okoro", "Mara Lindgren", "mara-lindgren-7d1e2f3a",
            "2025-10-06 08:00:00 UTC", "Hello again",
        )
        + message(
            "2-AAA", "Mara Lindgren", "mara-lindgren-7d1e2f3a", "Ana Silva", "ana-silva",
            "2025-10-01 18:00:00 UTC", "Thanks for connecting Ana!",
        ),
    )  # fmt: skip
    summary = import_export(ctx, newer)
    assert summary.new_messages == 1 and summary.accepted == 1 and summary.new_people == 0
    ben = ctx.store.invitations_of("ben-okoro")[0]
    assert ben.status is InvitationStatus.ACCEPTED
    assert ben.decided_at == datetime(2025, 10, 5, tzinfo=UTC)
    assert ctx.store.pending_invitation("ben-okoro") is None
    assert ctx.store.person("ana-silva").company == "Acme Robotics"
    assert ctx.store.person("ben-okoro").company == "Nimbus"
    assert ctx.store.count("messages") == 2
    assert import_export(ctx, newer).line().endswith("nothing new")


def test_an_older_export_only_fills_blanks(
    ctx: Context, first_export: Path, tmp_path: Path
) -> None:
    import_export(ctx, first_export)
    older = export(
        tmp_path / "older",
        connections=connection("Ana", "Silva", "ana-silva", "01 Oct 2025", "Old Corp")
        + connection("Ben", "Okoro", "ben-okoro", "05 Jan 2025", "Nimbus"),
    )
    import_export(ctx, older)
    assert ctx.store.person("ana-silva").company == "Acme"  # the newer value stays
    assert ctx.store.person("ben-okoro").company == "Nimbus"  # a blank is filled


def test_the_users_own_decisions_are_never_overwritten(
    ctx: Context, first_export: Path, tmp_path: Path
) -> None:
    import_export(ctx, first_export)
    triage.decline(ctx, ["ben-okoro"])
    triage.accept(ctx, ["cleo-park"])
    followup.mark_sent(ctx, "cleo-park")
    followup.record_reply(ctx, "cleo-park", ReplyKind.NONE)
    conversations.mark(ctx, "ana-silva", reason="compare notes")
    ana = ctx.store.person("ana-silva")
    ctx.store.write_records(
        [change(ana, Person(**{**_fields(ana), "notes": "met at KubeCon", "tags": ("vip",)}))]
    )
    before = snapshot(ctx)
    # A newer export says Ben and Cleo are connections now, and Cleo wrote back.
    newer = export(
        tmp_path / "newer",
        connections=connection("Ben", "Okoro", "ben-okoro", "05 Oct 2025")
        + connection("Cleo", "Park", "cleo-park", "04 Oct 2025")
        + connection("Ana", "Silva", "ana-silva", "01 Oct 2025"),
        invitations=invite("Ben Okoro", "ben-okoro", "10/2/25, 9:00 AM", "Hi Mara")
        + invite("Cleo Park", "cleo-park", "10/3/25, 9:00 AM"),
        messages=message(
            "2-CCC", "Cleo Park", "cleo-park", "Mara Lindgren", "mara-lindgren-7d1e2f3a",
            "2026-03-02 08:00:00 UTC", "Thanks Mara, lovely to connect!",
        ),
    )  # fmt: skip
    import_export(ctx, newer)
    after = snapshot(ctx)
    assert ctx.store.invitations_of("ben-okoro")[0].status is InvitationStatus.DECLINED
    cleo_note = ctx.store.note_for("cleo-park")
    assert cleo_note.reply.kind is ReplyKind.NONE  # the recorded "nothing came back" stays
    assert ctx.store.conversation_for("ana-silva").reason == "compare notes"
    assert ctx.store.person("ana-silva").notes == "met at KubeCon"
    assert ctx.store.person("ana-silva").tags == ("vip",)
    for table in ("notes", "conversations", "drafts"):
        assert after[table] == before[table]


def _fields(person: Person) -> dict:
    return {name: getattr(person, name) for name in Person.__slots__}


def test_a_reply_is_added_to_a_note_sent_from_the_app(
    ctx: Context, first_export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(netinbox.screening, "classify_reply", lambda text, name: ReplyKind.CANNED)
    import_export(ctx, first_export)
    triage.accept(ctx, ["cleo-park"])
    followup.mark_sent(ctx, "cleo-park")  # at the frozen now, 2026-03-01
    newer = export(
        tmp_path / "newer",
        connections=connection("Cleo", "Park", "cleo-park", "01 Mar 2026"),
        messages=message(
            "2-DDD", "Cleo Park", "cleo-park", "Mara Lindgren", "mara-lindgren-7d1e2f3a",
            "2026-03-01 10:00:00 UTC", "👍",
        ),
    )  # fmt: skip
    summary = import_export(ctx, newer)
    assert summary.new_replies == 1 and summary.new_notes == 0
    note = ctx.store.note_for("cleo-park")
    reply = replace(note.reply, verdict=None)  # the verdict is screened too (issue 5)
    assert reply == Reply(ReplyKind.CANNED, "👍", datetime(2026, 3, 1, 10, tzinfo=UTC))
    assert note.reply.verdict.label == "canned"
    assert "cleo-park" not in {n.person_id for n in ctx.store.open_notes()}


@pytest.mark.parametrize(("window", "found"), [(3, True), (1, False)])
def test_the_thank_you_window_is_a_setting(
    db_path: Path, tmp_path: Path, window: int, found: bool, clock
) -> None:
    ctx = Context(Store(db_path), clock, Settings(thank_you_window_days=window))
    folder = export(
        tmp_path / "e",
        connections=connection("Ana", "Silva", "ana-silva", "01 Oct 2025"),
        messages=message(
            "2-EEE", "Mara Lindgren", "mara-lindgren-7d1e2f3a", "Ana Silva", "ana-silva",
            "2025-10-03 18:00:00 UTC", "Thanks for connecting Ana!",
        ),
    )  # fmt: skip
    (folder / "Profile.csv").write_text("First Name,Last Name\nMara,Lindgren\n")
    import_export(ctx, folder)
    assert (ctx.store.note_for("ana-silva") is not None) is found


def test_the_reply_kind_comes_from_screening(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = []

    def classify(text: str, first_name: str) -> ReplyKind:
        seen.append((text, first_name))
        return ReplyKind.PITCH

    monkeypatch.setattr(netinbox.screening, "classify_reply", classify)
    folder = export(
        tmp_path / "e",
        connections=connection("Ana", "Silva", "ana-silva", "01 Oct 2025"),
        invitations=invite("Ana Silva", "ana-silva", "9/30/25, 9:00 AM"),
        messages=message(
            "2-FFF", "Ana Silva", "ana-silva", "Mara Lindgren", "mara-lindgren-7d1e2f3a",
            "2025-10-02 09:00:00 UTC", "Quick demo?",
        )
        + message(
            "2-FFF", "Mara Lindgren", "mara-lindgren-7d1e2f3a", "Ana Silva", "ana-silva",
            "2025-10-01 18:00:00 UTC", "Thanks for connecting Ana!",
        ),
    )  # fmt: skip
    import_export(ctx, folder)
    assert seen == [("Quick demo?", "Mara")]
    assert ctx.store.note_for("ana-silva").reply.kind is ReplyKind.PITCH


def test_someone_first_known_by_name_is_merged_when_an_address_arrives(
    ctx: Context, tmp_path: Path
) -> None:
    old = tmp_path / "old"
    shutil.copytree(DATA / "2021", old)
    import_export(ctx, old)
    sam_old = next(p for p in ctx.store.people() if p.first_name == "Sam")
    assert ":" in sam_old.id and ctx.store.invitations_of(sam_old.id)
    conversations.mark(ctx, sam_old.id, reason="hiring chat")
    summary = import_export(ctx, DATA / "2023")
    assert summary.merged_people >= 1
    assert ctx.store.person(sam_old.id) is None
    sam = ctx.store.person("sam-whitaker-2c7e9b41")
    assert sam.company == "Brightline Talent"
    assert [p.first_name for p in ctx.store.people()].count("Sam") == 1
    assert ctx.store.conversation_for("sam-whitaker-2c7e9b41").reason == "hiring chat"
    assert [
        i.person_id for i in ctx.store.records("invitations") if i.person_id == sam_old.id
    ] == []
    assert ctx.store.invitations_of("sam-whitaker-2c7e9b41")
    # …and the other way round: an old export after a new one lands on the same person.
    import_export(ctx, old)
    assert [p.first_name for p in ctx.store.people()].count("Sam") == 1


def test_a_failed_import_leaves_the_database_exactly_as_before(
    ctx: Context, first_export: Path, tmp_path: Path
) -> None:
    import_export(ctx, first_export)
    before = snapshot(ctx)
    broken = export(tmp_path / "broken", connections=connection("Zed", "Ko", "zed", "01 Oct 2025"))
    (broken / "messages.csv").write_bytes(
        MESSAGES_HEADER.encode() + b'2-X,,"unclosed' + b"a" * 2_000_000
    )
    with pytest.raises(ImportFailed, match=r"messages.csv line 2: a field is longer than 1 MB"):
        import_export(ctx, broken)
    assert snapshot(ctx) == before
    reopened_path = ctx.store.path
    ctx.store.close()
    with Store(reopened_path) as store:
        assert store.person("zed") is None


def test_an_export_of_someone_else_is_refused(
    ctx: Context, first_export: Path, tmp_path: Path
) -> None:
    import_export(ctx, first_export)
    other = export(
        tmp_path / "other",
        invitations='Kim Lee,Jo Park,"10/2/25, 9:00 AM",,INCOMING,'
        "https://www.linkedin.com/in/kim-lee,https://www.linkedin.com/in/jo-park-1234\n",
    )
    with pytest.raises(ImportFailed, match="belongs to Jo Park"):
        import_export(ctx, other)


def test_invitations_older_than_a_newer_pending_one_are_withdrawn(
    ctx: Context, tmp_path: Path
) -> None:
    folder = export(
        tmp_path / "e",
        invitations=invite("Ben Okoro", "ben-okoro", "10/2/25, 9:00 AM", "again")
        + invite("Ben Okoro", "ben-okoro", "3/2/25, 9:00 AM", "first try"),
    )
    import_export(ctx, folder)
    statuses = {i.note: i.status for i in ctx.store.invitations_of("ben-okoro")}
    assert statuses == {"again": InvitationStatus.PENDING, "first try": InvitationStatus.WITHDRAWN}
    assert ctx.store.pending_invitation("ben-okoro").note == "again"
    outgoing = [i for i in ctx.store.records("invitations") if i.direction is Direction.OUTGOING]
    assert outgoing == []


def test_an_address_stored_by_an_older_netinbox_is_rebuilt_and_keeps_its_person(
    ctx: Context, tmp_path: Path
) -> None:
    """Stored ids do not change: the slug still names the person, only the address is rebuilt."""
    old = Person("ana-silva", "Ana", "Silva", profile_url="https://www.linkedin.com/in/Ana-Silva")
    ctx.store.write_records([change(None, old)])
    summary = import_export(
        ctx,
        export(tmp_path / "e", connections=connection("Ana", "Silva", "ana-silva", "01 Oct 2025")),
    )
    assert summary.new_people == 0 and summary.updated_people == 1
    assert [p.id for p in ctx.store.people()] == ["ana-silva"]
    assert ctx.store.person("ana-silva").profile_url == "https://www.linkedin.com/in/ana-silva/"
