"""Careers that cannot have happened.

- a PhD finished before the bachelor's, or sooner after it than any route allows (a doctorate,
  medical degree or JD a year after the bachelor's: degree_sequence.py);
- a senior title before the first job, or as the very first job years before any degree (a
  title that takes years in the craft, "Senior Software Engineer", "Architect", a few more years);
- the top of a hierarchy (senior director, VP, MD) within a year of the first job;
- a headline claiming more years of experience than the career has;
- full-time roles at different companies at once: roles from a modest rank up at competing
  employers for a full year (employers.toml, the ladder of seniority.py), top roles right after
  graduating, the same title at two firms for years, or three jobs at a time.

Plausible oddities are left alone: founders and club presidents are "CEO"/"President" young,
advisors, lecturers, maintainers and volunteers hold roles on the side, people move between rivals
(one job ends the year the next begins), and people take a bachelor's after an apprenticeship or a
career.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations

from netinbox.screening import config
from netinbox.screening.degree_sequence import Degree, degree, too_soon
from netinbox.screening.employers import (
    employer_of,
    employers_rules,
    held_at_once,
    rivalry,
    same_employer,
)
from netinbox.screening.licensed import practised_too_early
from netinbox.screening.phrases import PhraseIndex
from netinbox.screening.seniority import rank
from netinbox.screening.textnorm import tokenize
from netinbox.screening.verdict import EVIDENCE_LIMIT

__all__ = ["Degree", "Role", "degree", "problems"]

_CLAIMED_YEARS = re.compile(
    r"(\d{1,2})\s*\+?\s*(?:years?|yrs|jahre|años|anos|ans|lat|anni|jaar)\b", re.IGNORECASE
)
_ONGOING = 10_000


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    company: str
    start: int | None
    end: int | None  # None = ongoing


class _Words:
    def __init__(self) -> None:
        profile = config.load()["profiles"]
        words = profile["words"]
        self.t = profile["thresholds"]
        self._seen: dict[str, frozenset[str]] = {}
        self.index = PhraseIndex(
            {
                "senior": words["senior_titles"],
                "too_soon": words["too_soon_titles"],
                "exempt": words["exempt_titles"],
                "side": words["side_roles"],
                "student_org": words["student_orgs"],
                "experienced": words["experienced_titles"],
                "academic_leader": words["academic_leaders"],
            }
        )
        self.first_degree_masters = PhraseIndex({"first": words["first_degree_masters"]})
        rules = employers_rules()
        self.rival_roles = PhraseIndex(
            {
                "side": [*words["exempt_titles"], *words["side_roles"], *rules["side_titles"]],
                "employed": rules["employed_titles"],
            }
        )

    def kinds(self, text: str) -> frozenset[str]:
        # Titles and companies repeat across a batch: remember what each one is.
        known = self._seen.get(text)
        if known is None:
            known = frozenset(h.category for h in self.index.find(tokenize(text)))
            if len(self._seen) < 50_000:
                self._seen[text] = known
        return known


@cache
def _words() -> _Words:
    return _Words()


config.on_reset(_words.cache_clear)


def _job_kinds(role: Role) -> set[str]:
    """What a role is: 'senior'/'too_soon' titles, and whether it is a side or non-job role."""
    words = _words()
    kinds = set(words.kinds(role.title))
    company = words.kinds(role.company)
    at_school = "student_org" in company and "academic_leader" not in kinds  # a dean is staff
    if "exempt" in kinds or "side" in kinds or "exempt" in company or at_school:
        kinds.add("not_a_job")
    return kinds


def _overlap_years(a: Role, b: Role, year: int) -> int:
    if a.start is None or b.start is None:
        return 0
    a_end = year if a.end is None else a.end
    b_end = year if b.end is None else b.end
    return min(a_end, b_end) - max(a.start, b.start)


def _different(a: Role, b: Role) -> bool:
    return not same_employer(a.company, b.company)


def problems(
    degrees: list[Degree], roles: list[Role], first_job_year: int | None, headline: str, year: int
) -> list[str]:
    """Human-readable impossibilities, most telling first."""
    t = _words().t
    found: list[str] = []
    bachelors = [(d.end, d) for d in degrees if d.level == "bachelor" and d.end is not None]
    for phd in (d for d in degrees if d.level == "doctorate" and d.end is not None):
        later = [end for end, _ in bachelors if end > (phd.end or 0)]
        if later:
            found.append(f"{phd.label} in {phd.end}, bachelor's only in {min(later)}")
            break
    if not found:
        found.extend(_master_before_its_bachelor(degrees, t))
    if not found:
        found.extend(_doctorate_before_its_master(degrees, t))
    if not found:
        sooner = too_soon(degrees)
        if sooner:
            found.append(sooner)

    kinds = {role: _job_kinds(role) for role in roles}
    jobs = [r for r in roles if r.start is not None and "not_a_job" not in kinds[r]]
    # The top of a hierarchy: a listed senior title, or the ladder's director level and up in
    # any of its languages ("Leiterin Vertrieb", "Dirigente", "Head of Growth").
    top_rank = int(t["top_rank"])
    top = [r for r in jobs if "senior" in kinds[r] or (rank(r.title) or 0) >= top_rank]
    starts = {r: r.start or 0 for r in jobs}
    if first_job_year is not None:
        early = sorted((r for r in top if starts[r] < first_job_year), key=starts.__getitem__)
        if early:
            r = early[0]
            found.append(f"{r.title} at {r.company} in {r.start}, first job in {first_job_year}")
        soon = [
            r
            for r in jobs
            if "too_soon" in kinds[r] and 0 <= starts[r] - first_job_year <= t["too_soon_years"]
        ]
        if soon and not early:
            r = soon[0]
            found.append(f"{r.title} in {r.start}, one year after the first job ({first_job_year})")

    first_degree = min((end for end, _ in bachelors), default=None)
    dated = sorted((r for r in roles if r.start is not None), key=lambda r: r.start or 0)
    if dated and first_degree is not None and dated[0] in jobs:
        first = dated[0]
        if first in top:
            margin = t["senior_before_degree_years"]
        elif "experienced" in kinds[first]:
            margin = t["experienced_before_degree_years"]
        else:
            margin = None
        if margin is not None and (first.start or 0) <= first_degree - margin:
            found.append(f"first job {first.title} in {first.start}, bachelor's in {first_degree}")

    career_start = (
        first_job_year if first_job_year is not None else (dated[0].start if dated else None)
    )
    claim = _CLAIMED_YEARS.search(headline or "")
    if claim and career_start is not None:
        claimed, actual = int(claim.group(1)), year - career_start
        if claimed > actual + t["claimed_years_slack"]:
            found.append(f"headline claims {claim.group(0)}, career started {career_start}")

    early_practice = practised_too_early(degrees, [(r.title, r.company, r.start) for r in roles])
    if early_practice:
        found.append(early_practice)
    found.extend(
        _rivals(roles, kinds, year) or _concurrent(degrees, jobs, top, first_job_year, year)
    )
    return found


def _master_before_its_bachelor(degrees: list[Degree], t: dict) -> list[str]:
    """A master's finished before the bachelor's it builds on: the same school or the same field.
    (A master's and a later bachelor's in another field is a second degree, and a first degree
    with a master's title, like a Diplom, comes before nothing.)"""
    first_degree = _words().first_degree_masters
    for master in degrees:
        if master.level != "master" or master.end is None:
            continue
        if first_degree.find(tokenize(master.label)):
            continue
        for bachelor in degrees:
            if bachelor.level != "bachelor" or bachelor.end is None:
                continue
            if bachelor.end - master.end < t["master_before_bachelor_years"]:
                continue
            same_school = bool(master.school) and _same(master.school, bachelor.school)
            if same_school or master.families & bachelor.families:
                return [
                    f"{master.label} in {master.end}, the bachelor's it builds on in {bachelor.end}"
                ]
    return []


# Masters people take after a doctorate in another direction: an MBA, an EMBA, executive education.
_CAREER_MASTERS = frozenset({"mba", "emba", "executive"})


def _doctorate_before_its_master(degrees: list[Degree], t: dict) -> list[str]:
    """A doctorate finished before the master's it builds on (same school, or the same field
    outside management): "PhD in 2014, the master's in Law in 2016". A PhD and a later MBA or
    EMBA is a career, not a contradiction."""
    for doctorate in degrees:
        if doctorate.level != "doctorate" or doctorate.end is None:
            continue
        for master in degrees:
            if master.level != "master" or master.end is None:
                continue
            if master.end - doctorate.end < t["master_before_bachelor_years"]:
                continue
            if _CAREER_MASTERS & set(tokenize(master.label).words):
                continue
            same_school = bool(master.school) and _same(master.school, doctorate.school)
            shared = (master.families & doctorate.families) - {"management", "economics"}
            if same_school or shared:
                return [f"{doctorate.label} in {doctorate.end}, a master's only in {master.end}"]
    return []


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _concurrent(
    degrees: list[Degree], jobs: list[Role], top: list[Role], first_job_year: int | None, year: int
) -> list[str]:
    t = _words().t
    graduated = max(
        (d.end for d in degrees if d.end is not None and d.level != "certificate"), default=None
    )
    career_start = first_job_year if first_job_year is not None else graduated
    if career_start is not None:
        fresh = [
            r for r in top if (r.start or 0) <= career_start + t["right_after_graduating_years"]
        ]
        for a, b in combinations(fresh, 2):
            if _different(a, b) and _overlap_years(a, b, year) >= 1:
                return [f"{a.title} at {a.company} and {b.title} at {b.company} at once"]
    for a, b in combinations(jobs, 2):
        both_top = a in top and b in top
        same_title = a.title.strip().casefold() == b.title.strip().casefold()
        both_open = a.end is None and b.end is None  # often a job the person forgot to close
        if (
            (both_top or same_title)
            and not both_open
            and _different(a, b)
            and _overlap_years(a, b, year) >= t["overlap_years"]
        ):
            return [f"{a.title} at {a.company} and {b.title} at {b.company} at once"]
    for a, b, c in combinations(jobs, 3):
        pairs = ((a, b), (a, c), (b, c))
        if all(_different(x, y) and _overlap_years(x, y, year) >= 1 for x, y in pairs):
            return [f"three jobs at once: {a.company}, {b.company}, {c.company}"]
    return []


@lru_cache(maxsize=8192)
def _on_the_side(title: str) -> bool:
    """A role held next to a job (advisor, board, part-time...). A consultant at a known firm is
    on its payroll, so "consultant" inside "Senior Consultant" does not make it a side role."""
    hits = _words().rival_roles.find(tokenize(title))
    employed = [h for h in hits if h.category == "employed"]
    return any(
        h.category == "side" and not any(e.start <= h.start and h.end <= e.end for e in employed)
        for h in hits
    )


def _rivals(roles: list[Role], kinds: dict[Role, set[str]], year: int) -> list[str]:
    """Two full-time roles at competing employers for a full year, both from a modest rank up:
    notice periods and non-competes (and audit firms' independence rules) rule it out."""
    rules = employers_rules()
    candidates = [
        r
        for r in roles
        if r.start is not None
        and rank(r.title) is not None
        and not _on_the_side(r.title)
        and "student_org" not in _words().kinds(r.company)
    ]
    for a, b in combinations(candidates, 2):
        why = rivalry(a.company, b.company)
        if why is None or not _a_full_year(a, b, year, rules):
            continue
        needed = why.min_rank
        if a.start == b.start:
            needed -= int(rules["competitor_same_start_rank_discount"])
        if min(rank(a.title) or 0, rank(b.title) or 0) < needed:
            continue
        if held_at_once(a.title, why) or held_at_once(b.title, why):
            continue
        text = (
            f"{a.title} at {a.company} and {b.title} at {b.company} at once (rivals: {why.label})"
        )
        if len(text) <= EVIDENCE_LIMIT:
            return [text]
        # Too long to show whole: say why first, with the employers' short names.
        short_a, short_b = employer_of(a.company), employer_of(b.company)
        return [f"rivals ({why.label}) at once: {a.title} at {short_a}, {b.title} at {short_b}"]
    return []


def _a_full_year(a: Role, b: Role, year: int, rules: dict) -> bool:
    """Whether two roles surely overlapped a year. A profile gives years only: one ending the
    year after the other began may be a month's handover, one ending the year the other began is
    a move; of two left open, the older may be one the person forgot to close."""
    gap = abs((a.start or 0) - (b.start or 0))
    if a.end is None and b.end is None and gap > int(rules["competitor_open_start_gap"]):
        return False
    if gap == 0:
        return _overlap_years(a, b, year) >= int(rules["competitor_same_start_overlap_years"])
    if a.end is None and b.end is None:
        return _overlap_years(a, b, year) >= 1
    return _overlap_years(a, b, year) >= int(rules["competitor_overlap_years"])
