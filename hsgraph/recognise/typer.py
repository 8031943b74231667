"""Decide which candidate names are names, and of what type, with a learned model.

The recognisers propose more than they should (a rule's suffix after a verb,
a LAC span that is half a name); which proposals hold, and whether an ORG
span is a company or a body, depends on many small signs at once.  A
multinomial logistic model over the features of ``features.py`` weighs them.
It is trained from the development gold by ``scripts/train_models.py`` and
shipped as ``data/models/typer.json``: a table of weights read here with no
machine-learning library.  Without a model file every rule candidate is kept
as typed and LAC spans are kept only for people and organisations.
"""
from __future__ import annotations

import functools
from dataclasses import replace

from ..linear import Model, load_model
from .features import DocContext, features
from .rules import Candidate

NONE = "none"
MODEL_FILE = "models/typer.json"


class Typer:
    """Keeps, retypes or drops candidates."""

    def __init__(self, model: Model | None):
        self.model = model

    def choose(self, doc, cands, proposals: list[Candidate]) -> list[Candidate]:
        if self.model is None:
            return [c for c in proposals if not is_proposal(c)
                    or (c.rule.startswith("lac.") and c.type in ("Person", "Organization"))]
        ctx = DocContext.of(doc, cands)
        out = []
        for c in proposals:
            probs = self.model.probabilities(features(ctx, c))
            best = max(probs, key=lambda k: (probs[k], k))
            if is_proposal(c):
                allowed = TAG_TYPES.get(c.rule)
                if allowed is not None:
                    best = max((k for k in probs if k in allowed), key=lambda k: (probs[k], k))
                if best != NONE and probs[best] >= self.model.threshold:
                    out.append(replace(c, type=best) if best != c.type else c)
            elif probs[NONE] < self.model.drop:
                retype = best != NONE and best != c.type and probs[best] >= self.model.threshold
                out.append(replace(c, type=best) if retype else c)
        return out


# what each LAC tag may turn out to be: a person's name is never a company's
TAG_TYPES = {
    "lac.PER": ("Person",),
    "lac.ORG": ("Enterprise", "Organization"),
    "lac.LOC": ("Town", "Village", "Project", "Organization"),
    "lac.nz": ("Enterprise", "Industry", "Project", "Policy"),
}
PROPOSAL_RULES = (".bracketed", "project.owned", "industry.list", "industry.list.vocabulary", "policy.counted")


def is_proposal(c: Candidate) -> bool:
    """A span offered for the model to judge, as against one a rule found on its own."""
    return c.rule.startswith("lac.") or c.rule.endswith(PROPOSAL_RULES)


@functools.lru_cache(maxsize=1)
def default_typer() -> Typer:
    return Typer(load_model(MODEL_FILE))
