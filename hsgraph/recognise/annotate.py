"""Run every recogniser over a document and turn the surviving candidates into mentions."""
from __future__ import annotations

import re
import unicodedata

from dataclasses import dataclass

from ..model import Document, Mention
from .gazetteer import gazetteer
from .statistical import statistical_candidates
from .typer import default_typer
from .variants import (bracket_variants, owner_variants, policy_candidates, sector_list_candidates,
                       trim_names)
from .resolve import filter_spans
from .rules import (Candidate, brand_candidates, enumeration_candidates, industry_candidates,
                    institute_candidates, person_candidates, plan_candidates, quoted_policies,
                    settlement_candidates, suffix_candidates)
from .tokenise import tokens

PRIMARY = ("Enterprise", "Organization", "Project", "Policy", "Town", "Village", "Person")
# an industry named inside one of these is still a mention of the industry
INDUSTRY_HOSTS = ("Policy", "Project")


def _clean(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


@dataclass
class Candidates:
    """Everything the recognisers propose for one document, before any choice is made."""
    places: list
    primary: list[Candidate]
    industries: list[Candidate]
    statistical: list[Candidate]
    tokens: dict[int, list]      # sentence index -> jieba tokens


def candidates(doc: Document) -> Candidates:
    gaz = gazetteer()
    places = gaz.find(doc.text)
    primary: list[Candidate] = []
    industries: list[Candidate] = []
    toks_of: dict[int, list] = {}
    for sent in doc.sentences:
        toks = toks_of[sent.index] = tokens(sent.text)
        found: list[Candidate] = []
        found += suffix_candidates(sent.text, toks)
        found += quoted_policies(sent.text)
        found += plan_candidates(sent.text, toks)
        found += institute_candidates(sent.text, toks)
        found += settlement_candidates(sent.text, toks)
        found += person_candidates(sent.text, toks)
        found += enumeration_candidates(sent.text, toks)
        found += brand_candidates(sent.text, toks)
        primary += [_shift(c, sent.start) for c in found]
        ends = frozenset(m.end - sent.start for m in places if sent.start < m.end <= sent.end)
        industries += [_shift(c, sent.start) for c in industry_candidates(sent.text, toks, ends)]
        industries += sector_list_candidates(doc.text, sent.start, sent.end)
        primary += policy_candidates(doc.text, sent.start, sent.end)
    statistical = _strip_local_prefix(trim_names(statistical_candidates(doc, places), doc, toks_of), places)
    primary = _strip_local_prefix(trim_names(primary, doc, toks_of), places)
    named = primary + statistical
    primary += bracket_variants(doc.text, named)
    primary += owner_variants(doc.text, primary + statistical)
    return Candidates(places, _unique(primary), _unique(industries), statistical, toks_of)


def _unique(cands: list[Candidate]) -> list[Candidate]:
    seen, out = set(), []
    for c in cands:
        key = (c.start, c.end, c.type, c.name)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _shift(c: Candidate, by: int) -> Candidate:
    return Candidate(c.start + by, c.end + by, c.type, c.name, c.rule, c.priority)


def recognise(doc: Document, typer=None) -> list[Mention]:
    cands = candidates(doc)
    typer = typer or default_typer()
    places = cands.places
    place_cands = [Candidate(m.start, m.end, m.place.type, m.place.name, f"gazetteer.{m.form}", 3)
                   for m in places]
    place_by_span = {(m.start, m.end): m for m in places}
    kept = typer.choose(doc, cands, cands.primary + cands.statistical + cands.industries)
    primary = [c for c in kept if c.type != "Industry"]
    industries = [c for c in kept if c.type == "Industry"]

    primary = _settlements_in_place(primary, places, doc.text)
    chosen = filter_spans(primary + place_cands)
    spans = [(c.start, c.end, c.type) for c in chosen]
    # places nested in a longer name are mentions too
    # towns inside an organisation's name, companies and bodies at the head of a project's name
    nestable = place_cands + [c for c in primary if c.type == "Town"]
    hosts = {"Town": None, "Enterprise": ("Project",), "Organization": ("Project",)}
    nestable += [c for c in primary if c.type in ("Enterprise", "Organization")]
    for c in filter_spans([c for c in nestable if c not in chosen]) + [c for c in place_cands if c not in chosen]:
        allowed = hosts.get(c.type)
        inside = [(s, e, t) for s, e, t in spans if s <= c.start and c.end <= e and (s, e) != (c.start, c.end)]
        if _province_at_head(c, inside, place_by_span):
            continue
        if inside and c not in chosen and (allowed is None or all(t in allowed for _, _, t in inside)):
            chosen.append(c)
    chosen = _split_owner(chosen, places)
    spans = [(c.start, c.end, c.type) for c in chosen]
    for c in filter_spans(industries):
        crossing = any(c.start < e and s < c.end and not (s <= c.start and c.end <= e) for s, e, _ in spans)
        inside = [t for s, e, t in spans if s <= c.start and c.end <= e]
        if crossing or (inside and not all(t in INDUSTRY_HOSTS for t in inside)):
            continue
        chosen.append(c)

    mentions = []
    for c in sorted(chosen, key=lambda c: (c.start, c.end, c.type)):
        sent = doc.sentence_at(c.start)
        if sent is None:
            continue
        surface = doc.text[c.start:c.end]
        pm = place_by_span.get((c.start, c.end)) if c.rule.startswith("gazetteer") else None
        key = pm.place.key if pm else _clean(c.name)
        mentions.append(Mention(doc.doc_id, sent.index, c.start, c.end, surface, c.type,
                                _clean(c.name), key, c.rule))
    return mentions


def _province_at_head(c: Candidate, hosts, place_by_span) -> bool:
    """The 河北 of 河北现代钢木制品有限公司 is part of the registered name, not a mention of 河北省."""
    pm = place_by_span.get((c.start, c.end))
    return (pm is not None and pm.place.level == "province"
            and any(s == c.start and t in ("Enterprise", "Organization", "Project") for s, _, t in hosts))


OWNER_FORM = re.compile(r"(?:集团|公司)$")


def _split_owner(chosen: list[Candidate], places) -> list[Candidate]:
    """景县河北远大集团新型环卫车辆生产线: the group's 新型环卫车辆生产线, in 景县.

    A place, then a registered company (…集团, …公司), then the works: the
    address and the owner are not the project's name.  A name that starts with
    the company itself (X有限公司年产5万吨Y项目) is the project's full name."""
    place_spans = {(m.start, m.end) for m in places}
    owners = [c for c in chosen if c.type == "Enterprise" and OWNER_FORM.search(c.name)]
    out = []
    for c in chosen:
        if c.type == "Project":
            for o in owners:
                head = (c.start, o.start)
                if c.start < o.start and o.end <= c.end - 4 and head in place_spans:
                    c = Candidate(o.end, c.end, c.type, c.name[o.end - c.start:], c.rule, c.priority)
                    break
        out.append(c)
    return out


def _strip_local_prefix(cands: list[Candidate], places) -> list[Candidate]:
    """武邑县河北现代钢木制品有限公司 names the company 河北现代钢木制品有限公司 in 武邑县.

    A county or city written in full before a company's name is its address.
    A short form (安平大红门食品有限公司) is part of the name, unless the rest
    starts with a province (深州河北瑞丰科技有限公司): a registered name starts
    with one region only.
    """
    province_at = {m.start for m in places if m.place.level == "province"}
    local = {m.start: m.end for m in places if m.place.level not in ("province",)
             and (m.form == "full" or m.end in province_at)}
    out = []
    for c in cands:
        end = local.get(c.start)
        while c.type == "Enterprise" and end is not None and c.end - end >= 4:
            c = Candidate(end, c.end, c.type, c.name[end - c.start:], c.rule, c.priority)
            end = local.get(c.start)
        out.append(c)
    return out


SITED = re.compile(r"(?:位于|坐落在|坐落于|落户|落户在|地处|来到|走进|在)$")


def _settlements_in_place(cands: list[Candidate], places, text: str) -> list[Candidate]:
    """A town or village name counts where the text places it: 饶阳县王同岳镇, 王同岳镇张庄村."""
    ends = {m.end for m in places} | {c.end for c in cands if c.type == "Town"}
    # 位于天子湖镇, 落户在王庄村: a location verb places a settlement as well as a county does
    ends |= {c.start for c in cands if c.type in ("Town", "Village") and SITED.search(text[max(0, c.start - 3):c.start])}
    out = []
    for c in cands:
        if c.rule.startswith("lac."):
            out.append(c)  # the statistical model read the context already
            continue
        if c.type == "Town" and c.start not in ends:
            continue
        if c.type == "Village" and c.start not in ends and not c.rule.endswith("typical"):
            continue
        out.append(c)
    return out
