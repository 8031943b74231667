"""Repair newspaper page layout: rejoin sentences cut by page blocks, find the stories.

Pages scraped from a newspaper site cut sentences where a picture or another
column sits between two blocks ("…连片的葡" … "萄大棚蔚为壮观"), and one page
often holds several stories, each a headline followed by a lead such as
``河北日报讯(记者…)``.  A paragraph that stops mid-sentence is joined to the
paragraph that most plausibly continues it: one that makes a dictionary word
across the cut, one that starts with a particle, or simply the next one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalise import normalise

TERMINAL = set("。！？!?；;…”’」』）)】:：")
SENTENCE_PUNCT = re.compile(r"[，,。；;！!？?]")
LEAD = re.compile(r"^[□■▲]?\s*(?P<paper>[\u4e00-\u9fff]{2,8}(?:日报|晚报|新闻|时报)|新华社|本报)(?:讯|记者|通讯员|[（(]记者|[（(]通讯员)")
BYLINE = re.compile(r"^[□■]?\s*[\u4e00-\u9fff]{2,8}(?:日报|晚报|时报)?\s*(?:记者|通讯员)\s*[\u4e00-\u9fff]{2,4}(?:[\s、]+[\u4e00-\u9fff]{2,4})*$")
CAPTION = re.compile(r"^(?:[▲△●]|[上中下左右]图[：:]|本组图片|图为|图片)|摄[。]?$")
REPORTER = re.compile(r"(?:记者|通讯员)[\s、]*((?:[\u4e00-\u9fff]{2,3}(?:[、\s]+(?!记者|通讯员)[\u4e00-\u9fff]{2,3})*))")
CONTINUATION_START = set("的地得了着过和与及或并而且是在把被将从向对于为就都也还又再")
WINDOW = 15


@dataclass
class Paragraph:
    text: str       # the article's own script
    norm: str       # the same, normalised (equal length)
    kind: str       # body, headline, lead, byline, caption
    index: int


@dataclass
class Story:
    """A story of a page: its headline and character span in the repaired text."""
    start: int
    end: int
    title: str


@dataclass
class Layout:
    original: str
    text: str
    title: str | None
    creators: tuple[str, ...]
    publisher: str | None
    stories: list[Story] = field(default_factory=list)


def classify(text: str) -> str:
    stripped = text.lstrip("#").strip()
    if LEAD.match(stripped):
        return "lead"
    if BYLINE.match(stripped):
        return "byline"
    if CAPTION.search(stripped):
        return "caption"
    if text.startswith("#") or (not SENTENCE_PUNCT.search(stripped) and len(stripped) <= 45
                                and stripped[-1:] not in TERMINAL):
        return "headline"
    return "body"


def _dangling(p: Paragraph) -> bool:
    return p.kind == "body" and p.norm[-1] not in TERMINAL


def _bridges(left: str, right: str) -> bool:
    """Does a dictionary word span the cut between ``left`` and ``right``?"""
    from ..recognise.tokenise import is_word
    for k in (1, 2):
        for m in (1, 2):
            if k + m >= 2 and is_word(left[-k:] + right[:m]):
                return True
    return False


def _best_continuation(paras: list[Paragraph], i: int, used: set[int]) -> int | None:
    p = paras[i]
    best, best_score = None, 0.0
    for j in range(max(0, i - WINDOW), min(len(paras), i + WINDOW + 1)):
        q = paras[j]
        if j == i or j in used or q.kind != "body":
            continue
        score = 0.0
        if _bridges(p.norm, q.norm):
            score += 2
        if q.norm[0] in CONTINUATION_START:
            score += 1
        nxt = next((k for k in range(i + 1, len(paras)) if k not in used), None)
        if j == nxt:
            score += 0.5
        if score > best_score:
            best, best_score = j, score
    return best


def repair(paras: list[Paragraph]) -> list[Paragraph]:
    """Join paragraphs cut mid-sentence; return the paragraphs in reading order."""
    used: set[int] = set()
    out: list[Paragraph] = []
    for i, p in enumerate(paras):
        if i in used:
            continue
        used.add(i)
        cur = p
        guard = 0
        while _dangling(cur) and guard < 5:
            j = _best_continuation(paras, i, used)
            if j is None:
                break
            used.add(j)
            cur = Paragraph(cur.text + paras[j].text, cur.norm + paras[j].norm, "body", cur.index)
            paras[i] = cur
            guard += 1
        out.append(cur)
    return out


def analyse(raw: str) -> Layout:
    """Split into paragraphs, repair cuts, and collect title, creators, publisher and stories."""
    norm_all = normalise(raw)
    paras = []
    for m in re.finditer(r"[^\n]+", raw):
        a, b = m.span()
        while a < b and raw[a].isspace():
            a += 1
        while b > a and raw[b - 1].isspace():
            b -= 1
        if a == b:
            continue
        text, norm = raw[a:b], norm_all[a:b]
        paras.append(Paragraph(text, norm, classify(norm), len(paras)))
    paras = repair(paras)

    creators: list[str] = []
    publisher = None
    title_parts: list[str] = []
    seen_lead = False
    pieces: list[str] = []
    stories: list[Story] = []
    pending_heads: list[tuple[int, str]] = []
    offset = 0
    for p in paras:
        if p.kind in ("lead", "byline"):
            for m in REPORTER.finditer(p.norm):
                for name in re.split(r"[、\s]+", m.group(1)):
                    if 2 <= len(name) <= 3 and name not in creators:
                        creators.append(name)
            lm = LEAD.match(p.norm.lstrip("□■▲ "))
            if lm and publisher is None and lm.group("paper") != "本报":
                publisher = lm.group("paper")
            if publisher is None:
                pm = re.search(r"([\u4e00-\u9fff]{2,8}(?:日报|晚报|时报))", p.norm)
                if pm:
                    publisher = pm.group(1)
            if pending_heads:
                start = pending_heads[0][0]
                stories.append(Story(start, -1, " ".join(t for _, t in pending_heads)))
                pending_heads = []
            seen_lead = True
        elif p.kind == "headline":
            if not seen_lead:
                title_parts.append(p.text.lstrip("#").strip())
            pending_heads.append((offset, p.text.lstrip("#").strip()))
        else:
            if p.kind == "caption":
                for m in REPORTER.finditer(p.norm):
                    for name in re.split(r"[、\s]+", m.group(1)):
                        if 2 <= len(name) <= 3 and name.endswith("摄") is False and name not in creators:
                            creators.append(name)
            if p.kind == "body":
                pending_heads = []
        pieces.append(p.text)
        offset += len(p.text) + 1
    if not stories or stories[0].start > 0:
        stories.insert(0, Story(0, -1, " ".join(title_parts)))
    original = "\n".join(pieces)
    for a, b in zip(stories, stories[1:]):
        a.end = b.start
    stories[-1].end = len(original)
    text = normalise_aligned(original, norm_all, raw)
    return Layout(original, text, " ".join(title_parts) or None, tuple(creators), publisher, stories)


def normalise_aligned(original: str, norm_all: str, raw: str) -> str:
    """Normalise the repaired text the same way the raw text was (length-preserving)."""
    from .normalise import fold_width, looks_traditional, to_simplified
    out = fold_width(original)
    return to_simplified(out) if looks_traditional(fold_width(raw)) else out
