r"""Write a graph in another format: RDF serialisations, GraphML, GEXF, or neo4j-admin CSV.

``WRITERS`` maps a format name to ``writer(graph, path_or_None)``; the entity
network formats keep the ten entity classes and the seven relations only.

An entity's aliases are a list, and any character may occur in an alias, so
each format gets an encoding that reads back exactly: a JSON array in the
GraphML and GEXF ``aliases`` attribute, and in the CSV the ``string[]`` column
joined with neo4j-admin's default array delimiter ``;``, a ``;`` or ``\``
inside an alias escaped with ``\`` (:func:`split_array` reads it back).
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import rdflib
from rdflib import RDF, RDFS
from rdflib.namespace import SKOS

from .commands.options import StagedFile, atomic_output
from .errors import HsgraphError
from .rdf.namespace import ENTITY_TYPES, HS, RELATIONS

NEEDS_OUTPUT = {"graphml", "gexf", "csv"}
XML_FORMATS = {"rdfxml", "graphml", "gexf"}
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def refuse_xml_illegal(graph: rdflib.Graph, fmt: str, path) -> None:
    """An XML file cannot carry every character a Turtle file can: refuse rather than write a broken one.

    Graphs built by hsgraph never hold such characters (they are removed
    when an article is read); a graph from elsewhere may.
    """
    for triple in graph:
        for term in triple:
            m = _XML_ILLEGAL.search(str(term))
            if m:
                raise HsgraphError(f"the graph holds U+{ord(m.group(0)):04X}, which XML 1.0 cannot carry, "
                                   f"in {str(term)[:40]!r}; export to turtle or nt instead", where=str(path))


def _rdf_writer(fmt: str):
    def write(graph: rdflib.Graph, path):
        from .rdf.to_rdf import serialize
        data = serialize(graph, fmt)
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
        g.add_node(node, type=attrs["type"], label=attrs["label"],
                   aliases=json.dumps(attrs["aliases"], ensure_ascii=False))
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


ARRAY_DELIMITER = ";"


def join_array(values: list[str]) -> str:
    """One ``string[]`` cell: values joined by ``;``, with ``\\`` and ``;`` inside a value escaped."""
    return ARRAY_DELIMITER.join(v.replace("\\", "\\\\").replace(";", "\\;") for v in values)


def split_array(cell: str) -> list[str]:
    """The values of a cell written by :func:`join_array`."""
    if not cell:
        return []
    values, current, chars = [], [], iter(cell)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, "\\"))
        elif ch == ARRAY_DELIMITER:
            values.append("".join(current))
            current = []
        else:
            current.append(ch)
    values.append("".join(current))
    return values


def _csv_bytes(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(header)
    out.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_csv(graph, path):
    """neo4j-admin import files: ``<stem>_nodes.csv`` and ``<stem>_edges.csv``, replaced together."""
    nodes, edges = entity_network(graph)
    counts = evidence_counts(graph)
    nodes_path, edges_path = csv_paths(path)
    staged = [StagedFile(nodes_path), StagedFile(edges_path)]
    try:
        staged[0].write(_csv_bytes(["id:ID", "label", "aliases:string[]", ":LABEL"],
                                   ([node, a["label"], join_array(a["aliases"]), a["type"]]
                                    for node, a in nodes.items())))
        staged[1].write(_csv_bytes([":START_ID", ":END_ID", ":TYPE", "evidence_count:int"],
                                   ([s, o, rel, counts.get((s, o, rel), 0)] for s, o, rel in edges)))
        for stage in staged:
            stage.fill()
        for stage in staged:
            stage.commit()
    finally:
        for stage in staged:
            stage.discard()
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
    if fmt in XML_FORMATS:
        refuse_xml_illegal(graph, fmt, path if path is not None else "-")
    WRITERS[fmt](graph, path)
