"""Relations between typed mentions of one sentence, weighed by a learned pair classifier.

The trigger rules fire on fixed constructions; between them lie the many
ways a sentence states a relation (lists, a subject several clauses back, a
verb after the object).  Every pair of mentions in a sentence whose types the
relation admits (``data/relation_types.tsv``), and every pair with the
story's place where the sentence names none, is a candidate.  A logistic
model (``data/models/pairs.json``, trained by ``scripts/train_models.py``)
scores it from the words and punctuation between, distance, order, list
membership, trigger words and the rules that fired; its probability is the
relation's ``hs:confidence``.  Pairs a rule already stated keep the rule's
evidence: the model only adds relations.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..linear import Model, load_model
from ..model import Document, Evidence, Mention, Relation, Sentence
from ..recognise.data import table
from .context import story_focus

MODEL_FILE = "models/pairs.json"
MAX_GAP = 80
RULE = "pair.model"


@functools.lru_cache(maxsize=1)
def relation_types() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    return {r["relation"]: (frozenset(r["subject"].split(",")), frozenset(r["object"].split(",")))
            for r in table("relation_types.tsv")}


@functools.lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((r["rule"], re.compile(r["pattern"])) for r in table("triggers.tsv"))


@dataclass(frozen=True)
class Pair:
    subject: Mention
    relation: str
    object: Mention
    sentence: Sentence
    focus: bool        # the object or subject is the story's place, not named in the sentence


def candidate_pairs(doc: Document, sent: Sentence, ms: list[Mention]) -> Iterator[Pair]:
    types = relation_types()
    for rel, (subj, obj) in sorted(types.items()):
        for s in ms:
            if s.type not in subj:
                continue
            for o in ms:
                if o is s or o.type not in obj or (o.type, o.key) == (s.type, s.key):
                    continue
                if max(s.start, o.start) - min(s.end, o.end) > MAX_GAP:
                    continue
                if rel == "cooperatesWith" and o.start < s.start:
                    continue  # listed once, in text order
                yield Pair(s, rel, o, sent, False)
    if any(m.type in ("County", "City") for m in ms):
        return
    focus = story_focus(doc, sent.start)
    if focus is None or focus.sentence == sent.index:
        return
    for rel in ("locatedIn", "hasIndustry"):
        subj, obj = types[rel]
        for m in ms:
            if rel == "locatedIn" and m.type in subj and focus.type in obj:
                yield Pair(m, rel, focus, sent, True)
            elif rel == "hasIndustry" and m.type in obj and focus.type in subj:
                yield Pair(focus, rel, m, sent, True)


def _bucket(n: int, edges=(0, 1, 2, 4, 8, 16, 32, 64)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "far"


def pair_features(doc: Document, p: Pair, ms: list[Mention], fired: set[str]) -> list[str]:
    s, o, r = p.subject, p.object, p.relation
    text = doc.text
    sent = p.sentence
    f = [f"r={r}", f"{r}|types={s.type}>{o.type}", f"{r}|focus={p.focus}"]
    f += [f"{r}|fired={rule}" for rule in sorted(fired)] or [f"{r}|fired=none"]
    if p.focus:
        here = s if o.sentence != sent.index else o
        f += [f"{r}|srule={here.rule.split('.')[0]}", f"{r}|focus_type={(o if here is s else s).type}"]
        f += [f"{r}|sent_cue={rule}" for rule, rx in _cues() if rx.search(sent.text)]
        f.append(f"{r}|lead2={sent.text[:2]}")
        return f
    first, second = (s, o) if s.start <= o.start else (o, s)
    nested = first.end >= second.end or second.start < first.end
    f.append(f"{r}|order={'so' if first is s else 'os'}")
    if nested:
        f.append(f"{r}|nested={'s_in_o' if s.start >= o.start and s.end <= o.end else 'o_in_s'}")
        if first.start == second.start:
            f.append(f"{r}|nested_head")
        return f + [f"{r}|srule={s.rule.split('.')[0]}", f"{r}|orule={o.rule.split('.')[0]}"]
    between = text[first.end:second.start]
    gap = len(between)
    f += [f"{r}|gap={_bucket(gap)}", f"{r}|commas={_bucket(len(re.findall('[，,；;]', between)))}",
          f"{r}|dun={_bucket(between.count('、'))}"]
    inner = [m for m in ms if first.end <= m.start and m.end <= second.start]
    f.append(f"{r}|inner={_bucket(len(inner))}")
    f.append(f"{r}|inner_same_o={_bucket(sum(m.type == o.type for m in inner))}")
    f.append(f"{r}|inner_same_s={_bucket(sum(m.type == s.type for m in inner))}")
    if gap <= 4:
        f.append(f"{r}|btw={between}")
    if re.fullmatch(r"[、和及与]|以及|等", between):
        f.append(f"{r}|listed")
    f += [f"{r}|btw_cue={rule}" for rule, rx in _cues() if rx.search(between)]
    after = text[second.end:min(sent.end, second.end + 12)]
    before = text[max(sent.start, first.start - 12):first.start]
    f += [f"{r}|after_cue={rule}" for rule, rx in _cues() if rx.search(after)]
    f += [f"{r}|before_cue={rule}" for rule, rx in _cues() if rx.search(before)]
    f += [f"{r}|b1={between[:1]}", f"{r}|b-1={between[-1:]}", f"{r}|a1={after[:1]}", f"{r}|p1={before[-1:]}"]
    f += [f"{r}|btw2={between[i:i + 2]}" for i in range(0, min(gap - 1, 24))]
    clause = not re.search(r"[，,；;。]", between)
    f.append(f"{r}|same_clause={clause}")
    f += [f"{r}|srule={s.rule.split('.')[0]}", f"{r}|orule={o.rule.split('.')[0]}"]
    return f


class PairClassifier:
    def __init__(self, model: Model | None):
        self.model = model

    def relations(self, doc: Document, sent: Sentence, ms: list[Mention],
                  rule_rels: list[Relation]) -> list[Relation]:
        """The pairs the model accepts among those no rule stated: a rule's construction stands."""
        if self.model is None:
            return []
        seen = {(rel.subject, rel.predicate, rel.object) for rel in rule_rels}
        out = []
        for p in candidate_pairs(doc, sent, ms):
            key = ((p.subject.type, p.subject.key), p.relation, (p.object.type, p.object.key))
            if key in seen:
                continue
            seen.add(key)
            prob = self.model.probabilities(pair_features(doc, p, ms, set()))["1"]
            if prob >= self.model.threshold:
                ev = Evidence(doc.doc_id, sent.index, sent.start, sent.end, sent.original, RULE, round(prob, 3))
                out.append(Relation(key[0], p.relation, key[2], ev))
        return out


@functools.lru_cache(maxsize=1)
def default_classifier() -> PairClassifier:
    return PairClassifier(load_model(MODEL_FILE))
