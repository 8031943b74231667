"""What the graph knows about one entity, with the sentence behind every relation.

This is how a user checks why something was extracted: each relation is
listed with its evidence sentences, source articles and the rule that fired.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from .errors import HsgraphError, printable
from .rdf.namespace import ENTITY_TYPES, HS, RELATIONS


@dataclass(frozen=True)
class Statement:
    direction: str      # "out" (entity is the subject) or "in"
    relation: str
    other: str          # the other end's label
    other_type: str
    evidence: tuple[tuple[str, str, str, str], ...]   # (article, sentence, rule, confidence)


@dataclass
class Explanation:
    iri: str
    type: str
    label: str
    aliases: list[str]
    articles: list[str]
    statements: list[Statement] = field(default_factory=list)
    figures: list[tuple[str, str, str, str]] = field(default_factory=list)   # measure, text, value unit, article


def _type(g: Graph, node) -> str:
    for t in sorted(g.objects(node, RDF.type)):
        name = str(t).rsplit("#", 1)[-1]
        if name in ENTITY_TYPES:
            return name
    return "?"


def find_entities(g: Graph, name: str) -> list[URIRef]:
    hits = set()
    for prop in (RDFS.label, SKOS.altLabel):
        for s in g.subjects(prop, None):
            if any(str(o) == name for o in g.objects(s, prop)) and _type(g, s) != "?":
                hits.add(s)
    return sorted(hits)


def explain(g: Graph, name: str) -> list[Explanation]:
    nodes = find_entities(g, name)
    if not nodes:
        import difflib
        labels = sorted({str(o) for o in g.objects(None, RDFS.label)})
        close = difflib.get_close_matches(name, labels, n=5, cutoff=0.4)
        hint = f"; close names: {', '.join(close)}" if close else ""
        raise HsgraphError(f"no entity named {name!r}{hint}")
    return [_explain_node(g, n) for n in nodes]


def _article_id(g: Graph, a) -> str:
    return str(g.value(a, DCTERMS.identifier) or a)


def _evidence(g: Graph, s, p, o) -> tuple:
    out = []
    for ev in g.subjects(RDF.subject, s):
        if g.value(ev, RDF.predicate) == p and g.value(ev, RDF.object) == o:
            out.append((_article_id(g, g.value(ev, HS.source)), str(g.value(ev, HS.sentence) or ""),
                        str(g.value(ev, HS.rule) or ""), str(g.value(ev, HS.confidence) or "")))
    return tuple(sorted(out))


def _explain_node(g: Graph, node) -> Explanation:
    label = str(g.value(node, RDFS.label) or node)
    ex = Explanation(str(node), _type(g, node), label,
                     sorted(str(a) for a in g.objects(node, SKOS.altLabel)),
                     sorted(_article_id(g, a) for a in g.objects(node, HS.mentionedIn)))
    for rel in RELATIONS:
        p = HS[rel]
        for o in g.objects(node, p):
            ex.statements.append(Statement("out", rel, str(g.value(o, RDFS.label) or o), _type(g, o),
                                           _evidence(g, node, p, o)))
        for s in g.subjects(p, node):
            ex.statements.append(Statement("in", rel, str(g.value(s, RDFS.label) or s), _type(g, s),
                                           _evidence(g, s, p, node)))
    ex.statements.sort(key=lambda st: (st.relation, st.direction, st.other))
    for f in g.objects(node, HS.figure):
        ex.figures.append((str(g.value(f, HS.measure)), str(g.value(f, HS.quantityText)),
                           f"{g.value(f, HS.value)} {g.value(f, HS.unit)}", _article_id(g, g.value(f, HS.source))))
    ex.figures.sort()
    return ex


def render(ex: Explanation) -> str:
    lines = [f"{ex.label}  ({ex.type})  <{ex.iri}>"]
    if ex.aliases:
        lines.append(f"  also: {', '.join(ex.aliases)}")
    lines.append(f"  mentioned in: {', '.join(ex.articles) or '-'}")
    for st in ex.statements:
        arrow = f"{st.relation} → {st.other}" if st.direction == "out" else f"{st.other} → {st.relation} → this"
        lines.append(f"  {arrow}  ({st.other_type})")
        if not st.evidence:
            lines.append("      (background knowledge: the national division gazetteer)")
        for art, sentence, rule, conf in st.evidence:
            lines.append(f"      [{art}] rule {rule}, confidence {conf}")
            lines.append(f"      “{sentence}”")
    for measure, text, value, art in ex.figures:
        lines.append(f"  figure {measure}: {text} = {value}  [{art}]")
    # article text reaches the terminal here: its escape sequences and BELs are shown, not obeyed
    return "\n".join(printable(line, keep_newlines=False) for line in lines)
