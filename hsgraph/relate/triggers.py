"""Relations stated in a sentence, found by typed trigger patterns (``data/triggers.tsv``).

Co-occurrence alone states nothing: every rule needs either a fixed
construction (a place written before a name, 安平丝网) or a trigger word of
its relation in the clause.  Each relation carries the sentence, its offsets,
the rule and a confidence as evidence.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..model import Corpus, Document, Evidence, Mention, Relation, Sentence
from ..recognise.data import table
from .context import ANAPHORA, resolve_anaphor, story_focus
from .lists import list_groups, spread

CLAUSE = re.compile(r"[^，,；;：:]+")
# verbs by which a story's county or city builds a project it does not name in the sentence
BUILD = re.compile(r"建成|建设|开工|竣工|投产|打造|完成|改造|推进|加快|实施|通车|开业|启用")
PLACE_TYPES = ("County", "City")
LOCATABLE = ("Enterprise", "Project", "Organization", "Town", "Village")
ACTORS = ("Enterprise", "Organization")


@functools.lru_cache(maxsize=1)
def triggers() -> dict[str, tuple[str, float, re.Pattern]]:
    return {r["rule"]: (r["relation"], float(r["confidence"]), re.compile(r["pattern"]))
            for r in table("triggers.tsv")}


def _trigger(rule: str, text: str) -> re.Match | None:
    return triggers()[rule][2].search(text)


def _conf(rule: str) -> float:
    return triggers()[rule][1]


class _Collector:
    def __init__(self, doc: Document, sent: Sentence):
        self.doc, self.sent, self.out = doc, sent, []

    def add(self, s: Mention, pred: str, o: Mention, rule: str, conf: float):
        if (s.type, s.key) == (o.type, o.key):
            return
        ev = Evidence(self.doc.doc_id, self.sent.index, self.sent.start, self.sent.end,
                      self.sent.original, rule, conf)
        self.out.append(Relation((s.type, s.key), pred, (o.type, o.key), ev))


def _clauses(sent: Sentence) -> list[tuple[int, int]]:
    return [(m.start() + sent.start, m.end() + sent.start) for m in CLAUSE.finditer(sent.text)]


def _actor_place(doc: Document, ms: list[Mention], before: int, lo: int) -> Mention | None:
    """The county or city acting in a clause: the last one named before ``before``, or 该县/该市."""
    text = doc.text
    cand = [m for m in ms if m.type in PLACE_TYPES and lo <= m.start < before and not _nested(m, ms)]
    ana = [a for a in ANAPHORA.finditer(text, lo, before)]
    if ana and (not cand or ana[-1].start() > cand[-1].start):
        return resolve_anaphor(doc, ana[-1].group(), ana[-1].start())
    return cand[-1] if cand else None


CROSS_COUNTRY = re.compile(r"(?:高铁|城际铁路|铁路|高速公路|高速|国道|省道|运河|文化带)$")
CLAUSE_START = set("，,；;：:。！？!?")


def _subject_place(doc: Document, ms: list[Mention], before: int, lo: int) -> Mention | None:
    """The county or city that a clause of the sentence starts with: 阜城县…先后建成…公园.

    A place named in passing (借助北京的技术, 雄安新区建设、…) is no subject."""
    place = _actor_place(doc, ms, before, lo)
    if place is None:
        return None
    ana = [a for a in ANAPHORA.finditer(doc.text, lo, before)]
    start = ana[-1].start() if ana and (place.start < lo or ana[-1].start() > place.start) else place.start
    prev = doc.text[start - 1] if start > lo else "，"
    return place if prev in CLAUSE_START else None


SETTLE = re.compile(r"入驻|进驻|落户|入园|签约落地")


def moved_into_previous_project(doc: Document, sent: Sentence, ms: list[Mention],
                                by_sent: dict[int, list[Mention]]) -> Iterator[Relation]:
    """…e裳小镇项目已开工建设，A、B等企业签约入驻 / 在衡水创新港,…。A、B等企业成功入驻:
    companies moving into the park just named.

    The park is the last project of an earlier clause of the sentence; where
    the sentence names no project or place, the last one of the two sentences before."""
    trig = SETTLE.search(sent.text)
    if trig is None:
        return
    top = [m for m in ms if not _nested(m, ms)]
    actors = [m for m in top if m.type in ACTORS and m.start < sent.start + trig.start()]
    if not actors:
        return
    first = actors[0].start
    same = [m for m in top if m.type == "Project" and m.end <= first and re.search(r"[，,；;]", doc.text[m.end:first])]
    if same:
        target = same[-1]
    elif any(m.type in ("Project",) + PLACE_TYPES for m in top):
        return
    else:
        before = sorted((s for s in doc.sentences if s.end <= sent.start), key=lambda s: s.end)[-2:]
        earlier = [m for s in before for m in by_sent.get(s.index, []) if m.type == "Project" and m.end <= sent.start]
        if not earlier:
            return
        target = max(earlier, key=lambda m: m.start)
    col = _Collector(doc, sent)
    for a in actors:
        if a.start > target.end:
            col.add(a, "involvedIn", target, "involved.context", 0.5)
    yield from col.out


def county_companies(doc: Document, sent: Sentence, ms: list[Mention]) -> Iterator[Relation]:
    """In a story about one county, 已培育奥笛柜业、道远环保科技等规模以上企业: the county's companies.

    Only where the sentence names no place itself and the story is about a
    county (a city's report names companies from everywhere); partners in a
    cooperation (与天猫、京东合作) are not the county's."""
    top = [m for m in ms if not _nested(m, ms)]
    if any(m.type in PLACE_TYPES for m in top) or not OWN_COMPANIES.search(sent.text):
        return
    focus = story_focus(doc, sent.start)
    if focus is None or focus.type != "County":
        return
    partners = _partner_spans(sent)
    col = _Collector(doc, sent)
    for e in top:
        if e.type == "Enterprise" and not _inside(e, partners):
            col.add(e, "locatedIn", focus, "located.county_story", 0.4)
    yield from col.out


OWN_COMPANIES = re.compile(r"培育|拥有|龙头|骨干|规模以上|规上|本地|当地|县内|县域|全县|该县")


def section_locations(doc: Document, sent: Sentence, ms: list[Mention]) -> Iterator[Relation]:
    """京德高速衡水段: the stretch of a road or railway in a place."""
    col = _Collector(doc, sent)
    for p in ms:
        if p.type != "Project":
            continue
        place = next((m for m in ms if m.type in PLACE_TYPES and m.start == p.end), None)
        if place is not None and doc.text.startswith("段", place.end):
            col.add(p, "locatedIn", place, "located.section", 0.8)
    yield from col.out


# 列入…国家综合创新试点: a place taking part in someone else's programme did not issue it
JOINED = re.compile(r"列入|入选|获批|纳入|成为|获评|跻身")
BRANCH = re.compile(r"(?:分局|分院|分公司|支行|分行|分校|分中心)$")
LOCAL_ANAPHORA = re.compile(r"该村|该镇|该乡|全村|全镇|全乡|本村|[村镇乡]里")
LEADING_INDUSTRIES = re.compile(r"主导产业|特色产业|支柱产业|优势产业|首位产业|产业体系|千亿级|战略性新兴产业")


def _province(p: Mention) -> bool:
    from ..recognise.gazetteer import gazetteer
    place = gazetteer().places.get(p.key)
    return place is not None and place.level == "province"


def _anaphor_before(doc: Document, lo: int, hi: int) -> bool:
    return ANAPHORA.search(doc.text, lo, hi) is not None


def _nested(m: Mention, ms: list[Mention]) -> bool:
    return any(o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
               for o in ms)


def _head_place(m: Mention, places: list[Mention]) -> Mention | None:
    """The most specific place in the chain a name starts with: 雄安-故城产业生态城 → 故城."""
    pos, last = m.start, None
    while True:
        nxt = [p for p in places if p.start in (pos, pos + 1) and p.end < m.end and p is not m
               and (p.start == pos or doc_joiner(p, pos))]
        if not nxt:
            break
        last = max(nxt, key=lambda p: p.end)
        pos = last.end
    if last is None or m.type == "Town" or (m.type == "Enterprise" and last.name.endswith("省")):
        return None
    return last


def doc_joiner(p: Mention, pos: int) -> bool:
    return p.start == pos + 1  # one joining character (-, ·, 、) between two places


def sentence_relations(doc: Document, sent: Sentence, ms: list[Mention]) -> Iterator[Relation]:
    col = _Collector(doc, sent)
    text = doc.text
    top = [m for m in ms if not _nested(m, ms)]
    # 1. a place written right before (or at the head of) a name: 武邑县河北现代…公司, 故城县西半屯镇卫生院
    places = [p for p in ms if p.type in PLACE_TYPES + ("Town",)]
    for m in ms:
        if m.type not in LOCATABLE:
            continue
        before = [p for p in places if p.end == m.start and p is not m]
        if before and not (m.type == "Village" and before[-1].type == "City"):
            if not _province(before[-1]):
                col.add(m, "locatedIn", before[-1], "located.prefix", 0.9)
            continue
        branch = [p for p in places if p.type == "County" and m.start < p.start and p.end < m.end] \
            if BRANCH.search(m.name) else []
        if branch:  # 衡水市公安局滨湖新区分局: the branch is in the district it names
            col.add(m, "locatedIn", branch[-1], "located.branch", 0.85)
            continue
        head = next((e for e in ms if e.type in ACTORS and e.start == m.start and e.end < m.end), None) \
            if m.type == "Project" else None
        if head is not None:  # 远航药业现代中药产业化项目: a company at the head of a project's name runs it
            col.add(head, "involvedIn", m, "involved.head", 0.85)
        owner = next((e for e in ms if e.type == "Enterprise" and e.end == m.start), None) \
            if m.type == "Project" else None
        if owner is not None:  # 景县河北远大集团新型环卫车辆生产线: the group's line, where the group is
            col.add(owner, "involvedIn", m, "involved.owner", 0.8)
            at = [p for p in places if p.end == owner.start and not _province(p)]
            if at:
                col.add(m, "locatedIn", at[-1], "located.prefix", 0.85)
                continue
        head = _head_place(m, places)
        if head is not None and not _province(head):  # 河北大学, 河北远大集团: a province names, it does not place
            col.add(m, "locatedIn", head, "located.prefix", 0.85)
    # 2. place + industry compound: 安平丝网, 武邑金属橱柜
    for i in ms:
        if i.type != "Industry":
            continue
        for p in ms:
            if p.type in PLACE_TYPES and p.end == i.start:
                col.add(p, "hasIndustry", i, "industry.compound", 0.85)
    for lo, hi in _clauses(sent):
        cms = [m for m in top if lo <= m.start < hi]
        clause = text[lo:hi]
        inds = [m for m in ms if m.type == "Industry" and lo <= m.start < hi]
        # 3. trigger words between a name and a place: X位于P, X落户P, 在P建设X
        if _trigger("located.trigger", clause):
            t = lo + _trigger("located.trigger", clause).start()
            subj = [m for m in cms if m.type in LOCATABLE and m.start < t]
            obj = [m for m in cms if m.type in PLACE_TYPES + ("Town",) and m.start > t]
            if subj and obj:
                col.add(subj[-1], "locatedIn", obj[0], "located.trigger", _conf("located.trigger"))
            else:  # 位于衡水市枣强县经济开发区的河北省复合材料产业技术研究院
                named = [m for m in ms if m.type in PLACE_TYPES and m.start > t and m.start < hi]
                de = text.find("的", t, hi)
                inner = [p for p in named if p.end <= de] if de >= 0 else []
                after = [m for m in cms if m.type in LOCATABLE and m.start == de + 1]
                if inner and after:
                    where = max(inner, key=lambda p: (p.type == "County", p.end))
                    col.add(after[0], "locatedIn", where, "located.trigger", _conf("located.trigger"))
        at = _trigger("located.at", clause)
        if at:
            places = [m for m in cms if m.type in PLACE_TYPES and lo + at.start() <= m.start < lo + at.end()]
            for x in (m for m in cms if m.type in ("Project", "Enterprise") and m.start >= lo + at.end() - 2):
                if places:
                    col.add(x, "locatedIn", places[0], "located.at", _conf("located.at"))
        # 4. a county or city that has an industry: 特色产业, 主导产业, …基地
        if inds and _trigger("industry.trigger", clause):
            # places written right before an industry have theirs already (安平丝网、武强乐器)
            compound = {p.end for p in ms if p.type in PLACE_TYPES} & {i.start for i in ms if i.type == "Industry"}
            free = [m for m in ms if not (m.type in PLACE_TYPES and m.end in compound)]
            for i in inds:
                if i.start in compound:
                    continue
                actor = _actor_place(doc, free, i.start, sent.start)
                if actor is not None:
                    col.add(actor, "hasIndustry", i, "industry.trigger", _conf("industry.trigger"))
            # 先进装备制造、新材料…三大主导产业 with no place in the sentence: the story's place
            if LEADING_INDUSTRIES.search(clause) and not any(m.type in PLACE_TYPES for m in ms) \
                    and not _anaphor_before(doc, sent.start, hi) and not LOCAL_ANAPHORA.search(doc.text, sent.start, hi):
                focus = story_focus(doc, sent.start)
                for i in inds:
                    if focus is not None and i.start not in compound:
                        col.add(focus, "hasIndustry", i, "industry.story", 0.5)
        # 5. an enterprise in an industry
        ents = [m for m in cms if m.type == "Enterprise"]
        if ents and inds and _trigger("enterprise.trigger", clause):
            for e in ents:
                for i in inds:
                    col.add(e, "inIndustry", i, "enterprise.trigger", _conf("enterprise.trigger"))
        # 6. who issued a policy: 出台, 印发, 实施 … with the county, city or body acting
        pols = [m for m in cms if m.type == "Policy"]
        trig = _trigger("issued.trigger", clause) or _trigger("issued.trigger", text[sent.start:lo])
        if pols and trig:
            orgs = [m for m in ms if m.type == "Organization" and m.start < pols[0].start and not _nested(m, ms)]
            actor = _actor_place(doc, ms, pols[0].start, sent.start)
            if orgs and (actor is None or orgs[-1].start > actor.start):
                actor = orgs[-1]
            rule, conf = "issued.trigger", _conf("issued.trigger")
            if actor is None:
                actor, rule, conf = story_focus(doc, sent.start), "issued.story", 0.5
            if actor is not None:
                for p in pols:
                    if not JOINED.search(text, max(lo, p.start - 12), p.start):
                        col.add(p, "issuedBy", actor, rule, conf)
        # 7. the industry a policy targets
        if pols and inds and _trigger("targets.trigger", clause):
            for p in pols:
                for i in inds:
                    col.add(p, "targetsIndustry", i, "targets.trigger", _conf("targets.trigger"))
        # 8. who builds, invests in or runs a project
        projs = [m for m in cms if m.type == "Project"]
        actors = [m for m in cms if m.type in ACTORS]
        if projs and actors and _trigger("involved.trigger", clause):
            for a in actors:
                for p in projs:
                    col.add(a, "involvedIn", p, "involved.trigger", _conf("involved.trigger"))
    # 9. an industry named inside a policy's name: 金属橱柜产业集群…实施方案
    for p in ms:
        if p.type != "Policy":
            continue
        for i in ms:
            if i.type == "Industry" and p.start <= i.start and i.end <= p.end:
                col.add(p, "targetsIndustry", i, "targets.in_name", 0.8)
    # 10. a project named after who runs it: 以岭药业现代中药产业化, 衡水学院滨湖新校区
    from ..link import cores
    actors_named = {}
    for a in doc.mentions:
        if a.type in ACTORS:
            for name in cores(a.type, a.name):
                if len(name) >= 2:
                    actors_named.setdefault(name, a)
    for p in ms:
        if p.type != "Project":
            continue
        for name, a in sorted(actors_named.items()):
            if p.name.startswith(name) and len(p.name) > len(name):
                col.add(a, "involvedIn", p, "involved.in_name", 0.85)
    # 11. cooperation: A与B合作, A、B与C联合
    coop = _trigger("cooperate.trigger", sent.text)
    if coop:
        actors = [m for m in top if m.type in ACTORS and m.start < sent.start + coop.start()]
        link = [w.start() + sent.start for w in re.finditer(r"与|和|同|跟", sent.text)]
        for i, a in enumerate(actors):
            for b in actors[i + 1:]:
                if any(a.end <= w < b.start for w in link):
                    col.add(a, "cooperatesWith", b, "cooperate.trigger", _conf("cooperate.trigger"))
    yield from col.out


def clause_subject_locations(doc: Document, sent: Sentence, ms: list[Mention]) -> Iterator[Relation]:
    """衡水市完成人民公园改造提升: a project in a clause whose subject is a county or city."""
    col = _Collector(doc, sent)
    top = [m for m in ms if not _nested(m, ms)]
    for lo, hi in _clauses(sent):
        projs = [m for m in top if m.type == "Project" and lo <= m.start < hi]
        if not projs:
            continue
        actor, rule, conf = _subject_place(doc, ms, projs[0].start, sent.start), "located.subject", 0.5
        if actor is None and BUILD.search(doc.text, lo, hi):
            actor, rule, conf = story_focus(doc, sent.start), "located.story", 0.4
        if actor is None:
            continue
        for p in projs:
            if CROSS_COUNTRY.search(p.name):
                continue  # 雄商高铁 runs through many places: the story's city is not where it is
            if not any(r.subject == (p.type, p.key) and r.predicate == "locatedIn" for r in col.out):
                col.add(p, "locatedIn", actor, rule, conf)
    yield from col.out


# 与天猫、京东等主流电商进行战略合作: partners of the story's companies, not makers in its industry
PARTNER_SPAN = re.compile(r"[与同和][^，。；,;]{1,40}?(?:合作|对接|签约)")


def _partner_spans(sent: Sentence) -> list[tuple[int, int]]:
    return [(sent.start + m.start(), sent.start + m.end()) for m in PARTNER_SPAN.finditer(sent.text)]


def _inside(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(a <= m.start < b for a, b in spans)


def story_industries(doc: Document, sent: Sentence, ms: list[Mention]) -> Iterator[Relation]:
    """A company in a story headlined by an industry (…促进金属橱柜产业升级) works in it."""
    story = next((s for s in doc.stories if s.start <= sent.start < s.end), None)
    if story is None or not story.title:
        return
    head_end = story.start + len(story.title)
    inds = [m for m in doc.mentions if m.type == "Industry" and story.start <= m.start < head_end]
    if not inds or sent.start < head_end:
        return
    col = _Collector(doc, sent)
    partners = _partner_spans(sent)
    if _trigger("enterprise.trigger", sent.text):
        for e in ms:
            if e.type == "Enterprise" and not _inside(e, partners):
                for i in inds:
                    col.add(e, "inIndustry", i, "enterprise.story", 0.5)
    yield from col.out


def extract_relations(doc: Document, corpus: Corpus, classifier=None) -> list[Relation]:
    """Rule relations per sentence, the pairs the classifier adds, and their list mates."""
    from .pairs import default_classifier
    classifier = classifier or default_classifier()
    by_sent: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        by_sent.setdefault(m.sentence, []).append(m)
    out: list[Relation] = []
    for sent in doc.sentences:
        ms = sorted(by_sent.get(sent.index, []), key=lambda m: (m.start, -m.end))
        if len(ms) < 1:
            continue
        rels = list(sentence_relations(doc, sent, ms))
        rels += list(section_locations(doc, sent, ms))
        rels += list(moved_into_previous_project(doc, sent, ms, by_sent))
        located = {r.subject for r in rels if r.predicate == "locatedIn"}
        rels += [r for r in clause_subject_locations(doc, sent, ms) if r.subject not in located]
        rels += [r for r in county_companies(doc, sent, ms) if r.subject not in located]
        stated = {(r.subject, r.predicate) for r in rels}
        rels += [r for r in story_industries(doc, sent, ms) if (r.subject, r.predicate) not in stated]
        rels += classifier.relations(doc, sent, ms, rels)
        out.extend(rels)
        out.extend(spread([r for r in rels if r.evidence is not None and r.evidence.sentence == sent.index],
                          list_groups(doc.text, ms)))
    return out
