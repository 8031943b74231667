"""Counts of what a graph holds: entities per class, relations, articles, evidence, mentions, figures."""
from __future__ import annotations

from rdflib import RDF

from .rdf.namespace import ENTITY_TYPES, HS, RELATIONS


def graph_stats(graph) -> list[tuple[str, list[tuple[str, int]]]]:
    """Sections of (name, count) rows."""
    def count_class(name):
        return sum(1 for _ in graph.subjects(RDF.type, HS[name]))
    entities = [(name, count_class(name)) for name in ENTITY_TYPES]
    relations = [(rel, sum(1 for _ in graph.subject_objects(HS[rel]))) for rel in RELATIONS]
    other = [("Article", count_class("Article")), ("Evidence", count_class("Evidence")),
             ("Mention", count_class("Mention")), ("Figure", count_class("Figure")),
             ("triples", len(graph))]
    return [("Entities", entities + [("total", sum(n for _, n in entities))]),
            ("Relations", relations + [("total", sum(n for _, n in relations))]),
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
