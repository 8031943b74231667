"""More candidate spans than the rules dare keep; the typer chooses among them.

A rule reads a name leftwards and stops at the first doubtful token.  Some
names run on past such a token: a place in brackets (金津（河北）复合材料有限公司),
a company at the head of a project's name with a capacity in between
(X有限公司年产10万吨Y项目), or a list of sectors after a cue
(重点发展A、B和C).  This module proposes those longer or listed spans as
extra candidates; the typer, trained on annotated articles, keeps the ones
that hold.  It also cuts from the front of a name what a span took in with
it (走访…, 央企…, 搭建…): such edges are never part of a name.
"""
from __future__ import annotations

import re

from .data import words
from .rules import Candidate

BRACKETED = re.compile(r"[（(][\u4e00-\u9fff]{2,6}[）)]$")
HAN_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·]+$")
# what may stand between an owner's name and the project's own name
OWNER_GAP = re.compile(r"^(?:(?:年产|年出栏|年加工|年处理|总投资)?[\d.]*[万亿千百]?"
                       r"(?:吨|头|只|套|台|件|平方米|亩|千瓦|兆瓦|MW|MWp|GW|条|辆|立方米|箱|元)?)?$")
PROJECT_HEADS = ("项目", "基地", "生产线", "产业园", "工程", "园区")
# companies and bodies: they own projects, and their names have the same edges
ACTOR_TYPES = ("Enterprise", "Organization")
# cues that the list after them names sectors
SECTOR_CUE = re.compile(r"(?:重点发展|大力发展|发展壮大|培育壮大|聚焦|围绕|主导产业为|主导产业是|主导产业有|"
                        r"特色产业为|形成了?|涵盖|覆盖|主攻|深耕|布局|打造)")
LIST_ITEM = re.compile(r"[\u4e00-\u9fff]{2,10}")
LIST_SEP = re.compile(r"、|和|及|与|以及|，")
SECTOR_END = re.compile(r"(?:等)?(?:[一二三四五六七八九十两\d]+大)?(?:主导|特色|优势|支柱|战略性新兴|新兴|重点)?"
                        r"(?:产业集群|产业链|产业|行业|领域)")


def bracket_variants(text: str, cands: list[Candidate]) -> list[Candidate]:
    """金津（河北）复合材料有限公司: the name before a bracketed place belongs to the name."""
    out = []
    for c in cands:
        if c.type not in ("Enterprise", "Project", "Organization"):
            continue
        head = text[max(0, c.start - 8):c.start]
        m = BRACKETED.search(head)
        if not m:
            continue
        open_at = c.start - (len(head) - m.start())
        run = HAN_RUN.search(text[max(0, open_at - 12):open_at])
        if not run or len(run.group()) < 2:
            continue
        start = open_at - len(run.group())
        for k in range(start, open_at - 1):  # every left edge: the typer picks the one that holds
            out.append(Candidate(k, c.end, c.type, text[k:c.end], f"{c.rule}.bracketed", c.priority))
    return out


def owner_variants(text: str, cands: list[Candidate]) -> list[Candidate]:
    """X有限公司年产10万吨Y项目: the project's full name starts with its owner."""
    ending: dict[int, list[tuple[int, Candidate]]] = {}   # where an owner's name ends -> (order, owner)
    for i, c in enumerate(cands):
        if c.type in ACTOR_TYPES:
            ending.setdefault(c.end, []).append((i, c))
    out = []
    for p in cands:
        if p.type != "Project" or not p.name.endswith(PROJECT_HEADS):
            continue
        near = [pair for end in range(max(0, p.start - 12), p.start + 1) for pair in ending.get(end, ())]
        for _, o in sorted(near, key=lambda pair: pair[0]):
            if OWNER_GAP.match(text[o.end:p.start]):
                out.append(Candidate(o.start, p.end, "Project", text[o.start:p.end], "project.owned", p.priority))
    return out


def sector_list_candidates(text: str, sent_start: int, sent_end: int) -> list[Candidate]:
    """重点发展A、B和C等产业: each listed item is a sector candidate."""
    out = []
    s = text[sent_start:sent_end]
    spans = []
    for m in SECTOR_CUE.finditer(s):
        spans.append((m.end(), _clause_end(s, m.end())))
    for m in SECTOR_END.finditer(s):
        spans.append((_clause_start(s, m.start()), m.start()))
    vocab = words("industries.txt")
    seen = set()
    for a, b in spans:
        seg = s[a:b]
        pos = 0
        for part in LIST_SEP.split(seg):
            off = seg.find(part, pos)
            pos = off + len(part)
            item = part.strip("等")
            if not (2 <= len(item) <= 10) or not LIST_ITEM.fullmatch(item):
                continue
            start = sent_start + a + off
            key = (start, start + len(item))
            if key in seen:
                continue
            seen.add(key)
            rule = "industry.list.vocabulary" if item in vocab else "industry.list"
            out.append(Candidate(start, start + len(item), "Industry", item, rule, 0))
    return out


def _clause_end(s: str, i: int) -> int:
    m = re.search(r"[。；;！？!?：:（(]|等(?:[一二三四五六七八九十两\d]+大)?(?:产业|行业|领域)", s[i:])
    return i + m.start() if m else len(s)


def _clause_start(s: str, i: int) -> int:
    cut = max(s.rfind(ch, 0, i) for ch in "。；;：:，,（(")
    return cut + 1


# -- clean edges -------------------------------------------------------------------

JOINING_POS = ("p", "c")
LEADING_POS = ("d", "p", "c", "r", "u", "uj", "ul", "ad")
PROPER_START = ("ns", "nz", "nr", "nrt", "nt", "j")


def trim_names(cands: list[Candidate], doc, toks_of) -> list[Candidate]:
    """走访冀州中意复合材料股份有限公司, 和林县还与内蒙古蒙牛乳业…, 央企中国恒天集团:
    a company's or body's name starts after the verbs, conjunctions and
    descriptors that the span took in front of it."""
    out = []
    for c in cands:
        if c.type in ACTOR_TYPES + ("Project",):
            sent = doc.sentence_at(c.start)
            if sent is not None:
                inside = [t for t in toks_of.get(sent.index, [])
                          if c.start <= t.start + sent.start and t.end + sent.start <= c.end]
                c = (_trimmed(c, doc.text, inside, sent.start) if c.type in ACTOR_TYPES
                     else _trimmed_project(c, doc.text, inside, sent.start))
        out.append(c)
    return out




def _trimmed_project(c: Candidate, text: str, inside, base: int) -> Candidate:
    """和石衡沧港高铁, 搭建卢龙公共文化云平台, 曹庄镇打造成葡萄小镇: a project's name starts
    after the conjunctions and verbs in front of it."""
    start = c.start
    for i, t in enumerate(inside[:-1]):
        at = t.end + base
        if c.end - at < 4:
            break
        known_verb = t.pos in ("v", "vn", "vd") and (t.word in words("leading.txt") or t.word in words("boundary.txt"))
        if t.start + base == start and (t.pos in LEADING_POS or known_verb):
            start = at  # 远航药业…: a brand may read as a verb; only verbs known to lead are cut
        elif t.pos == "v" and t.word.endswith(("成", "为")) and any(x.pos in PROPER_START for x in inside[:i]):
            start = at  # 曹庄镇打造成葡萄小镇: a place turned into the named project
    if start == c.start:
        return c
    return Candidate(start, c.end, c.type, text[start:c.end], c.rule, c.priority)


def _trimmed(c: Candidate, text: str, inside, base: int) -> Candidate:
    start = c.start
    descriptors = words("name_descriptors.txt")
    for i, t in enumerate(inside[:-1]):
        at = t.end + base
        if c.end - at < 4:
            break
        if t.pos in JOINING_POS and len(t.word) <= 2 or t.word in descriptors and i <= 3:
            start = at  # what follows the last joiner or descriptor is the name
        elif t.pos == "v" and inside[i + 1].pos == "ns":
            start = at  # 交给天津嘉立荷牧业集团: a verb, then the registered name with its place
    for i, t in enumerate(inside[:-1]):
        if t.start + base != start or c.end - (t.end + base) < 4:
            continue
        # a verb leads only where a proper name follows (走访冀州中意…); 远航药业 is a brand
        if t.pos in LEADING_POS or t.pos == "v" and inside[i + 1].pos in PROPER_START:
            start = t.end + base
    if start == c.start:
        return c
    return Candidate(start, c.end, c.type, text[start:c.end], c.rule, c.priority)


# -- policies the suffix rules cannot anchor -----------------------------------------

COUNTED_POLICY = re.compile(r"([\u4e00-\u9fff“”]{2,16}?)((?:\d+|[一二三四五六七八九十]{1,3})条(?:措施|政策|意见|举措)?)")


def policy_candidates(text: str, sent_start: int, sent_end: int) -> list[Candidate]:
    """稳经济47条, 惠企政策十五条: proposals the typer accepts or not."""
    s = text[sent_start:sent_end]
    out = []
    for m in COUNTED_POLICY.finditer(s):
        for k in range(m.start(1), m.end(1) - 1):  # every left edge: the typer picks the one that holds
            start = sent_start + k
            out.append(Candidate(start, sent_start + m.end(), "Policy", text[start:sent_start + m.end()].strip("“”"),
                                 "policy.counted", 0))
    return out
