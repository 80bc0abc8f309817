"""Saving what a paste was understood as (`netinbox.paste.model`): one undoable action per paste.

- invitations: each card becomes a pending invitation, unless that person already has one (the
  same page pasted twice, or a page that overlaps an imported export, adds nothing). A card from
  someone whose earlier invitation was decided is a re-invitation: a new pending invitation, said
  as such. New invitations are screened together, as an import screens them.
- profile: the person's facts, only those the page shows (a value it does not show never erases
  one known); their pending invitation is screened again with them.
- viewers and conversation: see `paste_activity`.

Everything is gathered first (`paste_work.Work`) and written by one `ctx.store.commit`, so one `u`
takes back the whole paste and a refusal (ActionError) writes nothing. A paste that brings nothing
new writes no event at all and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from netinbox.importers.values import stable_id
from netinbox.model import Education, Event, Experience, Invitation, Person
from netinbox.paste.model import PastedInvitation, PastedProfile, PasteResult
from netinbox.profile_links import canonical_profile_url
from netinbox.services.context import ActionError, Context
from netinbox.services.paste_people import Directory, display_name, is_person_name, new_person
from netinbox.services.paste_work import Work
from netinbox.text import clean, one_line


@dataclass
class PasteSummary:
    """What a paste did: the counts, the one line for the user, and the event (None: nothing new)."""

    kind: str
    line: str = ""
    event: Event | None = None
    person_ids: tuple[str, ...] = ()
    new_people: int = 0
    new_invitations: int = 0
    reinvitations: int = 0
    known_invitations: int = 0
    skipped: list[str] = field(default_factory=list)  # items not saved, each with why
    updated_people: int = 0
    views: int = 0
    known_views: int = 0
    unknown_viewers: int = 0
    messages: int = 0
    known_messages: int = 0
    reply_kind: str | None = None
    labels: dict[str, str] = field(default_factory=dict)  # person id -> verdict after the paste


def match_profile(ctx: Context, profile: PastedProfile) -> list[Person]:
    """Who a pasted profile belongs to: the person with its address, else everyone of its name
    among those with a pending invitation, else among contacts, else among the rest; [] when no
    one (saving creates them)."""
    return _match(Directory(ctx), profile.name, profile.profile_url)


def _match(directory: Directory, name: str, url: str | None) -> list[Person]:
    found = directory.by_url(url)
    if found is not None:
        return [found]
    return directory.by_name(name, url)


def save_paste(ctx: Context, result: PasteResult, person_id: str | None = None) -> PasteSummary:
    """Save a paste as one undoable event. `person_id` names whom a profile (or a thread) belongs
    to when the user chose among several; None: the single match, or a new person."""
    from netinbox.services import paste_activity

    if not result.items:
        raise ActionError("the paste holds nothing netinbox could save; nothing was saved")
    work = Work.start(ctx)
    summary = PasteSummary(result.kind)
    if result.kind == "invitations":
        _invitations(work, result, summary)
    elif result.kind == "profile":
        _profile(work, result, summary, person_id)
    elif result.kind == "viewers":
        paste_activity.viewers(work, result, summary)
    elif result.kind == "conversation":
        paste_activity.conversation(work, result, summary, person_id)
    else:
        raise ActionError(f"a paste of kind {result.kind!r} cannot be saved; nothing was saved")
    changes = work.changes()
    summary.person_ids = tuple(work.touched)
    if not changes:
        summary.line = "Nothing new: " + summary.line
        return summary
    summary.event = ctx.store.commit(
        Event("", ctx.now(), f"paste_{result.kind}", summary.line, summary.person_ids,
              tuple(changes))
    )  # fmt: skip
    return summary


def _one(items: tuple, kind: type) -> list:
    return [i for i in items if isinstance(i, kind)]


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else many or word + 's'}"


# --- invitations ----------------------------------------------------------------------------------


def _card_person(work: Work, card: PastedInvitation, used: set[str]) -> Person | None | str:
    """The person a card is from; None: no one known; a string: why it is skipped."""
    found = _match(work.directory, card.name, card.profile_url)
    found = [p for p in found if p.id not in used] or found
    if len(found) > 1 and card.headline:
        same = [p for p in found if p.headline and p.headline == one_line(card.headline)]
        found = same or found
    if len(found) > 1:
        pending = [p for p in found if work.pending_invitation(p.id) is not None]
        if pending and len(pending) == len(found):
            return pending[0]  # already pending either way: nothing to add for any of them
        return f"{display_name(card.name)}: several people have this name; paste their profile"
    return found[0] if found else None


def _invitations(work: Work, result: PasteResult, summary: PasteSummary) -> None:
    ctx = work.ctx
    now = ctx.now()
    used: set[str] = set()
    screen: list[str] = []
    for card in _one(result.items, PastedInvitation):
        if not is_person_name(card.name):
            continue
        found = _card_person(work, card, used)
        if isinstance(found, str):
            summary.skipped.append(found)
            continue
        if found is None:
            found = new_person(ctx, card.name, card.profile_url, set(work.touched))
            work.put(None, found)
            summary.new_people += 1
        used.add(found.id)
        before = work.person(found.id) or found
        person = _fill(before, headline=card.headline, mutual_connections=card.mutual_connections)
        if person != before:
            work.put(before, person)
            screen.append(person.id)
        pending = work.pending_invitation(person.id)
        if pending is not None:
            summary.known_invitations += 1
            note = clean(card.note or "").strip()
            if note and not pending.note:
                work.put(pending, replace(pending, note=note))
                screen.append(person.id)
            continue
        earlier = work.invitations_of(person.id)
        received = card.received_at or now
        invitation = Invitation(
            _invitation_id(work, person.id, received), person.id, min(received, now),
            note=clean(card.note or "").strip(),
        )  # fmt: skip
        work.put(None, invitation)
        screen.append(person.id)
        if earlier:
            summary.reinvitations += 1
        else:
            summary.new_invitations += 1
    summary.labels = work.screen(screen)
    parts = [
        _plural(summary.new_invitations, "new invitation") * bool(summary.new_invitations),
        _plural(summary.reinvitations, "re-invitation") * bool(summary.reinvitations),
        f"{summary.known_invitations:,} already known" * bool(summary.known_invitations),
    ]
    if summary.skipped:
        parts.append(f"{_plural(len(summary.skipped), 'card')} not saved ({summary.skipped[0]})")
    summary.line = ", ".join(p for p in parts if p) or "no invitation cards"


def _invitation_id(work: Work, person_id: str, received: object) -> str:
    base = stable_id("paste-inv-", person_id, str(received))
    key, n = base, 1
    while work.contains("invitations", key):
        n += 1
        key = f"{base}-{n}"
    return key


# --- profile --------------------------------------------------------------------------------------


def _fill(person: Person, **values: object) -> Person:
    """`person` with each value that is not None (a value the page does not show erases nothing)."""
    known = {}
    for name, value in values.items():
        if value is None or value == ():
            continue
        if isinstance(value, str):
            value = one_line(value, 500)
            if not value:
                continue
        known[name] = value
    return replace(person, **known) if known else person


def _facts(profile: PastedProfile) -> dict[str, object]:
    roles = tuple(
        Experience(one_line(r.title or "", 200), one_line(r.company or "", 200), r.start_year,
                   r.end_year)
        for r in profile.experience
    )  # fmt: skip
    schools = tuple(
        Education(one_line(s.school or "", 200), one_line(s.degree or "", 200),
                  one_line(s.field or "", 200), s.end_year)
        for s in profile.education
    )  # fmt: skip
    current = next((r for r in profile.experience if r.end_year is None), None)
    return {
        "headline": profile.headline,
        "location": profile.location,
        "followers": profile.followers,
        "connections": profile.connections,
        # The floor travels with the number it qualifies, never on its own.
        "connections_at_least": (
            profile.connections_at_least if profile.connections is not None else None
        ),
        "mutual_connections": profile.mutual_connections,
        "posts_90d": profile.posts_90d,
        "comments_90d": profile.comments_90d,
        "reactions_90d": profile.reactions_90d,
        "experience": roles,
        "education": schools,
        "first_job_year": profile.first_job_year,
        "position": current.title if current else None,
        "company": current.company if current else None,
    }


def _profile_person(work: Work, profile: PastedProfile, person_id: str | None) -> Person:
    if person_id is not None:
        chosen = work.person(person_id)
        if chosen is None:
            raise ActionError(f"no person with id {person_id!r}; nothing was saved")
        return chosen
    found = _match(work.directory, profile.name, profile.profile_url)
    if len(found) > 1:
        names = ", ".join(p.id for p in found)
        raise ActionError(
            f"several people could be {display_name(profile.name)} ({names}); choose one, "
            "nothing was saved"
        )
    if found:
        return found[0]
    if not is_person_name(profile.name):
        raise ActionError("the profile shows no name to save it under; nothing was saved")
    person = new_person(work.ctx, profile.name, profile.profile_url, set())
    work.put(None, person)
    return person


def _profile(work: Work, result: PasteResult, summary: PasteSummary, person_id: str | None) -> None:
    profiles = _one(result.items, PastedProfile)
    if len(profiles) != 1:
        raise ActionError("a profile paste must hold exactly one profile; nothing was saved")
    profile = profiles[0]
    before = _profile_person(work, profile, person_id)
    created = not work.ctx.store.contains("people", before.id)
    person = _fill(before, **_facts(profile))
    url = canonical_profile_url(profile.profile_url.strip()) if profile.profile_url else None
    if url and not person.profile_url:
        person = replace(person, profile_url=url)
    if person != before:
        work.put(before, person)
    summary.new_people = int(created)
    summary.updated_people = int(person != before and not created)
    summary.labels = work.screen([person.id])
    label = summary.labels.get(person.id)
    verdict = f"; verdict {label.replace('_', '-')}" if label else ""
    facts = _facts_line(profile)
    if created:
        summary.line = f"Added {person.name} with their profile: {facts}{verdict}"
    elif person != before:
        summary.line = f"Updated {person.name}'s profile: {facts}{verdict}"
    else:
        summary.line = f"{person.name}'s profile is as known already"
    work.touch(person.id)


def _facts_line(p: PastedProfile) -> str:
    parts = []
    if p.followers is not None:
        parts.append(_plural(p.followers, "follower"))
    if p.connections is not None:
        parts.append(f"{p.connections:,}{'+' if p.connections_at_least else ''} connections")
    if p.posts_90d is not None:
        parts.append(f"{_plural(p.posts_90d, 'post')} in 90 days")
    if p.experience:
        parts.append(_plural(len(p.experience), "role"))
    if p.education:
        parts.append(_plural(len(p.education), "school"))
    return ", ".join(parts) or "no facts shown"
