"""Scam personas and borrowed identities.

Scams: moving the talk to WhatsApp/Telegram, guaranteed returns, romance openers, fund recovery
(patterns in scam.toml, weighed there). Borrowed identity: a headline that starts with someone
else's name, or a note signed or introduced with a name that is not the profile's.
"""

from __future__ import annotations

import re
from functools import cache

from netinbox.screening import config
from netinbox.screening.claims import return_claim
from netinbox.screening.phrases import PhraseIndex, by_category
from netinbox.screening.textnorm import fold, tokenize

_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?$")
_SEPARATORS = re.compile(r"\s*(?:[|•·/,;:@]|\s[-–—]\s)\s*")


class _Rules:
    def __init__(self) -> None:
        data = config.load()
        scam = data["scam"]
        self.scam_weights: dict[str, float] = scam["weights"]
        self.scam = PhraseIndex(scam["patterns"])
        names = data["names"]
        self.sign_offs = PhraseIndex({"sign_off": names["sign_offs"]})
        self.intros = PhraseIndex({"intro": names["self_intros"]})
        self.first_names = frozenset(fold(n) for n in names["first_names"])
        self.not_names = frozenset(fold(n) for n in names["not_names"])
        self.headline_words = frozenset(fold(n) for n in names["headline_words"])


@cache
def _rules() -> _Rules:
    return _Rules()


config.on_reset(_rules.cache_clear)


def scam_signals(*texts: str) -> list[tuple[str, float, str]]:
    """(category, weight, evidence) for each scam category found in any of `texts`."""
    rules = _rules()
    found: dict[str, tuple[str, float, str]] = {}
    for text in texts:
        if not text:
            continue
        tokens = tokenize(text)
        for category, hits in by_category(rules.scam.find(tokens)).items():
            if category not in found:
                hit = hits[0]
                found[category] = (
                    category,
                    float(rules.scam_weights.get(category, 0.0)),
                    tokens.snippet(hit.start, hit.end, 3),
                )
    if "guaranteed_returns" not in found:
        # A figure with a return word and a period, in any order ("returned 6% a month",
        # "100% win rate last month"): the same claim as the listed phrases, worded freely.
        for text in texts:
            claim = return_claim(text) if text else None
            if claim:
                weight = float(rules.scam_weights.get("guaranteed_returns", 0.0))
                found["guaranteed_returns"] = ("guaranteed_returns", weight, claim)
                break
    return sorted(found.values(), key=lambda f: -f[1])


def _same_person(candidate: list[str], own: list[str]) -> bool:
    """Could `candidate` be the profile's own name (a nickname, a surname, a shortened name)?"""
    own_folded = [fold(o).rstrip(".") for o in own if len(o) > 1]
    words = [fold(w).rstrip(".") for w in candidate]
    if len(words) == 1 and own_folded:
        # A one-word signature is often a nickname (Kate for Katherine, Tom for Thomas).
        return words[0][:1] == own_folded[0][:1] or words[0] in own_folded
    for w in words:
        for o in own_folded:
            short, long = sorted((w, o), key=len)
            if short == long or (len(short) >= 3 and long.startswith(short)):
                return True
    return False


def _name_at(words: list[str], rules: _Rules, need_known_first_name: bool) -> list[str] | None:
    """Two or three capitalised name-like words at the start of `words`, if that is what they are."""
    name: list[str] = []
    for word in words[:3]:
        bare = word.rstrip(".,!;:")
        if not bare or not _NAME_WORD.match(bare) or not bare[0].isupper():
            break
        if fold(bare) in rules.not_names:
            break
        name.append(bare)
        if bare != word:
            break  # punctuation ends the name
    if not name:
        return None
    if need_known_first_name and (len(name) < 2 or fold(name[0]) not in rules.first_names):
        return None
    return name


def identity_mismatch(profile_name: str, headline: str, note: str) -> str | None:
    """Evidence that the headline or note names someone other than `profile_name`."""
    own = [w for w in re.split(r"\s+", profile_name.strip()) if w]
    if not own:
        return None
    rules = _rules()
    if headline:
        first_segment = _SEPARATORS.split(headline.strip(), maxsplit=1)[0]
        words = first_segment.split()
        if 2 <= len(words) <= 3:
            # Only a known given name makes "<Two Words> | ..." a person: headlines are full of
            # capitalised pairs ("Career Lab", "MBA Candidate") that are not.
            name = _name_at(words, rules, need_known_first_name=True)
            headline_word = name and any(fold(w.rstrip(".")) in rules.headline_words for w in name)
            if (
                name
                and len(name) == len(words)
                and not headline_word
                and not _same_person(name, own)
            ):
                return f"headline names {' '.join(name)}, profile is {profile_name}"
    if note:
        signed = _signature(note, rules)
        if signed and not _same_person(signed, own):
            return f"note signed {' '.join(signed)}, profile is {profile_name}"
        introduced = _introduction(note, rules)
        if introduced and not _same_person(introduced, own):
            return f"note introduces {' '.join(introduced)}, profile is {profile_name}"
    return None


def _signature(note: str, rules: _Rules) -> list[str] | None:
    tokens = tokenize(note)
    hits = rules.sign_offs.find(tokens)
    if not hits:
        return None
    last = max(hits, key=lambda h: h.end)
    # Token offsets count in the cleaned text (controls and invisible characters gone), not `note`.
    tail = tokens.text[tokens.spans[last.end - 1][1] :].lstrip(" ,!.:-–—\n")
    words = tail.split()
    if not 1 <= len(words) <= 4:
        return None
    name = _name_at(words, rules, need_known_first_name=False)
    # The signature must end the note: "Best, Sarah Kim" or "Best, Sarah Kim, Talent Partner".
    if not name or (len(name) < len(words) and tail.split(",")[0].strip() != " ".join(name)):
        return None
    if len(name) == 1 and fold(name[0]) not in rules.first_names:
        return None
    return name


def _introduction(note: str, rules: _Rules) -> list[str] | None:
    tokens = tokenize(note)
    for hit in rules.intros.find(tokens):
        if hit.end >= len(tokens.words):
            continue
        start = tokens.spans[hit.end][0]
        words = tokens.text[start:].split()[:3]
        name = _name_at(words, rules, need_known_first_name=False)
        if name and fold(name[0]) in rules.first_names:
            return name[:1] if len(name) == 1 else name[:2]
    return None
