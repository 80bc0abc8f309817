"""List-builder signals: how a network was built, judged against activity and career.

A big network is not suspicious by itself; a big network with no activity, or one gathered in the
first year or two of work, is what mass-connecting produces. Networking "programmes", open-networker
badges, many mutual connections and generic notes add to that, but never decide it alone.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from netinbox.clock import Clock, ClockError
from netinbox.screening import config
from netinbox.screening.inputs import Profile
from netinbox.screening.message_signals import Signal
from netinbox.screening.phrases import PhraseIndex
from netinbox.screening.textnorm import tokenize

SIZE_SIGNALS = frozenset(
    {"huge_network_no_activity", "large_network_no_activity", "network_vs_career"}
)


class _Rules:
    def __init__(self) -> None:
        profiles = config.load()["profiles"]
        self.t = profiles["thresholds"]
        self.w = profiles["weights"]
        words = profiles["words"]
        self.index = PhraseIndex(
            {
                "programme": words["networking_programmes"],
                "exception": words["programme_exceptions"],
                "open_networker": words["open_networker"],
                "list_role": words["list_roles"],
            }
        )


@cache
def _rules() -> _Rules:
    return _Rules()


config.on_reset(_rules.cache_clear)


def reference_year(year: int | None = None) -> int:
    """The year careers are measured to: the configured one, else the caller's clock, else the
    clock `NETINBOX_NOW` sets (or today)."""
    configured = int(_rules().t["reference_year"])
    if configured:
        return configured
    if year is not None:
        return year
    try:
        return Clock.from_env().now().year
    except ClockError:
        return date.today().year


def activity(p: Profile) -> float | None:
    """Posts + comments + reactions (discounted) over 90 days; None if nothing is known."""
    parts = (p.posts_90d, p.comments_90d, p.reactions_90d)
    if all(v is None for v in parts):
        return None
    per = max(float(_rules().t["reactions_per_action"]), 1.0)
    return (
        max(p.posts_90d or 0, 0) + max(p.comments_90d or 0, 0) + max(p.reactions_90d or 0, 0) / per
    )


def _activity_text(p: Profile) -> str:
    return (
        f"{p.posts_90d or 0} posts, {p.comments_90d or 0} comments, "
        f"{p.reactions_90d or 0} reactions in 90 days"
    )


def network_size(p: Profile) -> tuple[int, str]:
    """How big the network is, and how to say it. LinkedIn shows "500+" past 500 connections; a
    floor is never read as the number: every connection follows by default, so a profile showing
    only "500+" is measured by its followers when they are more (27,412 followers, 500+
    connections: a network of thousands). The activity checks decide whether that is an audience
    earned by posting or a list gathered by connecting."""
    conn = max(p.connections or 0, 0)
    if not p.connections_at_least:
        return conn, f"{conn:,} connections"
    followers = max(p.followers or 0, 0)
    if followers > conn:
        return followers, f"{followers:,} followers ({conn:,}+ connections)"
    return conn, f"{conn:,}+ connections"


def career_years(p: Profile, year: int) -> int | None:
    if p.first_job_year is not None:
        return max(year - p.first_job_year, 0)
    ends = [e["end_year"] for e in p.education if e.get("end_year") is not None]
    if ends:
        return max(year - max(ends), 0)  # a student (degree ends later) has 0 working years
    return None


def signals(p: Profile, year: int | None = None) -> list[Signal]:
    r = _rules()
    t, w = r.t, r.w
    found: list[Signal] = []
    conn, size = network_size(p)
    act = activity(p)
    quiet = act is not None and act <= t["no_activity_max"]
    if quiet and conn >= t["huge_network"]:
        found.append(
            Signal(
                "huge_network_no_activity",
                w["huge_network_no_activity"],
                f"{size}, {_activity_text(p)}",
            )
        )
    elif quiet and conn >= t["large_network"]:
        found.append(
            Signal(
                "large_network_no_activity",
                w["large_network_no_activity"],
                f"{size}, {_activity_text(p)}",
            )
        )
    elif act is not None and conn >= t["large_network"] and act >= t["real_activity_min"]:
        found.append(
            Signal(
                "real_activity",
                w["real_activity"],
                f"{size} with {_activity_text(p)}",
            )
        )

    years = career_years(p, reference_year(year))
    if (
        years is not None
        and conn >= t["fast_network_min"]
        and conn / max(years, 1) >= t["fast_network_per_year"]
    ):
        since = (
            f"first job in {p.first_job_year}"
            if p.first_job_year is not None
            else "not yet working"
        )
        if p.first_job_year is None and years > 0:
            since = f"graduated {years} year{'s' * (years != 1)} ago"
        found.append(Signal("network_vs_career", w["network_vs_career"], f"{size}, {since}"))

    texts = [p.headline, p.company] + [f"{e['title']} @ {e['company']}" for e in p.experience]
    kinds: dict[str, str] = {}
    for text in texts:
        if not text:
            continue
        tokens = tokenize(text)
        hits = r.index.find(tokens)
        categories = {h.category for h in hits}
        for hit in hits:
            if hit.category == "programme" and "exception" in categories:
                continue
            kinds.setdefault(hit.category, text)
    if "programme" in kinds and conn >= t["programme_min_network"]:
        found.append(Signal("networking_programme", w["networking_programme"], kinds["programme"]))
    if "open_networker" in kinds:
        found.append(Signal("open_networker", w["open_networker"], kinds["open_networker"]))
    if "list_role" in kinds:
        found.append(Signal("list_role", w["list_role"], kinds["list_role"]))

    mutual = p.mutual_connections or 0
    if mutual >= t["many_mutuals"] and conn >= t["mutuals_min_network"] and (act is None or quiet):
        found.append(Signal("many_mutuals", w["many_mutuals"], f"{mutual} mutual connections"))
    if p.viewed_my_profile is False:
        found.append(
            Signal("never_viewed", w["never_viewed"], "did not view your profile before inviting")
        )
    return found
