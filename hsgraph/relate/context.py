"""Who a sentence is about: 该县 / 该市 / 我市 resolved to the county or city of the story."""
from __future__ import annotations

import re

from ..model import Document, Mention

ANAPHORA = re.compile(r"该县|我县|全县|该市|我市|全市|该区|全区|本市|本县")


def resolve_anaphor(doc: Document, word: str, before: int) -> Mention | None:
    """The place 该县 (or 该市 …) at offset ``before`` refers to: the latest one of the right kind in the story."""
    story = next((s for s in doc.stories if s.start <= before < s.end), None)
    lo = story.start if story else 0
    want_county = word.endswith("县") or word.endswith("区")
    best = None
    for m in doc.mentions:
        if m.start >= before:
            break
        if m.start < lo or m.type not in ("County", "City"):
            continue
        if want_county and m.type == "County":
            best = m
        elif not want_county and (m.type == "City" or m.surface.endswith("市") or m.name.endswith("市")):
            best = m
    if not want_county and best is not None:
        # 该市 in a story about a city names that city, not a county-level city mentioned in passing
        focus = story_focus(doc, before)
        if focus is not None and focus.type == "City" and focus.start < before and best.type == "County":
            best = focus
    if best is None and not want_county:
        # fall back to the city the whole article talks about most
        counts: dict[str, int] = {}
        first: dict[str, Mention] = {}
        for m in doc.mentions:
            if m.type == "City":
                counts[m.key] = counts.get(m.key, 0) + 1
                first.setdefault(m.key, m)
        if counts:
            best = first[max(sorted(counts), key=lambda k: counts[k])]
    return best


def story_focus(doc: Document, offset: int) -> Mention | None:
    """The place a story is about: the first county or city in its headline span, else in its text."""
    story = next((s for s in doc.stories if s.start <= offset < s.end), None)
    lo, hi = (story.start, story.end) if story else (0, len(doc.text))
    for m in doc.mentions:
        if lo <= m.start < hi and m.type in ("County", "City"):
            return m
    return None
