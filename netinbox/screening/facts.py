"""No verdict without evidence: which facts a profile carries, and when it carries none.

The profile rules read four kinds of fact, and a profile verdict rests on them:

- **connections**: the network's size (`connections` or `followers`) is known;
- **activity**: at least one of `posts_90d`, `comments_90d`, `reactions_90d` is known;
- **education**: at least one education entry;
- **experience**: at least one role, or the year of the first job (`first_job_year`).

A known 0 is a fact (no posts at all is something the page showed); a missing value, a value that
could not be read or an empty list is not. The name, headline, company, photo, mutual connections,
whether they viewed my profile and the invitation note are not facts of this kind: they cannot show
that a profile is coherent, only, when they say something alarming, that it is not.

The rule: a profile with **none** of the four gets no judgement of its own. A warning that fires
anyway still decides (a scam pattern or someone else's name in the headline or note is likely fake;
an open-networker headline can make a list-builder), because that is evidence of a problem; what
would otherwise be "genuine" is `unchecked` instead, with the reason naming what is missing. One
fact of the four is enough for a verdict: the rules then have something to weigh, and a quiet
person with a small network is genuine, as SCREENING.md says.
"""

from __future__ import annotations

from netinbox.screening.inputs import Profile
from netinbox.screening.verdict import Reason, Verdict

UNCHECKED = "unchecked"
FACT_KINDS = ("connections", "activity", "education", "experience")
NO_FACTS_SIGNAL = "no_profile_facts"


def missing_facts(p: Profile) -> list[str]:
    """The kinds of fact (of FACT_KINDS, in that order) that `p` does not carry."""
    known = {
        "connections": p.connections is not None or p.followers is not None,
        "activity": any(v is not None for v in (p.posts_90d, p.comments_90d, p.reactions_90d)),
        "education": bool(p.education),
        "experience": bool(p.experience) or p.first_job_year is not None,
    }
    return [kind for kind in FACT_KINDS if not known[kind]]


def has_no_facts(p: Profile) -> bool:
    return len(missing_facts(p)) == len(FACT_KINDS)


def unchecked(missing: list[str]) -> Verdict:
    """The verdict of a profile that carries no facts: not a judgement, so it is certain (1.0)
    and its one reason says what is missing."""
    return Verdict(UNCHECKED, 1.0, (Reason(NO_FACTS_SIGNAL, f"{', '.join(missing)} unknown"),))
