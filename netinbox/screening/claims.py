"""Claims a pitch makes in figures or in plain words: a return on money ("4-6% a month"), a value
("cut your bill by 30%"), a service offered to customers ("we run X for 40+ companies")."""

from __future__ import annotations

from collections.abc import Sequence

from netinbox.screening.message_rules import Rules, rules
from netinbox.screening.phrases import Hit
from netinbox.screening.textnorm import Snippet, Tokens, tokenize


def first_hit(hits: list[Hit]) -> Hit:
    return min(hits, key=lambda h: h.start)


_RATIO_UNITS = frozenset({"%", "x", "times", "percent", "prozent", "procent", "pourcent"})


def separate(hits: Sequence[Hit]) -> list[Hit]:
    """Hits that do not overlap one another, in text order (the longest wins at a position)."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def return_claim(text: str) -> str | None:
    """Evidence of a return on money held out in `text` ("returned 4 to 6% a month", "100% win
    rate last month"), whatever the word order; used for profiles' notes and headlines too."""
    r = rules()
    tokens = tokenize(text[: int(r.thresholds["max_chars_analysed"])])
    if not any(w[:1].isdigit() for w in tokens.words):
        return None
    found = [h for h in r.index.find(tokens) if h.category == "return_words"]
    numbers = [i for i, word in enumerate(tokens.words) if word[0].isdigit()]
    claim = return_claim_at(tokens, numbers, r, found)
    return str(claim[0]) if claim else None


def return_claim_at(
    tokens: Tokens, numbers: list[int], r: Rules, return_words: Sequence[Hit]
) -> tuple[Snippet, int] | None:
    """A figure ("6%", "10x") with a return word and a period near it: "returned 4-6% a month",
    "3% daily profit", "100% win rate last month". Money held out to the recipient, in any order."""
    if not return_words:
        return None
    words = tokens.words
    window = int(r.thresholds["return_window"])
    for i in numbers:
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if not (words[i].endswith("x") or nxt in _RATIO_UNITS):
            continue
        low, high = max(i - window, 0), i + window + 1
        if not any(low <= h.start < high for h in return_words):
            continue
        if any(a in r.return_periods for a in words[low:high]):
            return tokens.snippet(max(i - 3, 0), min(i + 4, len(words))), i
    return None


def value_claim(
    tokens: Tokens, numbers: list[int], r: Rules, phrases: list[Hit] | tuple
) -> tuple[Snippet, int] | None:
    """A number with % or x next to a benefit ("cut your bill by 30%", "2x faster")."""
    words = tokens.words
    window = int(r.thresholds["value_window"])
    for i in numbers:
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        is_ratio = word.endswith("x") or nxt in _RATIO_UNITS
        if not is_ratio:
            continue
        around = words[max(i - window, 0) : i + window]
        if any(a in r.value_verbs or a in r.comparatives for a in around):
            return tokens.snippet(max(i - 4, 0), i + 2), i
    if phrases:
        first = first_hit(list(phrases))
        return tokens.snippet(first.start, first.end, 2), first.start
    return None


def service_offer(tokens: Tokens, r: Rules, subjects: Sequence[Hit]) -> tuple[Snippet, int] | None:
    """'We run managed Backstage for 40+ companies': a first-person subject, then for/to customers."""
    words = tokens.words
    window = int(r.thresholds["service_window"])
    for hit in subjects:
        stop = min(hit.end + window, len(words))
        for i in range(hit.end, stop):
            if words[i] in {".", "?", "!"}:
                break
            if words[i] in r.service_links:
                after = [
                    a for a in words[i + 1 : i + 5] if not a[:1].isdigit() and a not in {"+", "%"}
                ]
                if after[:1] in (["our"], ["my"], ["the"]) and after[:2] != ["the", "same"]:
                    break  # "for our team", "to my students": not customers
                if any(a in r.service_targets for a in after[:3]):
                    return tokens.snippet(hit.start, min(i + 4, len(words))), hit.start
    return None
