"""Counts of what a graph holds: entities per class, relations, articles, evidence, mentions, figures.

Counting runs as SPARQL on Oxigraph, so a large graph or a store folder is
counted without building an rdflib graph; an rdflib graph is counted directly.
"""
from __future__ import annotations

from rdflib import RDF

from .rdf.namespace import ENTITY_TYPES, HS, RELATIONS

OTHER_CLASSES = ("Article", "Evidence", "Mention", "Figure")


def _counts_rdflib(graph):
    def count_class(name):
        return len(set(graph.subjects(RDF.type, HS[name])))
    classes = {name: count_class(name) for name in (*ENTITY_TYPES, *OTHER_CLASSES)}
    relations = {rel: len(set(graph.subject_objects(HS[rel]))) for rel in RELATIONS}
    return classes, relations, len(graph)


def _counts_store(store):
    def one(query):
        solutions = store.query(query, use_default_graph_as_union=True)
        return int(next(iter(solutions))["n"].value)
    classes = {name: one(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a <{HS[name]}> }}")
               for name in (*ENTITY_TYPES, *OTHER_CLASSES)}
    relations = {rel: one(f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ ?s <{HS[rel]}> ?o }} }}")
                 for rel in RELATIONS}
    triples = one("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    return classes, relations, triples


def graph_stats(graph) -> list[tuple[str, list[tuple[str, int]]]]:
    """Sections of (name, count) rows for an rdflib graph or a pyoxigraph store."""
    import pyoxigraph
    if isinstance(graph, pyoxigraph.Store):
        classes, relations, triples = _counts_store(graph)
    else:
        classes, relations, triples = _counts_rdflib(graph)
    entities = [(name, classes[name]) for name in ENTITY_TYPES]
    rels = [(rel, relations[rel]) for rel in RELATIONS]
    other = [(name, classes[name]) for name in OTHER_CLASSES] + [("triples", triples)]
    return [("Entities", entities + [("total", sum(n for _, n in entities))]),
            ("Relations", rels + [("total", sum(n for _, n in rels))]),
            ("Provenance", other)]


def render_stats(sections) -> str:
    width = max(len(name) for _, rows in sections for name, _ in rows)
    numw = max(len(str(n)) for _, rows in sections for _, n in rows)
    lines = []
    for title, rows in sections:
        if lines:
            lines.append("")
        lines.append(title)
        for name, n in rows:
            lines.append(f"  {name.ljust(width)}  {str(n).rjust(numw)}")
    return "\n".join(lines) + "\n"
