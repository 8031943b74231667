"""Keep only relations stated with enough confidence: trading recall for precision.

A relation triple stays while at least one of its evidence nodes has
``hs:confidence`` at or above the threshold; evidence below it goes with all
its statements.  Background facts, which have no evidence (a county in its
city), always stay.  The same filter serves ``build``, ``export`` and ``viz``.
"""
from __future__ import annotations

import rdflib
from rdflib import RDF

from .namespace import HS


def drop_below(graph: rdflib.Graph, threshold: float | None) -> rdflib.Graph:
    if not threshold:
        return graph
    stated: dict[tuple, bool] = {}
    weak = []
    for ev in sorted(graph.subjects(RDF.type, HS.Evidence)):
        key = (graph.value(ev, RDF.subject), graph.value(ev, RDF.predicate), graph.value(ev, RDF.object))
        if key[1] is None or not str(key[1]).startswith(str(HS)):
            continue  # a figure's evidence: figures are not relations
        conf = graph.value(ev, HS.confidence)
        strong = conf is not None and float(conf) >= threshold
        stated[key] = stated.get(key, False) or strong
        if not strong:
            weak.append(ev)
    for ev in weak:
        graph.remove((ev, None, None))
    for (s, p, o), keep in stated.items():
        if not keep and None not in (s, p, o):
            graph.remove((s, p, o))
    return graph
