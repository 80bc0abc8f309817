"""The conversation timer every interaction restarts: replies, sent notes, drafts, imported messages."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from netinbox.importers import import_export
from netinbox.model import ReplyKind, ThankYouNote
from netinbox.services import Context, conversations, drafting, followup, undo
from netinbox.services.context import change
from netinbox.store import Store
from tests.conftest import FROZEN_NOW
from tests.conversation_helpers import UTC, active, at9, later, put_mark
from tests.factories import add_person, add_sent_note

# --- the timer every interaction restarts --------------------------------------------------------


def test_an_interaction_resets_last_contact_and_the_due_date(ctx: Context) -> None:
    add_person(ctx, "ana")
    conversations.mark(ctx, "ana", due="tomorrow", cadence="monthly")
    when = datetime(2026, 3, 10, 15, 30, tzinfo=UTC)
    [reset] = conversations.interaction_changes(ctx, "ana", when)
    assert reset.after["last_contact_at"] == when.isoformat()
    assert reset.after["due_at"] == at9(2026, 4, 10).isoformat()


def test_an_interaction_without_a_cadence_only_records_the_contact(ctx: Context) -> None:
    add_person(ctx, "ana")
    conversations.mark(ctx, "ana", due="friday")
    [reset] = conversations.interaction_changes(ctx, "ana", FROZEN_NOW)
    assert reset.after["last_contact_at"] == FROZEN_NOW.isoformat()
    assert reset.after["due_at"] == at9(2026, 3, 6).isoformat()


def test_no_reset_without_a_mark_or_for_an_older_interaction(ctx: Context) -> None:
    add_person(ctx, "ana")
    assert conversations.interaction_changes(ctx, "ana", FROZEN_NOW) == []
    put_mark(ctx, "ana", cadence="FREQ=WEEKLY", last_contact_at=FROZEN_NOW)
    assert conversations.interaction_changes(ctx, "ana", FROZEN_NOW) == []
    assert conversations.interaction_changes(ctx, "ana", FROZEN_NOW - timedelta(days=1)) == []
    assert len(conversations.interaction_changes(ctx, "ana", FROZEN_NOW + timedelta(hours=1))) == 1


def test_a_message_from_before_the_mark_does_not_reset_it(ctx: Context) -> None:
    put_mark(ctx, "ana", cadence="FREQ=WEEKLY", due_at=at9(2026, 3, 8))
    assert conversations.interaction_changes(ctx, "ana", FROZEN_NOW - timedelta(days=30)) == []


def _marked(ctx: Context) -> None:
    add_person(ctx, "ana", first="Ana", last="Silva")
    conversations.mark(ctx, "ana", due="2026-03-03", cadence="weekly")


def _assert_reset_then_undo(ctx: Context, event_ctx: Context, event, at: datetime) -> None:
    assert {c.table for c in event.changes} >= {"conversations"}
    mark = active(ctx, "ana")
    assert mark.last_contact_at == at
    assert mark.due_at == at9(2026, 3, 17)  # a week after the 10th, not the old 3rd + a week
    undo.undo(event_ctx)  # one undo takes back the interaction and the reset together
    mark = active(ctx, "ana")
    assert mark.last_contact_at is None
    assert mark.due_at == at9(2026, 3, 3)


def test_recording_a_reply_resets_the_timer_in_the_same_event(ctx: Context) -> None:
    _marked(ctx)
    add_sent_note(ctx, "ana")
    on_the_10th = later(ctx, datetime(2026, 3, 10, 11, 0, tzinfo=UTC))
    event = followup.record_reply(on_the_10th, "ana", ReplyKind.PERSONAL, "Great to meet!")
    _assert_reset_then_undo(ctx, on_the_10th, event, on_the_10th.now())
    assert ctx.store.note_for("ana").reply is None


def test_recording_that_nothing_came_back_is_not_an_interaction(ctx: Context) -> None:
    _marked(ctx)
    add_sent_note(ctx, "ana")
    event = followup.record_reply(ctx, "ana", ReplyKind.NONE)
    assert [c.table for c in event.changes] == ["notes"]
    assert active(ctx, "ana").last_contact_at is None


def test_sending_the_thank_you_note_resets_the_timer_in_the_same_event(ctx: Context) -> None:
    _marked(ctx)
    note = ThankYouNote("note-ana", "ana", "Thanks, Ana!", FROZEN_NOW)
    ctx.store.write_records([change(None, note)])
    on_the_10th = later(ctx, datetime(2026, 3, 10, 11, 0, tzinfo=UTC))
    event = followup.mark_sent(on_the_10th, "ana")
    _assert_reset_then_undo(ctx, on_the_10th, event, on_the_10th.now())
    assert ctx.store.note_for("ana").sent_at is None


def test_sending_a_draft_resets_the_timer_in_the_same_event(ctx: Context) -> None:
    _marked(ctx)
    on_the_10th = later(ctx, datetime(2026, 3, 10, 11, 0, tzinfo=UTC))
    drafting.save_draft(on_the_10th, "ana", "Coffee next week?")
    event = drafting.mark_draft_sent(on_the_10th, "ana")
    _assert_reset_then_undo(ctx, on_the_10th, event, on_the_10th.now())
    assert ctx.store.draft_for("ana").sent_at is None


def test_an_interaction_with_someone_unmarked_changes_only_its_own_record(ctx: Context) -> None:
    add_sent_note(ctx, "ben")
    event = followup.record_reply(ctx, "ben", ReplyKind.PERSONAL, "hi")
    assert [c.table for c in event.changes] == ["notes"]


# --- imported messages ----------------------------------------------------------------------------

OWNER_URL = "https://www.linkedin.com/in/mara-lindgren-7d1e2f3a"
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
)
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _export(folder: Path, *messages: tuple[str, str, str]) -> Path:
    """An export with Ana and Ben as connections and `messages` as (who, direction, when)."""
    base = "https://www.linkedin.com/in/"
    folder.mkdir()
    (folder / "Connections.csv").write_text(
        CONNECTIONS_HEADER
        + f"Ana,Silva,{base}ana-silva,,Acme,Engineer,01 Oct 2025\n"
        + f"Ben,Okoro,{base}ben-okoro,,Acme,Engineer,01 Oct 2025\n",
        encoding="utf-8",
    )
    rows = []
    for index, (slug, direction, when) in enumerate(messages):
        name = slug.replace("-", " ").title()
        me = ("Mara Lindgren", OWNER_URL)
        them = (name, base + slug)
        (sender, sender_url), (to, to_url) = (me, them) if direction == "out" else (them, me)
        rows.append(
            f"conv-{slug},,{sender},{sender_url},{to},{to_url},{when},,message {index},INBOX\n"
        )
    (folder / "messages.csv").write_text(MESSAGES_HEADER + "".join(rows), encoding="utf-8")
    return folder


def test_the_newest_imported_message_to_or_from_a_marked_person_resets_the_timer(
    ctx: Context, tmp_path: Path
) -> None:
    import_export(ctx, _export(tmp_path / "first"))
    conversations.mark(ctx, "ana-silva", due="2026-03-03", cadence="weekly")
    conversations.mark(ctx, "ben-okoro", due="2026-03-03", cadence="weekly")
    on_the_12th = later(ctx, datetime(2026, 3, 12, 8, 0, tzinfo=UTC))
    import_export(
        on_the_12th,
        _export(
            tmp_path / "second",
            ("ana-silva", "in", "2026-03-05 10:00:00 UTC"),
            ("ana-silva", "out", "2026-03-10 18:00:00 UTC"),  # the newest, and mine
            ("ana-silva", "in", "2026-02-01 10:00:00 UTC"),
            ("ben-okoro", "in", "2026-02-20 10:00:00 UTC"),  # before the mark: no reset
        ),
    )
    ana = active(ctx, "ana-silva")
    assert ana.last_contact_at == datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
    assert ana.due_at == at9(2026, 3, 17)
    ben = active(ctx, "ben-okoro")
    assert (ben.last_contact_at, ben.due_at) == (None, at9(2026, 3, 3))
    before = ctx.store.record_doc("conversations", ana.id)
    import_export(on_the_12th, tmp_path / "second")  # the same export again changes nothing
    assert ctx.store.record_doc("conversations", ana.id) == before


# --- a reset on disk ------------------------------------------------------------------------------


def test_a_reset_survives_a_restart(ctx: Context) -> None:
    _marked(ctx)
    add_sent_note(ctx, "ana")
    followup.record_reply(ctx, "ana", ReplyKind.PERSONAL, "hi")
    ctx.store.close()
    with Store(ctx.store.path) as store:
        assert store.conversation_for("ana").last_contact_at == FROZEN_NOW
