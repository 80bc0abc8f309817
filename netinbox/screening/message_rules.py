"""The message rules compiled once from the data files: one phrase index over every list, the
word sets the structural signals look into, and the scheduler-link pattern."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from netinbox.screening import config
from netinbox.screening.phrases import PhraseIndex
from netinbox.screening.textnorm import fold, phrase_tokens

_SELLING_LISTS = (
    "help_verbs", "vendor_voice", "self_intro", "offer", "call_ask", "vague_reason",
    "discovery_question", "routing_ask", "pivot", "recruiting_spam", "event_words", "event_hosts",
    "pay_to_play", "investment_ask", "research_incentive", "disguised_pitch", "product_words",
    "cold_opener", "off_platform", "commercial_words", "value_claims", "follow_up_nudge",
    "hiring_hook", "service_subjects", "possessives", "business_nouns_owned", "business_intros",
    "business_roles", "we_offer_verbs", "free_words", "free_things", "singular_possessives",
    "my_business_nouns", "sequence_close", "offer_nouns", "return_words",
)  # fmt: skip


class Rules:
    """Everything compiled from the data files, built once."""

    def __init__(self) -> None:
        data = config.load()
        messages, selling = data["messages"], data["selling"]
        self.thresholds = messages["thresholds"]
        self.weights = messages["weights"]
        self.model_settings = messages.get("model", {"use": False})
        domains = sorted(messages["scheduler"]["domains"], key=len, reverse=True)
        # A cheap first pass (just the domains) keeps the full URL pattern off most messages.
        self.scheduler_words = frozenset(phrase_tokens(d.split("/")[0])[0] for d in domains)
        self.scheduler = re.compile(
            r"(?<![\w-])(?:https?://)?(?:[\w-]+\.)*(?:"
            + "|".join(re.escape(d.lower()) for d in domains)
            + r")(?:/[^\s,;)\]]*)?",
            re.IGNORECASE,
        )
        lists = {name: selling[name] for name in _SELLING_LISTS}
        lists["non_commercial_reason"] = data["personal"]["non_commercial_reason"]
        lists["shared_context"] = data["personal"]["shared_context"]
        lists["question_openers"] = data["personal"]["question_openers"]
        lists["canned_phrase"] = data["canned"]["phrases"]
        lists["default_invitation"] = data["canned"]["default_invitation"]
        scam = data["scam"]["patterns"]
        for name in ("guaranteed_returns", "fund_recovery", "trading_lure"):
            lists["scam_" + name] = scam[name]
        self.index = PhraseIndex(lists)
        self.help_targets = _word_set(selling["help_targets"])
        self.value_verbs = _word_set(selling["value_verbs"])
        self.comparatives = _word_set(selling["comparatives"])
        self.minute_words = _word_set(selling["minute_words"])
        self.return_periods = _word_set(selling["return_periods"])
        self.business_nouns = _word_set(selling["business_nouns"])
        self.service_links = _word_set(selling["service_links"])
        self.possessive_words = _word_set(selling["possessives"])
        # Customers a service is *for*: not "you" ("I talk to you"), not people in general.
        self.service_targets = self.help_targets - {"you", "your", "people", "professionals"}
        canned = data["canned"]
        self.generic_words = _word_set(canned["courtesy_words"]) | _word_set(canned["stopwords"])
        # Matched against folded tokens: kana lose their voicing marks there, so fold these too.
        pieces = sorted({fold(p) for p in canned.get("cjk_courtesy", [])}, key=len, reverse=True)
        self.cjk_courtesy = re.compile("|".join(re.escape(p) for p in pieces)) if pieces else None


def _word_set(entries: list[str]) -> frozenset[str]:
    words: set[str] = set()
    for entry in entries:
        words.update(phrase_tokens(entry))
    return frozenset(words)


@cache
def rules() -> Rules:
    return Rules()


config.on_reset(rules.cache_clear)


@lru_cache(maxsize=8192)
def name_tokens(*names: str) -> frozenset[str]:
    found: set[str] = set()
    for name in names:
        found.update(t for t in phrase_tokens(name or "") if len(t) > 1)
    return frozenset(found)
