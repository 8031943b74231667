"""What the typer sees of a candidate name: its own shape and the words around it.

Features are plain strings (``last2=公司``, ``prev=推进``) so the model is a
table of weights that any Python reads; nothing here knows a development
article's names, only their shapes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .rules import Candidate

OPEN = "“《「『\""
CLOSE = "”》」』\""
HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class DocContext:
    """Per-document facts shared by all candidates: tokens, LAC spans, name counts."""
    doc: object                        # hsgraph.model.Document
    tokens: dict[int, list]            # sentence index -> tokens with sentence offsets
    lac: dict[tuple[int, int], str]    # (start, end) -> LAC tag
    rules: dict[tuple[int, int], set[str]]
    counts: dict[str, int] = field(default_factory=dict)   # name -> occurrences in the text, filled on use

    @classmethod
    def of(cls, doc, cands) -> "DocContext":
        lac = {(c.start, c.end): c.rule[4:] for c in cands.statistical}
        rules: dict[tuple[int, int], set[str]] = {}
        for c in cands.primary + cands.industries:
            rules.setdefault((c.start, c.end), set()).add(c.type)
        return cls(doc, cands.tokens, lac, rules)

    @property
    def text(self) -> str:
        return self.doc.text

    def count(self, name: str) -> int:
        """How often ``name`` occurs in the article; many candidates share a name, so each is counted once."""
        if name not in self.counts:
            self.counts[name] = self.doc.text.count(name)
        return self.counts[name]


def _bucket(n: int, edges=(1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return "big"


def _char_class(ch: str) -> str:
    if not ch:
        return "none"
    if HAN.match(ch):
        return "han"
    if ch.isdigit():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    if ch in OPEN:
        return "open"
    if ch in CLOSE:
        return "close"
    return "punct"


def features(ctx: DocContext, c: Candidate) -> list[str]:
    text = ctx.text
    name = c.name
    sent = ctx.doc.sentence_at(c.start)
    toks = ctx.tokens.get(sent.index, [])
    rel_s, rel_e = c.start - sent.start, c.end - sent.start
    inside = [t for t in toks if rel_s <= t.start and t.end <= rel_e]
    before = [t for t in toks if t.end <= rel_s][-2:]
    after = [t for t in toks if t.start >= rel_e][:2]
    src = c.rule.split(".")[0]
    prev1, next1 = text[c.start - 1:c.start], text[c.end:c.end + 1]
    f = [
        f"type={c.type}", f"rule={c.rule}", f"src={src}",
        f"type+src={c.type}|{src}",
        f"len={_bucket(len(name))}", f"type+len={c.type}|{_bucket(len(name))}",
        f"last1={name[-1:]}", f"last2={name[-2:]}", f"last3={name[-3:]}",
        f"type+last2={c.type}|{name[-2:]}",
        f"first1={name[:1]}", f"first2={name[:2]}",
        f"prev1={prev1}", f"prev2={text[max(0, c.start - 2):c.start]}",
        f"next1={next1}", f"next2={text[c.end:c.end + 2]}",
        f"prevclass={_char_class(prev1)}", f"nextclass={_char_class(next1)}",
        f"ntok={_bucket(len(inside))}",
        f"lac={ctx.lac.get((c.start, c.end), 'none')}",
        f"type+lac={c.type}|{ctx.lac.get((c.start, c.end), 'none')}",
    ]
    if inside:
        f += [f"pos0={inside[0].pos}", f"posN={inside[-1].pos}", f"tok0={inside[0].word}", f"tokN={inside[-1].word}"]
        f += [f"haspos={p}" for p in sorted({t.pos for t in inside})]
    if before:
        f += [f"ptok={before[-1].word}", f"ppos={before[-1].pos}", f"type+ppos={c.type}|{before[-1].pos}"]
    if after:
        f += [f"ntok1={after[0].word}", f"npos={after[0].pos}", f"type+npos={c.type}|{after[0].pos}"]
    other = ctx.rules.get((c.start, c.end), set()) - {c.type}
    f += [f"also={t}" for t in sorted(other)]
    if prev1 in OPEN and next1 in CLOSE:
        f.append("quoted")
    if not inside or inside[0].start != rel_s:
        f.append("splits_token_left")
    if not inside or inside[-1].end != rel_e:
        f.append("splits_token_right")
    count = ctx.count(name)
    f.append(f"count={_bucket(count, (1, 2, 3, 5))}")
    return f
