"""Oxigraph stores: open any RDF file or store folder as a SPARQL-ready store.

A store folder written by :func:`save_store` carries a small marker file so
that hsgraph never overwrites a folder it did not create.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph

from ..errors import HsgraphError

MARKER = "HSGRAPH_STORE"

# suffix -> pyoxigraph format (None: parse with rdflib first)
SUFFIX_FORMATS = {
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".turtle": pyoxigraph.RdfFormat.TURTLE,
    ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
    ".trig": pyoxigraph.RdfFormat.TRIG,
    ".rdf": pyoxigraph.RdfFormat.RDF_XML,
    ".xml": pyoxigraph.RdfFormat.RDF_XML,
    ".owl": pyoxigraph.RdfFormat.RDF_XML,
    ".jsonld": None,
    ".json": None,
}


def is_store(path) -> bool:
    """True for a folder written by :func:`save_store`."""
    path = Path(path)
    return path.is_dir() and (path / MARKER).is_file()


def open_store(path) -> pyoxigraph.Store:
    """Open ``path``: an RDF file is loaded into memory, a store folder opened read-only."""
    path = Path(path)
    if not path.exists():
        raise HsgraphError("no such file or folder", where=str(path))
    if path.is_dir():
        if not is_store(path):
            raise HsgraphError("not an hsgraph store folder (made by `hsgraph build --store`)", where=str(path))
        try:
            return pyoxigraph.Store.read_only(str(path))
        except OSError as exc:
            raise HsgraphError(f"cannot open store: {exc}", where=str(path)) from None
    suffix = path.suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        raise HsgraphError("cannot tell the RDF format from the file name "
                           "(use .ttl, .nt, .nq, .trig, .jsonld or .rdf)", where=str(path))
    fmt = SUFFIX_FORMATS[suffix]
    store = pyoxigraph.Store()
    try:
        if fmt is None:
            import rdflib
            g = rdflib.Dataset()
            g.parse(path, format="json-ld")
            data = g.serialize(format="nquads", encoding="utf-8")
            store.bulk_load(data, format=pyoxigraph.RdfFormat.N_QUADS)
        else:
            with open(path, "rb") as fh:
                store.bulk_load(fh, format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise HsgraphError(f"not a valid RDF file: {str(exc).splitlines()[0][:200]}", where=str(path)) from None
    except Exception as exc:  # rdflib's JSON-LD parser raises assorted types
        raise HsgraphError(f"not a valid RDF file: {str(exc).splitlines()[0][:200]}", where=str(path)) from None
    return store


class StagedStore:
    """A store folder built beside its target and swapped in on commit, undoable until finished.

    Staging checks the target and creates the temporary folder before any
    work starts; ``commit`` moves an earlier store aside and the new one in,
    ``rollback`` puts the earlier one back (when another output of the same
    command failed), ``finish`` deletes it.
    """

    def __init__(self, directory):
        from ..commands.options import remove_stale, temp_prefix
        self.directory = directory = Path(directory)
        where = str(directory)
        if directory.exists() or directory.is_symlink():
            if not directory.is_dir():
                raise HsgraphError("exists and is not a folder; refusing to overwrite", where=where)
            if any(directory.iterdir()) and not is_store(directory):
                raise HsgraphError("exists and is not an hsgraph store; refusing to overwrite", where=where)
        self.parent = parent = directory.parent if str(directory.parent) else Path(".")
        try:
            parent.mkdir(parents=True, exist_ok=True)
            remove_stale(parent, directory.name)
            self.tmp: Path | None = Path(tempfile.mkdtemp(prefix=temp_prefix(directory.name), suffix=".tmp",
                                                          dir=parent))
        except OSError as exc:
            raise HsgraphError(f"cannot create the store here: {exc.strerror}", where=where) from None
        self.old: Path | None = None
        self.committed = False

    def fill(self, graph) -> None:
        tmp = self.tmp
        store = pyoxigraph.Store(str(tmp / "data"))
        data = graph.serialize(format="nt", encoding="utf-8")
        store.bulk_load(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
        store.flush()
        del store
        # the store lives in tmp/data; move its files up so the folder itself is the store
        for item in (tmp / "data").iterdir():
            os.replace(item, tmp / item.name)
        (tmp / "data").rmdir()
        (tmp / MARKER).write_text("hsgraph store (pyoxigraph %s)\n" % pyoxigraph.__version__, encoding="utf-8")

    def commit(self) -> None:
        from ..commands.options import temp_prefix
        directory = self.directory
        if directory.exists():
            old = Path(tempfile.mkdtemp(prefix=temp_prefix(directory.name), suffix=".old", dir=self.parent))
            old.rmdir()
            os.replace(directory, old)
            self.old = old
        os.replace(self.tmp, directory)
        self.tmp = None
        self.committed = True

    def rollback(self) -> None:
        """Undo a commit: the new store goes, the earlier one (if any) comes back."""
        if not self.committed:
            return
        shutil.rmtree(self.directory, ignore_errors=True)
        if self.old is not None:
            os.replace(self.old, self.directory)
            self.old = None
        self.committed = False

    def finish(self) -> None:
        if self.old is not None:
            shutil.rmtree(self.old, ignore_errors=True)
            self.old = None

    def discard(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def save_store(graph, directory) -> Path:
    """Write an rdflib graph to a persistent store folder, replacing an earlier hsgraph store."""
    staged = StagedStore(directory)
    try:
        staged.fill(graph)
        staged.commit()
        staged.finish()
    finally:
        staged.discard()
    return Path(directory)


def store_to_graph(store: pyoxigraph.Store):
    """Dump every quad of a store into one rdflib graph (named graphs merged)."""
    import rdflib
    data = store.dump(format=pyoxigraph.RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8") if isinstance(data, bytes) else data, format="nquads")
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g
