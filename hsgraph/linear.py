"""Linear models shipped as tables of weights, read without a machine-learning library.

The typer and the relation classifier are logistic models trained by the
scripts in ``scripts/``; each is stored under ``data/models/`` as JSON
(classes, intercepts, one row of weights per feature string).  Reading them
needs only the standard library, so the package does not depend on
scikit-learn and the files diff as text.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

from .recognise.data import data_file


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float      # a proposal holds at this probability
    drop: float = 1.0     # a rule's own finding goes only at this probability of being nothing

    @classmethod
    def from_json(cls, data: dict) -> "Model":
        return cls(tuple(data["classes"]), tuple(data["intercept"]),
                   {k: tuple(v) for k, v in data["weights"].items()}, float(data["threshold"]),
                   float(data.get("drop", 1.0)))

    def probabilities(self, feats: list[str]) -> dict[str, float]:
        scores = list(self.intercept)
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                scores = [s + x for s, x in zip(scores, w)]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp)}


def load_model(name: str) -> Model | None:
    """The model ``data/<name>``, or None where the package ships none."""
    try:
        text = data_file(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return Model.from_json(json.loads(text))
