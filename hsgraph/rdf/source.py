"""Open a graph the user names: an RDF file in any format rdflib reads.

Store folders (written by ``hsgraph build --store``) are opened by
``hsgraph.rdf.store``; this module is the one place that guesses a file's
format from its suffix.
"""
from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.util import guess_format

from ..errors import HsgraphError


def rdf_format(path: Path) -> str:
    fmt = guess_format(str(path))
    if fmt is None:
        raise HsgraphError("cannot tell the RDF format from the file name "
                           "(use .ttl, .nt, .nq, .trig, .jsonld or .rdf)", where=str(path))
    return fmt


def load_graph(path) -> rdflib.Graph:
    """Parse an RDF file or a store folder into one rdflib graph (quads merged into the default graph)."""
    path = Path(path)
    if not path.exists():
        raise HsgraphError("no such file or folder", where=str(path))
    if path.is_dir():
        from .store import open_store, store_to_graph
        return store_to_graph(open_store(path))
    fmt = rdf_format(path)
    try:
        if fmt in ("trig", "nquads"):
            ds = rdflib.Dataset()
            ds.parse(path, format=fmt)
            g = rdflib.Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                g.add((s, p, o))
        else:
            g = rdflib.Graph()
            g.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise HsgraphError(f"not a valid {fmt} file: {str(exc).splitlines()[0][:200]}", where=str(path)) from None
    return g
