"""Saving a pasted "who viewed my profile" page and a message thread."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from factories import add_invitation, add_person, add_sent_note
from paste_samples import DAY, HOUR, SAMPLE_NOW, conversation, viewers

from netinbox.clock import Clock
from netinbox.config import Settings
from netinbox.model import ReplyKind
from netinbox.paste.model import PastedMessage, PasteResult
from netinbox.services import ActionError, Context, conversations
from netinbox.services.paste import save_paste
from netinbox.services.undo import undo
from netinbox.store import Store


@pytest.fixture
def pctx(db_path: Path) -> Context:
    ctx = Context(Store(db_path), Clock(SAMPLE_NOW), Settings(owner_first_name="Robin"))
    ctx.store.write_meta({"owner": {"first_name": "Robin", "last_name": "Castellano"}})
    return ctx


def _events(ctx: Context) -> int:
    return sum(1 for _ in ctx.store.events())


# --- viewers --------------------------------------------------------------------------------------


def test_known_viewers_get_a_dated_view_and_unknown_ones_are_only_counted(pctx: Context) -> None:
    add_invitation(pctx, "kayla", hours_ago=1, first="Kayla", last="Brooks")
    add_person(pctx, "anika", "Anika", "Patel", connected_at=SAMPLE_NOW - 30 * DAY)
    summary = save_paste(pctx, viewers())
    assert (summary.views, summary.unknown_viewers) == (2, 1)
    assert summary.line == "2 profile views recorded, 1 viewers not in netinbox (not added)"
    assert pctx.store.count("people") == 2  # Tomasz is not created
    kayla, anika = pctx.store.person("kayla"), pctx.store.person("anika")
    assert kayla.profile_views == (SAMPLE_NOW - 2 * HOUR,)
    assert anika.profile_views == (SAMPLE_NOW - 7 * DAY,)
    # Kayla viewed before inviting (2 h ago, invited 1 h ago); Anika is a contact already.
    assert kayla.viewed_my_profile is True and anika.viewed_my_profile is None


def test_a_view_after_the_invitation_is_not_a_view_before_inviting(pctx: Context) -> None:
    add_invitation(pctx, "kayla", hours_ago=5, first="Kayla", last="Brooks")
    save_paste(pctx, viewers())
    kayla = pctx.store.person("kayla")
    assert kayla.profile_views and kayla.viewed_my_profile is None


def test_the_same_viewers_pasted_a_day_later_record_nothing_new(pctx: Context) -> None:
    add_person(pctx, "anika", "Anika", "Patel")
    save_paste(pctx, viewers())
    events = _events(pctx)
    later = replace(pctx, clock=Clock(SAMPLE_NOW + DAY))
    # "Viewed 1w ago" read a day later resolves to a day later: the same view.
    summary = save_paste(later, viewers(SAMPLE_NOW + DAY))
    assert summary.event is None and summary.known_views == 1 and _events(pctx) == events
    assert len(pctx.store.person("anika").profile_views) == 1


def test_a_viewers_paste_is_undone_as_one(pctx: Context) -> None:
    add_person(pctx, "anika", "Anika", "Patel")
    add_person(pctx, "kayla", "Kayla", "Brooks")
    save_paste(pctx, viewers())
    undo(pctx)
    assert pctx.store.person("anika").profile_views == ()
    assert pctx.store.person("kayla").profile_views == ()


# --- conversation ---------------------------------------------------------------------------------


def _dominick_with_a_sent_note(ctx: Context) -> None:
    add_sent_note(ctx, "dominick", days_ago=34, first="Dominick", last="Russo",
                  connected_at=SAMPLE_NOW - 35 * DAY)  # fmt: skip


def test_a_thread_is_stored_once_with_the_user_and_the_other_person_told_apart(
    pctx: Context,
) -> None:
    _dominick_with_a_sent_note(pctx)
    summary = save_paste(pctx, conversation())
    assert summary.messages == 3
    messages = sorted(pctx.store.records("messages"), key=lambda m: m.at)
    assert [m.from_owner for m in messages] == [True, False, False]
    assert {m.sender_id for m in messages[1:]} == {"dominick"}
    assert messages[0].recipient_ids == ("dominick",)
    assert len({m.thread_id for m in messages}) == 1
    # Their messages are screened; the user's own are not.
    assert messages[0].verdict is None and messages[1].verdict.label == "pitch"
    again = save_paste(pctx, conversation())
    assert again.event is None and again.known_messages == 3
    assert pctx.store.count("messages") == 3


def test_their_first_message_after_the_sent_note_is_its_screened_reply(pctx: Context) -> None:
    _dominick_with_a_sent_note(pctx)
    summary = save_paste(pctx, conversation())
    note = pctx.store.note_for("dominick")
    assert note.reply is not None and note.reply.kind is ReplyKind.PITCH
    assert note.reply.text.startswith("I would love to learn more")
    assert note.reply.at == SAMPLE_NOW.replace(hour=7, minute=25)
    assert note.reply.verdict.label == "pitch"
    assert summary.reply_kind == "pitch" and summary.line.endswith(
        "; their reply to your thank-you note: pitch"
    )


def test_a_reply_already_recorded_is_left_alone(pctx: Context) -> None:
    from netinbox.model import Reply

    add_sent_note(pctx, "dominick", days_ago=34, first="Dominick", last="Russo",
                  reply=Reply(ReplyKind.CANNED, "👍", SAMPLE_NOW - 30 * DAY))  # fmt: skip
    save_paste(pctx, conversation())
    assert pctx.store.note_for("dominick").reply.kind is ReplyKind.CANNED


def test_the_conversation_timer_restarts_in_the_same_event(pctx: Context) -> None:
    _dominick_with_a_sent_note(pctx)
    early = replace(pctx, clock=Clock(SAMPLE_NOW - 20 * DAY))
    conversations.mark(early, "dominick", reason="maybe", cadence="monthly")
    summary = save_paste(pctx, conversation())
    mark = pctx.store.conversation_for("dominick")
    assert mark.last_contact_at == SAMPLE_NOW.replace(hour=7, minute=26)
    assert "conversations" in {c.table for c in summary.event.changes}
    undo(pctx)
    assert pctx.store.conversation_for("dominick").last_contact_at is None
    assert pctx.store.note_for("dominick").reply is None
    assert pctx.store.count("messages") == 0


def test_a_thread_with_someone_unknown_creates_them(pctx: Context) -> None:
    summary = save_paste(pctx, conversation())
    assert summary.new_people == 0 and summary.messages == 3
    (person,) = pctx.store.people()
    assert person.name == "Dominick Russo"


def test_a_thread_of_only_the_users_messages_is_refused_unless_they_say_with_whom(
    pctx: Context,
) -> None:
    add_person(pctx, "dominick", "Dominick", "Russo")
    mine = PasteResult("conversation", conversation().items[:1])
    with pytest.raises(ActionError, match="only your own messages"):
        save_paste(pctx, mine)
    assert _events(pctx) == 0 and pctx.store.count("messages") == 0
    save_paste(pctx, mine, person_id="dominick")
    (message,) = pctx.store.records("messages")
    assert message.from_owner and message.recipient_ids == ("dominick",)


def test_a_group_thread_is_refused(pctx: Context) -> None:
    extra = PastedMessage("Sam Ortiz", SAMPLE_NOW - HOUR, "Hi both")
    result = PasteResult("conversation", (*conversation().items, extra))
    with pytest.raises(ActionError, match="several other senders"):
        save_paste(pctx, result)
    assert pctx.store.count("messages") == 0 and pctx.store.count("people") == 0


def test_the_same_text_twice_is_two_messages_and_a_repaste_still_one_each(pctx: Context) -> None:
    twice = (
        PastedMessage("Dominick Russo", SAMPLE_NOW - 2 * HOUR, "Thanks!"),
        PastedMessage("Dominick Russo", SAMPLE_NOW - HOUR, "Thanks!"),
    )
    save_paste(pctx, PasteResult("conversation", twice))
    # Re-pasted later, when the times resolve a little differently: still the same two.
    shifted = tuple(replace(m, sent_at=m.sent_at + timedelta(minutes=1)) for m in twice)
    assert save_paste(pctx, PasteResult("conversation", shifted)).event is None
    assert pctx.store.count("messages") == 2
