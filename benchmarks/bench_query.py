"""Bundled queries on Oxigraph and on rdflib's memory store, side by side.

    python benchmarks/bench_query.py [--articles 100 1000 10000] [--rdflib-cap 60]

Generates graphs in hsgraph's shape deterministically (seeded), loads each
into Oxigraph and, where it finishes within the cap, into rdflib's memory
store, runs every bundled query on both and prints times, ratios, load time
and peak memory.  Targets: median bundled query at most 50 ms at about 1 M
triples; at least 100 times faster than rdflib on the largest size rdflib
completes.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import resource
import statistics
import time

BASE = "https://w3id.org/hsgraph/"
HS = "https://w3id.org/hsgraph/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
# much-linked entities (the generator favours low numbers), so the answers are long lists
PARAMS = {"entity": "县0007", "a": "县0007", "b": "产业003", "county": "县0007", "industry": "产业003"}
MEDIAN_TARGET_MS = 50.0
MEDIAN_TARGET_TRIPLES = 800_000   # "about 1 M triples": the 10,000-article graph has about 844k
RATIO_TARGET = 100.0


def _lit(text: str, lang: str | None = "zh") -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"@{lang}' if lang else f'"{text}"'


def generate(n_articles: int, seed: int = 7) -> bytes:
    """N-Triples of a graph with realistic fan-out: a few hundred counties, tens of industries,
    enterprises and projects that grow with the corpus, evidence for every relation."""
    rnd = random.Random(seed)
    n_counties, n_industries = 300, 80
    n_enterprises, n_projects, n_policies = max(50, n_articles * 2), max(30, n_articles), max(20, n_articles // 2)
    out: list[str] = []
    add = out.append

    def t(s, p, o):
        add(f"<{s}> <{p}> {o} .")

    def ent(kind, i):
        return f"{BASE}id/{kind}/{i:08x}"

    entities = {}
    for kind, n, cls, name in (("region", n_counties, "County", "县{:04d}"),
                               ("industry", n_industries, "Industry", "产业{:03d}"),
                               ("enterprise", n_enterprises, "Enterprise", "企业{:06d}有限公司"),
                               ("project", n_projects, "Project", "项目{:06d}产业园"),
                               ("policy", n_policies, "Policy", "政策{:06d}实施方案")):
        entities[kind] = [ent(kind, i) for i in range(n)]
        for i, iri in enumerate(entities[kind]):
            t(iri, RDF + "type", f"<{HS}{cls}>")
            t(iri, RDFS + "label", _lit(name.format(i)))
            if kind == "enterprise":
                t(iri, SKOS + "altLabel", _lit(name.format(i)[:-4]))
    ev_count = 0
    rels = (("enterprise", "locatedIn", "region"), ("enterprise", "inIndustry", "industry"),
            ("region", "hasIndustry", "industry"), ("policy", "issuedBy", "region"),
            ("policy", "targetsIndustry", "industry"), ("enterprise", "involvedIn", "project"),
            ("project", "locatedIn", "region"))
    for a in range(n_articles):
        art = f"{BASE}id/article/{a:08x}"
        t(art, RDF + "type", f"<{HS}Article>")
        t(art, DCT + "identifier", _lit(f"{a:06d}.txt", None))
        named = []
        for kind, k in (("region", 3), ("industry", 2), ("enterprise", 3), ("project", 1), ("policy", 1)):
            pool = entities[kind]
            # a few popular entities and a long tail
            named += [(kind, pool[min(len(pool) - 1, int(rnd.paretovariate(1.2)) - 1 + rnd.randrange(len(pool)) // 4)])
                      for _ in range(k)]
        for kind, iri in named:
            t(iri, HS + "mentionedIn", f"<{art}>")
            m = f"{BASE}id/mention/{a:06x}{rnd.getrandbits(32):08x}"
            t(m, RDF + "type", f"<{HS}Mention>")
            t(m, HS + "mentionOf", f"<{iri}>")
            t(m, HS + "source", f"<{art}>")
        for _ in range(4):
            sk, pred, ok = rnd.choice(rels)
            s = rnd.choice([i for k, i in named if k == sk])
            o = rnd.choice([i for k, i in named if k == ok])
            t(s, HS + pred, f"<{o}>")
            ev = f"{BASE}id/evidence/{ev_count:010x}"
            ev_count += 1
            t(ev, RDF + "type", f"<{HS}Evidence>")
            t(ev, RDF + "subject", f"<{s}>")
            t(ev, RDF + "predicate", f"<{HS}{pred}>")
            t(ev, RDF + "object", f"<{o}>")
            t(ev, HS + "source", f"<{art}>")
            t(ev, HS + "sentence", _lit(f"第{a}篇文章中的一句话，说明这一关系。", None))
            t(ev, HS + "confidence", f'"0.8"^^<{XSD}decimal>')
        if rnd.random() < 0.3:
            p = rnd.choice([i for k, i in named if k == "project"])
            fig = f"{BASE}id/figure/{a:010x}"
            t(p, HS + "figure", f"<{fig}>")
            t(fig, RDF + "type", f"<{HS}Figure>")
            t(fig, HS + "measure", '"investment"')
            t(fig, HS + "value", f'"{rnd.randrange(1, 500) * 10**7}"^^<{XSD}decimal>')
            t(fig, HS + "unit", '"CNY"')
            t(fig, HS + "quantityText", _lit(f"投资{rnd.randrange(1, 50)}亿元", None))
            t(fig, HS + "source", f"<{art}>")
    return ("\n".join(out) + "\n").encode("utf-8")


def queries() -> dict[str, str]:
    """Every bundled query as ``hsgraph query --name`` runs it (default page of 100 rows)."""
    from hsgraph.query.run import bundled_queries, prepare_query, substitute_params
    out = {}
    for name, (_, text) in bundled_queries().items():
        out[name] = prepare_query(substitute_params(text, PARAMS))[0]
    return out


def _time(fn, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _rss_mib() -> float:
    """Current resident set size of this process."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def _worker(engine: str, n_articles: int, seed: int, conn) -> None:
    """In a fresh process: generate the graph, load it into one engine, time each bundled query.

    Sends ("triples", n), ("load", s), (query name, s)..., then ("mem", (baseline MiB, peak MiB)).
    """
    data = generate(n_articles, seed)
    base = _rss_mib()
    t0 = time.perf_counter()
    if engine == "oxigraph":
        import pyoxigraph
        store = pyoxigraph.Store()
        store.bulk_load(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
        conn.send(("triples", len(store)))

        def run(q):
            return list(store.query(q))
        repeat = 3
    else:
        import rdflib
        g = rdflib.Graph()
        g.parse(data=data, format="nt")
        conn.send(("triples", len(g)))

        def run(q):
            return list(g.query(q))
        repeat = 1
    conn.send(("load", time.perf_counter() - t0))
    del data
    for name, q in queries().items():
        conn.send((name, _time(lambda q=q: run(q), repeat=repeat)))
    conn.send(("mem", (base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)))


def run_engine(engine: str, n_articles: int, seed: int, cap: float | None) -> tuple[dict, bool]:
    """Run one engine on one size in a child process; stop it after ``cap`` seconds."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_worker, args=(engine, n_articles, seed, child), daemon=True)
    proc.start()
    out: dict = {}
    deadline = time.monotonic() + cap if cap else float("inf")
    while time.monotonic() < deadline and "mem" not in out:
        if parent.poll(0.2):
            key, value = parent.recv()
            out[key] = value
        elif not proc.is_alive():
            break
    finished = "mem" in out
    proc.kill()
    proc.join()
    return out, finished


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, nargs="+", default=[100, 1000, 10000],
                    help="graph sizes in articles (about 95 triples each)")
    ap.add_argument("--seed", type=int, default=7, help="generator seed")
    ap.add_argument("--rdflib-cap", type=float, default=120.0, help="seconds rdflib may take per size")
    args = ap.parse_args(argv)
    rdflib_done = True
    largest_ratio = None
    largest_ox = None
    for n in args.articles:
        ox, _ = run_engine("oxigraph", n, args.seed, None)
        base, peak = ox.pop("mem")
        triples, load = ox.pop("triples"), ox.pop("load")
        print(f"\n== {n:,} articles, {triples:,} triples")
        print(f"   Oxigraph load {load:.2f} s, peak RSS {peak:.0f} MiB "
              f"({peak - base:.0f} MiB above the generated N-Triples)")
        rd, finished = run_engine("rdflib", n, args.seed, args.rdflib_cap) if rdflib_done else ({}, False)
        if not finished:
            rdflib_done = False
        if "load" in rd:
            line = f"   rdflib   load {rd['load']:.2f} s"
            if "mem" in rd:
                rbase, rpeak = rd["mem"]
                line += f", peak RSS {rpeak:.0f} MiB ({rpeak - rbase:.0f} MiB above the generated N-Triples)"
            print(line)
        print(f"   {'query':<24}{'oxigraph ms':>12}{'rdflib ms':>12}{'ratio':>10}")
        ratios = {}
        for name, secs in ox.items():
            r = rd.get(name)
            ratio = r / secs if r and secs else None
            if ratio:
                ratios[name] = ratio
            print(f"   {name:<24}{secs * 1000:>12.2f}{(f'{r * 1000:.1f}' if r else '—'):>12}"
                  f"{(f'{ratio:.0f}x' if ratio else '—'):>10}")
        median_ms = statistics.median(ox.values()) * 1000
        largest_ox = (n, triples, median_ms)
        print(f"   median oxigraph query: {median_ms:.2f} ms")
        if finished and ratios:
            largest_ratio = (n, triples, statistics.median(ratios.values()), ratios)
            print(f"   oxigraph vs rdflib: median {statistics.median(ratios.values()):.0f}x, "
                  f"smallest {min(ratios.values()):.0f}x")
        elif rd:
            print(f"   rdflib did not finish within {args.rdflib_cap:.0f} s; not run on larger sizes")
        elif not rdflib_done:
            print("   rdflib skipped (it did not finish on a smaller size)")
    print("\nTargets")
    n, triples, median_ms = largest_ox
    if triples >= MEDIAN_TARGET_TRIPLES:
        verdict = "MET" if median_ms <= MEDIAN_TARGET_MS else "NOT MET"
        print(f"  median bundled query <= {MEDIAN_TARGET_MS:.0f} ms at ~1 M triples: {verdict} "
              f"({median_ms:.1f} ms at {triples:,} triples)")
    else:
        print(f"  median bundled query <= {MEDIAN_TARGET_MS:.0f} ms at ~1 M triples: NOT MEASURED "
              f"(largest graph {triples:,} triples; run --articles 10000)")
    if largest_ratio:
        n, triples, med, ratios = largest_ratio
        below = sorted(name for name, r in ratios.items() if r < RATIO_TARGET)
        verdict = "MET" if med >= RATIO_TARGET else "NOT MET"
        print(f"  Oxigraph >= {RATIO_TARGET:.0f}x faster than rdflib on the largest size rdflib completed "
              f"({n:,} articles, {triples:,} triples): {verdict} (median {med:.0f}x, "
              f"smallest {min(ratios.values()):.0f}x; "
              + (f"below {RATIO_TARGET:.0f}x: {', '.join(below)})" if below else f"every query {RATIO_TARGET:.0f}x or more)"))
    else:
        print(f"  Oxigraph >= {RATIO_TARGET:.0f}x faster than rdflib: NOT MEASURED "
              "(rdflib completed no size; add a smaller --articles or raise --rdflib-cap)")

if __name__ == "__main__":
    main()
