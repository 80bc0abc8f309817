"""What a screening says: a label, a confidence and the named reasons behind it."""

from __future__ import annotations

from dataclasses import dataclass

from netinbox.text import one_line

EVIDENCE_LIMIT = 80

MESSAGE_LABELS = ("pitch", "canned", "personal", "empty")
PROFILE_LABELS = ("likely_fake", "list_builder", "genuine")
# What a profile screening can answer: a label, or "unchecked" when the profile carries no facts
# (SCREENING.md: not a judgement, so never a gold label of a labelled set).
PROFILE_VERDICTS = (*PROFILE_LABELS, "unchecked")
# Labels that need no reason: they are the "nothing wrong here" outcomes.
UNEXPLAINED_OK = frozenset({"genuine", "personal", "empty"})


@dataclass(frozen=True, slots=True)
class Reason:
    signal: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Verdict:
    label: str
    score: float
    reasons: tuple[Reason, ...] = ()

    def to_json(self) -> dict:
        return {
            "label": self.label,
            "score": round(self.score, 2),
            "reasons": [{"signal": r.signal, "evidence": r.evidence} for r in self.reasons],
        }


def evidence(text: object, limit: int = EVIDENCE_LIMIT) -> str:
    """Strangers' text made safe to echo: no control characters, one line, at most `limit` chars."""
    return one_line(text, limit)


def reason(signal: str, text: object) -> Reason:
    return Reason(signal, evidence(text))
