"""Write a graph in another format: RDF serialisations, GraphML, GEXF, or neo4j-admin CSV.

``WRITERS`` maps a format name to ``writer(graph, path_or_None)``; the entity
network formats keep the ten entity classes and the seven relations only.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS
from rdflib.namespace import SKOS

from .commands.options import atomic_output
from .rdf.namespace import ENTITY_TYPES, HS, RELATIONS

NEEDS_OUTPUT = {"graphml", "gexf", "csv"}


def _rdf_writer(fmt: str):
    def write(graph: rdflib.Graph, path):
        if fmt in ("trig", "nquads"):
            ds = rdflib.Dataset()
            for prefix, ns in graph.namespaces():
                ds.bind(prefix, ns)
            default = ds.default_graph
            for t in graph:
                default.add(t)
            data = ds.serialize(format=fmt, encoding="utf-8")
        else:
            data = graph.serialize(format=fmt, encoding="utf-8")
        with atomic_output(path, "wb") as fh:
            fh.write(data)
    return write


def entity_network(graph: rdflib.Graph):
    """(nodes, edges): nodes id -> {type, label, aliases}; edges (source, target, relation)."""
    nodes = {}
    for name in ENTITY_TYPES:
        for s in graph.subjects(RDF.type, HS[name]):
            label = graph.value(s, RDFS.label)
            aliases = sorted(str(a) for a in graph.objects(s, SKOS.altLabel))
            nodes[str(s)] = {"type": name, "label": str(label) if label is not None else "",
                             "aliases": aliases}
    edges = []
    for rel in RELATIONS:
        for s, o in graph.subject_objects(HS[rel]):
            if str(s) in nodes and str(o) in nodes:
                edges.append((str(s), str(o), rel))
    edges.sort()
    return dict(sorted(nodes.items())), edges


def to_networkx(graph: rdflib.Graph):
    import networkx as nx
    nodes, edges = entity_network(graph)
    g = nx.MultiDiGraph()
    for node, attrs in nodes.items():
        g.add_node(node, type=attrs["type"], label=attrs["label"], aliases="|".join(attrs["aliases"]))
    for s, o, rel in edges:
        g.add_edge(s, o, key=rel, label=rel)
    return g


def write_graphml(graph, path):
    import networkx as nx
    g = to_networkx(graph)
    with atomic_output(path, "wb") as fh:
        nx.write_graphml(g, fh, encoding="utf-8")


def write_gexf(graph, path):
    import networkx as nx
    g = to_networkx(graph)
    with atomic_output(path, "wb") as fh:
        nx.write_gexf(g, fh, encoding="utf-8")


def csv_paths(path) -> tuple[Path, Path]:
    path = Path(path)
    return path.with_name(f"{path.stem}_nodes.csv"), path.with_name(f"{path.stem}_edges.csv")


def output_paths(fmt: str, path) -> list[Path]:
    """Every file ``export`` writes for ``fmt`` to ``path``."""
    return list(csv_paths(path)) if fmt == "csv" else [Path(path)]


def evidence_counts(graph: rdflib.Graph) -> dict[tuple[str, str, str], int]:
    """(subject, object, relation name) -> number of hs:Evidence nodes stating it."""
    counts: dict[tuple[str, str, str], int] = {}
    relations = {str(HS[rel]): rel for rel in RELATIONS}
    for ev in graph.subjects(RDF.type, HS.Evidence):
        rel = relations.get(str(graph.value(ev, RDF.predicate)))
        s, o = graph.value(ev, RDF.subject), graph.value(ev, RDF.object)
        if rel is None or s is None or o is None:
            continue
        key = (str(s), str(o), rel)
        counts[key] = counts.get(key, 0) + 1
    return counts


def write_csv(graph, path):
    """neo4j-admin import files: ``<stem>_nodes.csv`` and ``<stem>_edges.csv``."""
    nodes, edges = entity_network(graph)
    counts = evidence_counts(graph)
    nodes_path, edges_path = csv_paths(path)
    with atomic_output(nodes_path, "w") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["id:ID", "label", "aliases:string[]", ":LABEL"])
        for node, attrs in nodes.items():
            out.writerow([node, attrs["label"], ";".join(attrs["aliases"]), attrs["type"]])
    with atomic_output(edges_path, "w") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow([":START_ID", ":END_ID", ":TYPE", "evidence_count:int"])
        for s, o, rel in edges:
            out.writerow([s, o, rel, counts.get((s, o, rel), 0)])
    return nodes_path, edges_path


WRITERS = {
    "turtle": _rdf_writer("turtle"),
    "nt": _rdf_writer("nt"),
    "nq": _rdf_writer("nquads"),
    "trig": _rdf_writer("trig"),
    "jsonld": _rdf_writer("json-ld"),
    "rdfxml": _rdf_writer("xml"),
    "graphml": write_graphml,
    "gexf": write_gexf,
    "csv": write_csv,
}


def export(graph: rdflib.Graph, fmt: str, path=None):
    WRITERS[fmt](graph, path)
