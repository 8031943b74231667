"""Options and output helpers shared by several commands."""
from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import click

RDF_FORMATS = {
    "turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt",
    "jsonld": "json-ld", "json-ld": "json-ld", "trig": "trig", "nq": "nquads",
    "nquads": "nquads", "rdfxml": "xml", "xml": "xml",
}


def output_option(help_text="Write to FILE instead of standard output."):
    return click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
                        default=None, help=help_text)


@contextmanager
def atomic_output(path: Path | None, mode: str = "wb"):
    """Yield a file to write; on success it replaces ``path`` in one rename.

    A failure part-way leaves whatever was at ``path`` untouched, so a user
    never finds a half-written graph or page.
    """
    if path is None:
        stream = sys.stdout.buffer if "b" in mode else click.get_text_stream("stdout")
        yield stream
        stream.flush()
        return
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as fh:
            yield fh
        os.chmod(tmp, 0o666 & ~_umask())  # temporary files are private; the result follows the umask
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
