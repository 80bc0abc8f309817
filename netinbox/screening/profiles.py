"""A profile's verdict: likely_fake, list_builder or genuine, with the signals that decided it.

Fake evidence is checked first and any one strong signal is enough (see profiles.toml): a degree
the school does not grant, an impossible timeline, a scam pattern, someone else's name. Otherwise
list-builder evidence adds up, but only counts when the network itself is the anomaly. A profile
that carries no facts at all is `unchecked` rather than genuine (the rule is in `facts.py`).
"""

from __future__ import annotations

import math

from netinbox.screening import config
from netinbox.screening.calibration import calibrate
from netinbox.screening.education import not_granted
from netinbox.screening.facts import has_no_facts, missing_facts, unchecked
from netinbox.screening.identity import identity_mismatch, scam_signals
from netinbox.screening.inputs import Profile, profile_from
from netinbox.screening.message_signals import Signal
from netinbox.screening.messages import screen_message
from netinbox.screening.network import SIZE_SIGNALS, activity, reference_year
from netinbox.screening.network import signals as network_signals
from netinbox.screening.scam_notes import note_scams
from netinbox.screening.textnorm import is_blank
from netinbox.screening.timeline import Role, degree, problems
from netinbox.screening.verdict import Reason, Verdict, reason

MAX_REASONS = 5


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def fake_signals(p: Profile, year: int | None = None) -> list[Signal]:
    weights = config.load()["profiles"]["weights"]
    found: list[Signal] = []
    for entry in p.education:
        why = not_granted(entry["school"], entry["degree"], entry["field"])
        if why:
            what = " ".join(x for x in (entry["degree"], entry["field"]) if x) or "degree"
            found.append(
                Signal(
                    "degree_not_granted",
                    weights["degree_not_granted"],
                    f"{what}, {entry['school']}: {why}",
                )
            )
            break
    roles = [Role(e["title"], e["company"], e["start_year"], e["end_year"]) for e in p.experience]
    impossible = problems(
        [degree(e) for e in p.education], roles, p.first_job_year, p.headline, reference_year(year)
    )
    if impossible:
        found.append(Signal("impossible_timeline", weights["impossible_timeline"], impossible[0]))
    texts = [p.name, p.headline, p.invitation_note] + [e["title"] for e in p.experience]
    for category, weight, evidence in scam_signals(*texts) + note_scams(p.invitation_note):
        found.append(Signal(f"scam_{category}", weight, evidence))
    sparse = _sparse(p, found)
    if sparse:
        found.append(sparse)
    companies = tuple(e["company"] for e in p.experience) + (p.company,)
    mismatch = identity_mismatch(p.name, p.headline, p.invitation_note, companies)
    if mismatch:
        found.append(Signal("identity_mismatch", weights["identity_mismatch"], mismatch))
    return found


def _sparse(p: Profile, found: list[Signal]) -> Signal | None:
    """A scam hint on a thin profile (few connections, no activity) is what a throwaway scam
    account looks like: the hint then counts (scam.toml [sparse])."""
    rules = config.load()["scam"]["sparse"]
    hints = {f"scam_{h}" for h in rules["hints"]}
    if not any(s.name in hints for s in found):
        return None
    done = sum(s.weight for s in found)
    if done >= config.load()["profiles"]["thresholds"]["fake_threshold"]:
        return None  # already decided: the profile's size adds nothing
    act = activity(p)
    if p.connections is None or act is None:
        return None
    if p.connections > rules["max_connections"] or act > rules["max_activity"]:
        return None
    return Signal(
        "sparse_profile",
        float(rules["weight"]),
        f"{p.connections:,} connections, {act:g} activity in 90 days",
    )


def note_signals(p: Profile, note_verdict: Verdict | None) -> list[Signal]:
    weights = config.load()["profiles"]["weights"]
    if is_blank(p.invitation_note):
        return [Signal("no_note", weights["no_note"], "invitation without a note")]
    verdict = note_verdict or screen_message(p.invitation_note, "invitation_note", "", p.name)
    if verdict.label == "pitch":
        first = verdict.reasons[0].evidence if verdict.reasons else p.invitation_note
        return [Signal("note_is_pitch", weights["note_is_pitch"], first)]
    if verdict.label == "canned":
        return [Signal("generic_note", weights["generic_note"], p.invitation_note)]
    return []


def _reasons(signals: list[Signal]) -> tuple[Reason, ...]:
    strongest = sorted((s for s in signals if s.weight > 0), key=lambda s: -s.weight)
    return tuple(reason(s.name, s.evidence) for s in strongest[:MAX_REASONS])


def decide(
    p: Profile,
    note_verdict: Verdict | None = None,
    extra: tuple[Signal, ...] = (),
    year: int | None = None,
) -> Verdict:
    """`year` is the current year by the caller's clock (careers are measured up to it)."""
    thresholds = config.load()["profiles"]["thresholds"]
    fake = fake_signals(p, year)
    fake_score = sum(s.weight for s in fake)
    if fake_score >= thresholds["fake_threshold"]:
        score = _sigmoid(3.0 * (fake_score - 0.4))
        return Verdict("likely_fake", round(min(score, 0.99), 2), _reasons(fake))

    listing = network_signals(p, year) + note_signals(p, note_verdict) + list(extra)
    list_score = sum(s.weight for s in listing)
    gate = any(
        s.name in SIZE_SIGNALS or s.name in {"networking_programme", "open_networker"}
        for s in listing
    )
    threshold = thresholds["list_builder_threshold"]
    if gate and list_score >= threshold:
        score = _sigmoid(3.0 * (list_score - 0.6 * threshold))
        return Verdict("list_builder", round(min(score, 0.99), 2), _reasons(listing))

    if has_no_facts(p):
        # Nothing to find wrong is not the same as something found right.
        return unchecked(missing_facts(p))
    doubt = max(fake_score, list_score if gate else 0.0)
    context = tuple(reason(s.name, s.evidence) for s in listing if s.name == "real_activity")
    return Verdict("genuine", round(max(0.5, 1.0 - _sigmoid(3.0 * (doubt - 0.6))), 2), context)


def screen_profile(profile: dict, year: int | None = None) -> Verdict:
    """Judge one inviter profile (the dict of SCREENING.md's input) on its own."""
    return calibrate(decide(profile_from(profile), year=year))
