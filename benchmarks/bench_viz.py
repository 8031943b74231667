"""How long `hsgraph viz` pages take to build, to open and to answer in headless Chromium.

    .venv/bin/python benchmarks/bench_viz.py [--sizes 500,2000,5000,20000] [--repeat 3]

For each size it writes a regional graph like the real ones (cities, counties
and towns; enterprises, projects, policies, organisations and industries
placed in them; people; aliases; one evidence sentence per relation, from a
few articles; fixed seed) to benchmarks/out/, builds its view and opens it
from file:// in Debian's chromium, network requests aborted.  It reports:

- build: seconds for ``build_view`` (parse, filters, layout, page);
- open: load until ``window.hsgraphReady`` (first frame drawn, labels placed);
- then, in the whole graph as opened with ``--overview off`` (the slowest
  case; overview pages draw far fewer nodes): click-highlight of the busiest
  node, restore, a search and one zoom step (labels placed again and the frame
  drawn), each in milliseconds.  The
  20,000 size is measured as an overview only: open, then opening its
  biggest place.

Targets: open ≤ 2 s and interactions ≤ 300 ms at 5,000 nodes; 20,000 nodes
open as an overview in ≤ 3 s.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHARES = (("Enterprise", 0.34), ("Project", 0.2), ("Policy", 0.15), ("Organization", 0.1),
          ("Industry", 0.06), ("Person", 0.05))


def _names(n: int, rng: random.Random):
    """Entity kinds for n nodes: a place for every ~50 entities, the rest by the shares above."""
    cities = max(2, n // 1000)
    counties = max(4, n // 50)
    towns = n // 100
    kinds = ["City"] * cities + ["County"] * counties + ["Town"] * towns
    rest = n - len(kinds)
    for kind, share in SHARES:
        kinds += [kind] * int(rest * share)
    kinds += ["Enterprise"] * (n - len(kinds))
    return kinds


def make_graph(n: int, path: Path, seed: int = 42, long_name: str | None = None) -> int:
    """Write a regional graph of ``n`` entities to ``path``; returns the number of relation triples."""
    rng = random.Random(seed)
    kinds = _names(n, rng)
    by_kind: dict[str, list[int]] = {}
    for i, k in enumerate(kinds):
        by_kind.setdefault(k, []).append(i)
    articles = max(3, n // 20)
    lines = ["@prefix hs: <https://w3id.org/hsgraph/ontology#> .",
             "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
             "@prefix dcterms: <http://purl.org/dc/terms/> .",
             "@prefix e: <https://w3id.org/hsgraph/id/bench/> ."]
    suffix = {"City": "市", "County": "县", "Town": "镇", "Enterprise": "有限公司", "Project": "项目",
              "Policy": "条政策", "Organization": "局", "Industry": "产业", "Person": ""}
    for a in range(articles):
        lines.append(f'e:a{a} a hs:Article ; dcterms:identifier "{a:04d}.txt" ; dcterms:title "第{a}篇报道"@zh .')
    for i, k in enumerate(kinds):
        name = f"{k[:2]}{i}号{suffix[k]}"
        if long_name is not None and i == len(kinds) - 1:
            name = long_name
        extra = f' ; skos:altLabel "别名{i}"@zh' if rng.random() < 0.3 else ""
        lines.append(f'e:n{i} a hs:{k} ; rdfs:label "{name}"@zh{extra} ; hs:mentionedIn e:a{rng.randrange(articles)} .')
    triples = set()

    def link(a, rel, b):
        if a != b:
            triples.add((a, rel, b))

    pick = rng.choice
    for c in by_kind["County"]:
        link(c, "locatedIn", pick(by_kind["City"]))
        link(c, "hasIndustry", pick(by_kind["Industry"]))
    for t in by_kind["Town"]:
        link(t, "locatedIn", pick(by_kind["County"]))
    places = by_kind["County"] + by_kind["Town"]
    for f in by_kind["Enterprise"]:
        link(f, "locatedIn", pick(places))
        link(f, "inIndustry", pick(by_kind["Industry"]))
        if rng.random() < 0.3:
            link(f, "cooperatesWith", pick(by_kind["Enterprise"]))
    for p in by_kind["Project"]:
        link(p, "locatedIn", pick(places))
        link(pick(by_kind["Enterprise"]), "involvedIn", p)
    for p in by_kind["Policy"]:
        link(p, "issuedBy", pick(by_kind["County"] + by_kind["City"]))
        link(p, "targetsIndustry", pick(by_kind["Industry"]))
    for o in by_kind["Organization"]:
        link(o, "locatedIn", pick(by_kind["County"] + by_kind["City"]))
    for p in by_kind["Person"]:
        link(p, "involvedIn", pick(by_kind["Project"]))
    for number, (a, rel, b) in enumerate(sorted(triples)):
        lines.append(f"e:n{a} hs:{rel} e:n{b} .")
        lines.append(f"e:ev{number} a hs:Evidence ; rdf:subject e:n{a} ; rdf:predicate hs:{rel} ; rdf:object e:n{b} ;"
                     f' hs:sentence "第{number}句：实体{a}与实体{b}的关系。"@zh ; hs:source e:a{rng.randrange(articles)} .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(triples)


def _ms(page, code):
    """Milliseconds an in-page action takes, up to the next drawn frame."""
    return page.evaluate("""async (code) => {
        const t = performance.now();
        (new Function(code))();
        await new Promise(r => requestAnimationFrame(() => r()));
        return performance.now() - t;
    }""", code)


def _open(browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
    page.goto(path.as_uri())
    page.wait_for_function("window.hsgraphReady === true", timeout=300_000, polling=20)
    if errors:
        raise SystemExit(f"page errors in {path.name}: {errors[:3]}")
    return page


BUSIEST = "hsgraph.data.nodes.slice().sort((a, b) => a.rank - b.rank)[0].id"
INTERACTIONS = {
    "highlight": f"hsgraph.highlight({BUSIEST})",
    "restore": "hsgraph.restore()",
    "search": "hsgraph.focus(hsgraph.data.nodes[Math.floor(hsgraph.data.nodes.length / 2)].label)",
    "zoom": "hsgraph.zoomBy(1.25)",
}


def measure(browser, page_path, repeat, whole):
    """Median open seconds and interaction milliseconds over ``repeat`` loads."""
    opens, times = [], {k: [] for k in (INTERACTIONS if whole else ("open place",))}
    for _ in range(repeat):
        page = _open(browser, page_path)
        opens.append(page.evaluate("window.hsgraphReadyMs") / 1000)
        if whole:
            for name, code in INTERACTIONS.items():
                times[name].append(_ms(page, code))
        else:
            times["open place"].append(_ms(page, "hsgraph.openGroup(hsgraph.data.groups[0].key)"))
        counts = page.evaluate("[hsgraph.nodes.length, hsgraph.edges.length]")
        page.close()
    return statistics.median(opens), {k: statistics.median(v) for k, v in times.items()}, counts


def main(argv=None):
    from hsgraph.view import build_view

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500,2000,5000,20000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    OUT.mkdir(exist_ok=True)
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in (int(s) for s in args.sizes.split(",")):
            ttl = OUT / f"bench_{n}.ttl"
            m = make_graph(n, ttl)
            for mode in ("auto", "off") if n <= 5000 else ("auto",):
                t = time.perf_counter()
                html = build_view(ttl, overview=mode)
                build_s = time.perf_counter() - t
                page_path = OUT / f"bench_{n}_{mode}.html"
                page_path.write_bytes(html.encode("utf-8"))
                opened, times, drawn = measure(browser, page_path, args.repeat, whole=mode == "off")
                rows.append((n, m, "overview" if mode == "auto" else "whole", drawn[0], len(html) / 1e6,
                             build_s, opened, times))
                print(f"{n} {mode}: done", file=sys.stderr, flush=True)
        browser.close()

    head = ("nodes", "edges", "opens as", "drawn", "html MB", "build s", "open s", "interactions ms")
    print(" | ".join(head))
    print(" | ".join("---" for _ in head))
    for n, m, how, drawn, size, build_s, opened, times in rows:
        inter = ", ".join(f"{k} {v:.0f}" for k, v in times.items())
        print(f"{n} | {m} | {how} | {drawn} | {size:.2f} | {build_s:.1f} | {opened:.2f} | {inter}")
    print(f"(median of {args.repeat} loads; chromium {CHROMIUM}, python {sys.version.split()[0]})")
    five = [r for r in rows if r[0] == 5000]
    big = [r for r in rows if r[0] == 20000]
    for r in five:
        ok = r[6] <= 2 and all(v <= 300 for v in r[7].values())
        print(f"5,000 nodes, {r[2]}: open ≤ 2 s and interactions ≤ 300 ms: {'met' if ok else 'NOT met'}")
    for r in big:
        print(f"20,000 nodes opens as an overview in ≤ 3 s: {'met' if r[6] <= 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
