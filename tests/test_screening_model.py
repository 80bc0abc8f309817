"""The shipped message model: its features, its training (reproducible from the repo's labelled
sets), how it joins the rules, and that its verdicts are explained by the words that weighed most."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from netinbox.paths import user_config_dir
from netinbox.screening import config, model, screen_message
from netinbox.screening.learn import row_features, train
from netinbox.screening.model import CLASSES, MODEL_FILE, Model, features
from netinbox.screening.textnorm import tokenize

SETS = Path(__file__).parent / "data" / "screening_validation"
# A staffing pitch in words none of the rule lists hold: only the model catches it.
PLAIN_PITCH = (
    "Hello Robin, my company places experienced platform engineers with Berlin scaleups. If you "
    "ever need people, I would be glad to send you a few profiles."
)


@pytest.fixture(autouse=True)
def fresh_config() -> Iterator[None]:
    config.reset()
    yield
    config.reset()


def _user_messages_toml(text: str) -> None:
    folder = user_config_dir() / "screening"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "messages.toml").write_text(text, encoding="utf-8")
    config.reset()


def test_features_mask_names_fold_digits_and_share_stems_across_languages() -> None:
    words = tokenize("Hi Robin, our Agentur has 40 clients").words
    feats = features(words, frozenset({"robin"}), "inmail")
    assert "<name>" in feats and "robin" not in feats
    assert "0" in feats and "40" not in feats
    assert "our agentur" in feats  # adjacent pairs
    assert "~agent" in feats  # the stem "agentur", "agency" and "agenzia" would share
    assert "@kind=inmail" in feats


def test_training_is_reproducible_and_the_shipped_file_is_what_it_gives() -> None:
    docs = [
        (row_features(row), row["label"])
        for path in sorted(SETS.glob("messages*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for row in [json.loads(line)]
    ]
    assert model.shipped() is not None  # found through importlib.resources, as when installed
    trained = train(docs).to_json()
    shipped = (config.DATA_DIR / MODEL_FILE).read_text(encoding="utf-8")
    assert trained == shipped, "run python benchmarks/train_screening_model.py and commit the file"


def test_a_model_round_trips_and_refuses_other_classes() -> None:
    m = train([({"buy", "now"}, "pitch"), ({"buy", "now"}, "pitch"), ({"thanks"}, "canned")] * 3)
    again = Model.from_json(m.to_json())
    assert again.predict({"buy"}).probabilities == pytest.approx(
        m.predict({"buy"}).probabilities, abs=1e-3
    )
    assert again.predict({"buy"}).p("pitch") > 0.5
    bad = json.loads(m.to_json()) | {"classes": ["spam", "ham"]}
    with pytest.raises(ValueError, match="classes"):
        Model.from_json(json.dumps(bad))
    assert set(CLASSES) == {"pitch", "canned", "personal"}


def test_the_model_catches_a_pitch_the_rules_miss_and_names_its_words() -> None:
    verdict = screen_message(PLAIN_PITCH, "inmail", "Robin")
    assert verdict.label == "pitch"
    first = verdict.reasons[0]
    assert first.signal == "model_pitch"
    assert first.evidence.startswith("words that weighed most: '")
    assert "@kind" not in first.evidence and "<name>" not in first.evidence
    _user_messages_toml("[model]\nuse = false\n")
    assert screen_message(PLAIN_PITCH, "inmail", "Robin").label != "pitch"


def test_without_a_shipped_model_the_rules_work_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "shipped", lambda: None)
    assert screen_message(PLAIN_PITCH, "inmail", "Robin").label != "pitch"
    assert screen_message("Book a slot: calendly.com/ana/15min").label == "pitch"


def test_a_non_commercial_reason_asks_more_confidence_of_the_model() -> None:
    text = PLAIN_PITCH
    p = model.shipped().predict(row_features({"text": text, "kind": "inmail"})).p("pitch")
    _user_messages_toml(f"[model]\npitch_min = {p - 0.05:.3f}\npitch_min_with_reason = 0.999\n")
    assert screen_message(text, "inmail", "Robin").label == "pitch"
    with_reason = text + " No agenda, I am writing my thesis on engineering careers."
    assert screen_message(with_reason, "inmail", "Robin").label != "pitch"


def test_the_model_makes_a_personal_verdict_canned_only_when_confident() -> None:
    text = "I don't want to sell you anything, I just wanted to get to know you better."
    p = model.shipped().predict(row_features({"text": text, "kind": "reply_to_thanks"}))
    _user_messages_toml(f"[model]\ncanned_min = {p.p('canned') - 0.01:.3f}\npitch_min = 1.1\n")
    verdict = screen_message(text, "reply_to_thanks", "Robin")
    assert verdict.label == "canned"
    assert verdict.reasons[0].signal == "model_canned"
    _user_messages_toml(f"[model]\ncanned_min = {p.p('canned') + 0.01:.3f}\npitch_min = 1.1\n")
    assert screen_message(text, "reply_to_thanks", "Robin").label != "canned"


UNPAID_TALK = (
    "Thanks Robin! I am one of the volunteers who run the Leipzig Platform Night meetup. Our March "
    "evening is about build caches, would you be up for a 15-min lightning talk? No cost, no "
    "sponsors, just pizza and about 60 engineers."
)


def test_the_model_overrules_a_narrow_rules_pitch_it_finds_personal() -> None:
    verdict = screen_message(UNPAID_TALK, "reply_to_thanks", "Robin")
    assert verdict.label == "personal"
    assert verdict.reasons[0].signal == "model_personal"
    assert "meetup" in verdict.reasons[0].evidence
    _user_messages_toml("[model]\nuse = false\n")
    assert screen_message(UNPAID_TALK, "reply_to_thanks", "Robin").label == "pitch"


def test_money_asked_for_is_never_overruled() -> None:
    paid = UNPAID_TALK.replace("No cost, no sponsors", "The speaker package is 490 EUR")
    assert screen_message(paid, "reply_to_thanks", "Robin").label == "pitch"
