"""Build throughput of the whole pipeline against one bare jieba.cut pass, and the build's peak memory.

    python benchmarks/bench_build.py [--articles 50 1000] [--seeds seeds]

Synthesises corpora by copying the seed articles under new file names, builds
each with ``hsgraph build`` in a child process (so its peak RSS is its own and
the numbers include everything a user waits for: start-up, recognition,
linking, relations, figures and Turtle output), and times one ``jieba.cut``
pass over the same text in this process.  Prints characters per second of
both, their ratio and the build's peak RSS.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def synthesise(seeds: list[Path], n: int, folder: Path) -> int:
    """Write ``n`` articles into ``folder`` by cycling through the seeds; returns the characters."""
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(n):
        src = seeds[i % len(seeds)]
        dst = folder / f"{i:05d}_{src.name}"
        shutil.copyfile(src, dst)
        chars += len(src.read_text(encoding="utf-8"))
    return chars


def hsgraph_command() -> list[str]:
    """The installed console script beside this interpreter, else the CLI module through it."""
    script = Path(sys.executable).with_name("hsgraph")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from hsgraph.cli import main; sys.exit(main())"]


def build(folder: Path, out: Path) -> tuple[float, float]:
    """Run ``hsgraph build`` on ``folder`` in a child; returns (wall seconds, peak RSS in MiB).

    os.wait4 gives the resource usage of that one child, not of every child so far."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(hsgraph_command() + ["build", str(folder), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"hsgraph build failed ({proc.returncode}):\n{err}")
    # ru_maxrss is KiB on Linux, bytes on macOS
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return wall, rss


def jieba_pass(folder: Path) -> float:
    """Seconds for one jieba.cut pass over every article in ``folder`` (dictionary loaded first)."""
    import jieba
    jieba.setLogLevel(60)
    jieba.initialize()
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    t0 = time.perf_counter()
    for text in texts:
        for _ in jieba.cut(text):
            pass
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[50, 1000])
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    args = ap.parse_args(argv)
    seeds = sorted(args.seeds.glob("*.txt"))
    if not seeds:
        raise SystemExit(f"no .txt articles in {args.seeds}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="hsgraph-bench-") as tmp:
        for n in args.articles:
            folder = Path(tmp) / f"corpus{n}"
            chars = synthesise(seeds, n, folder)
            wall, rss = build(folder, Path(tmp) / f"graph{n}.ttl")
            cut = jieba_pass(folder)
            rows.append((n, chars, wall, chars / wall, chars / cut, rss))
            shutil.rmtree(folder)
    print(f"{'articles':>8} {'chars':>10} {'build s':>9} {'build ch/s':>11} {'jieba ch/s':>11} "
          f"{'jieba/build':>11} {'peak RSS MiB':>12}")
    for n, chars, wall, b, j, rss in rows:
        print(f"{n:>8} {chars:>10} {wall:>9.1f} {b:>11,.0f} {j:>11,.0f} {j / b:>11.1f} {rss:>12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
