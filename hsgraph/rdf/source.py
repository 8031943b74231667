"""Open a graph the user names as an rdflib graph: an RDF file or a store folder.

Both are opened by ``hsgraph.rdf.store``, which knows the suffixes, so every
command reads a file the same way and reports a bad one the same way.
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
    """Parse an RDF file or a store folder into one rdflib graph (quads merged into the default graph).

    Files are parsed by Oxigraph's strict parsers (one-line messages with
    line and column; a file that is not what its name claims is an error,
    never an empty graph) and handed to rdflib as N-Quads.
    """
    from .store import open_store, store_to_graph
    return store_to_graph(open_store(path))
