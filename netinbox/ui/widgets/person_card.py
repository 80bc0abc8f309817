"""The card for the highlighted person: who they are, how they network, what they wrote, where we are.

Everything here is strangers' text, so the card is built as `rich.Text` pieces (never markup).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from netinbox.model import ConversationMark, Draft, Invitation, Person, ThankYouNote
from netinbox.services.dates import ago, cadence_text, short_date, until
from netinbox.store import Store
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


SECTIONS = ("invitation", "note", "mark", "draft")


def card_text(data: CardData, now: datetime, lead: str = "invitation") -> Text:
    """The card, most telling first: who, then what the screen is about (`lead`: their invitation
    note and the verdict on the Inbox, the conversation on Conversations), then the rest. What
    matters most comes before anything that could push it out of a short card."""
    p = data.person
    text = Text(no_wrap=False, overflow="fold")
    text.append(one_line(p.name), style="bold")
    if p.headline:
        text.append(" · ")
        text.append(one_line(p.headline))
    text.append("\n")
    for section in sorted(SECTIONS, key=lambda name: name != lead):
        part = _section(data, section, now)
        if part is not None:
            text.append_text(part)
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

    connections = _count(p.connections, "connections")
    if connections and p.connections_at_least:  # "500+": a floor, never said as the number
        connections = f"{p.connections:,}+ connections"
    network = [
        connections,
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
    facts.append(_views_text(p, now))
    if p.has_photo is not None:
        facts.append(f"photo {_yes_no(p.has_photo)}")
    if p.connected_at:
        facts.append(f"connected {short_date(p.connected_at, now)}")
    if "spam" in p.flags:
        facts.append("⚑ flagged: spam after connecting")
    text.append(" · ".join(facts) + "\n")
    text.rstrip()
    return text


def _section(data: CardData, section: str, now: datetime) -> Text | None:
    if section == "invitation" and data.invitation is not None:
        inv = data.invitation
        text = Text(f"Invited {ago(inv.received_at, now)}", style="dim")
        if inv.note.strip():
            text.append(": ", style="dim")
            text.append(f"“{one_line(inv.note)}”", style="italic")
        else:
            text.append(": no note", style="dim")
        text.append("\n")
        text.append_text(why_text(inv.verdict))
        if inv.verdict is not None and inv.verdict.shown_label == "unchecked":
            text.append_text(_unchecked_hint(data.person))
        return text
    if section == "note" and data.note is not None:
        return _note_text(data.note, now)
    if section == "mark" and data.mark is not None:
        return _mark_text(data.mark, now)
    if section == "draft" and data.draft is not None:
        draft = data.draft
        if draft.sent_at is None:
            text = Text("Draft reply: ", style="dim")
        else:  # what went out last, so the next reply does not repeat or contradict it
            text = Text(f"Reply sent {ago(draft.sent_at, now)}: ", style="dim")
        text.append(f"“{one_line(draft.text, 160)}”", style="italic")
        return text
    return None


def _unchecked_hint(person: Person) -> Text:
    """What the screening would need, and the two keys that get it."""
    from netinbox.services.verdicts import missing_facts

    missing = missing_facts(person)
    text = Text(
        "\nTo check them: o opens their profile; copy the page and p pastes it here", style="bold"
    )
    if missing and len(missing) < 4:  # all four are in the reason already
        text.append(f" ({', '.join(missing)} still unknown)", style="dim")
    return text


def _views_text(p: Person, now: datetime) -> str:
    if p.profile_views:
        last = p.profile_views[-1]
        when = "after accepting" if p.connected_at and last >= p.connected_at else "before"
        count = f"{len(p.profile_views)}×, " if len(p.profile_views) > 1 else ""
        return f"viewed my profile ✓ ({count}last {short_date(last, now)}, {when})"
    return f"viewed my profile {_yes_no(p.viewed_my_profile)}"


def _note_text(note: ThankYouNote, now: datetime) -> Text:
    text = Text()
    if note.sent_at is None:
        text.append("Thank-you note ready, not sent yet (r to edit and send): ", style="bold")
        text.append(f"“{one_line(note.text, 160)}”", style="italic")
        return text
    text.append(f"Thank-you note sent {ago(note.sent_at, now)}: ", style="dim")
    text.append(f"“{one_line(note.text, 160)}”", style="italic")
    if note.archived_at is not None:
        text.append(f" · archived {short_date(note.archived_at, now)}", style="dim")
    if note.reply is None:
        text.append(" · no reply yet")
        return text
    text.append(f"\nReplied: {note.reply.kind.label}")
    if note.reply.text:
        text.append(f" “{one_line(note.reply.text, 160)}”", style="italic")
    if note.reply.verdict is not None:
        text.append("\n  ")
        text.append_text(reply_verdict_text(note.reply.verdict))
    return text


def _mark_text(m: ConversationMark, now: datetime) -> Text:
    text = Text()
    text.append("★ Conversation", style="bold")
    if m.reason:
        text.append(": " + one_line(m.reason))
    if m.next_step:
        text.append(" → " + one_line(m.next_step))
    if m.due_at:
        text.append(f" · due {short_date(m.due_at, now)} ({until(m.due_at, now)})")
    if m.cadence:
        text.append(f" · {cadence_text(m.cadence)}")
    if m.last_contact_at:
        text.append(f" · last contact {ago(m.last_contact_at, now)}", style="dim")
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
            f"\nThank-you note sent {ago(note.sent_at, now)}, no reply recorded", style="dim"
        )
    return text


def load_card_data(store: Store, person_id: str) -> CardData | None:
    person = store.person(person_id)
    if person is None:
        return None
    return CardData(
        person,
        store.pending_invitation(person_id),
        store.note_for(person_id),
        store.draft_for(person_id),
        store.conversation_for(person_id),
    )


class PersonCard(VerticalScroll, can_focus=False):
    """Shows one person; `show(None)` shows the empty state.

    Its height is fixed (by the app's CSS), whatever the person: the lists above keep their height
    from one person to the next, and a long card scrolls (J/K) instead of pushing them around."""

    DEFAULT_CSS = """
    PersonCard { height: 9; border: round $panel; padding: 0 1; }
    PersonCard > Static { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="card-text")

    def show(
        self,
        data: CardData | None,
        now: datetime,
        empty: str = "Nothing selected",
        lead: str = "invitation",
    ) -> None:
        body = self.query_one("#card-text", Static)
        self.scroll_home(animate=False)
        if data is None:
            body.update(Text(empty, style="dim"))
            return
        body.update(card_text(data, now, lead))

    @property
    def shown(self) -> str:
        """The card's text, as plain characters (for tests and the clipboard)."""
        return str(self.query_one("#card-text", Static).render())
