"""Group a view's entities by place, and lay each place's entities out together.

An analyst reads regional news by county, so the overview of a big graph shows
one bubble per county or city, expanding into its enterprises, projects,
policies and industries.  Every choice here is made from sorted input with
ties broken by node id, so the same graph always gets the same groups and
the same coordinates.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from .layout import K, SEED, _component_layout
from .model import ARTICLE

PLACES = ("County", "City")
SMALL_PLACES = ("Town", "Village")
UNPLACED = "~"          # group keys of entities with no place: "~" + type
GROUP_GRAVITY = 0.35    # keeps a group's unlinked members near its linked ones
GAP = 1.5 * K           # free space between two groups' discs


@dataclass
class Group:
    key: str                   # a place's node id, or UNPLACED + type
    label: str                 # the place's name, or "未定位的" + type label
    members: list = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    radius: float = 0.0


def _type(G, n):
    return G.nodes[n]["data"].type


def _place_rank(G, place):
    """Counties before cities (the more specific place wins), then by id."""
    return (PLACES.index(_type(G, place)), place)


def _located_place(G, node, depth=3):
    """The county or city ``node`` lies in, following locatedIn through towns and villages."""
    frontier = [node]
    for _ in range(depth):
        targets = sorted({v for u in frontier for _, v, rel in G.out_edges(u, keys=True) if rel == "locatedIn"})
        places = [t for t in targets if _type(G, t) in PLACES]
        if places:
            return min(places, key=lambda p: _place_rank(G, p))
        frontier = [t for t in targets if _type(G, t) in SMALL_PLACES]
        if not frontier:
            return None
    return None


def _linked_place(G, node):
    """The county or city most often linked to ``node`` by any relation, if any."""
    votes = Counter(other for other in list(G.successors(node)) + list(G.predecessors(node))
                    if _type(G, other) in PLACES)
    if not votes:
        return None
    return min(votes, key=lambda p: (-votes[p], _place_rank(G, p)))


def place_of(G: nx.MultiDiGraph) -> dict[str, str]:
    """node -> group key: its place when the graph says where it is, else its neighbours' place."""
    group = {}
    for n in sorted(G.nodes):
        if _type(G, n) == ARTICLE:
            continue   # an article mentions many places: it belongs to none of them
        if _type(G, n) in PLACES:
            group[n] = n
        else:
            place = _located_place(G, n) or _linked_place(G, n)
            if place is not None:
                group[n] = place
    # Entities linked only to placed entities (a sector of a county's firms) join their place.
    for _ in range(3):
        votes_for = {}
        for n in sorted(G.nodes):
            if n in group or _type(G, n) == ARTICLE:
                continue
            votes = Counter(group[o] for o in list(G.successors(n)) + list(G.predecessors(n)) if o in group)
            if votes:
                votes_for[n] = min(votes, key=lambda p: (-votes[p], p))
        if not votes_for:
            break
        group.update(votes_for)
    for n in sorted(G.nodes):
        group.setdefault(n, UNPLACED + _type(G, n))
    return group


def _local_layout(G, members, seed):
    """Coordinates around (0, 0) for one group's members, linked members pulled together."""
    if len(members) == 1:
        return [(0.0, 0.0)]
    index = {n: i for i, n in enumerate(members)}
    sub = G.subgraph(members)
    edges = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in sub.edges() if u != v})
    points = _component_layout(members, edges, seed, gravity=GROUP_GRAVITY)
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    return [(x - mx, y - my) for x, y in points]


def _free_spot(target, radius, placed):
    """The first point on a spiral around ``target`` where a disc of ``radius`` overlaps no placed disc."""
    tx, ty = target
    step = max(radius, K) / 2
    for i in range(100000):
        angle = i * 0.6
        dist = step * angle / (2 * math.pi) * 2
        x, y = tx + dist * math.cos(angle), ty + dist * math.sin(angle)
        if all(math.hypot(x - px, y - py) >= radius + pr + GAP for px, py, pr in placed):
            return x, y
    raise AssertionError("no free spot")  # unreachable: the spiral grows without bound


def _group_label(G, key, labels):
    if key in G:
        return G.nodes[key]["data"].label
    kind = key[len(UNPLACED):]
    return labels.get(kind, kind) if kind == ARTICLE else "未定位的" + labels.get(kind, kind)


def group_layout(G: nx.MultiDiGraph, group: dict[str, str], labels: dict[str, str]):
    """The groups, biggest first, each placed near the groups it links to, and every node's position."""
    members = {}
    for n in sorted(G.nodes):
        members.setdefault(group[n], []).append(n)
    links = Counter()
    for u, v in G.edges():
        a, b = group[u], group[v]
        if a != b:
            links[(min(a, b), max(a, b))] += 1
    order = sorted(members, key=lambda k: (-len(members[k]), k))
    groups, placed, pos = {}, [], {}
    for number, key in enumerate(order):
        local = _local_layout(G, members[key], SEED + number)
        radius = max(math.hypot(x, y) for x, y in local) + K / 2
        weights = [(links[(min(key, o), max(key, o))], groups[o]) for o in groups
                   if links[(min(key, o), max(key, o))]]
        if weights:
            total = sum(w for w, _ in weights)
            target = (sum(w * g.x for w, g in weights) / total, sum(w * g.y for w, g in weights) / total)
        else:
            target = (0.0, 0.0)
        x, y = _free_spot(target, radius, placed) if placed else (0.0, 0.0)
        placed.append((x, y, radius))
        label = _group_label(G, key, labels)
        groups[key] = Group(key, label, members[key], x, y, radius)
        for n, (lx, ly) in zip(members[key], local):
            pos[n] = (int(round(x + lx)), int(round(y + ly)))
    return [groups[k] for k in order], pos
