"""Templates: the same text sent by several people, found across a whole batch in linear time.

Each text becomes a set of word shingles after masking what templates vary: the names of sender and
recipient (and any capitalised word right after a greeting), digits and punctuation. Texts are
clustered greedily: a text joins the first earlier template whose shingle set it overlaps by at
least `similarity` (Jaccard), else starts a new one. Candidates come from a MinHash-style sketch
(the few lowest shingle hashes), so a batch of 100,000 texts is not compared pairwise.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from netinbox.screening import config
from netinbox.screening.textnorm import Tokens


@dataclass(frozen=True, slots=True)
class Text:
    tokens: Tokens
    sender: str  # who sent it; "" = unknown (then every text counts as its own sender)
    names: frozenset[str] = frozenset()  # folded name words to mask (see `name_tokens`)


_COMPARE = 6  # candidate templates compared per text (the ones sharing most sketch keys)


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: members can be thousands long
class Group:
    """A template: indices of the texts in it and how many distinct senders sent it."""

    members: tuple[int, ...]
    senders: int


class _Settings:
    def __init__(self) -> None:
        t = config.load()["messages"]["templates"]
        self.min_words = int(t["min_words"])
        self.n = max(int(t["shingle_words"]), 1)
        self.similarity = float(t["similarity"])
        self.min_senders = max(int(t["min_senders"]), 2)
        self.keys = max(int(t["keys"]), 1)
        self.max_candidates = max(int(t["max_candidates"]), 1)
        self.greetings = frozenset(t["greetings"])


@cache
def _settings() -> _Settings:
    return _Settings()


config.on_reset(_settings.cache_clear)


def masked_words(tokens: Tokens, mask: frozenset[str], greetings: frozenset[str]) -> list[str]:
    """The words a template keeps: names masked, digits folded, punctuation gone."""
    words = tokens.words
    out: list[str] = []
    for i, word in enumerate(words):
        if not word[0].isalnum():
            continue
        if word in mask:
            out.append("<name>")
        elif word[0].isdigit():
            out.append("0")
        elif i and words[i - 1] in greetings and tokens.raw(i)[:1].isupper():
            out.append("<name>")  # "Hi Robin", "Hallo Jonas": whoever it was sent to
        else:
            out.append(word)
    # A text that opens with a bare name ("Robin — ...") masks it too.
    bare_name = len(words) > 1 and not words[1][0].isalnum() and words[1] not in {".", "?"}
    if out and bare_name and tokens.raw(0)[:1].isupper():
        out[0] = "<name>"
    return out


def find(texts: Sequence[Text | None]) -> dict[int, Group]:
    """For each text that belongs to a template sent by several senders, its group."""
    s = _settings()
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__  # each new word gets the next number
    leaders: list[frozenset[int]] = []
    members: list[list[int]] = []
    buckets: dict[int, list[int]] = {}
    exact: dict[tuple[int, ...], int] = {}
    for index, item in enumerate(texts):
        if item is None or len(item.tokens.words) < s.min_words:
            continue
        words = masked_words(item.tokens, item.names, s.greetings)
        if len(words) < s.min_words:
            continue
        ids = tuple(map(vocabulary.__getitem__, words))
        if ids in exact:  # the same text after masking: no need to compare
            members[exact[ids]].append(index)
            continue
        # Tuples of ints hash the same in every run: the clustering is reproducible.
        # Overlapping n-word windows; the shorter tails simply end the zip.
        shingles = frozenset(map(hash, zip(*(ids[k:] for k in range(s.n)), strict=False)))
        keys = heapq.nsmallest(s.keys, shingles)
        shared: dict[int, int] = {}
        for key in keys:
            for cluster in buckets.get(key, ())[-s.max_candidates :]:
                shared[cluster] = shared.get(cluster, 0) + 1
        # Near-duplicates share most sketch keys: compare with the few best candidates only.
        best, best_score = -1, s.similarity
        closest = (
            shared
            if len(shared) <= _COMPARE
            else heapq.nlargest(_COMPARE, shared, key=shared.__getitem__)
        )
        for cluster in closest:
            leader = leaders[cluster]
            score = len(shingles & leader) / len(shingles | leader)
            if score >= best_score:
                best, best_score = cluster, score
        if best < 0:
            best = len(leaders)
            leaders.append(shingles)
            members.append([])
            for key in keys:
                buckets.setdefault(key, []).append(best)
        exact[ids] = best
        members[best].append(index)

    groups: dict[int, Group] = {}
    for cluster in members:
        if len(cluster) < s.min_senders:
            continue
        senders = {texts[i].sender or f"#{i}" for i in cluster}  # type: ignore[union-attr]
        if len(senders) < s.min_senders:
            continue
        group = Group(tuple(cluster), len(senders))
        for i in cluster:
            groups[i] = group
    return groups
