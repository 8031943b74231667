"""Oxigraph stores: open any RDF file or store folder as a SPARQL-ready store.

A store folder written by :func:`save_store` carries a small marker file so
that hsgraph never overwrites a folder it did not create.
"""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph

from ..errors import HsgraphError

MARKER = "HSGRAPH_STORE"

# suffix -> pyoxigraph format (its JSON-LD parser never fetches a remote @context)
SUFFIX_FORMATS = {
    ".ttl": pyoxigraph.RdfFormat.TURTLE,
    ".turtle": pyoxigraph.RdfFormat.TURTLE,
    ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
    ".nq": pyoxigraph.RdfFormat.N_QUADS,
    ".trig": pyoxigraph.RdfFormat.TRIG,
    ".rdf": pyoxigraph.RdfFormat.RDF_XML,
    ".xml": pyoxigraph.RdfFormat.RDF_XML,
    ".owl": pyoxigraph.RdfFormat.RDF_XML,
    ".jsonld": pyoxigraph.RdfFormat.JSON_LD,
    ".json": pyoxigraph.RdfFormat.JSON_LD,
}


def is_store(path) -> bool:
    """True for a folder written by :func:`save_store`."""
    path = Path(path)
    return path.is_dir() and (path / MARKER).is_file()


RDF_NS = b"http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def open_store(path) -> pyoxigraph.Store:
    """Open ``path``: an RDF file is loaded into memory, a store folder opened read-only."""
    path = Path(path)
    if not path.exists():
        raise HsgraphError("no such file or folder", where=str(path))
    if path.is_dir():
        return _open_folder(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        raise HsgraphError("cannot tell the RDF format from the file name "
                           "(use .ttl, .nt, .nq, .trig, .jsonld or .rdf)", where=str(path))
    return _load_file(path, SUFFIX_FORMATS[suffix])


def _open_folder(path: Path) -> pyoxigraph.Store:
    if not is_store(path):
        raise HsgraphError("not an hsgraph store folder (made by `hsgraph build --store`)", where=str(path))
    try:
        store = pyoxigraph.Store.read_only(str(path))
        len(store)  # a damaged store often opens and fails on first use
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # OSError, and Rust panics that are no Exception subclass
        raise HsgraphError(f"damaged store folder ({one_line(exc)}); build it again", where=str(path)) from None
    return store


def _load_file(path: Path, fmt) -> pyoxigraph.Store:
    """Load an RDF file, refusing one that holds no statements: it is not what its name claims."""
    label = path.suffix.lower().lstrip(".")
    data = read_regular(path)
    if not data.strip():
        raise HsgraphError("empty file, no RDF statements", where=str(path))
    if fmt == pyoxigraph.RdfFormat.RDF_XML and RDF_NS not in data:
        raise HsgraphError(f"not RDF/XML: it never names the RDF namespace (is it really .{label}?)",
                           where=str(path))
    store = pyoxigraph.Store()
    try:
        store.bulk_load(data, format=fmt)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # parsers raise SyntaxError, ValueError, OSError, even panics
        raise HsgraphError(f"not a valid RDF file: {one_line(exc)}", where=str(path)) from None
    if len(store) == 0:
        raise HsgraphError(f"holds no RDF statements (is it really .{label}?)", where=str(path))
    return store


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file; a FIFO or device is refused without blocking on it."""
    import stat
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise HsgraphError(f"cannot read: {exc.strerror or exc}", where=str(path)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise HsgraphError("not a regular file (a pipe or device?); only regular files are read",
                               where=str(path))
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise HsgraphError(f"cannot read: {exc.strerror or exc}", where=str(path)) from None
    finally:
        os.close(fd)


def one_line(exc: BaseException) -> str:
    """A parser's message on one line, at most 200 characters: no multi-line excerpts on the terminal."""
    text = " ".join(str(exc).split()).replace(" of <>", "")
    return text[:200] or type(exc).__name__


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
        self.olds: list[Path] = []
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
        """Move the earlier store aside and the new one in.

        Another build may put its store in between the two renames; then that
        one is moved aside too (and deleted on finish): the last build wins,
        and no build fails or leaves two stores mixed.
        """
        directory = self.directory
        for _ in range(10):
            if directory.exists():
                self._move_aside()
            try:
                os.replace(self.tmp, directory)
                break
            except OSError as exc:
                if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise
        else:
            raise HsgraphError("another build keeps replacing this store; try again", where=str(directory))
        self.tmp = None
        self.committed = True

    def _move_aside(self) -> None:
        from ..commands.options import temp_prefix
        old = Path(tempfile.mkdtemp(prefix=temp_prefix(self.directory.name), suffix=".old", dir=self.parent))
        old.rmdir()
        try:
            os.replace(self.directory, old)
        except FileNotFoundError:  # the other build moved it first
            return
        self.olds.append(old)

    def rollback(self) -> None:
        """Undo a commit: the new store goes, the one it replaced (if any) comes back."""
        if not self.committed:
            return
        shutil.rmtree(self.directory, ignore_errors=True)
        if self.olds:
            os.replace(self.olds.pop(0), self.directory)
        self.committed = False

    def finish(self) -> None:
        for old in self.olds:
            shutil.rmtree(old, ignore_errors=True)
        self.olds = []

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
