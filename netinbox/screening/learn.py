"""Training the message model (model.py): multinomial logistic regression by AdaGrad, pure Python.

Deterministic: documents are sorted, then visited in an order drawn from a seeded generator, and
features are kept in sorted order, so the same labelled lines always give the same weights file,
whatever order they were read in.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence

from netinbox.screening.message_rules import name_tokens, rules
from netinbox.screening.model import CLASSES, Model, features
from netinbox.screening.textnorm import tokenize


def train(
    docs: Sequence[tuple[Sequence[str], str]],
    *,
    epochs: int = 30,
    rate: float = 0.5,
    l2: float = 1e-4,
    min_docs: int = 2,
    seed: int = 13,
) -> Model:
    """A model from (features, label) pairs; labels outside CLASSES (e.g. "empty") are ignored.
    Features seen in fewer than `min_docs` documents are dropped: one-off words teach nothing."""
    # Sorted, so the order the files were read in does not change the model.
    usable = sorted((sorted(set(f)), CLASSES.index(label)) for f, label in docs if label in CLASSES)
    df = Counter(f for feats, _ in usable for f in set(feats))
    vocabulary = sorted(f for f, n in df.items() if n >= min_docs)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows = [([index[f] for f in sorted(set(feats)) if f in index], y) for feats, y in usable]
    classes = len(CLASSES)
    w = [[0.0] * classes for _ in vocabulary]
    g2 = [[1e-8] * classes for _ in vocabulary]
    b = [0.0] * classes
    b2 = [1e-8] * classes
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for n in order:
            ids, y = rows[n]
            if not ids:
                continue
            scale = 1.0 / math.sqrt(len(ids))
            logits = [b[k] + scale * sum(w[i][k] for i in ids) for k in range(classes)]
            top = max(logits)
            exps = [math.exp(v - top) for v in logits]
            total = sum(exps)
            for k in range(classes):
                grad = exps[k] / total - (1.0 if k == y else 0.0)
                b2[k] += grad * grad
                b[k] -= rate * grad / math.sqrt(b2[k])
                for i in ids:
                    g = grad * scale + l2 * w[i][k]
                    g2[i][k] += g * g
                    w[i][k] -= rate * g / math.sqrt(g2[i][k])
    weights = {
        f: row for f, row in zip(vocabulary, w, strict=True) if max(abs(v) for v in row) >= 1e-3
    }
    counts = Counter(CLASSES[y] for _, y in usable)
    meta = {
        "documents": len(usable),
        "per_class": dict(sorted(counts.items())),
        "features": len(weights),
        "epochs": epochs,
        "rate": rate,
        "l2": l2,
        "min_docs": min_docs,
        "seed": seed,
    }
    return Model(weights, b, meta)


def row_features(row: dict) -> set[str]:
    """The model's features for a labelled message line, exactly as screening computes them."""
    text = row.get("text") if isinstance(row.get("text"), str) else ""
    limit = int(rules().thresholds["max_chars_analysed"])
    names = name_tokens(
        str(row.get("recipient_first_name") or ""), str(row.get("sender_name") or "")
    )
    return features(tokenize(text[:limit]).words, names, str(row.get("kind") or ""))
