"""Draw a networkx view graph as one self-contained HTML page.

The page is our own template with vis-network's script and stylesheet
(shipped inside pyvis) inlined, so it
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
from .model import ARTICLE
from .places import UNPLACED, group_layout, place_of

VIS_VERSION = "9.1.2"
LAYOUT_THRESHOLD = 300        # above this many nodes: precomputed layout, physics off
OVERVIEW_THRESHOLD = 300      # above this many nodes: open as an overview grouped by place
LABEL_CHARS = 14              # longer names are cut in the drawing, whole in the tooltip
FONT_SIZE = 14
GROUP_PREFIX = "hs-group:"    # overview bubble ids; entity ids never start so
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
}
TYPE_ORDER = ENTITY_TYPES + (ARTICLE,)
LINK_LABELS = {}
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


def display_label(text: str, limit: int = LABEL_CHARS) -> str:
    """The name as drawn: long names are cut, so one of them cannot push every other label away."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def importance(G: nx.MultiDiGraph) -> dict[str, int]:
    """Rank of every node, 0 first: most links first, places before others at equal links, then id.

    Labels are drawn in this order until there is no more room for them.
    """
    def key(n):
        return (-G.degree(n), TYPE_ORDER.index(G.nodes[n]["data"].type), n)
    return {n: i for i, n in enumerate(sorted(G.nodes, key=key))}


def node_size(degree: int, kind: str) -> float:
    """Bigger for more links, within bounds: an article links to everything it mentions, a city to
    everything in it, and neither should cover its neighbours."""
    size = 8 + 4 * math.sqrt(degree)
    return round(min(size, 16 if kind == ARTICLE else 40), 1)


def node_dicts(G: nx.MultiDiGraph, positions: dict, group: dict) -> list[dict]:
    """Plain dicts for the page: the full name for tooltips and search, the cut one for drawing."""
    rank = importance(G)
    out = []
    for nid in sorted(G.nodes):
        d = G.nodes[nid]["data"]
        colour, shape = STYLE[d.type]
        node = {"id": nid, "label": d.label, "display": display_label(d.label), "type": d.type,
                "shape": shape, "color": colour, "size": node_size(G.degree(nid), d.type),
                "rank": rank[nid], "aliases": d.aliases, "articles": d.articles, "figures": d.figures}
        if nid in positions:
            node["x"], node["y"] = positions[nid]
        if nid in group:
            node["group"] = group[nid]
        out.append(node)
    return out


def edge_dicts(G: nx.MultiDiGraph, labels: dict[str, str]) -> list[dict]:
    """One edge per (subject, relation, object); its evidence is its detail, counted on it."""
    out = []
    for i, (u, v, rel) in enumerate(sorted(G.edges(keys=True))):
        e = G.edges[u, v, rel]["data"]
        name = labels.get(rel, LINK_LABELS.get(rel, rel))
        count = len(e.evidence)
        out.append({"id": f"e{i}", "from": u, "to": v, "rel": rel, "evidence": e.evidence,
                    "label": f"{name} ×{count}" if count > 1 else name,
                    "width": round(1 + math.log2(count), 2) if count > 1 else 1,
                    "arrows": "" if rel in SYMMETRIC else "to"})
    return out


def group_dicts(groups) -> list[dict]:
    """The overview's bubbles: one per place, sized by its entities, with counts by type."""
    out = []
    for g in groups:
        types = {}
        for n in g.members:
            types[n["type"]] = types.get(n["type"], 0) + 1
        label = f"{g.label} {len(g.members)}"
        out.append({"id": GROUP_PREFIX + g.key, "key": g.key, "label": label, "display": display_label(label, 18),
                    "name": g.label, "count": len(g.members), "x": int(round(g.x)), "y": int(round(g.y)),
                    "size": round(min(max(10 + 3 * math.sqrt(len(g.members)), 0.3 * g.radius), 120), 1),
                    "types": [[t, types[t]] for t in TYPE_ORDER if t in types]})
    return out


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


def choose_mode(n: int, overview: str) -> str:
    """'physics', 'layout' (whole graph, fixed positions) or 'overview' (grouped by place)."""
    if overview == "on" or (overview == "auto" and n > OVERVIEW_THRESHOLD):
        return "overview"
    return "physics" if n <= LAYOUT_THRESHOLD else "layout"


def view_data(G: nx.MultiDiGraph, source_name: str, labels: dict[str, str], *, overview: str = "auto",
              focus=None) -> dict:
    """Everything the page draws, as plain sorted lists; ``focus`` is a model.Neighbourhood or None."""
    mode = choose_mode(G.number_of_nodes(), overview)
    physics = mode == "physics"
    group, groups = {}, []
    if mode == "overview":
        group = place_of(G)
        if overview == "auto" and len({k for k in group.values() if not k.startswith(UNPLACED)}) < 2:
            mode, group = "layout", {}   # no places to group by: the whole graph is the better view
    if mode == "overview":
        groups, positions = group_layout(G, group, labels)
    else:
        positions = {} if physics else layout(G)
    nodes = node_dicts(G, positions, group)
    by_id = {n["id"]: n for n in nodes}
    for g in groups:
        g.members = [by_id[m] for m in g.members]
    counts = {}
    for node in nodes:
        counts[node["type"]] = counts.get(node["type"], 0) + 1
    types = [{"type": t, "label": labels.get(t, t), "color": STYLE[t][0], "shape": STYLE[t][1], "count": counts[t]}
             for t in TYPE_ORDER if t in counts]
    edges = edge_dicts(G, labels)
    options = {
        "nodes": {"font": {"size": FONT_SIZE, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {"font": {"size": 10, "align": "middle", "color": "#555"}, "color": {"color": "#aaa"},
                  "smooth": False if not physics else {"type": "continuous"}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": not physics,
                        "hideEdgesOnZoom": len(edges) > 2000},
        "physics": {"enabled": physics, "solver": "forceAtlas2Based",
                    "stabilization": {"enabled": physics, "iterations": STABILIZATION_ITERATIONS, "fit": True}},
        "layout": {"randomSeed": 42, "improvedLayout": physics and G.number_of_nodes() <= 100},
    }
    data = {
        "source": source_name,
        "counts": {"nodes": len(nodes), "edges": len(edges), "articles": article_count(G)},
        "types": types,
        "relations": {rel: labels.get(rel, LINK_LABELS.get(rel, rel)) for rel in sorted({e["rel"] for e in edges})},
        "typeLabels": {t: labels.get(t, t) for t in TYPE_ORDER},
        "mode": mode,
        "physics": physics,
        "options": options,
        "nodes": nodes,
        "edges": edges,
        "groups": group_dicts(groups),
        "focus": None,
    }
    if focus is not None:
        data["focus"] = {"id": focus.centre, "label": G.nodes[focus.centre]["data"].label,
                         "leftOut": focus.left_out, "hubs": focus.hubs}
    return data


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
