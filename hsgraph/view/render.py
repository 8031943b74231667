"""Draw a networkx view graph as one self-contained HTML page.

The network is assembled with pyvis; the page is our own template with
vis-network's script and stylesheet (shipped inside pyvis) inlined, so it
opens offline and loads nothing from the network.  The data travels as JSON
in a ``<script type="application/json">`` block and the page's script builds
every label and tooltip with ``textContent``.
"""
from __future__ import annotations

import json
import math
import re
from importlib.resources import files
from pathlib import Path

import networkx as nx

from ..rdf.namespace import ENTITY_TYPES
from .layout import layout
from .model import ARTICLE, EVIDENCE

VIS_VERSION = "9.1.2"
LAYOUT_THRESHOLD = 300        # above this many nodes: precomputed layout, physics off
STABILIZATION_ITERATIONS = 200

# type -> (colour, vis shape); shapes that scale with node size only.
STYLE = {
    "County": ("#e15759", "dot"),
    "City": ("#b07aa1", "star"),
    "Town": ("#ff9da7", "triangle"),
    "Village": ("#9c755f", "triangleDown"),
    "Enterprise": ("#4e79a7", "square"),
    "Organization": ("#76b7b2", "hexagon"),
    "Person": ("#bab0ac", "dot"),
    "Project": ("#f28e2b", "diamond"),
    "Policy": ("#edc948", "hexagon"),
    "Industry": ("#59a14f", "star"),
    ARTICLE: ("#9fb4c7", "square"),
    EVIDENCE: ("#d4d4d4", "dot"),
}
TYPE_ORDER = ENTITY_TYPES + (ARTICLE, EVIDENCE)
LINK_LABELS = {"subject": "主语", "object": "宾语"}
SYMMETRIC = {"cooperatesWith"}


def _vis_assets():
    import pyvis
    lib = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S*", "", js)
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    return js, css


def _no_urls(text: str) -> str:
    """Write ``://`` as ``:\\/\\/``: the same string in JS, JSON and CSS, but no literal URL in the page."""
    return text.replace("://", ":\\/\\/")


def _script_safe(text: str) -> str:
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.I)


def build_network(G: nx.MultiDiGraph, labels: dict[str, str]):
    """The pyvis Network for ``G``: one node per entity, one edge per (subject, relation, object)."""
    from pyvis.network import Network

    physics = G.number_of_nodes() <= LAYOUT_THRESHOLD
    positions = {} if physics else layout(G)
    net = Network(directed=True)
    for nid in sorted(G.nodes):
        d = G.nodes[nid]["data"]
        colour, shape = STYLE[d.type]
        extra = {"x": positions[nid][0], "y": positions[nid][1]} if nid in positions else {}
        net.add_node(nid, label=d.label, shape=shape, color=colour, type=d.type,
                     size=round(8 + 4 * math.sqrt(G.degree(nid)), 1),
                     aliases=d.aliases, articles=d.articles, figures=d.figures, **extra)
    for i, (u, v, rel) in enumerate(sorted(G.edges(keys=True))):
        e = G.edges[u, v, rel]["data"]
        net.add_edge(u, v, id=f"e{i}", rel=rel, label=labels.get(rel, LINK_LABELS.get(rel, rel)),
                     evidence=e.evidence, arrows="" if rel in SYMMETRIC else "to")
    return net, physics


def article_count(G: nx.MultiDiGraph) -> int:
    """Distinct articles behind the view: those mentioning its entities or sourcing its evidence."""
    ids = set()
    for _, d in G.nodes(data="data"):
        if d.type == ARTICLE:
            ids.add(d.aliases[0] if d.aliases else d.label)
        ids.update(a[0] for a in d.articles)
    for _, _, e in G.edges(data="data"):
        ids.update(ev[1] for ev in e.evidence if ev[1])
    return len(ids)


def view_data(G: nx.MultiDiGraph, source_name: str, labels: dict[str, str]) -> dict:
    net, physics = build_network(G, labels)
    counts = {}
    for node in net.nodes:
        counts[node["type"]] = counts.get(node["type"], 0) + 1
    types = [{"type": t, "label": labels.get(t, t), "color": STYLE[t][0], "shape": STYLE[t][1], "count": counts[t]}
             for t in TYPE_ORDER if t in counts]
    options = {
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {"font": {"size": 10, "align": "middle", "color": "#555"}, "color": {"color": "#aaa"},
                  "smooth": False if not physics else {"type": "continuous"}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": not physics},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "stabilization": {"enabled": physics, "iterations": STABILIZATION_ITERATIONS, "fit": True}},
        "layout": {"randomSeed": 42, "improvedLayout": physics and G.number_of_nodes() <= 100},
    }
    return {
        "source": source_name,
        "counts": {"nodes": len(net.nodes), "edges": len(net.edges), "articles": article_count(G)},
        "types": types,
        "relations": {rel: labels.get(rel, LINK_LABELS.get(rel, rel))
                      for rel in sorted({e["rel"] for e in net.edges})},
        "typeLabels": {t: labels.get(t, t) for t in TYPE_ORDER},
        "physics": physics,
        "options": options,
        "nodes": net.nodes,
        "edges": net.edges,
    }


def embed_json(data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return _no_urls(text)


def render_html(data: dict) -> str:
    here = files("hsgraph") / "view"
    template = (here / "template.html").read_text(encoding="utf-8")
    vis_js, vis_css = _vis_assets()
    parts = {
        "VIS_CSS": _script_safe(_no_urls(vis_css)),
        "VIEW_CSS": _script_safe(_no_urls((here / "view.css").read_text(encoding="utf-8"))),
        "VIS_JS": _script_safe(_no_urls(vis_js)),
        "VIEW_JS": _script_safe(_no_urls((here / "view.js").read_text(encoding="utf-8"))),
        "DATA": embed_json(data),
    }
    # One pass, so text inside one part can never be taken for another part's marker.
    return re.sub(r"/\*@(\w+)@\*/", lambda m: parts[m.group(1)], template)
