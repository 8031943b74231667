"""Lists and coordination, once for every relation: what holds of one member holds of each.

主导产业为A、B和C; A、B等企业落户P; 与A、B、C签署合作协议: a rule or the pair
classifier usually reads the relation off the member next to its trigger.
This step finds the lists (names of one type joined only by 、 和 及 以及 or
等) and gives every member the relations of the member that was read.  与 is
no list joiner here: 甲与乙合作 states the relation between the two.
"""
from __future__ import annotations

import re

from ..model import Evidence, Mention, Relation

JOINER = re.compile(r"(?:、|和|及|以及|，以及|或)")
FACTOR = 0.9


def list_groups(text: str, ms: list[Mention]) -> list[list[Mention]]:
    """Runs of top-level mentions of one type separated only by list joiners."""
    top = sorted((m for m in ms if not any(o is not m and o.start <= m.start and m.end <= o.end
                                           and (o.start, o.end) != (m.start, m.end) for o in ms)),
                 key=lambda m: m.start)
    groups, run = [], []
    for m in top:
        if run and m.type == run[-1].type and JOINER.fullmatch(text[run[-1].end:m.start]):
            run.append(m)
        else:
            if len(run) > 1:
                groups.append(run)
            run = [m]
    if len(run) > 1:
        groups.append(run)
    return groups


def spread(rels: list[Relation], groups: list[list[Mention]]) -> list[Relation]:
    """The relations of each list member, given to the other members too."""
    member_of = {}
    for g in groups:
        for m in g:
            member_of[(m.type, m.key)] = g
    have = {(r.subject, r.predicate, r.object) for r in rels}
    # a member that states its own relation of the kind (武强县周窝音乐小镇、滨湖新区阎里古镇) keeps it alone
    own = {(r.subject, r.predicate) for r in rels}
    out = []
    for r in rels:
        for end in _ends(r):
            group = member_of.get(getattr(r, end))
            if group is None:
                continue
            for m in group:
                ident = (m.type, m.key)
                s, o = (ident, r.object) if end == "subject" else (r.subject, ident)
                if end == "subject" and (s, r.predicate) in own and s != r.subject:
                    continue
                if s == o or (s, r.predicate, o) in have or (o, r.predicate, s) in have and r.predicate == "cooperatesWith":
                    continue
                have.add((s, r.predicate, o))
                ev = r.evidence
                out.append(Relation(s, r.predicate, o, Evidence(ev.doc_id, ev.sentence, ev.start, ev.end, ev.text,
                                                                 ev.rule + ".list", round(ev.confidence * FACTOR, 3))))
    return out


ADJACENT_RULES = ("located.prefix", "industry.compound", "located.branch", "located.section")


def _ends(r: Relation) -> tuple[str, ...]:
    """Which end of a relation may pass to its list mates.

    A thing is located in one place, and a place written right before a name
    (饶阳县王同岳镇) belongs to that name alone, whatever list the place closes."""
    if r.evidence.rule.startswith(ADJACENT_RULES):
        return ()
    return ("subject",) if r.predicate == "locatedIn" else ("subject", "object")
