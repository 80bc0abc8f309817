"""Whether a text asks for anything or offers anything: what makes a template sent by several
people outreach rather than a courtesy (SCREENING.md: a stock courtesy has "no ask").

A stock courtesy that sounds like an offer ("let me know if I can ever help") is not one: asks and
offers inside a canned phrase do not count.
"""

from __future__ import annotations

from functools import cache

from netinbox.screening import config
from netinbox.screening.message_signals import Analysis
from netinbox.screening.phrases import PhraseIndex

# Rule signals that are themselves an ask or an offer.
_ASKING_SIGNALS = frozenset(
    {
        "scheduler_link", "help_offer", "offer", "call_ask", "vague_reason", "discovery_question",
        "routing_ask", "recruiting_spam", "vendor_event", "investment_ask", "research_incentive",
        "pay_to_play", "free_offer", "service_offer", "we_offer", "off_platform", "price",
    }
)  # fmt: skip


@cache
def _index() -> PhraseIndex:
    data = config.load()
    intent = data["messages"]["intent"]
    return PhraseIndex(
        {
            "ask": intent["asks"],
            "offer": intent["offers"],
            "courtesy": data["canned"]["phrases"]
            + data["canned"]["default_invitation"]
            + intent["courtesy_questions"]
            + intent["courtesy_offers"],
        }
    )


config.on_reset(_index.cache_clear)


def asks_or_offers(analysis: Analysis) -> str | None:
    """Evidence of an ask or an offer in the analysed text, or None."""
    for signal in sorted(analysis.signals, key=lambda s: s.position):
        if signal.weight > 0 and signal.name in _ASKING_SIGNALS:
            return str(signal.evidence)
    tokens = analysis.tokens
    hits = _index().find(tokens)
    courtesy = [(h.start, h.end) for h in hits if h.category == "courtesy"]

    def inside_courtesy(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in courtesy)

    for hit in sorted(hits, key=lambda h: h.start):
        if hit.category != "courtesy" and not inside_courtesy(hit.start, hit.end):
            return tokens.snippet_text(hit.start, hit.end, 3)
    for i, word in enumerate(tokens.words):
        if word == "?" and not inside_courtesy(i, i):  # "How are you?" ends right at the "?"
            return tokens.snippet_text(i, i + 1, 8)  # the question, back to its sentence start
    return None
