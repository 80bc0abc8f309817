"""Where a phrase sits among the words around it: negated, at the sender's own workplace, naming an
internal unit ("platform team"), within one sentence. Pure functions of the word tuple."""

from __future__ import annotations

NEGATORS = frozenset(
    {"no", "not", "without", "zero", "free", "kein", "keine", "sin", "sans", "bez"}
)
# "platform team", "product org": a business word naming an internal unit, not a business.
INTERNAL_UNITS = frozenset(
    {"team", "teams", "engineering", "engineer", "engineers", "group", "org", "department", "guild",
     "squad", "lead", "leads", "manager", "managers", "chapter", "tribe", "people", "folks", "side"}
)  # fmt: skip


def no_break(words: tuple[str, ...], start: int, end: int) -> bool:
    return not any(w in {".", "?", "!", ","} for w in words[start:end])


def internal(words: tuple[str, ...], index: int) -> bool:
    return index < len(words) and words[index] in INTERNAL_UNITS


def negated(words: tuple[str, ...], start: int) -> bool:
    return any(w in NEGATORS for w in words[max(start - 2, 0) : start])


WORKPLACE_BEFORE = frozenset({"at", "in", "within", "inside", "bei", "en", "chez", "w", "presso"})
FOR_THEMSELVES = frozenset({"own", "internally", "internal", "inhouse", "ourselves"})


def workplace(words: tuple[str, ...], start: int, end: int) -> bool:
    """'at our startup', 'our own tooling': the sender's workplace, not what they sell."""
    before = words[start - 1] if start > 0 else ""
    after = words[end] if end < len(words) else ""
    return before in WORKPLACE_BEFORE or after == "own"


def for_themselves(words: tuple[str, ...], start: int) -> bool:
    """'we built our own flag service internally': something made for their own use."""
    window = words[start : start + 8]
    for i, word in enumerate(window):
        if word in {".", "?", "!"}:
            return False
        if word in FOR_THEMSELVES or (word == "in" and window[i + 1 : i + 2] == ("house",)):
            return True
    return False


def same_sentence_before(words: tuple[str, ...], start: int, window: int) -> tuple[str, ...]:
    """Up to `window` words before `start`, not reaching back past a sentence end."""
    begin = start
    while begin > 0 and start - begin < window and words[begin - 1] not in {".", "?", "!"}:
        begin -= 1
    return words[begin:start]
