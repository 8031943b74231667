"""The browser view of a graph: ``hsgraph viz`` writes one self-contained HTML page."""
from __future__ import annotations

from pathlib import Path


def build_view(source, *, focus=None, depth=1, types=None, min_degree=0, with_articles=False,
               query_text=None, query_where="--query", through_hubs=False, hub_links=None,
               overview="auto", min_confidence=None) -> str:
    """Load ``source`` and return the page for the chosen part of it."""
    from ..rdf.confidence import drop_below
    from ..rdf.source import load_graph
    from .model import HUB_LINKS, construct, filter_graph, find_focus, graph_to_nx, neighbourhood, ontology_labels
    from .render import render_html, view_data

    g = drop_below(load_graph(source), min_confidence)
    if query_text is not None:
        G = graph_to_nx(construct(g, query_text, query_where), with_articles=with_articles, info=g)
    else:
        G = graph_to_nx(g, with_articles=with_articles)
    keep, near = (), None
    if focus:
        centre = find_focus(G, focus)
        near = neighbourhood(G, centre, depth, through_hubs=through_hubs,
                             hub_links=HUB_LINKS if hub_links is None else hub_links)
        G, keep = near.graph, (centre,)
    G = filter_graph(G, types=types, min_degree=min_degree, keep=keep)
    return render_html(view_data(G, Path(source).name, ontology_labels(), overview=overview, focus=near))
