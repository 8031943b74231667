"""Turn an hsgraph RDF graph into the plain node/edge lists a view draws.

Everything here is sorted so the same graph always gives the same lists, and
therefore the same page, whatever the hash seed or parse order.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import networkx as nx
import rdflib
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..errors import HsgraphError
from ..rdf.namespace import BASE, ENTITY_TYPES, HS, ONTOLOGY_IRI, RELATIONS, ontology_path

ARTICLE = "Article"
EXTRA_TYPES = (ARTICLE,)
# --with-articles draws only hs:mentionedIn besides the relations: evidence is edge detail, never a node.
PLACE_TYPES = ("County", "City")
# A county or city with more links than this is a hub: focus does not expand through it.
HUB_LINKS = 30


def short_id(term) -> str:
    """A node id without the scheme and common base, so no URL ends up in the page."""
    text = str(term)
    for prefix in (BASE, ONTOLOGY_IRI + "#"):
        if text.startswith(prefix):
            return text[len(prefix):]
    if isinstance(term, rdflib.BNode):
        return "_:" + text
    return text


def _pick_label(literals) -> str | None:
    """The zh literal if there is one, else an untagged one, else any; ties broken by text."""
    literals = sorted((lit for lit in literals if isinstance(lit, Literal)), key=lambda l: (str(l), l.language or ""))
    for wanted in ("zh", None):
        for lit in literals:
            lang = (lit.language or "").lower()
            if (wanted is None and not lang) or (wanted and lang.split("-")[0] == wanted):
                return str(lit)
    return str(literals[0]) if literals else None


def ontology_labels() -> dict[str, str]:
    """The zh rdfs:label of every class and property in the ontology, keyed by local name."""
    onto = rdflib.Graph()
    with ontology_path().open("rb") as fh:
        onto.parse(fh, format="turtle")
    labels = {}
    prefix = ONTOLOGY_IRI + "#"
    for term in sorted(set(onto.subjects(RDFS.label, None))):
        if isinstance(term, URIRef) and str(term).startswith(prefix):
            label = _pick_label(onto.objects(term, RDFS.label))
            if label:
                labels[str(term)[len(prefix):]] = label
    return labels


@dataclass
class Node:
    id: str
    type: str
    label: str
    aliases: list = field(default_factory=list)
    articles: list = field(default_factory=list)   # [identifier, title]
    figures: list = field(default_factory=list)    # [quantityText, measure]


@dataclass
class Edge:
    source: str
    target: str
    rel: str                                        # ontology local name
    evidence: list = field(default_factory=list)   # [sentence, article identifier]


def _article_info(g, article):
    ident = _pick_label(g.objects(article, DCTERMS.identifier)) or short_id(article)
    title = _pick_label(g.objects(article, DCTERMS.title)) or ""
    return [ident, title]


def _entity_type(g, term):
    types = {str(t)[len(ONTOLOGY_IRI) + 1:] for t in g.objects(term, RDF.type)
             if str(t).startswith(ONTOLOGY_IRI + "#")}
    for name in ENTITY_TYPES:
        if name in types:
            return name
    return None


def _describe(g, term, kind, info=None) -> Node:
    """A node for ``term``; labels and links are read from ``info`` (the full graph) when given."""
    src = info if info is not None else g
    if kind == ARTICLE:
        ident, title = _article_info(src, term)
        return Node(short_id(term), ARTICLE, title or ident, [ident] if title else [])
    label = _pick_label(src.objects(term, RDFS.label)) or short_id(term)
    aliases = sorted({str(a) for a in src.objects(term, SKOS.altLabel)} - {label})
    articles = sorted({tuple(_article_info(src, a)) for a in src.objects(term, HS.mentionedIn)})
    figures = sorted({(_pick_label(src.objects(f, HS.quantityText)) or "",
                       _pick_label(src.objects(f, HS.measure)) or "")
                      for f in src.objects(term, HS.figure)})
    return Node(short_id(term), kind, label, aliases, [list(a) for a in articles], [list(f) for f in figures])


def _kind(g, term, info=None):
    src = info if info is not None else g
    kind = _entity_type(src, term)
    if kind:
        return kind
    if (term, RDF.type, HS.Article) in src:
        return ARTICLE
    return None


def _evidence_index(g):
    """(subject, predicate, object) -> sorted [sentence, article identifier] pairs."""
    index = {}
    for ev in g.subjects(RDF.type, HS.Evidence):
        s, p, o = (g.value(ev, RDF.subject), g.value(ev, RDF.predicate), g.value(ev, RDF.object))
        if s is None or p is None or o is None:
            continue
        sentence = _pick_label(g.objects(ev, HS.sentence)) or ""
        sources = sorted(_article_info(g, a)[0] for a in g.objects(ev, HS.source)) or [""]
        for src in sources:
            index.setdefault((s, p, o), set()).add((sentence, src))
    return {k: sorted(v) for k, v in index.items()}


def graph_to_nx(g: rdflib.Graph, with_articles: bool = False, info: rdflib.Graph | None = None) -> nx.MultiDiGraph:
    """Entities and the seven relations of ``g`` as a networkx multigraph.

    ``info`` is the graph to read labels, types and evidence from when ``g``
    is only a query result; by default ``g`` itself.
    """
    src = info if info is not None else g
    evidence = _evidence_index(src)
    relation_iris = {HS[r]: r for r in RELATIONS}
    link_iris = {HS.mentionedIn: "mentionedIn"}
    nodes: dict[str, Node] = {}
    edges: dict[tuple, Edge] = {}

    def node_for(term):
        if not isinstance(term, (URIRef, rdflib.BNode)):
            return None
        nid = short_id(term)
        if nid not in nodes:
            kind = _kind(g, term, src) or (_kind(g, term) if info is not None else None)
            if kind is None or (kind in EXTRA_TYPES and not with_articles):
                return None
            nodes[nid] = _describe(g, term, kind, src)
        return nodes[nid]

    # A query result may carry no rdf:type triples: every term in it is a candidate.
    candidates = set(g.subjects(RDF.type, None)) if info is None else set(g.subjects()) | set(g.objects())
    for term in sorted(candidates, key=str):
        node_for(term)
    for s, p, o in g:
        rel = relation_iris.get(p)
        if rel is None and with_articles:
            rel = link_iris.get(p)
        if rel is None:
            continue
        a, b = node_for(s), node_for(o)
        if a is None or b is None:
            continue
        key = (a.id, b.id, rel)
        if key not in edges:
            edges[key] = Edge(a.id, b.id, rel, [list(e) for e in evidence.get((s, p, o), [])])

    G = nx.MultiDiGraph()
    for nid in sorted(nodes):
        G.add_node(nid, data=nodes[nid])
    for key in sorted(edges):
        G.add_edge(key[0], key[1], key=key[2], data=edges[key])
    return G


def find_focus(G: nx.MultiDiGraph, name: str) -> str:
    """The node whose label or alias is ``name`` (the lowest id if several)."""
    wanted = name.strip()
    hits = sorted(nid for nid, d in G.nodes(data="data")
                  if wanted == d.label or wanted in d.aliases)
    if hits:
        return hits[0]
    names = sorted({d.label for _, d in G.nodes(data="data")} |
                   {a for _, d in G.nodes(data="data") for a in d.aliases})
    close = difflib.get_close_matches(wanted, names, n=5, cutoff=0.4)
    hint = f"; close matches: {', '.join(close)}" if close else ""
    raise HsgraphError(f"no entity named {wanted!r}{hint}", where="--focus")


def is_hub(G: nx.MultiDiGraph, node: str, hub_links: int = HUB_LINKS) -> bool:
    """A county or city so linked that passing through it would pull in a whole region."""
    return G.nodes[node]["data"].type in PLACE_TYPES and G.degree(node) > hub_links


@dataclass
class Neighbourhood:
    graph: nx.MultiDiGraph
    centre: str
    left_out: int = 0                               # nodes reachable only through hubs
    hubs: list = field(default_factory=list)        # labels of the hubs not passed through


def neighbourhood(G: nx.MultiDiGraph, centre: str, depth: int, through_hubs: bool = False,
                  hub_links: int = HUB_LINKS) -> Neighbourhood:
    """Nodes within ``depth`` links of ``centre``, expanding from hub places only if asked.

    A hub is still shown when reached, but its other neighbours are not pulled
    in through it: depth 2 from a county should stay in that county, not
    bring in every entity of its city.  The centre itself is always expanded.
    """
    U = G.to_undirected(as_view=True)
    everything = nx.single_source_shortest_path_length(U, centre, cutoff=depth)
    if through_hubs:
        return Neighbourhood(G.subgraph(sorted(everything)).copy(), centre)
    seen = {centre: 0}
    frontier = [centre]
    hubs = set()
    for level in range(1, depth + 1):
        nxt = []
        for node in frontier:
            if node != centre and is_hub(G, node, hub_links):
                hubs.add(node)
                continue
            for other in sorted(U.neighbors(node)):
                if other not in seen:
                    seen[other] = level
                    nxt.append(other)
        frontier = nxt
    passed = sorted(G.nodes[h]["data"].label for h in hubs)
    return Neighbourhood(G.subgraph(sorted(seen)).copy(), centre, len(everything) - len(seen), passed)


def k_core(G: nx.MultiDiGraph, k: int, keep=()) -> nx.MultiDiGraph:
    """Drop nodes with fewer than ``k`` links, again and again until every drawn node has ``k``.

    Removing a node lowers its neighbours' degrees, so one pass is not enough.
    Nodes in ``keep`` (the focus) stay whatever their degree.
    """
    H = G.copy()
    while True:
        drop = sorted(n for n in H.nodes if H.degree(n) < k and n not in keep)
        if not drop:
            return H
        H.remove_nodes_from(drop)


def filter_graph(G: nx.MultiDiGraph, types=None, min_degree: int = 0, keep=()) -> nx.MultiDiGraph:
    """Keep nodes of ``types`` (articles always pass), then the ``min_degree`` core of what is left."""
    if types:
        allowed = set(types) | set(EXTRA_TYPES)
        G = G.subgraph(sorted(n for n, d in G.nodes(data="data") if d.type in allowed or n in keep)).copy()
    if min_degree > 0:
        G = k_core(G, min_degree, keep)
    return G


def parse_types(text: str | None):
    if not text:
        return None
    known = {t.lower(): t for t in ENTITY_TYPES}
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if part.lower() not in known:
            raise HsgraphError(f"unknown type {part!r} (choose from {', '.join(ENTITY_TYPES)})", where="--type")
        out.append(known[part.lower()])
    return sorted(set(out), key=ENTITY_TYPES.index)


def construct(g: rdflib.Graph, query_text: str, where: str) -> rdflib.Graph:
    """Run a SPARQL CONSTRUCT on ``g`` and return its result graph.

    The text goes through the query command's checks first, so a view never
    runs an update or a SERVICE call (rdflib would fetch it over the network);
    the algebra that is checked for SERVICE is the very one rdflib then runs.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    from ..errors import QueryError
    from ..query import prepare_query
    from ..query.guard import algebra_has_service
    from ..rdf.namespace import PREFIXES
    try:
        query_text, _ = prepare_query(query_text)
    except QueryError as exc:
        raise HsgraphError(str(exc), where=where) from None
    try:
        parsed = translateQuery(parseQuery(query_text), initNs=PREFIXES)
    except RecursionError:
        raise HsgraphError("bad query: nested too deeply to parse", where=where) from None
    except Exception as exc:  # rdflib raises pyparsing and many other types
        raise HsgraphError(f"bad query: {_one_line(exc)}", where=where) from None
    if algebra_has_service(parsed):
        raise HsgraphError("SERVICE calls other endpoints over the network; a view only reads its graph",
                           where=where)
    if getattr(parsed.algebra, "datasetClause", None):
        raise HsgraphError("FROM and FROM NAMED would load other graphs; a view only reads its graph",
                           where=where)
    try:
        result = g.query(parsed)
    except Exception as exc:  # evaluation errors come in many types too
        raise HsgraphError(f"bad query: {_one_line(exc)}", where=where) from None
    if result.type != "CONSTRUCT":
        raise HsgraphError(f"--query needs a CONSTRUCT query, not {result.type}", where=where)
    out = rdflib.Graph()
    for triple in result:
        out.add(triple)
    return out


def _one_line(exc: Exception) -> str:
    """An exception's message squeezed onto one line of at most 200 characters."""
    return " ".join(str(exc).split())[:200] or type(exc).__name__
