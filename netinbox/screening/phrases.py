"""Find configured phrases in a token stream in one pass, whatever the number of phrases.

A phrase is matched on folded tokens, so punctuation and case do not matter. Two wildcards keep lists
short across inflected languages: `*` alone stands for any one word, and `word*` for any word starting
with `word` (at least three letters before the star), e.g. "synerg*" or "rozmow*".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from netinbox.screening.textnorm import UNSPACED, Tokens, fold, phrase_tokens


@dataclass(frozen=True, slots=True)
class Hit:
    category: str
    phrase: str
    start: int  # token index of the first word
    end: int  # token index after the last word


class _Node:
    """One step of the phrase trie: exact next words, "word*" prefixes, "*", and phrases ending here."""

    __slots__ = ("children", "ends", "prefixes", "star")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.prefixes: list[tuple[str, _Node]] = []
        self.star: _Node | None = None
        self.ends: list[tuple[str, str]] = []  # (category, phrase)

    def step(self, token: str) -> _Node:
        if token == "*":
            self.star = self.star or _Node()
            return self.star
        if token.endswith("*"):
            for prefix, node in self.prefixes:
                if prefix == token[:-1]:
                    return node
            node = _Node()
            self.prefixes.append((token[:-1], node))
            return node
        return self.children.setdefault(token, _Node())


class PhraseIndex:
    """Every phrase of every category in one token trie: matching costs about one dictionary
    lookup per word, however many phrases there are."""

    def __init__(self, categories: Mapping[str, Iterable[str]]) -> None:
        self._root = _Node()
        # First words given as "prefix*" are looked up by their first three letters.
        self._first_prefix: dict[str, list[tuple[str, _Node]]] = {}
        # Chinese and Japanese have no spaces: their phrases are found inside tokens instead.
        unspaced: dict[str, tuple[str, str]] = {}
        for category, phrases in categories.items():
            for phrase in phrases:
                if UNSPACED.search(phrase):
                    unspaced.setdefault(fold(phrase.replace(" ", "")), (category, phrase))
                    continue
                pattern = compile_phrase(phrase)
                if not pattern or pattern[0] == "*":
                    continue  # a phrase must start with a word: that is what makes it indexable
                first = pattern[0]
                if first.endswith("*"):
                    if len(first) < 4:
                        continue
                    bucket = self._first_prefix.setdefault(first[:3], [])
                    node = next((n for p, n in bucket if p == first[:-1]), None)
                    if node is None:
                        node = _Node()
                        bucket.append((first[:-1], node))
                else:
                    node = self._root.children.setdefault(first, _Node())
                for token in pattern[1:]:
                    node = node.step(token)
                node.ends.append((category, phrase))

        self._unspaced = unspaced
        self._unspaced_pattern = (
            re.compile("|".join(re.escape(k) for k in sorted(unspaced, key=len, reverse=True)))
            if unspaced
            else None
        )

    def find(self, tokens: Tokens) -> list[Hit]:
        words = tokens.words
        count = len(words)
        hits: list[Hit] = []
        if self._unspaced_pattern is not None and not tokens.text.isascii():
            for i, word in enumerate(words):
                if UNSPACED.search(word):
                    for match in self._unspaced_pattern.finditer(word):
                        category, phrase = self._unspaced[match.group()]
                        hits.append(Hit(category, phrase, i, i + 1))
        roots = self._root.children
        first_prefix = self._first_prefix
        # Most words start no phrase: find the ones that might in one C-speed pass.
        starts = [i for i, word in enumerate(words) if word in roots or word[:3] in first_prefix]
        for i in starts:
            word = words[i]
            frontier: list[tuple[_Node, int]] = []
            node = roots.get(word)
            if node is not None:
                frontier.append((node, i + 1))
            if first_prefix:
                for prefix, node in first_prefix.get(word[:3], ()):
                    if word.startswith(prefix):
                        frontier.append((node, i + 1))
            while frontier:
                node, j = frontier.pop()
                for category, phrase in node.ends:
                    hits.append(Hit(category, phrase, i, j))
                if j >= count:
                    continue
                nxt = words[j]
                child = node.children.get(nxt)
                if child is not None:
                    frontier.append((child, j + 1))
                for prefix, child in node.prefixes:
                    if nxt.startswith(prefix):
                        frontier.append((child, j + 1))
                if node.star is not None:
                    frontier.append((node.star, j + 1))
        return hits


def compile_phrase(phrase: str) -> list[str]:
    """'help * grow' -> ['help', '*', 'grow']; "synerg*" -> ['synerg*']; punctuation is dropped."""
    pattern: list[str] = []
    for part in phrase.split():
        if part == "*":
            pattern.append("*")
        elif part.endswith("*"):
            words = list(phrase_tokens(part[:-1]))
            if words:
                words[-1] += "*"
            pattern.extend(words)
        else:
            pattern.extend(phrase_tokens(part))
    return pattern


def by_category(hits: Iterable[Hit]) -> dict[str, list[Hit]]:
    grouped: dict[str, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(hit.category, []).append(hit)
    return grouped
