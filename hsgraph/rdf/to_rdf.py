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
    """Serialise deterministically: rdflib's Turtle writer sorts subjects and predicates."""
    from ..commands.options import RDF_FORMATS
    data = graph.serialize(format=RDF_FORMATS.get(fmt, fmt), encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")
