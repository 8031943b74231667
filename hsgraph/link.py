"""Entity linking: one entity per real-world thing across the whole corpus.

Places link by division code.  Other names link when they share a core: the
name without a leading place (武邑智能安防产业园 → 智能安防产业园), without its
legal form (虎牌集团 → 虎牌) or its programme word (“证照分离”改革 → 证照分离).
A company's bare core, where an article uses it (虎牌), becomes a mention too.
"""
from __future__ import annotations

import re

from .model import Corpus, Entity, Mention
from .recognise.data import words
from .recognise.gazetteer import gazetteer

LEGAL_FORM = re.compile(r"(股份有限公司|有限责任公司|集团有限公司|有限公司|集团|公司)$")
PROGRAMME = re.compile(r"(改革|工程|计划|行动|战略|制度|政策|项目|试点)$")
LOCAL_PREFIX = re.compile(r"^(省|市|县|区)")


def _strip_place(name: str) -> str:
    gaz = gazetteer()
    for n in range(min(len(name) - 2, gaz.max_len), 1, -1):
        head = name[:n]
        if head in gaz.full or head in gaz.short or head in gaz.former:
            return name[n:]
    return name


def cores(mtype: str, name: str) -> set[str]:
    """The forms under which two names of one type count as the same thing."""
    out = {name}
    bare = _strip_place(name)
    if len(bare) >= 4 and mtype == "Enterprise":
        out.add(bare)  # 河北现代钢木制品有限公司 is 现代钢木制品有限公司: a company is its trade name
    # a plan, park or bureau of one place is not another's (衡水市民政局, 邢台市民政局): those
    # link to their bare names within an article only
    if mtype == "Enterprise":
        for n in list(out):
            c = LEGAL_FORM.sub("", n)
            if len(c) >= (2 if n == name else 3):  # 虎牌集团 is 虎牌; 河北远大集团 is not any 远大
                out.add(c)
    elif mtype in ("Policy", "Project"):
        for n in list(out):
            c = PROGRAMME.sub("", n)
            if len(c) >= 3:
                out.add(c)
    return out


class _UnionFind:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _label(mtype: str, names: list[str]) -> str:
    """The fullest name: the longest; for a company, one that does not start with its county."""
    gaz = gazetteer()

    def local_prefix(n: str) -> bool:
        stripped = _strip_place(n)
        head = n[:len(n) - len(stripped)]
        keys = gaz.full.get(head) or gaz.short.get(head) or []
        return stripped != n and any(gaz.places[k].level != "province" for k in keys)

    return sorted(set(names), key=lambda n: (local_prefix(n) and mtype == "Enterprise", -len(n), n))[0]


def link(corpus: Corpus) -> None:
    gaz = gazetteer()
    uf = _UnionFind()
    for doc in corpus.documents:
        for m in doc.mentions:
            if m.rule.startswith("gazetteer"):
                uf.find((m.type, "code", m.key))
                continue
            node = (m.type, "name", m.name)
            for c in sorted(cores(m.type, m.name)):
                uf.union(node, (m.type, "core", c))
    _link_within_documents(corpus, uf)
    _add_bare_cores(corpus, uf)
    _add_repeats(corpus, "Industry")

    groups: dict = {}
    for doc in corpus.documents:
        for m in doc.mentions:
            node = (m.type, "code", m.key) if m.rule.startswith("gazetteer") else (m.type, "name", m.name)
            groups.setdefault(uf.find(node), []).append(m)

    entities: dict[tuple[str, str], Entity] = {}
    for root, ms in groups.items():
        mtype = ms[0].type
        if root[1] == "code":
            place = gaz.places[root[2]]
            label, key = place.name, place.key
            ent = Entity(mtype, key, label, code=place.code, parent=place.parent)
        else:
            label = _label(mtype, [m.name for m in ms])
            key = min(cores(mtype, label), key=lambda c: (len(c), c))
            ent = Entity(mtype, key, label)
        ent.mentions = sorted(ms, key=lambda m: (m.doc_id, m.start, m.end))
        ent.aliases = {m.name for m in ms} | {m.surface for m in ms}
        if mtype == "Project":  # 饶阳县乐活小镇 is also simply 乐活小镇
            ent.aliases |= {b for b in (_strip_place(m.name) for m in ms) if len(b) >= 3}
        ent.aliases.discard(label)
        while ent.ident in entities:  # two groups with one key: keep both, keys distinct
            ent.key += "#"
        entities[ent.ident] = ent
    corpus.entities = dict(sorted(entities.items()))
    # rewrite each mention's key to its entity's, so later steps can look entities up
    by_mention = {}
    for ent in corpus.entities.values():
        for m in ent.mentions:
            by_mention[(m.doc_id, m.start, m.end, m.type)] = ent.key
    for doc in corpus.documents:
        doc.mentions = [Mention(m.doc_id, m.sentence, m.start, m.end, m.surface, m.type, m.name,
                                by_mention[(m.doc_id, m.start, m.end, m.type)], m.rule)
                        for m in doc.mentions]
    for ent in corpus.entities.values():
        ent.mentions = [Mention(m.doc_id, m.sentence, m.start, m.end, m.surface, m.type, m.name, ent.key, m.rule)
                        for m in ent.mentions]


ALIAS_DECLARED = re.compile(r"[》”]?[(（](?:以下|下文)?简称[《“]?([\u4e00-\u9fff\w+]{1,12})[》”]?[)）]")
PLAN_FILLER = re.compile(r"国民经济和社会发展|第|个五年")


def _plan_form(name: str) -> str:
    """衡水市国民经济和社会发展第十四个五年规划… and 衡水“十四五”规划… are one title."""
    return PLAN_FILLER.sub("", name.replace("十四个五年", "十四五").replace("十三个五年", "十三五"))


def _same_place_or_none(a: str, b: str) -> bool:
    gaz = gazetteer()

    def keys(n):
        head = n[:len(n) - len(_strip_place(n))]
        return set(gaz.full.get(head, []) or gaz.short.get(head, []))
    ka, kb = keys(a), keys(b)
    return not ka or not kb or bool(ka & kb)


def _link_within_documents(corpus: Corpus, uf: _UnionFind) -> None:
    """Inside one article a shortened title is the same document as the full one.

    人大代表票决制 after 民生实事项目人大代表票决制, 《纲要》 after “(以下简称《纲要》)”,
    and the two spellings of a five-year plan's title.  Only within an article:
    across articles a short title may belong to another place's document.
    """
    for doc in corpus.documents:
        for mtype in ("Policy", "Project", "Organization"):
            names = {m.name for m in doc.mentions if m.type == mtype}
            for n in sorted(names):
                bare = _strip_place(n)
                if bare != n and bare in names:  # 武邑智能安防产业园 and 智能安防产业园 in one article
                    uf.union((mtype, "name", n), (mtype, "name", bare))
        policies = sorted({m.name for m in doc.mentions if m.type == "Policy"}, key=lambda n: (-len(n), n))
        for i, long in enumerate(policies):
            for short in policies[i + 1:]:
                if len(short) >= 5 and long.endswith(short) and not _strip_place(long) == short \
                        and _same_place_or_none(long, short):
                    uf.union(("Policy", "name", short), ("Policy", "name", long))
                elif _strip_place(_plan_form(long)) == _strip_place(_plan_form(short)) \
                        and "规划" in long and _same_place_or_none(long, short):
                    uf.union(("Policy", "name", short), ("Policy", "name", long))
        _declared_aliases(doc, uf)


def _declared_aliases(doc, uf: _UnionFind) -> None:
    """《…纲要》(以下简称《纲要》): the short name and its later uses are mentions of the title."""
    taken = [(m.start, m.end) for m in doc.mentions]
    extra: list[Mention] = []
    for hit in ALIAS_DECLARED.finditer(doc.text):
        owner = next((m for m in sorted(doc.mentions, key=lambda m: -m.end)
                      if m.end <= hit.start() and hit.start() - m.end <= 1 and m.type != "Person"), None)
        if owner is None or owner.rule.startswith("gazetteer"):
            continue
        alias = hit.group(1)
        extra += _free_occurrences(doc, alias, owner.type, f"{owner.type.lower()}.declared_alias", taken)
        uf.union((owner.type, "name", alias), (owner.type, "name", owner.name))
    doc.mentions = sorted(doc.mentions + extra, key=lambda m: (m.start, m.end, m.type))


def _free_occurrences(doc, name: str, mtype: str, rule: str, taken: list[tuple[int, int]]) -> list[Mention]:
    """Mentions of ``name`` wherever the article uses it outside the spans already taken."""
    out = []
    for hit in re.finditer(re.escape(name), doc.text):
        s, e = hit.span()
        sent = doc.sentence_at(s)
        if sent is None or any(a < e and s < b for a, b in taken):
            continue
        out.append(Mention(doc.doc_id, sent.index, s, e, name, mtype, name, name, rule))
        taken.append((s, e))
    return out


def _add_bare_cores(corpus: Corpus, uf: _UnionFind) -> None:
    """Where an article names 虎牌集团, its bare 虎牌 elsewhere in the article is a mention too."""
    gaz = gazetteer()
    stop = words("industries.txt") | words("generic_names.txt")
    for doc in corpus.documents:
        taken = [(m.start, m.end) for m in doc.mentions]
        extra: list[Mention] = []
        seen_cores = set()
        for m in list(doc.mentions):
            if m.type != "Enterprise":
                continue
            core = LEGAL_FORM.sub("", _strip_place(m.name))
            if len(core) < 2 or core == m.name or core in stop or core in gaz.full or core in gaz.short \
                    or core in seen_cores:
                continue
            seen_cores.add(core)
            found = _free_occurrences(doc, core, "Enterprise", "enterprise.short_form", taken)
            extra += found
            if found:
                uf.union(("Enterprise", "name", core), ("Enterprise", "name", m.name))
        doc.mentions = sorted(doc.mentions + extra, key=lambda m: (m.start, m.end, m.type))


def _add_repeats(corpus: Corpus, mtype: str) -> None:
    """Once an article treats 金属橱柜 as an industry, its other uses of the name are mentions too."""
    for doc in corpus.documents:
        names = sorted({m.name for m in doc.mentions if m.type == mtype and len(m.name) >= 2}, key=len, reverse=True)
        spans = [(m.start, m.end, m.type) for m in doc.mentions]
        extra = []
        for name in names:
            for hit in re.finditer(re.escape(name), doc.text):
                s, e = hit.span()
                if any(a < e and s < b and not (t in ("Policy", "Project", "County", "City") and a <= s and e <= b)
                       for a, b, t in spans):
                    continue
                if any(a <= s and e <= b and t in ("County", "City") for a, b, t in spans):
                    continue
                sent = doc.sentence_at(s)
                if sent is None:
                    continue
                extra.append(Mention(doc.doc_id, sent.index, s, e, name, mtype, name, name, f"{mtype.lower()}.repeat"))
                spans.append((s, e, mtype))
        doc.mentions = sorted(doc.mentions + extra, key=lambda m: (m.start, m.end, m.type))
