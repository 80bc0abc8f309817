"""Table rows for each list's typed rows: what a person sees in each column.

The lists decide who is in them and in what order (netinbox/services/lists); these only draw.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from netinbox.services.dates import age, ago, short_date, until, waited
from netinbox.services.lists.rows import ConversationRow, NeverRespondedRow, NoteRow, PendingRow
from netinbox.text import one_line
from netinbox.ui.widgets.tables import Row
from netinbox.ui.widgets.verdict_text import VERDICT_WIDTH, verdict_cell

Listed = PendingRow | NoteRow | NeverRespondedRow | ConversationRow

PENDING_COLUMNS = [("Name", 18), ("Verdict", VERDICT_WIDTH), ("Age", 4), ("Note / headline", None)]
NOTE_COLUMNS = [("Name", 20), ("Sent", 10), ("Status", None)]
NEVER_COLUMNS = [
    ("Name", 20),
    ("Sent", 11),
    ("Waiting", 7),
    ("Reply", 7),
    ("Viewed", 6),
    ("Their note / headline", None),
]
CONVERSATION_COLUMNS = [
    ("Name", 20),
    ("Due", 11),
    ("When", 10),
    ("Cadence", 14),
    ("Next step · why", None),
]


def _name(name: str) -> Text:
    return Text(one_line(name, 40), style="bold")


def _their_words_or_headline(words: str, headline: str) -> Text:
    """What they wrote, quoted; else their headline, dimmed (never an empty cell)."""
    if words.strip():
        return Text(f"“{one_line(words, 200)}”", style="italic")
    return Text(one_line(headline, 200), style="dim")


def person_id_of(row: Listed) -> str:
    return row.person_id


def pending_row(row: PendingRow, now: datetime) -> Row:
    invitation, person = row.invitation, row.person
    what = _their_words_or_headline(invitation.note, person.headline)
    return Row(
        row.person_id,
        (
            _name(person.name),
            verdict_cell(invitation.verdict),
            Text(age(invitation.received_at, now), style="dim"),
            what,
        ),
        row.marked,
    )


def note_row(row: NoteRow, now: datetime) -> Row:
    note = row.note
    if note.sent_at is None:
        sent = Text("to send", style="bold yellow")
        status = Text("note ready · r to edit & send", style="dim")
    else:
        sent = Text(f"sent {age(note.sent_at, now)}", style="dim")
        status = Text(
            "no reply" + (" · overdue" if row.overdue else ""), style="red" if row.overdue else ""
        )
    return Row(row.person_id, (_name(row.person.name), sent, status), row.marked)


REPLY_STYLE = {"pitch": "red", "canned": "yellow", "none": "dim"}


def never_row(row: NeverRespondedRow, now: datetime) -> Row:
    note, person = row.note, row.person
    sent_at = note.sent_at or note.created_at
    reply = Text("—", style="dim")
    if row.reply_kind:
        reply = Text("nothing" if row.reply_kind == "none" else row.reply_kind)
        reply.stylize(REPLY_STYLE.get(row.reply_kind, ""))
    viewed = Text("✓", style="green") if row.viewed_after else Text("✗", style="dim")
    if row.flagged:
        what = Text("⚑ spam after connecting", style="bold red")
    else:
        what = _their_words_or_headline(note.reply.text if note.reply else "", person.headline)
    return Row(
        row.person_id,
        (
            _name(person.name),
            Text(short_date(sent_at, now), style="dim"),
            Text(waited(sent_at, now)),
            reply,
            viewed,
            what,
        ),
        row.marked,
    )


def conversation_row(row: ConversationRow, now: datetime) -> Row:
    mark = row.mark
    if mark.due_at is None:
        due, when = Text("—", style="dim"), Text("no date", style="dim")
    else:
        due = Text(short_date(mark.due_at, now))
        when = Text(until(mark.due_at, now))
        if row.overdue:
            due.stylize("bold red")
            when.stylize("bold red")
    step = " · ".join(part for part in (one_line(mark.next_step), one_line(mark.reason)) if part)
    what = Text(step or "no next step yet (c to add one)", style="" if step else "dim")
    if mark.last_contact_at is not None:
        what.append(f" · last contact {ago(mark.last_contact_at, now)}", style="dim")
    name = _name(row.person.name)
    if row.overdue:
        name.stylize("red")
    return Row(
        row.person_id,
        (name, due, when, Text(row.cadence or "—", style="" if row.cadence else "dim"), what),
        True,
    )
