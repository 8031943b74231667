"""Load test: ``hsgraph serve`` and Virtuoso answering bundled questions to 200 concurrent clients.

    python benchmarks/bench_serve.py [--articles 12000] [--clients 200] [--per-client 5]

Generates about 1 M triples in hsgraph's shape (``bench_query.generate``),
writes them to an hsgraph store folder and serves it with ``hsgraph serve``;
then pushes the same triples into a fresh Virtuoso (Debian's
virtuoso-opensource-7) with ``hsgraph push``.  Against each server, in turn,
``--clients`` concurrent clients on 127.0.0.1 each send ``--per-client``
bundled questions (the same texts to both, chosen round-robin) and wait
for every answer.  The run is bounded: a fixed number of requests, each
with a time-out, and an overall deadline.

Prints, per server: requests, errors (target 0), throughput, p50 / p99
latency, the server's peak resident memory, and whether each question's
row count agrees between the two servers.  The clients share the machine's
cores with the server, so the figures are for this machine as a whole.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from bench_query import generate, queries  # noqa: E402
from servers import free_port, wait_until_up  # noqa: E402

GRAPH = "https://w3id.org/hsgraph/bench/graph"


def peak_rss_mib(pid: int) -> float:
    """High-water resident memory (VmHWM) of the process and its children (uvicorn's workers), added up."""
    total = 0.0
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    for p in [pid, *map(int, children)]:
        with open(f"/proc/{p}/status") as fh:
            total += next((int(line.split()[1]) / 1024 for line in fh if line.startswith("VmHWM:")), 0.0)
    return total


def make_store(data: bytes, folder: Path) -> int:
    from hsgraph.rdf.store import MARKER
    store = pyoxigraph.Store(str(folder))
    store.bulk_load(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
    store.flush()
    n = len(store)
    del store
    (folder / MARKER).write_text("benchmark store\n")
    return n


async def load(url: str, texts: list[tuple[str, str]], clients: int, per_client: int, extra: dict,
               timeout: float, deadline: float) -> dict:
    """``clients`` tasks, each sending ``per_client`` questions one after another; latencies and errors."""
    latencies, errors, rows, by_name = [], [], {}, {}
    # idle connections are dropped before the servers' keep-alive (5 s) could close them under a request
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients, keepalive_expiry=2)
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:
        async def one_client(c: int):
            for k in range(per_client):
                name, text = texts[(c * per_client + k) % len(texts)]
                t0 = time.perf_counter()
                try:
                    r = await client.post(url, data={"query": text, **extra},
                                          headers={"Accept": "application/sparql-results+json"})
                    if r.status_code != 200:
                        errors.append(f"{name}: HTTP {r.status_code} {r.text[:120]!r}")
                        continue
                    rows[name] = len(r.json()["results"]["bindings"])
                    latencies.append(time.perf_counter() - t0)
                    by_name.setdefault(name, []).append(latencies[-1])
                except (httpx.HTTPError, ValueError) as exc:
                    errors.append(f"{name}: {type(exc).__name__} {exc}")
        t0 = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(one_client(c) for c in range(clients))), deadline)
        wall = time.perf_counter() - t0
    return {"latencies": latencies, "errors": errors, "rows": rows, "wall": wall, "by_name": by_name}


def summary(name: str, res: dict, rss: float) -> dict:
    lat = sorted(res["latencies"])
    n = len(lat) + len(res["errors"])

    def pct(p):
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")
    return {"server": name, "requests": n, "errors": len(res["errors"]), "rps": n / res["wall"],
            "p50": pct(0.50), "p99": pct(0.99), "mean": statistics.fmean(lat) * 1000 if lat else float("nan"),
            "rss": rss, "wall": res["wall"]}


def bench_hsgraph(store_dir: Path, texts, args) -> tuple[dict, dict]:
    port = free_port()
    cmd = [str(Path(sys.executable).with_name("hsgraph")), "serve", str(store_dir), "--port", str(port),
           "--timeout", str(args.timeout), "--workers", str(args.workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/sparql", proc, limit=120)
        res = asyncio.run(load(f"http://127.0.0.1:{port}/sparql", texts, args.clients, args.per_client, {},
                               args.timeout, args.deadline))
        return summary("hsgraph serve", res, peak_rss_mib(proc.pid)), res
    finally:
        proc.terminate()
        proc.wait(30)


def bench_virtuoso(nt_file: Path, texts, args) -> tuple[dict, dict, float] | None:
    from virtuoso import PASSWORD, VirtuosoUnavailable, virtuoso
    try:
        with virtuoso(buffers=args.virtuoso_buffers, threads=args.virtuoso_threads, limit=120) as base:
            t0 = time.perf_counter()
            subprocess.run([str(Path(sys.executable).with_name("hsgraph")), "push", str(nt_file),
                            "--endpoint", base + "/sparql-graph-crud-auth", "--graph", GRAPH, "--user", "dba",
                            "--password-env", "BENCH_VIRTUOSO_PW", "--sparql", base + "/sparql"],
                           check=True, env={"BENCH_VIRTUOSO_PW": PASSWORD, "PATH": "/usr/bin:/bin"})
            push_s = time.perf_counter() - t0
            pid = int(subprocess.check_output(["pgrep", "-n", "-f", "hsgraph-virtuoso-"]).split()[0])
            res = asyncio.run(load(base + "/sparql", texts, args.clients, args.per_client,
                                   {"default-graph-uri": GRAPH}, args.timeout, args.deadline))
            return summary("Virtuoso 7", res, peak_rss_mib(pid)), res, push_s
    except VirtuosoUnavailable as exc:
        print(f"Virtuoso skipped: {exc}")
        return None


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=12000, help="graph size in articles (about 84 triples each)")
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--per-client", type=int, default=5, help="questions each client sends")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    ap.add_argument("--deadline", type=float, default=1200.0, help="seconds for all requests to one server")
    ap.add_argument("--virtuoso-buffers", type=int, default=170000, help="8 KiB pages of Virtuoso's buffer pool")
    ap.add_argument("--virtuoso-threads", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2, help="hsgraph serve --workers (one per core here)")
    ap.add_argument("--no-virtuoso", action="store_true")
    args = ap.parse_args(argv)

    texts = sorted(queries().items())
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        data = generate(args.articles)
        (tmp / "graph.nt").write_bytes(data)
        n = make_store(data, tmp / "store")
        del data
        print(f"{n} triples ({args.articles} articles), store built in {time.perf_counter() - t0:.1f} s; "
              f"{args.clients} clients x {args.per_client} questions of {len(texts)} kinds")
        results = [bench_hsgraph(tmp / "store", texts, args)]
        results[0][0]["server"] = f"hsgraph serve x{args.workers}"
        pushed = None
        if not args.no_virtuoso:
            got = bench_virtuoso(tmp / "graph.nt", texts, args)
            if got:
                results.append(got[:2])
                pushed = got[2]
    print()
    print(f"{'server':<18} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'mean ms':>8} {'peak RSS MiB':>12}")
    for s, _ in results:
        print(f"{s['server']:<18} {s['requests']:>8} {s['errors']:>6} {s['rps']:>7.1f} {s['p50']:>8.0f} "
              f"{s['p99']:>8.0f} {s['mean']:>8.0f} {s['rss']:>12.0f}")
    if pushed is not None:
        print(f"\nhsgraph push of {n} triples into Virtuoso: {pushed:.1f} s ({n / pushed:,.0f} triples/s)")
    if len(results) == 2:
        a, b = results[0][1]["rows"], results[1][1]["rows"]
        la, lb = results[0][1]["by_name"], results[1][1]["by_name"]
        print("\nper question, under load: rows (hsgraph / Virtuoso) and median latency in ms")
        for name in sorted(set(a) | set(b)):
            med = [f"{statistics.median(x[name]) * 1000:.0f}" if x.get(name) else "-" for x in (la, lb)]
            print(f"  {name:<24} rows {a.get(name, '-')} / {b.get(name, '-')}"
                  f"{'' if a.get(name) == b.get(name) else ' (differ)'}   p50 {med[0]} / {med[1]}")
    for s, res in results:
        for e in res["errors"][:5]:
            print(f"  {s['server']} error: {e}")


if __name__ == "__main__":
    main()
