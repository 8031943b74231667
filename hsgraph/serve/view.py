"""``/view``: a CONSTRUCT result drawn by hsgraph's own graph view (the page ``hsgraph viz`` writes).

The view needs labels, types, mentions and evidence of the nodes it draws,
which a CONSTRUCT result rarely carries; they are read from the store for
those nodes only, so the cost follows the size of the result, not the graph.
"""
from __future__ import annotations

import pyoxigraph
from rdflib import RDF

from ..errors import QueryError
from ..query.run import run_query
from ..rdf.namespace import HS
from .answer import Refused, refusal

RDF_SUBJECT = pyoxigraph.NamedNode(str(RDF.subject))
# objects whose own statements the view reads (article titles, figure texts)
FOLLOW = tuple(pyoxigraph.NamedNode(str(p)) for p in (HS.mentionedIn, HS.figure, HS.source))


def _outgoing(store, node):
    return [pyoxigraph.Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(node, None, None)]


def context(store, triples: list, limit: int) -> list:
    """Statements about the result's nodes, their articles and figures, and the evidence between them."""
    nodes = {t.subject for t in triples} | {t.object for t in triples if isinstance(t.object, pyoxigraph.NamedNode)}
    nodes = sorted(nodes, key=str)[:limit]
    out = []
    for node in nodes:
        about = _outgoing(store, node)
        out += about
        for t in about:
            if t.predicate in FOLLOW:
                out += _outgoing(store, t.object)
        for q in store.quads_for_pattern(None, RDF_SUBJECT, node):
            ev = _outgoing(store, q.subject)
            out += ev
            out += [x for t in ev if t.predicate in FOLLOW for x in _outgoing(store, t.object)]
    return out


def to_rdflib(triples):
    import rdflib
    g = rdflib.Graph()
    data = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
    g.parse(data=data.decode("utf-8"), format="nt")
    return g


def view_page(store, text: str, *, timeout: float, max_rows: int | None, source_name: str) -> str:
    """The HTML view of the CONSTRUCT (or DESCRIBE) ``text``; raise :class:`Refused` for anything else."""
    from ..view.model import graph_to_nx, ontology_labels
    from ..view.render import render_html, view_data

    try:
        kind, out = run_query(store, text, fmt="tsv", timeout=timeout)
    except QueryError as exc:
        raise refusal(exc, timeout) from None
    if kind != "graph":
        raise Refused(400, "the network view draws CONSTRUCT and DESCRIBE results only")
    triples = list(pyoxigraph.parse(out, format=pyoxigraph.RdfFormat.TURTLE))[: max_rows or None]
    info = to_rdflib(triples + context(store, triples, max_rows or len(triples)))
    G = graph_to_nx(to_rdflib(triples), info=info)
    return render_html(view_data(G, source_name, ontology_labels()))
