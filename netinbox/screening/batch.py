"""A whole batch at once: each item judged on its own, plus what only the batch can show —
templates (the same text from several senders) and bursts (invitations arriving together).

Items are dicts as in SCREENING.md; an item may also carry `received_at` (ISO 8601 or Unix time)
and `company`/`school`. An item that is not a valid message or profile becomes an exception in its
place, and the rest go on.
"""

from __future__ import annotations

from netinbox.screening import bursts, config, intent, templates
from netinbox.screening.calibration import calibrate
from netinbox.screening.inputs import check_item, parse_time, profile_from
from netinbox.screening.message_rules import rules
from netinbox.screening.message_signals import Analysis, Signal, analyse
from netinbox.screening.messages import decide as decide_message
from netinbox.screening.profiles import decide as decide_profile
from netinbox.screening.textnorm import is_blank
from netinbox.screening.verdict import Verdict, reason


def _text_of(item: dict, kind: str) -> str:
    value = item.get("text") if kind == "message" else item.get("invitation_note")
    return value if isinstance(value, str) else ""


def _sender_of(item: dict, kind: str) -> str:
    value = item.get("sender_name") if kind == "message" else item.get("name")
    return " ".join(value.casefold().split()) if isinstance(value, str) else ""


def _arrival(item: dict, kind: str, group: int | None) -> bursts.Arrival | None:
    at = parse_time(item.get("received_at"))
    if at is None:
        return None
    keys: list[tuple[str, str]] = []
    for what in ("company", "school"):
        if isinstance(item.get(what), str):
            keys.append((what, item[what]))
    if kind == "profile":
        p = profile_from(item)
        keys += [("company", e["company"]) for e in p.experience if e["end_year"] is None]
        keys += [("school", e["school"]) for e in p.education]
    if group is not None:
        keys.append(("note", f"#{group}"))
    return bursts.Arrival(at, tuple(dict.fromkeys(keys)))


def screen_batch(
    items: list[dict], year: int | None = None, calibrated: bool = True
) -> list[Verdict | Exception]:
    """Verdicts in the order of `items`; an invalid item gets the exception that explains why.
    `year` is the current year by the caller's clock (see `network.reference_year`). Scores are
    calibrated (calibration.py) unless `calibrated` is False, which the calibration script uses."""
    kinds: list[str | Exception] = []
    for item in items:
        try:
            kinds.append(check_item(item))
        except Exception as exc:  # noqa: BLE001 - a bad item is reported in its place
            kinds.append(exc)

    analyses: list[Analysis | None] = [None] * len(items)
    texts: list[templates.Text | None] = [None] * len(items)
    for i, (item, kind) in enumerate(zip(items, kinds, strict=True)):
        if isinstance(kind, Exception):
            continue
        text = _text_of(item, kind)
        if is_blank(text):
            continue
        try:
            recipient = item.get("recipient_first_name") if kind == "message" else ""
            sender = item.get("sender_name") if kind == "message" else item.get("name")
            names = tuple(n for n in (recipient, sender) if isinstance(n, str))
            analyses[i] = (
                analyse(text, *names[:2])
                if kind == "message"
                else analyse(text, "", names[0] if names else "")
            )
            analysis = analyses[i]
            texts[i] = templates.Text(analysis.tokens, _sender_of(item, kind), analysis.names)
        except Exception as exc:  # noqa: BLE001 - an item we cannot analyse is reported in its place
            kinds[i] = exc

    groups = templates.find(texts)
    unique_groups = list({id(g): g for g in groups.values()}.values())
    group_ids = {id(g): n for n, g in enumerate(unique_groups)}
    threshold = rules().thresholds["pitch_threshold"]
    pitchy = {
        id(g)
        for g in unique_groups
        if any(analyses[m] is not None and analyses[m].commercial >= threshold for m in g.members)
    }
    # Enough senders with the same text is outreach: a pitch as soon as the text asks or offers.
    outreach_senders = config.load()["messages"]["templates"]["pitch_min_senders"]
    asks: dict[int, str] = {}  # member index -> its own ask or offer
    asking: dict[int, str] = {}  # group -> the first ask or offer any copy makes
    for g in unique_groups:
        if g.senders < outreach_senders or id(g) in pitchy:
            continue
        for m in g.members:
            found = intent.asks_or_offers(analyses[m]) if analyses[m] is not None else None
            if found:
                asks[m] = found
                asking.setdefault(id(g), found)
        if id(g) in asking:
            pitchy.add(id(g))
    arrivals = [
        None
        if isinstance(kind, Exception)
        else _arrival(item, kind, group_ids.get(id(groups[i])) if i in groups else None)
        for i, (item, kind) in enumerate(zip(items, kinds, strict=True))
    ]
    in_burst = bursts.find(arrivals)

    results: list[Verdict | Exception] = []
    burst_weight = rules().weights["burst"]
    for i, (item, kind) in enumerate(zip(items, kinds, strict=True)):
        if isinstance(kind, Exception):
            results.append(kind)
            continue
        try:
            group = groups.get(i)
            template = None
            if group:
                others = f"same text as {group.senders - 1} other sender{'s' * (group.senders > 2)}"
                # This copy's own words when it has them, else what another copy asked.
                ask = asks.get(i) or asking.get(id(group))
                template = reason("template", f"{others}, asking: {ask}" if ask else others)
            analysis = analyses[i]
            note_verdict = None
            if analysis is not None:
                extra = ()
                if kind == "message" and i in in_burst:
                    extra = (Signal("burst", burst_weight, in_burst[i]),)
                note_verdict = decide_message(
                    analysis,
                    template,
                    group is not None and id(group) in pitchy,
                    extra,
                    (item.get("kind") or "") if kind == "message" else "invitation_note",
                )
            if kind == "message":
                results.append(note_verdict or Verdict("empty", 1.0))
                continue
            profile_extra = []
            weights = config.load()["profiles"]["weights"]
            if template:
                profile_extra.append(
                    Signal("template_note", weights["template_note"], template.evidence)
                )
            if i in in_burst:
                profile_extra.append(Signal("burst", weights["burst"], in_burst[i]))
            results.append(
                decide_profile(profile_from(item), note_verdict, tuple(profile_extra), year)
            )
        except Exception as exc:  # noqa: BLE001 - never let one item stop the batch
            results.append(exc)
    if not calibrated:
        return results
    return [r if isinstance(r, Exception) else calibrate(r) for r in results]
