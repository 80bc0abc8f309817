"""The card for the highlighted person: who they are, how they network, what they wrote, where we are.

Everything here is strangers' text, so the card is built as `rich.Text` pieces (never markup).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from netinbox.model import ConversationMark, Draft, Invitation, Person, ThankYouNote
from netinbox.services.dates import age, short_date, until
from netinbox.text import one_line
from netinbox.ui.widgets.verdict_text import reply_verdict_text, why_text


@dataclass(frozen=True)
class CardData:
    person: Person
    invitation: Invitation | None = None
    note: ThankYouNote | None = None
    draft: Draft | None = None
    mark: ConversationMark | None = None


def _count(value: int | None, word: str) -> str | None:
    return None if value is None else f"{value:,} {word}"


def _yes_no(value: bool | None) -> str:
    return "?" if value is None else ("✓" if value else "✗")


def card_text(data: CardData, now: datetime) -> Text:
    p = data.person
    text = Text(no_wrap=False, overflow="fold")
    text.append(one_line(p.name), style="bold")
    if p.headline:
        text.append(" · ")
        text.append(one_line(p.headline))
    text.append("\n")
    if data.invitation is not None:
        # Second line, so it stays in view when the card is cut to a small terminal's height.
        text.append_text(why_text(data.invitation.verdict))
        text.append("\n")

    work = " at ".join(part for part in (one_line(p.position), one_line(p.company)) if part)
    if work.casefold() in p.headline.casefold():
        work = ""  # the headline already says it
    place = " · ".join(part for part in (work, one_line(p.location)) if part)
    if place:
        text.append(place + "\n", style="dim")

    if p.education:
        schools = []
        for e in p.education:
            degree = ", ".join(part for part in (e.degree, e.field) if part)
            school = f"{degree} — {e.school}" if degree else e.school
            schools.append(one_line(school) + (f" ({e.end_year})" if e.end_year else ""))
        text.append("Education: ", style="dim")
        text.append("; ".join(schools) + "\n")

    network = [
        _count(p.connections, "connections"),
        _count(p.followers, "followers"),
    ]
    activity = [p.posts_90d, p.comments_90d, p.reactions_90d]
    if any(v is not None for v in activity):
        posts, comments, reactions = (v or 0 for v in activity)
        network.append(f"{posts} posts, {comments} comments, {reactions} reactions in 90 days")
    if p.first_job_year:
        network.append(f"first job {p.first_job_year}")
    text.append(" · ".join(part for part in network if part) or "network unknown")
    text.append("\n")

    facts = []
    if p.mutual_connections is not None:
        facts.append(f"{p.mutual_connections:,} mutual")
    facts.append(f"viewed my profile {_yes_no(p.viewed_my_profile)}")
    if p.has_photo is not None:
        facts.append(f"photo {_yes_no(p.has_photo)}")
    if p.connected_at:
        facts.append(f"connected {short_date(p.connected_at, now)}")
    text.append(" · ".join(facts) + "\n")

    if data.invitation is not None:
        inv = data.invitation
        when = age(inv.received_at, now)
        text.append("Invited just now" if when == "now" else f"Invited {when} ago", style="dim")
        if inv.note.strip():
            text.append(": ", style="dim")
            text.append(f"“{one_line(inv.note)}”", style="italic")
        else:
            text.append(": no note", style="dim")
        text.append("\n")

    if data.note is not None:
        note = data.note
        if note.sent_at is None:
            text.append("Thank-you note ready, not sent yet (r to edit and send)", style="bold")
        else:
            text.append(f"Thank-you note sent {age(note.sent_at, now)} ago", style="dim")
            if note.reply is None:
                text.append(" · no reply yet")
            else:
                text.append(f" · replied: {note.reply.kind.label}")
                if note.reply.text:
                    text.append(f" “{one_line(note.reply.text, 160)}”", style="italic")
                if note.reply.verdict is not None:
                    text.append("\n  ")
                    text.append_text(reply_verdict_text(note.reply.verdict))
        text.append("\n")

    if data.draft is not None and data.draft.sent_at is None:
        text.append("Draft reply: ", style="dim")
        text.append(one_line(data.draft.text, 120) + "\n", style="italic")

    if data.mark is not None:
        m = data.mark
        text.append("★ Conversation", style="bold")
        if m.reason:
            text.append(": " + one_line(m.reason))
        if m.next_step:
            text.append(" → " + one_line(m.next_step))
        if m.due_at:
            text.append(f" · due {short_date(m.due_at, now)} ({until(m.due_at, now)})")
        if m.cadence:
            text.append(f" · {m.cadence}")
        text.append("\n")
    text.rstrip()
    return text


def context_text(data: CardData, now: datetime) -> Text:
    """The few lines a reply needs: who they are, what they wrote, where the thank-you stands."""
    p = data.person
    text = Text(overflow="fold")
    company = one_line(p.company)
    headline = one_line(p.headline)
    # Most headlines already name the company; saying it twice wastes the one line we have.
    parts = [headline] + (
        [company] if company and company.casefold() not in headline.casefold() else []
    )
    text.append(" · ".join(part for part in parts if part))
    if data.invitation is not None and data.invitation.note.strip():
        text.append("\nTheir note: ", style="dim")
        text.append(f"“{one_line(data.invitation.note, 300)}”", style="italic")
    note = data.note
    if note is not None and note.reply is not None and note.reply.text:
        text.append(f"\nTheir reply ({note.reply.kind.label}): ", style="dim")
        text.append(f"“{one_line(note.reply.text, 300)}”", style="italic")
        if note.reply.verdict is not None:
            text.append("\n")
            text.append_text(reply_verdict_text(note.reply.verdict, limit=3))
    elif note is not None and note.sent_at is not None:
        text.append(
            f"\nThank-you note sent {age(note.sent_at, now)} ago, no reply recorded", style="dim"
        )
    return text


class PersonCard(Static):
    """Shows one person; `show(None)` shows the empty state."""

    DEFAULT_CSS = """
    PersonCard { height: auto; max-height: 12; border: round $panel; padding: 0 1; }
    """

    def show(self, data: CardData | None, now: datetime, empty: str = "Nothing selected") -> None:
        if data is None:
            self.border_title = ""
            self.update(Text(empty, style="dim"))
            return
        self.border_title = None
        self.update(card_text(data, now))
