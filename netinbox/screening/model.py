"""A small linear model of message text, shipped with the package and combined with the rules.

The rules (message_signals.py) are precise but only know the phrasings they list; a plain offer of
a service in words no list has ("my firm does X for hospitals") slips through them. The model is a
multinomial logistic regression over the words of the message, trained on the labelled sets in the
repository by `benchmarks/train_screening_model.py` (see `learn.py`). It is a dictionary of
feature weights: scoring a message is a few dozen dictionary lookups, and every verdict it moves
can name the words that weighed most.

Features (see `features`): folded words with the sender's and recipient's names masked and digits
folded, adjacent word pairs, the first five letters of longer words (so "agence", "Agentur" and
"agenzia" share "agen…" evidence across languages), and the message kind.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

MODEL_FILE = "message_model.json"
CLASSES = ("pitch", "canned", "personal")
_PREFIX = 5
_SKIP = frozenset({".", "!", "@"})


def features(words: Sequence[str], names: Iterable[str] = (), kind: str = "") -> set[str]:
    """The features of a tokenised message (folded words from `textnorm.tokenize`)."""
    mask = frozenset(names)
    seq = ["<name>" if w in mask else "0" if w[0].isdigit() else w for w in words if w not in _SKIP]
    out = set(seq)
    out.update(map(" ".join, zip(seq, seq[1:], strict=False)))
    out.update(["~" + w[:_PREFIX] for w in seq if len(w) > _PREFIX + 1 and w.isalpha()])
    if kind:
        out.add("@kind=" + kind)
    return out


class Prediction:
    """Class probabilities, and on demand the features that pushed hardest towards a class."""

    __slots__ = ("_known", "coverage", "probabilities")

    def __init__(
        self,
        probabilities: dict[str, float],
        known: list[tuple[str, list[float]]],
        coverage: float = 1.0,
    ) -> None:
        self.probabilities = probabilities
        self._known = known
        # The share of the text's words the model knows: low in a language it was not trained on,
        # where its probabilities are the priors, not a reading of the text.
        self.coverage = coverage

    def p(self, label: str) -> float:
        return self.probabilities.get(label, 0.0)

    def drivers(self, label: str, count: int = 6) -> list[tuple[str, float]]:
        """(feature, pull) for `label`, strongest first: its weight minus the mean of the others'."""
        k = CLASSES.index(label)
        others = len(CLASSES) - 1
        pulls = [(f, row[k] - (sum(row) - row[k]) / others) for f, row in self._known]
        pulls.sort(key=lambda x: -x[1])
        return [(f, round(w, 3)) for f, w in pulls[:count] if w > 0]

    def evidence(self, label: str, count: int = 4) -> str:
        """The words behind `label`, for a reason: "'agency', 'our clients', 'rates'"."""
        shown = [
            f"'{f.lstrip('~')}…'" if f.startswith("~") else f"'{f}'"
            for f, _ in self.drivers(label, count + 2)
            if not f.startswith("@") and any(ch.isalnum() for ch in f.replace("<name>", ""))
        ]
        return ", ".join(shown[:count]) or "the wording as a whole"


class Model:
    """Weights per class for each known feature, plus a bias per class."""

    def __init__(self, weights: dict[str, list[float]], bias: list[float], meta: dict) -> None:
        self.weights = weights
        self.bias = bias
        self.meta = meta

    def predict(self, feats: Iterable[str]) -> Prediction:
        get = self.weights.get
        known: list[tuple[str, list[float]]] = []
        words = known_words = 0
        for f in feats:  # one pass: this runs on every message an import or a rescreen reads
            row = get(f)
            if row is not None:
                known.append((f, row))
            if f[0].isalpha() and " " not in f:  # a single word: not a pair, stem, kind or mask
                words += 1
                known_words += row is not None
        coverage = known_words / words if words else 0.0
        # Documents are L2-normalised binary vectors in training: the same here.
        scale = 1.0 / math.sqrt(len(known)) if known else 0.0
        a = b = c = 0.0
        for _, (x, y, z) in known:
            a += x
            b += y
            c += z
        logits = (self.bias[0] + a * scale, self.bias[1] + b * scale, self.bias[2] + c * scale)
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        probabilities = {c: e / total for c, e in zip(CLASSES, exps, strict=True)}
        return Prediction(probabilities, known, coverage)

    def to_json(self) -> str:
        rows = {f: [round(v, 4) for v in row] for f, row in sorted(self.weights.items())}
        payload = {"meta": self.meta, "classes": list(CLASSES), "bias": self.bias, "weights": rows}
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        if tuple(data["classes"]) != CLASSES:
            raise ValueError(f"model classes {data['classes']} are not {list(CLASSES)}")
        return cls(data["weights"], list(data["bias"]), data.get("meta", {}))


@cache
def shipped() -> Model | None:
    """The model in the package, or None when it is missing (the rules then work alone)."""
    try:
        text = resources.files("netinbox.screening").joinpath("data", MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return Model.from_json(text)
