"""A message's verdict: pitch, canned, personal or empty, with the signals that decided it.

Order of questions, each with its reason:
1. Nothing readable? empty.
2. Enough commercial evidence (weights in messages.toml)? pitch. Personalisation does not cancel
   it; only a specific non-commercial reason does, and never when money is asked for.
3. Part of a template (the same text from several senders)? Not personal: pitch if it carries any
   commercial hint, if another copy is a pitch, or if enough senders sent it and it asks for or
   offers anything (see intent.py); else canned.
4. Does the shipped model (model.py) find it a pitch with enough confidence? pitch, and the words
   that weighed most are the reason. It needs more confidence when a non-commercial reason is given.
5. Nothing specific in it? canned. Otherwise personal, unless the model is confident it is canned.
"""

from __future__ import annotations

import math

from netinbox.screening import model as text_model
from netinbox.screening.calibration import calibrate
from netinbox.screening.intent import asks_or_offers
from netinbox.screening.message_rules import rules
from netinbox.screening.message_signals import MONEY_SIGNALS, Analysis, Signal, analyse
from netinbox.screening.model import Prediction, features
from netinbox.screening.textnorm import is_blank
from netinbox.screening.verdict import Reason, Verdict, reason

MAX_REASONS = 5


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _pitch_probability(commercial: float, threshold: float) -> float:
    # 0.5 at 70% of the threshold, ~0.8 at the threshold, ~0.98 at twice the threshold.
    return _sigmoid(4.5 * (commercial - 0.7 * threshold))


def _reasons(signals: list[Signal]) -> tuple[Reason, ...]:
    strongest = sorted((s for s in signals if s.weight > 0), key=lambda s: -s.weight)
    return tuple(reason(s.name, s.evidence) for s in strongest[:MAX_REASONS])


def _model_view(analysis: Analysis, kind: str) -> Prediction | None:
    settings = rules().model_settings
    m = text_model.shipped() if settings.get("use", True) else None
    if m is None:
        return None
    prediction = m.predict(features(analysis.tokens.words, analysis.names, kind))
    # In words it mostly does not know (another language) the model has nothing to say.
    return prediction if prediction.coverage >= settings["min_known_words"] else None


def _model_reason(prediction: Prediction, label: str) -> Reason:
    # The words are a stranger's: made safe and cut like any other evidence.
    return reason(f"model_{label}", f"words that weighed most: {prediction.evidence(label)}")


def _model_vetoes(prediction: Prediction | None) -> bool:
    """Whether the model overrules a narrow pitch verdict of the rules (see `_narrow`): it is sure
    the text is personal (a peer asking for a call to compare notes trips "call" and "offer")."""
    return (
        prediction is not None
        and prediction.p("personal") >= rules().model_settings["veto_personal_min"]
    )


def _narrow(commercial: float, signals: list[Signal], template: Reason | None) -> bool:
    """A rules pitch the model may overrule: little commercial evidence, none of it money or a
    booking link, and no template behind it."""
    if template is not None or commercial >= rules().model_settings["veto_max_commercial"]:
        return False
    return not any(s.name in MONEY_SIGNALS for s in signals)


def decide(
    analysis: Analysis,
    template: Reason | None = None,
    template_is_pitch: bool = False,
    extra: tuple[Signal, ...] = (),
    kind: str = "",
) -> Verdict:
    """The label for an analysed message, given what the batch knows (template, burst)."""
    r = rules()
    thresholds = r.thresholds
    signals = analysis.signals + list(extra)
    analysis_commercial = analysis.commercial + sum(s.weight for s in extra)
    threshold = thresholds["pitch_threshold"]
    p_pitch = _pitch_probability(analysis_commercial, threshold)

    if analysis_commercial >= threshold:
        # The model is asked only when it could change the verdict: it costs time on every message.
        if _narrow(analysis_commercial, signals, template):
            prediction = _model_view(analysis, kind)
            if prediction is not None and _model_vetoes(prediction):
                score = round(min(prediction.p("personal"), 0.95), 2)
                return Verdict("personal", score, (_model_reason(prediction, "personal"),))
        reasons = _reasons(signals)
        if template:
            reasons = (template, *reasons[: MAX_REASONS - 1])
        return Verdict("pitch", round(min(p_pitch, 0.99), 2), reasons)

    if template and (
        template_is_pitch or analysis_commercial >= thresholds["template_pitch_threshold"]
    ):
        score = max(p_pitch, 0.75)
        return Verdict("pitch", round(min(score, 0.99), 2), (template, *_reasons(signals)[:3]))

    prediction = _model_view(analysis, kind)
    if prediction is not None:
        settings = r.model_settings
        has_reason = any(s.name == "non_commercial_reason" for s in analysis.personal)
        needed = settings["pitch_min_with_reason"] if has_reason else settings["pitch_min"]
        model_pitch = prediction.p("pitch")
        # A pitch wants something from the recipient: without an ask or an offer it is none.
        if model_pitch >= needed and (
            model_pitch >= settings["pitch_min_without_ask"] or asks_or_offers(analysis) is not None
        ):
            reasons = (_model_reason(prediction, "pitch"), *_reasons(signals)[: MAX_REASONS - 1])
            if template:
                reasons = (template, *reasons[: MAX_REASONS - 1])
            return Verdict("pitch", round(min(max(model_pitch, p_pitch), 0.99), 2), reasons)

    if template:
        return Verdict("canned", 0.8, (template,))

    if _is_canned(analysis):
        return Verdict("canned", round(max(0.55, 0.95 - p_pitch), 2), _canned_reasons(analysis))

    if (
        prediction is not None
        and prediction.p("canned") >= r.model_settings["canned_min"]
        and prediction.coverage >= r.model_settings["canned_min_known_words"]
    ):
        return Verdict(
            "canned",
            round(min(prediction.p("canned"), 0.95), 2),
            (_model_reason(prediction, "canned"),),
        )
    personal = tuple(reason(s.name, s.evidence) for s in analysis.personal[:2])
    return Verdict("personal", round(max(0.5, 0.9 - p_pitch), 2), personal)


def _is_canned(analysis: Analysis) -> bool:
    t = rules().thresholds
    if analysis.word_count == 0:
        return True  # emoji or punctuation only: a one-tap reply
    if analysis.specific_words <= t["canned_max_specific_words"]:
        return True
    if (
        any(s.name == "default_invitation" for s in analysis.canned)
        and analysis.specific_words <= 4
    ):
        return True
    # A few words, no question, nothing particular (no digits, no shared reference): a courtesy in a
    # language our lists may not cover.
    short = analysis.word_count <= t["short_message_words"]
    digits = any(w[:1].isdigit() for w in analysis.tokens.words)
    return short and not analysis.has_question and not digits and not analysis.personal


def _canned_reasons(analysis: Analysis) -> tuple[Reason, ...]:
    if analysis.canned:
        first = analysis.canned[0]
        return (reason(first.name, first.evidence),)
    if analysis.word_count == 0:
        return (reason("canned_reply", analysis.tokens.text.strip()),)
    return (
        Reason(
            "generic_text",
            f"nothing specific in {analysis.word_count} word{'s' * (analysis.word_count != 1)}",
        ),
    )


def screen_message(
    text: str, kind: str = "reply_to_thanks", recipient_first_name: str = "", sender_name: str = ""
) -> Verdict:
    """Judge one message on its own (no template or burst evidence: see `screen_batch`)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if is_blank(text):
        return Verdict("empty", 1.0)
    return calibrate(
        decide(analyse(text, recipient_first_name or "", sender_name or ""), kind=kind or "")
    )
