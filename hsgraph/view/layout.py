"""A deterministic force-directed layout in pure Python, for views too big for in-browser physics.

networkx's ``spring_layout`` needs numpy (and scipy past 500 nodes), which
hsgraph does not depend on, so this is the same Fruchterman–Reingold idea
written out: repulsion only between nodes in neighbouring grid cells, so a
step costs O(nodes + edges), and a fixed seed and sorted input, so the same
graph always gets the same coordinates (plain float arithmetic and sqrt are
exact IEEE operations on every platform).

Each connected component is laid out on its own; components are then packed
in rows, largest first, and unlinked nodes go in a grid below them.
"""
from __future__ import annotations

import math
import random

import networkx as nx

K = 70.0            # ideal edge length in vis pixels
ITERATIONS = 60
SEED = 42
GRAVITY = 0.0


def _component_layout(nodes: list[str], edges: list[tuple[int, int]], seed: int,
                      gravity: float = GRAVITY) -> list[tuple[float, float]]:
    n = len(nodes)
    degree = [0] * n
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    # Hubs pull their many neighbours less each, so they do not crush the picture.
    edges = [(a, b, 1.0 / math.sqrt(degree[a] * degree[b])) for a, b in edges]
    rng = random.Random(seed)
    side = K * math.sqrt(n) * 1.5
    xs = [rng.random() * side for _ in range(n)]
    ys = [rng.random() * side for _ in range(n)]
    cell = 2 * K
    k2 = 4 * K * K  # repulsion stronger than the springs: spreads dense random graphs
    temp = side / 8
    cool = temp / (ITERATIONS + 1)
    for _ in range(ITERATIONS):
        dx = [0.0] * n
        dy = [0.0] * n
        grid: dict[tuple[int, int], list[int]] = {}
        for i in range(n):
            grid.setdefault((int(xs[i] // cell), int(ys[i] // cell)), []).append(i)
        # Each pair of nearby nodes once: within a cell, and with four of its eight neighbours.
        limit = cell * cell
        for (cx, cy), members in grid.items():
            m = len(members)
            for p in range(m):
                i = members[p]
                xi, yi = xs[i], ys[i]
                for q in range(p + 1, m):
                    j = members[q]
                    ddx, ddy = xi - xs[j], yi - ys[j]
                    d2 = ddx * ddx + ddy * ddy
                    if d2 < 1e-6:
                        # Coincident nodes: push apart along a fixed direction by index.
                        ddx, ddy, d2 = (1.0 if i < j else -1.0), 0.0, 1.0
                    elif d2 >= limit:
                        continue
                    f = k2 / d2
                    dx[i] += ddx * f
                    dy[i] += ddy * f
                    dx[j] -= ddx * f
                    dy[j] -= ddy * f
            for ox, oy in ((1, 0), (-1, 1), (0, 1), (1, 1)):
                others = grid.get((cx + ox, cy + oy))
                if not others:
                    continue
                for i in members:
                    xi, yi = xs[i], ys[i]
                    fx = fy = 0.0
                    for j in others:
                        ddx, ddy = xi - xs[j], yi - ys[j]
                        d2 = ddx * ddx + ddy * ddy
                        if d2 < limit:
                            if d2 < 1e-6:
                                ddx, ddy, d2 = (1.0 if i < j else -1.0), 0.0, 1.0
                            f = k2 / d2
                            ddx *= f
                            ddy *= f
                            fx += ddx
                            fy += ddy
                            dx[j] -= ddx
                            dy[j] -= ddy
                    dx[i] += fx
                    dy[i] += fy
        for a, b, w in edges:
            ddx, ddy = xs[a] - xs[b], ys[a] - ys[b]
            d = math.sqrt(ddx * ddx + ddy * ddy) or 1e-3
            f = d / K * w
            dx[a] -= ddx * f
            dy[a] -= ddy * f
            dx[b] += ddx * f
            dy[b] += ddy * f
        # A weak pull to the middle keeps loosely linked parts of a component together.
        mx, my = sum(xs) / n, sum(ys) / n
        for i in range(n):
            fx = dx[i] - (xs[i] - mx) * gravity
            fy = dy[i] - (ys[i] - my) * gravity
            d = math.sqrt(fx * fx + fy * fy)
            if d > 0:
                step = min(d, temp)
                xs[i] += fx / d * step
                ys[i] += fy / d * step
        temp = max(temp - cool, 1.0)
    return list(zip(xs, ys))


def layout(G: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Integer vis coordinates for every node of ``G``."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(G.nodes))
    simple.add_edges_from(sorted({(min(u, v), max(u, v)) for u, v, _ in G.edges(keys=True) if u != v}))
    components = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c[0]))
    linked = [c for c in components if len(c) > 1]
    lonely = [c[0] for c in components if len(c) == 1]

    placed: list[tuple[list[str], list[tuple[float, float]]]] = []
    for number, comp in enumerate(linked):
        index = {n: i for i, n in enumerate(comp)}
        edges = sorted((index[u], index[v]) for u, v in simple.subgraph(comp).edges())
        placed.append((comp, _component_layout(comp, edges, SEED + number)))

    pos: dict[str, tuple[int, int]] = {}
    width = max((max(x for x, _ in p) - min(x for x, _ in p) for _, p in placed[:1]), default=0.0)
    width = max(width, 900.0)
    cursor_x = cursor_y = row_h = 0.0
    gap = 2 * K
    for comp, points in placed:
        x0, y0 = min(x for x, _ in points), min(y for _, y in points)
        w = max(x for x, _ in points) - x0
        h = max(y for _, y in points) - y0
        if cursor_x > 0 and cursor_x + w > width:
            cursor_x, cursor_y, row_h = 0.0, cursor_y + row_h + gap, 0.0
        for n, (x, y) in zip(comp, points):
            pos[n] = (int(round(cursor_x + x - x0)), int(round(cursor_y + y - y0)))
        cursor_x += w + gap
        row_h = max(row_h, h)
    top = cursor_y + row_h + gap if placed else 0.0
    per_row = max(1, int(width // 90))
    for i, n in enumerate(lonely):
        pos[n] = (int((i % per_row) * 90), int(round(top + (i // per_row) * 60)))
    return pos
