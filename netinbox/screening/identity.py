"""Scam personas and borrowed identities.

Scams: moving the talk to WhatsApp/Telegram, guaranteed returns, romance openers, fund recovery
(patterns in scam.toml, weighed there; stories told by their parts are in scam_notes.py).

Borrowed identity: a headline that is someone else's name ("Jessica Huang | Head of Talent",
"Анна Смирнова | HR", "李娜｜产品经理"), or a note signed ("Best, Sarah Kim", "— Sarah", a last
line that is a name) or introduced ("This is Sarah from Acme", "Je suis Sarah", "Mi chiamo Sara")
with a name that is not the profile's (person_names.py compares names across scripts). Not a
borrowed identity: the person someone works for ("Assistant to Jane Doe", "Jane Doe's EA", "Chief
of Staff to the CEO"), or a company named after its founder ("Ralph Lauren | Sales Associate":
employers.toml, or a company of the profile's own career).
"""

from __future__ import annotations

import re
from functools import cache

from netinbox.screening import config
from netinbox.screening.claims import return_claim
from netinbox.screening.employers import is_employer_name
from netinbox.screening.person_names import cjk_surname, same_person
from netinbox.screening.phrases import PhraseIndex, by_category
from netinbox.screening.seniority import rank
from netinbox.screening.textnorm import fold, tokenize

_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*\.?$")
_POSSESSIVE = re.compile(r"['’]s?$")
_INITIAL = re.compile(r"^[^\W\d_]\.$")
_SEPARATORS = re.compile(r"\s*(?:[|•·/,;:@｜丨／，、：]|\s[-–—]\s)\s*")
# A note that ends "— Sarah", "- Sarah Kim, Acme" or "~Sarah": signed with a dash.
_DASH_SIGNED = re.compile(r"(?:^|\s)(?:[—–~]|--?)\s*([^\W\d_][^\n—–~]{0,60}?)[\s.!]*$")
_MAX_NAME_WORDS = 4


class _Rules:
    def __init__(self) -> None:
        data = config.load()
        scam = data["scam"]
        self.scam_weights: dict[str, float] = scam["weights"]
        self.scam = PhraseIndex(scam["patterns"])
        names = data["names"]
        self.sign_offs = PhraseIndex({"sign_off": names["sign_offs"]})
        self.intros = PhraseIndex(
            {"maybe_name": names["self_intros"], "name": names["name_intros"]}
        )
        self.from_words = frozenset(fold(w) for w in names["from_words"])
        self.first_names = frozenset(fold(n) for n in names["first_names"])
        self.not_names = frozenset(fold(n) for n in names["not_names"])
        self.headline_words = frozenset(fold(n) for n in names["headline_words"])
        self.honorifics = frozenset(fold(n) for n in names["honorifics"])


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


def _name_at(
    words: list[str], rules: _Rules, need_known_first_name: bool, limit: int = 3
) -> list[str] | None:
    """Up to `limit` capitalised name-like words at the start of `words`, if that is what they
    are. A possessive ("Jane Doe's assistant") is someone the person works for: no name."""
    name: list[str] = []
    for word in words[:limit]:
        bare = word.rstrip(".,!;:)")
        if _POSSESSIVE.search(bare) and bare[:1].isupper():
            return None
        if not bare or not _NAME_WORD.match(bare) or not _capitalised(bare):
            break
        if fold(bare) in rules.not_names:
            break
        name.append(bare)
        if bare != word:
            break  # punctuation ends the name
    if not name:
        return None
    if need_known_first_name and (len(name) < 2 or not _known_first_name(name[0], rules)):
        return None
    return name


def _capitalised(word: str) -> bool:
    return word[0].isupper() or not word[0].islower()  # scripts without case count as capitalised


def _known_first_name(word: str, rules: _Rules) -> bool:
    return fold(word.rstrip(".")) in rules.first_names


def _not_a_person(name: list[str], rules: _Rules, companies: tuple[str, ...]) -> bool:
    """Words that make a name-like pair an organisation or a title: "Brightlane Career Lab",
    "Ralph Lauren" (a company named after its founder), a company of the person's own career."""
    if any(fold(w.rstrip(".")) in rules.headline_words for w in name):
        return True
    text = " ".join(name)
    if is_employer_name(text):
        return True
    words = tokenize(text).words
    return any(tokenize(c).words[: len(words)] == words for c in companies if c)


def identity_mismatch(
    profile_name: str, headline: str, note: str, companies: tuple[str, ...] = ()
) -> str | None:
    """Evidence that the headline or note names someone other than `profile_name`. `companies`
    are the profile's employers: a headline naming one of them is no person's name."""
    own = [w for w in re.split(r"\s+", profile_name.strip()) if w]
    if not own:
        return None
    rules = _rules()
    if headline:
        named = _headline_name(headline, rules, companies)
        if named and not same_person(named, own):
            return f"headline names {' '.join(named)}, profile is {profile_name}"
    if note:
        signed = _signature(note, rules) or _dash_signature(note, rules)
        if signed and not same_person(signed, own):
            return f"note signed {' '.join(signed)}, profile is {profile_name}"
        introduced = _introduction(note, rules)
        if introduced and not same_person(introduced, own):
            return f"note introduces {' '.join(introduced)}, profile is {profile_name}"
    return None


def _headline_name(headline: str, rules: _Rules, companies: tuple[str, ...]) -> list[str] | None:
    """The name a headline starts with, as its whole first segment ("Jessica Huang | ...")."""
    first_segment = _SEPARATORS.split(headline.strip(), maxsplit=1)[0].strip()
    if cjk_surname(first_segment) is not None:
        return [first_segment]
    words = first_segment.split()
    # "Dr. Sophie Brandt", "Daniel R. Osei": titles and middle initials are not what identifies.
    while words and fold(words[0].rstrip(".")) in rules.honorifics:
        words = words[1:]
    words = [w for w in words if not _INITIAL.match(w)]
    if not 2 <= len(words) <= _MAX_NAME_WORDS:
        return None
    # Only a known given name makes "<Two Words> | ..." a person: headlines are full of
    # capitalised pairs ("Career Lab", "MBA Candidate") that are not.
    name = _name_at(words, rules, need_known_first_name=True, limit=_MAX_NAME_WORDS)
    if not name or len(name) != len(words) or _not_a_person(name, rules, companies):
        return None
    return name


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
    if len(name) == 1 and not _known_first_name(name[0], rules):
        return None
    if _not_a_person(name, rules, ()):
        return None
    return name


def _dash_signature(note: str, rules: _Rules) -> list[str] | None:
    """ "... — Sarah" or "- Sarah Kim, Acme" at the very end; the name must start with a given
    name we know ("— Sent from my phone", "- The Acme team" are no signatures)."""
    signed = _DASH_SIGNED.search(note.strip())
    if not signed:
        return None
    tail = signed.group(1).strip()
    words = tail.split(",")[0].split()
    if not 1 <= len(words) <= 3:
        return None
    name = _name_at(words, rules, need_known_first_name=False)
    if not name or len(name) != len(words) or not _known_first_name(name[0], rules):
        return None
    return None if _not_a_person(name, rules, ()) else name


def _introduction(note: str, rules: _Rules) -> list[str] | None:
    tokens = tokenize(note)
    for hit in sorted(rules.intros.find(tokens), key=lambda h: h.start):
        if hit.end >= len(tokens.words):
            continue
        start = tokens.spans[hit.end][0]
        following = tokens.text[start:].split()
        name = _name_at(following[:3], rules, need_known_first_name=False)
        if not name or _not_a_person(name, rules, ()) or any(rank(w) is not None for w in name):
            continue
        name = name[:1] if len(name) == 1 else name[:2]
        if _known_first_name(name[0], rules) or hit.category == "name":
            return name
        # "This is Okonkwo from Acme": a word we do not know, introduced with where they are from.
        after = following[len(name)] if len(following) > len(name) else ""
        if fold(after.strip(",.")) in rules.from_words:
            return name
    return None
