"""A person's profile page: the top card (name, headline, location, followers, connections, mutual
connections), then the sections by their headings. Side rails ("People also viewed") are other
people: their lines are skipped until the person's own next section."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from netinbox.paste.ages import age
from netinbox.paste.career import education, experience
from netinbox.paste.invitations import mutual_count
from netinbox.paste.lines import (
    count_line,
    has_letters,
    is_chrome,
    is_degree_line,
    person_name,
)
from netinbox.paste.model import Activity, PastedProfile, PasteResult
from netinbox.paste.words import Words, fold

OWN_SECTIONS = ("about", "activity", "experience", "education", "other_sections")
ACTIVITY_KINDS = (
    ("activity_repost", "repost"),
    ("activity_comment", "comment"),
    ("activity_reaction", "reaction"),
    ("activity_post", "post"),
)
RECENT = timedelta(days=90)


def heading(w: Words, line: str) -> str | None:
    for concept in (*OWN_SECTIONS, "side_rails"):
        if w.is_(concept, line):
            return concept
    return None


def sections(w: Words, lines: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """The top card's lines, and each section's lines by its concept."""
    top: list[str] = []
    found: dict[str, list[str]] = {}
    current: list[str] | None = top
    for line in lines:
        concept = heading(w, line)
        if concept == "side_rails":
            current = None
        elif concept is not None:
            current = found.setdefault(concept, [])
        elif current is not None:
            current.append(line)
    return top, found


def _contact_info(w: Words, line: str) -> str | None:
    """'New York, New York, United States · Contact info': the place before the link."""
    head, sep, tail = line.rpartition(" · ")
    if sep and w.is_("contact_info", tail):
        return head.strip() or None
    return None


def _top_card(w: Words, top: list[str]) -> tuple[dict, list[str]]:
    facts: dict = {}
    unread: list[str] = []
    lines = [ln for ln in top if ln]
    start = next(
        (
            i
            for i, ln in enumerate(lines)
            if not is_chrome(w, ln) and has_letters(ln) and not is_degree_line(w, ln)
        ),
        None,
    )
    if start is None:
        return facts, unread
    facts["name"] = person_name(w, lines[start])
    candidates: list[str] = []
    for line in lines[start + 1 :]:
        followers = count_line(w, "followers", line)
        connections = count_line(w, "connections", line)
        mutual = mutual_count(w, line)
        place = _contact_info(w, line)
        if is_degree_line(w, line) or w.is_("pronouns", line) or person_name(w, line) == "":
            continue
        if followers is not None:
            facts.setdefault("followers", followers[0])
        elif connections is not None:
            facts.setdefault("connections", connections[0])
            facts.setdefault("connections_at_least", connections[1])
        elif mutual is not None:
            facts.setdefault("mutual_connections", mutual)
        elif place is not None:
            facts.setdefault("location", place)
        elif w.is_("contact_info", line):
            if candidates:
                facts.setdefault("location", candidates.pop())
        elif is_chrome(w, line) or person_name(w, line) == facts["name"]:
            continue
        elif "headline" not in facts:
            facts["headline"] = line
        else:
            candidates.append(line)
    unread.extend(candidates)
    return facts, unread


def _activity_item(w: Words, line: str, now: datetime) -> Activity | None:
    text, at = line, None
    parts = re.split(r"\s[•·]\s", line)
    if len(parts) >= 2:
        at = age(w, parts[-1], now)
        if at is not None:
            text = " ".join(parts[:-1])
    best: tuple[int, str] | None = None
    for concept, kind in ACTIVITY_KINDS:
        found = w.find(concept, text)
        # The phrase ends the line ("… posted this • 3d"): a post's own words never count.
        ends = found is not None and fold(text).rstrip().endswith(found[1])
        if found is not None and ends and (best is None or len(found[1]) > best[0]):
            best = (len(found[1]), kind)
    if best is None or (at is None and len(parts) < 2 and len(text) > 120):
        return None
    return Activity(kind=best[1], at=at)


def _activity(w: Words, lines: list[str], now: datetime) -> tuple[dict, tuple[Activity, ...]]:
    items = []
    quiet = False
    followers = None
    for line in lines:
        if w.find("no_posts", line) is not None:
            quiet = True
            continue
        count = count_line(w, "followers", line)
        if count is not None:
            followers = followers or count[0]
            continue
        item = _activity_item(w, line, now)
        if item is not None:
            items.append(item)
    facts: dict = {} if followers is None else {"followers": followers}
    recent = [a for a in items if a.at is not None and now - a.at <= RECENT]
    if items:
        facts["posts_90d"] = sum(a.kind in ("post", "repost") for a in recent)
        facts["comments_90d"] = sum(a.kind == "comment" for a in recent)
        facts["reactions_90d"] = sum(a.kind == "reaction" for a in recent)
    elif quiet:
        facts["posts_90d"] = 0
    return facts, tuple(items)


def parse(w: Words, lines: list[str], now: datetime) -> PasteResult:
    top, found = sections(w, lines)
    facts, unread = _top_card(w, top)
    if not facts.get("name"):
        return PasteResult(kind="profile", items=(), unread=tuple(unread))
    activity: tuple[Activity, ...] = ()
    if "activity" in found:
        more, activity = _activity(w, found["activity"], now)
        facts = {**more, **facts}
    roles = experience(w, found.get("experience", []))
    schools = education(w, found.get("education", []))
    starts = [r.start_year for r in roles if r.start_year is not None]
    facts_beyond_name = set(facts) - {"name", "headline"}
    if not (facts_beyond_name or roles or schools or found.keys() & {"activity", "about"}):
        # A name and a line under it are no profile: any two lines of text would be one.
        return PasteResult(kind="profile", items=(), unread=tuple(unread))
    profile = PastedProfile(
        activity=activity,
        experience=roles,
        education=schools,
        first_job_year=min(starts) if starts else None,
        **facts,
    )
    return PasteResult(kind="profile", items=(profile,), unread=tuple(unread))
