"""Named signals in one message: what in the text argues for a pitch, for canned, for personal.

Each signal is a structure, not a keyword: "I help X do Y" needs a helping verb *and* a customer or
benefit after it; a turn to an offer needs a pivot *followed by* vendor language; a vendor event
needs an event *and* a host or a "save you a seat". Word lists come from the data files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netinbox.screening.claims import (
    first_hit as _first,
)
from netinbox.screening.claims import (
    return_claim_at,
    separate,
    service_offer,
    value_claim,
)
from netinbox.screening.message_rules import Rules, name_tokens, rules
from netinbox.screening.phrases import Hit, by_category
from netinbox.screening.textnorm import CJK, THAI, Snippet, Tokens, tokenize
from netinbox.screening.word_context import (
    for_themselves as _for_themselves,
)
from netinbox.screening.word_context import (
    internal as _internal,
)
from netinbox.screening.word_context import (
    negated as _negated,
)
from netinbox.screening.word_context import (
    no_break as _no_break,
)
from netinbox.screening.word_context import (
    same_sentence_before as _same_sentence_before,
)
from netinbox.screening.word_context import (
    workplace as _workplace,
)

_PRICE = re.compile(
    r"(?:[$€£₹]\s?\d[\d,.]*(?:\s?[km]\b)?)"
    r"|(?:\b\d[\d,.]*\s?(?:usd|eur|gbp|inr|chf|pln|euros?|dollars?|zł|zl|rupees|lakh)\b)"
    r"|(?:\b(?:usd|eur|gbp|inr|chf|pln)\s?\d[\d,.]*)"
    r"|(?:\b\d[\d,.]*\s?€)"
    r"|(?:\bper (?:hour|month|year|seat|user|article|head)\b|/(?:hour|month|mo|yr|seat)\b)",
    re.IGNORECASE,
)
# Without one of these (or a "/"), _PRICE cannot match: checked first, it is much cheaper.
_CURRENCY = frozenset("$€£₹")
_PRICE_WORDS = frozenset(
    {"usd", "eur", "gbp", "inr", "chf", "pln", "euro", "euros", "dollar", "dollars", "zł", "zl",
     "rupees", "lakh", "per", "€"}
)  # fmt: skip
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?x?$")


@dataclass(frozen=True, slots=True)
class Signal:
    name: str
    weight: float
    evidence: str | Snippet  # a Snippet becomes text only if the signal is shown as a reason
    position: int = 0  # token index where it was found (for "what comes after what")


@dataclass(slots=True)
class Analysis:
    tokens: Tokens
    signals: list[Signal] = field(default_factory=list)
    personal: list[Signal] = field(default_factory=list)
    canned: list[Signal] = field(default_factory=list)
    specific_words: int = 0
    word_count: int = 0
    has_question: bool = False
    names: frozenset[str] = frozenset()  # folded name words of sender and recipient
    _commercial: float | None = None

    @property
    def commercial(self) -> float:
        """Commercial evidence; non-commercial reasons count against it unless money is asked."""
        if self._commercial is None:
            self._commercial = self._score()
        return self._commercial

    def _score(self) -> float:
        positive = sum(s.weight for s in self.signals if s.weight > 0)
        negative = sum(s.weight for s in self.signals if s.weight < 0)
        if any(s.name in MONEY_SIGNALS for s in self.signals):
            negative = 0.0
        return positive + max(negative, rules().weights["non_commercial_cap"])


# Money asked for, or a pitch that says it is none: no stated good reason outweighs these.
MONEY_SIGNALS = frozenset(
    {"price", "pay_to_play", "scheduler_link", "recruiting_spam", "scam", "disguised_pitch"}
)


def analyse(text: str, recipient_first_name: str = "", sender_name: str = "") -> Analysis:
    r = rules()
    tokens = tokenize(text[: int(r.thresholds["max_chars_analysed"])])
    text = tokens.text  # cleaned: the regexes below and the evidence see what tokens saw
    words = tokens.words
    hits = by_category(r.index.find(tokens))
    w = r.weights
    out = Analysis(tokens)
    add = out.signals.append

    def snip(hit: Hit, pad: int = 0) -> Snippet:
        return tokens.snippet(hit.start, hit.end, pad)

    # Cheap first passes (set tests on words) keep the URL and price patterns off most messages.
    hinted = not r.scheduler_words.isdisjoint(words)
    link = r.scheduler.search(text) if hinted else None
    if link:
        add(Signal("scheduler_link", w["scheduler_link"], link.group(), len(words)))

    window = int(r.thresholds["help_window"])
    for hit in hits.get("help_verbs", ()):
        after = words[hit.end : hit.end + window]
        if after[:1] == ("out",):
            continue  # "I help out on the project": volunteering, not an offer
        # Verb-final languages (Korean, Japanese, Hindi, Turkish) name the customers first.
        before = _same_sentence_before(words, hit.start, window)
        if any(a in r.help_targets or a in r.value_verbs or _NUMBER.match(a) for a in after) or any(
            b in r.service_targets for b in before
        ):
            add(
                Signal(
                    "help_offer",
                    w["help_offer"],
                    tokens.snippet(hit.start, hit.end + window),
                    hit.start,
                )
            )
            break

    vendor = [
        h
        for h in hits.get("vendor_voice", ())
        if not _internal(words, h.end)
        and not (words[h.start] in r.possessive_words and _workplace(words, h.start, h.start + 1))
    ]
    for hit in hits.get("self_intro", ()):
        for k in range(hit.end, min(hit.end + 6, len(words))):
            if words[k] in r.business_nouns and not _internal(words, k + 1):
                vendor.append(Hit("vendor_voice", hit.phrase, hit.start, k + 1))
                break
    # "our [treasury automation] software": up to three modifiers between owner and business noun.
    # Not "at our startup" (where the sender works) nor "our own service" (built for themselves).
    for hit in hits.get("possessives", ()):
        if _workplace(words, hit.start, hit.end):
            continue
        for noun in hits.get("business_nouns_owned", ()):
            near = hit.end <= noun.start <= hit.end + 3
            if near and _no_break(words, hit.end, noun.start) and not _internal(words, noun.end):
                vendor.append(Hit("vendor_voice", hit.phrase, hit.start, noun.end))
    for hit in hits.get("singular_possessives", ()):
        for noun in hits.get("my_business_nouns", ()):
            near = hit.end <= noun.start <= hit.end + 2
            if near and _no_break(words, hit.end, noun.start) and not _internal(words, noun.end):
                vendor.append(Hit("vendor_voice", hit.phrase, hit.start, noun.end))
    if vendor:
        first = _first(vendor)
        add(Signal("vendor_voice", w["vendor_voice"], snip(first, 1), first.start))

    numbers = [i for i, word in enumerate(words) if word[0].isdigit()]
    claim = value_claim(tokens, numbers, r, hits.get("value_claims", ()))
    if claim:
        add(Signal("value_claim", w["value_claim"], claim[0], claim[1]))

    priced = not _CURRENCY.isdisjoint(text) or not _PRICE_WORDS.isdisjoint(words) or "/" in text
    price = _PRICE.search(text) if priced else None
    if price:
        add(Signal("price", w["price"], price.group(), len(words)))

    for name in (
        "pay_to_play",
        "recruiting_spam",
        "investment_ask",
        "research_incentive",
        "routing_ask",
    ):
        found = [h for h in hits.get(name, ()) if not _negated(words, h.start)]
        if found:
            first = _first(found)
            add(Signal(name, w[name], snip(first, 2), first.start))

    offers = separate([h for h in hits.get("offer", ()) if not _negated(words, h.start)])
    if offers:
        add(Signal("offer", w["offer"], snip(offers[0], 2), offers[0].start))
        distinct = [h for h in offers[1:] if h.phrase != offers[0].phrase]
        if distinct:
            # "early-bird discount ... can I send the brochure?": a second, different offer.
            add(Signal("offer", w["offer_more"], snip(distinct[0], 2), distinct[0].start))

    asks = list(hits.get("call_ask", ()))
    for i in numbers:
        if i + 1 < len(words) and words[i + 1] in r.minute_words:
            asks.append(Hit("call_ask", "minutes", i, i + 2))
    if asks:
        first = _first(asks)
        add(Signal("call_ask", w["call_ask"], snip(first, 2), first.start))

    vague = separate(hits.get("vague_reason", ()))
    if vague:
        first = vague[0]
        add(Signal("vague_reason", w["vague_reason"], snip(first, 3), first.start))
        if len(vague) > 1:
            # "learn more about your world and see how we might help each other": each vague
            # reason alone may be small talk; two of them are the whole purpose of the ask.
            add(Signal("vague_reason", w["vague_reason_more"], snip(vague[1], 3), vague[1].start))

    events, hosts = hits.get("event_words", ()), hits.get("event_hosts", ())
    if events and hosts:
        first = _first(events)
        add(
            Signal(
                "vendor_event",
                w["vendor_event"],
                f"{snip(first)} / {snip(_first(hosts))}",
                first.start,
            )
        )

    # "Not a pitch, but..." next to something for sale: the disclaimer is the tell.
    vendor_evidence = {"vendor_voice", "offer", "help_offer", "value_claim", "price"}
    selling = "product_words" in hits or any(s.name in vendor_evidence for s in out.signals)
    if "disguised_pitch" in hits and selling:
        first = _first(hits["disguised_pitch"])
        add(Signal("disguised_pitch", w["disguised_pitch"], snip(first, 4), first.start))

    roles = hits.get("business_roles", ())
    for hit in hits.get("business_intros", ()):
        role = next(
            (x for x in roles if hit.end <= x.start <= hit.end + 4 and not _internal(words, x.end)),
            None,
        )
        if role:
            add(
                Signal(
                    "business_intro",
                    w["business_intro"],
                    tokens.snippet(hit.start, role.end),
                    hit.start,
                )
            )
            break
    offered = [h for h in hits.get("we_offer_verbs", ()) if not _for_themselves(words, h.end)]
    if offered:
        first = _first(offered)
        add(Signal("we_offer", w["we_offer"], snip(first, 3), first.start))
    things = hits.get("free_things", ())
    for hit in hits.get("free_words", ()):
        # "free 5-point audit": a few words may stand between the gift and the thing.
        thing = next((x for x in things if hit.end <= x.start <= hit.end + 3), None)
        if thing:
            add(
                Signal(
                    "free_offer", w["free_offer"], tokens.snippet(hit.start, thing.end), hit.start
                )
            )
            break

    service = service_offer(tokens, r, hits.get("service_subjects", ()))
    if service:
        add(Signal("service_offer", w["service_offer"], service[0], service[1]))

    for name in ("cold_opener", "off_platform", "follow_up_nudge", "hiring_hook", "sequence_close"):
        if name in hits:
            first = _first(hits[name])
            add(Signal(name, w[name], snip(first, 1), first.start))
    # A nudge that points back at an earlier offer ("any thoughts on those candidates?").
    nudges = list(hits.get("follow_up_nudge", ())) + list(hits.get("sequence_close", ()))
    if nudges and "offer_nouns" in hits:
        first = _first(hits["offer_nouns"])
        add(Signal("follow_up_offer", w["follow_up_offer"], snip(first, 3), first.start))

    returns = return_claim_at(tokens, numbers, r, hits.get("return_words", ()))
    if returns:
        add(Signal("return_claim", w["return_claim"], returns[0], returns[1]))

    commercial = {h.phrase for h in hits.get("commercial_words", ())}
    if commercial:
        weight = min(w["commercial_word"] * len(commercial), w["commercial_word_cap"])
        add(Signal("selling_phrase", weight, ", ".join(sorted(commercial)[:4])))

    scams = [
        h for k, v in hits.items() if k.startswith("scam_") and k != "scam_trading_lure" for h in v
    ]
    if scams:
        first = _first(scams)
        add(Signal("scam_pattern", w["scam"], snip(first, 2), first.start))

    _turns(out, hits, tokens, w)
    _personal(out, hits, tokens, w, r)
    out.names = name_tokens(recipient_first_name, sender_name)
    _specificity(out, hits, tokens, r, out.names)
    return out


_COMMERCIAL_AFTER_TURN = frozenset(
    {"vendor_voice", "offer", "help_offer", "value_claim", "price", "call_ask"}
)


def _turns(out: Analysis, hits: dict[str, list[Hit]], tokens: Tokens, w: dict) -> None:
    """Personalisation or a discovery question, *then* an offer: the classic disguised pitch."""
    later = [s.position for s in out.signals if s.name in _COMMERCIAL_AFTER_TURN]
    for name in ("pivot", "discovery_question"):
        for hit in hits.get(name, ()):
            if any(pos >= hit.end for pos in later):
                evidence = tokens.snippet(hit.start, hit.end, 3)
                if name == "discovery_question":
                    out.signals.append(Signal(name, w[name], evidence, hit.start))
                out.signals.append(Signal("turn_to_offer", w["turn_to_offer"], evidence, hit.start))
                return
    if "discovery_question" in hits:
        first = _first(hits["discovery_question"])
        evidence = tokens.snippet(first.start, first.end, 3)
        out.signals.append(
            Signal("discovery_question", w["discovery_question"], evidence, first.start)
        )


def _personal(out: Analysis, hits: dict[str, list[Hit]], tokens: Tokens, w: dict, r: Rules) -> None:
    reasons = {h.phrase: h for h in hits.get("non_commercial_reason", ())}
    if reasons:
        weight = max(w["non_commercial_reason"] * len(reasons), w["non_commercial_cap"])
        first = _first(list(reasons.values()))
        signal = Signal(
            "non_commercial_reason", weight, tokens.snippet(first.start, first.end, 2), first.start
        )
        out.signals.append(signal)
        out.personal.append(signal)
    if "shared_context" in hits:
        first = _first(hits["shared_context"])
        out.personal.append(
            Signal("shared_context", 0.0, tokens.snippet(first.start, first.end, 3), first.start)
        )
    for name in ("canned_phrase", "default_invitation"):
        if name in hits:
            first = _first(hits[name])
            out.canned.append(
                Signal(name, 0.0, tokens.snippet(first.start, first.end), first.start)
            )


def _specificity(
    out: Analysis, hits: dict[str, list[Hit]], tokens: Tokens, r: Rules, names: frozenset[str]
) -> None:
    """How many words say something particular (not courtesy, not function words, not names)."""
    generic = r.generic_words
    words = [t for t in tokens.words if t[0].isalnum()]
    content = {t for t in words if t not in generic and t not in names}
    out.word_count = sum(_word_weight(t) for t in words)
    out.has_question = "?" in tokens.words
    # A shared reference ("your talk", "we met") is specific even in few words.
    bonus = 2 * min(len(hits.get("shared_context", ())), 2)
    out.specific_words = sum(_word_weight(t, r.cjk_courtesy) for t in content) + bonus


def _word_weight(token: str, courtesy: re.Pattern[str] | None = None) -> int:
    """How many words a token stands for. Chinese, Japanese and Thai run words together without
    spaces: a run counts as about one word per two ideographs (three Thai letters), once the
    `courtesy` pieces are taken out."""
    if token.isascii():
        return 1
    ideographs, thai = len(CJK.findall(token)), len(THAI.findall(token))
    if not ideographs and not thai:
        return 1
    if courtesy is not None:
        token = courtesy.sub("", token)
        ideographs, thai = len(CJK.findall(token)), len(THAI.findall(token))
    others = len(token) - ideographs - thai
    return ideographs // 2 + thai // 3 + (others > 0)
