"""Turn a linked corpus into an rdflib graph that meets the graph contract.

Every node has an IRI (no blank nodes) derived from what it is, so the same
input gives byte-identical Turtle: regions by division code, other entities
by a hash of type and linking key, evidence by a hash of the fact and where
it is stated.
"""
from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..model import Corpus, Entity, Evidence, Figure, Mention
from .namespace import BASE, HS, PREFIXES

ZH = "zh"


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def entity_iri(ent_type: str, key: str, code: str | None = None) -> URIRef:
    if code and ent_type in ("County", "City"):
        return URIRef(f"{BASE}id/region/{code}")
    return URIRef(f"{BASE}id/{ent_type.lower()}/{_digest(ent_type, key)}")


def article_iri(doc_id: str) -> URIRef:
    return URIRef(f"{BASE}id/article/{_digest(doc_id)}")


class GraphBuilder:
    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.g = Graph()
        for prefix, ns in PREFIXES.items():
            self.g.bind(prefix, ns)
        self.g.bind("hsid", BASE + "id/")
        self.iris = {ident: entity_iri(e.type, e.key, e.code) for ident, e in corpus.entities.items()}

    def build(self) -> Graph:
        for doc in self.corpus.documents:
            self._article(doc)
        for ent in self.corpus.entities.values():
            self._entity(ent)
        # one evidence node per fact and sentence: where two rules agree, the surer one speaks
        best: dict[tuple, tuple] = {}
        for rel in self.corpus.relations:
            s, o = self.iris[rel.subject], self.iris[rel.object]
            p = HS[rel.predicate]
            self.g.add((s, p, o))
            ev = rel.evidence
            if ev is not None:
                key = (s, p, o, ev.doc_id, ev.start, ev.end)
                if key not in best or (ev.confidence, ev.rule) > (best[key].confidence, best[key].rule):
                    best[key] = ev
        for (s, p, o, *_), ev in best.items():
            self._evidence(s, p, o, ev)
        for fig in self.corpus.figures:
            self._figure(fig)
        return self.g

    def _article(self, doc) -> None:
        a = article_iri(doc.doc_id)
        g = self.g
        g.add((a, RDF.type, HS.Article))
        g.add((a, DCTERMS.identifier, Literal(doc.doc_id)))
        if doc.title:
            g.add((a, DCTERMS.title, Literal(doc.title, lang=ZH)))
        for name in doc.creators:
            g.add((a, DCTERMS.creator, Literal(name)))
        if doc.publisher:
            g.add((a, DCTERMS.publisher, Literal(doc.publisher)))

    def _entity(self, ent: Entity) -> None:
        g, e = self.g, self.iris[ent.ident]
        g.add((e, RDF.type, HS[ent.type]))
        g.add((e, RDFS.label, Literal(ent.label, lang=ZH)))
        for alias in sorted(ent.aliases):
            g.add((e, SKOS.altLabel, Literal(alias, lang=ZH)))
        if ent.code:
            g.add((e, HS.divisionCode, Literal(ent.code)))
        for m in ent.mentions:
            g.add((e, HS.mentionedIn, article_iri(m.doc_id)))
            self._mention(e, m)

    def _mention(self, e: URIRef, m: Mention) -> None:
        g = self.g
        node = URIRef(f"{BASE}id/mention/{_digest(m.doc_id, str(m.start), str(m.end), m.type)}")
        g.add((node, RDF.type, HS.Mention))
        g.add((node, HS.mentionOf, e))
        g.add((node, HS.source, article_iri(m.doc_id)))
        g.add((node, HS.surface, Literal(m.surface)))
        g.add((node, HS.startOffset, Literal(m.start)))
        g.add((node, HS.endOffset, Literal(m.end)))
        g.add((node, HS.rule, Literal(m.rule)))

    def _provenance(self, node: URIRef, ev: Evidence) -> None:
        g = self.g
        g.add((node, HS.source, article_iri(ev.doc_id)))
        g.add((node, HS.sentence, Literal(ev.text)))
        g.add((node, HS.startOffset, Literal(ev.start)))
        g.add((node, HS.endOffset, Literal(ev.end)))
        g.add((node, HS.rule, Literal(ev.rule)))
        g.add((node, HS.confidence, Literal(Decimal(str(round(ev.confidence, 2))), datatype=XSD.decimal)))

    def _evidence(self, s, p, o, ev: Evidence) -> None:
        node = URIRef(f"{BASE}id/evidence/{_digest(str(s), str(p), str(o), ev.doc_id, str(ev.start), str(ev.end))}")
        g = self.g
        g.add((node, RDF.type, HS.Evidence))
        g.add((node, RDF.subject, s))
        g.add((node, RDF.predicate, p))
        g.add((node, RDF.object, o))
        self._provenance(node, ev)

    def _figure(self, fig: Figure) -> None:
        e = self.iris[fig.subject]
        ev = fig.evidence
        node = URIRef(f"{BASE}id/figure/{_digest(str(e), fig.measure, fig.text, ev.doc_id, str(ev.start))}")
        g = self.g
        g.add((e, HS.figure, node))
        g.add((node, RDF.type, HS.Figure))
        g.add((node, HS.measure, Literal(fig.measure)))
        g.add((node, HS.value, Literal(Decimal(fig.value), datatype=XSD.decimal)))
        upper = getattr(fig, "upper", "")   # ranges (3—5亿元) carry their upper end
        if upper:
            g.add((node, HS.upperValue, Literal(Decimal(upper), datatype=XSD.decimal)))
        g.add((node, HS.unit, Literal(fig.unit)))
        if fig.approximate:
            g.add((node, HS.approximate, Literal(fig.approximate)))
        g.add((node, HS.quantityText, Literal(fig.text)))
        self._provenance(node, ev)


def corpus_to_graph(corpus: Corpus) -> Graph:
    return GraphBuilder(corpus).build()


def serialize(graph: Graph, fmt: str = "turtle") -> bytes:
    """Serialise deterministically, whatever the hash seed.

    rdflib's Turtle writer sorts subjects and predicates itself; N-Triples and
    N-Quads are line-based, so their lines are sorted; the other writers
    follow the store's order, so they are handed a copy filled in sorted order.
    """
    from ..commands.options import RDF_FORMATS
    fmt = RDF_FORMATS.get(fmt, fmt)
    if fmt in ("trig", "nquads"):
        data = _dataset(graph).serialize(format=fmt, encoding="utf-8")
    elif fmt == "turtle":
        data = graph.serialize(format=fmt, encoding="utf-8")
    else:
        data = sorted_copy(graph).serialize(format=fmt, encoding="utf-8")
    data = data if isinstance(data, bytes) else data.encode("utf-8")
    if fmt in ("nt", "nquads"):
        lines = sorted(line for line in data.split(b"\n") if line.strip())
        data = b"\n".join(lines) + b"\n" if lines else b""
    elif fmt == "json-ld":
        import json
        data = (json.dumps(_canonical_json(json.loads(data)), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return data


def _canonical_json(value, ordered: bool = False):
    """JSON-LD with keys and unordered arrays sorted; ``@list`` arrays keep their order."""
    import json
    if isinstance(value, dict):
        return {k: _canonical_json(v, ordered=(k == "@list")) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return items if ordered else sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


class SortedGraph(Graph):
    """A graph that answers every triple pattern in sorted order.

    rdflib's memory store keeps triples in a set, so a writer that walks the
    graph (RDF/XML, JSON-LD) would follow the hash seed; through this class
    it walks subjects and their properties in one fixed order.
    """

    def triples(self, triple, context=None):
        yield from sorted(super().triples(triple))


def sorted_copy(graph: Graph) -> Graph:
    """The same triples and prefixes in a graph that is walked in sorted order."""
    out = SortedGraph()
    for prefix, ns in sorted(graph.namespaces()):
        out.bind(prefix, ns, override=True, replace=True)
    for triple in sorted(graph):
        out.add(triple)
    return out


def _dataset(graph: Graph):
    """The graph as the default graph of a dataset, for the quad formats."""
    from rdflib import Dataset
    ds = Dataset()
    for prefix, ns in sorted(graph.namespaces()):
        ds.bind(prefix, ns)
    default = ds.default_graph
    for triple in sorted(graph):
        default.add(triple)
    return ds
