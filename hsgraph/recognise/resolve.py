"""Settle overlapping candidates: longest span first, then the more specific rule.

Places are kept even inside a longer name (衡水 in 衡水创新港): they are real
mentions of the place, and the relation step reads them as location prefixes.
"""
from __future__ import annotations

from .rules import Candidate


def filter_spans(cands: list[Candidate]) -> list[Candidate]:
    ordered = sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start, c.type, c.rule))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for c in ordered:
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        taken.append(c)
        occupied.append((c.start, c.end))
    return sorted(taken, key=lambda c: (c.start, c.end))
