"""Load the package's data files (gazetteers, vocabularies, patterns) once."""
from __future__ import annotations

import csv
import functools
from importlib.resources import files


def data_file(name: str):
    return files("hsgraph") / "data" / name


@functools.lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """A whitespace-separated word list; lines starting with # are comments."""
    out: set[str] = set()
    for line in data_file(name).read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#"):
            continue
        out.update(line.split())
    return frozenset(out)


@functools.lru_cache(maxsize=None)
def table(name: str) -> tuple[dict[str, str], ...]:
    """A TSV with a header row; lines starting with # before the header are comments."""
    lines = [ln for ln in data_file(name).read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return tuple(dict(row) for row in csv.DictReader(lines, delimiter="\t"))


@functools.lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """A headerless TSV whose comment lines start with #."""
    out = []
    for ln in data_file(name).read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            out.append(tuple(ln.split("\t")))
    return tuple(out)
