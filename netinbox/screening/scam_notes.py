"""Scam stories in an invitation note, told by their parts rather than by set phrases.

- a job offer: pay by the hour/day/week/task (a figure next to a currency and a period) or "high
  pay", a job or task, and contact moved to an app or a free mailbox, or a fee;
- an advance-fee story: an inheritance, a deceased client, next of kin, unclaimed or compensation
  funds, with a sum of money or a transfer.

A story missing a part is a hint: pay with a move elsewhere but no job named, a fee for a job, a
story with no money yet. Hints count as fake evidence only on a sparse profile (profiles.py).
Every word list is in scam.toml, in English, French, German, Italian, Spanish and Portuguese.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from netinbox.screening import config
from netinbox.screening.phrases import Hit, PhraseIndex, by_category
from netinbox.screening.textnorm import Tokens, phrase_tokens, tokenize
from netinbox.screening.word_context import negated

# Notes are short; a longer text is read up to here (what a note can hold, with room to spare).
_MAX_CHARS = 3000
# Parts of a story this many words apart or closer are shown as one piece of the note.
_JOIN_WITHIN = 8


def _word_set(entries: Sequence[str]) -> frozenset[str]:
    return frozenset(w for entry in entries for w in phrase_tokens(entry))


class _Rules:
    def __init__(self) -> None:
        scam = config.load()["scam"]
        job, fee, money = scam["job_offer"], scam["advance_fee"], scam["money"]
        self.weights: dict[str, float] = scam["weights"]
        self.index = PhraseIndex(
            {
                "high_pay": job["high_pay"],
                "job": job["job_words"],
                "elsewhere": job["elsewhere"],
                "fee": job["fee_words"],
                "story": fee["story"],
                "transfer": fee["transfer"],
            }
        )
        self.periods = _word_set(job["pay_periods"])
        self.window = int(job["period_window"])
        self.currency = _word_set(money["currency"])
        self.large = _word_set(money["large_numbers"])


@cache
def _rules() -> _Rules:
    return _Rules()


config.on_reset(_rules.cache_clear)


def _is_number(word: str) -> bool:
    return word[:1].isdigit()


def _sums(words: tuple[str, ...], r: _Rules) -> list[tuple[int, int]]:
    """Where sums of money are written, as (first, last) word: a figure with a currency next to
    it ("$45", "450 €", "USD 2 500") or a big-number word after it ("4.5 million")."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _is_number(words[i]):
            i += 1
            continue
        last = i  # "4 . 5 million dollars" is one sum
        while last + 1 < len(words) and (
            words[last + 1] == "."
            or _is_number(words[last + 1])
            or words[last + 1] in r.large
            or words[last + 1] in r.currency
        ):
            last += 1
        amount = words[max(i - 2, 0) : last + 1]
        if any(w in r.currency or w in r.large for w in amount):
            found.append((i, last))
        i = last + 1
    return found


def _per_period(words: tuple[str, ...], sums: list[tuple[int, int]], r: _Rules) -> int | None:
    """The end of the first sum paid by the period ("$45/hr", "€300 daily", "200 € pro Tag")."""
    for first, last in sums:
        around = words[max(first - r.window, 0) : first] + words[last + 1 : last + 1 + r.window]
        if any(w in r.periods for w in around):
            return last
    return None


def note_scams(note: str) -> list[tuple[str, float, str]]:
    """(category, weight, evidence) of each scam story found in an invitation note."""
    if not note or not note.strip():
        return []
    r = _rules()
    tokens = tokenize(note[:_MAX_CHARS])
    words = tokens.words
    # "No fee", "sans frais": a fee said not to exist is no fee.
    hits: dict[str, list[Hit]] = by_category(
        h for h in r.index.find(tokens) if not (h.category == "fee" and negated(words, h.start))
    )
    if not (hits.get("elsewhere") or hits.get("fee") or hits.get("story")):
        return []  # every story needs one of these: most notes stop here
    sums = _sums(words, r)
    found: list[tuple[str, float, str]] = []

    paid = _per_period(words, sums, r)
    pay = paid if paid is not None else _first(hits.get("high_pay"))
    job = _first(hits.get("job"))
    away = _first([*hits.get("elsewhere", []), *hits.get("fee", [])])
    if pay is not None and job is not None and away is not None:
        found.append(_found("job_offer", r, tokens, pay, job, away))
    elif pay is not None and away is not None:
        found.append(_found("job_offer_hint", r, tokens, pay, away))
    elif job is not None and hits.get("fee"):
        found.append(_found("job_offer_hint", r, tokens, job, _first(hits["fee"]) or job))

    story = _first(hits.get("story"))
    if story is not None:
        money = sums[0][1] if sums else _first(hits.get("transfer"))
        if money is not None:
            found.append(_found("advance_fee", r, tokens, story, money))
        else:
            found.append(_found("advance_fee_hint", r, tokens, story))
    return found


def _first(hits: list[Hit] | None) -> int | None:
    return min(h.start for h in hits) if hits else None


def _found(category: str, r: _Rules, tokens: Tokens, *positions: int) -> tuple[str, float, str]:
    """The category, its weight, and the parts of the story as evidence: parts close together
    as one piece of the note, parts far apart joined by an ellipsis."""
    groups: list[list[int]] = []
    for position in sorted(set(positions)):
        if groups and position - groups[-1][-1] <= _JOIN_WITHIN:
            groups[-1].append(position)
        else:
            groups.append([position])
    parts = [tokens.snippet_text(g[0], g[-1] + 1, 2) for g in groups]
    return category, float(r.weights.get(category, 0.0)), " … ".join(parts)
