"""How long `hsgraph viz` pages take to build and to draw in headless Chromium.

    .venv/bin/python benchmarks/bench_viz.py [--sizes 200,1000,2000] [--repeat 3]

For each size it writes a random graph (about 2.5 edges per node, fixed seed)
to benchmarks/out/, builds its view, opens it from file:// in Debian's
chromium (network requests aborted) and waits for ``window.hsgraphReady``:
set when vis-network has finished stabilising (physics on, up to 300 nodes)
or has drawn the first frame of the precomputed layout (physics off).
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from hsgraph.rdf.namespace import ENTITY_TYPES, RELATIONS
from hsgraph.view import build_view

OUT = Path(__file__).resolve().parent / "out"
CHROMIUM = "/usr/bin/chromium"


def make_graph(n: int, path: Path, edges_per_node: float = 2.5, seed: int = 42) -> int:
    rng = random.Random(seed)
    lines = ["@prefix hs: <https://w3id.org/hsgraph/ontology#> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix e: <https://w3id.org/hsgraph/id/bench/> ."]
    for i in range(n):
        lines.append(f'e:n{i} a hs:{rng.choice(ENTITY_TYPES)} ; rdfs:label "实体{i}号"@zh .')
    triples = set()
    want = int(n * edges_per_node)
    while len(triples) < want:
        a = rng.randrange(n)
        # Skewed targets: a few hubs, like places and industries in real graphs.
        b = int(n * rng.random() ** 2)
        if a != b:
            triples.add((a, rng.choice(RELATIONS), b))
    lines += [f"e:n{a} hs:{r} e:n{b} ." for a, r, b in sorted(triples)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(triples)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="200,1000,2000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--headless", "--no-sandbox", "--disable-gpu",
                                           "--disable-background-networking"])
        for n in (int(s) for s in args.sizes.split(",")):
            ttl = OUT / f"bench_{n}.ttl"
            m = make_graph(n, ttl)
            t = time.perf_counter()
            html = build_view(ttl)
            build_s = time.perf_counter() - t
            page_path = OUT / f"bench_{n}.html"
            page_path.write_bytes(html.encode("utf-8"))
            walls, inpage = [], []
            for _ in range(args.repeat):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                errors = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                           else r.abort())
                t = time.perf_counter()
                page.goto(page_path.as_uri())
                page.wait_for_function("window.hsgraphReady === true", timeout=300_000, polling=20)
                walls.append(time.perf_counter() - t)
                inpage.append(page.evaluate("window.hsgraphReadyMs") / 1000)
                counts = page.evaluate("[hsgraph.nodes.length, hsgraph.edges.length, hsgraph.data.physics]")
                if errors:
                    raise SystemExit(f"page errors at {n} nodes: {errors[:3]}")
                page.close()
            rows.append((n, counts[0], counts[1], "on" if counts[2] else "off", len(html) / 1e6,
                         build_s, statistics.median(inpage), statistics.median(walls)))
        browser.close()

    head = ("nodes", "drawn", "edges", "physics", "html MB", "build s", "ready s (page)", "ready s (wall)")
    print("  ".join(f"{h:>14}" for h in head))
    for r in rows:
        print("  ".join(f"{v:>14.2f}" if isinstance(v, float) else f"{v:>14}" for v in r))
    print(f"(median of {args.repeat} loads; chromium {CHROMIUM}, python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
