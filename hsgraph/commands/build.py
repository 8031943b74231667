"""``hsgraph build``: articles in, knowledge graph out."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import HsgraphError
from .options import StagedFile, min_confidence_option, output_option, refuse_inputs_as_outputs

FORMATS = ("turtle", "nt", "jsonld", "trig")


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@output_option("Write the graph to FILE (default: Turtle on standard output).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="RDF format; default from the output file's suffix, else turtle.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write a persistent on-disk store to this folder for fast queries.")
@click.option("--keep-going", is_flag=True, help="Warn about unreadable articles and build from the rest.")
@click.option("--mkdir", is_flag=True, help="Create the output file's folder if it does not exist.")
@click.option("--encoding", metavar="NAME", default=None,
              help="Decode every article as NAME (e.g. big5) instead of detecting the encoding.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=50 * 1024 * 1024, show_default=True,
              help="Refuse an article larger than this.")
@min_confidence_option
def build(inputs, output, fmt, store_dir, keep_going, mkdir, encoding, max_bytes, min_confidence):
    """Build a knowledge graph from INPUTS: .txt article files, folders of them, or - for stdin."""
    from ..ingest.read import check_encoding, expand_inputs

    if encoding:
        check_encoding(encoding)
    fmt = fmt or _format_from_suffix(output)
    items = expand_inputs(list(inputs))
    outputs = {"the output": output} if output is not None else {}
    folders = {"the store": store_dir} if store_dir is not None else {}
    refuse_inputs_as_outputs(list(inputs), items, outputs, folders)
    staged = [StagedFile(output, mkdir=mkdir)]
    try:
        if store_dir is not None:
            from ..rdf.store import StagedStore
            staged.insert(0, StagedStore(store_dir))
        failed = _build_into(items, fmt, keep_going, staged, encoding, max_bytes, min_confidence)
        _commit_all(staged)
    finally:
        for stage in staged:
            stage.discard()
    if failed:
        raise click.exceptions.Exit(1)


def _build_into(items, fmt, keep_going, staged, encoding, max_bytes, min_confidence=None) -> bool:
    """Read, build and fill every staged output; True if some article was skipped."""
    from ..pipeline import build_corpus
    from ..rdf.store import StagedStore
    from ..rdf.to_rdf import corpus_to_graph, serialize
    errors = []

    def warn(exc):
        errors.append(exc)
        click.echo(f"Warning: {exc} (skipped)", err=True)

    from ..ingest.read import read_all
    raws = read_all(items, _stdin_bytes, on_error=warn if keep_going else None, encoding=encoding,
                    max_bytes=max_bytes)
    if not raws:
        raise HsgraphError("no readable articles among the inputs")
    show = len(raws) >= 20 and sys.stderr.isatty()

    def progress(seq):
        with click.progressbar(seq, label="Reading articles", file=sys.stderr) as bar:
            yield from bar

    corpus = build_corpus(raws, progress=progress if show else None)
    from ..rdf.confidence import drop_below
    graph = drop_below(corpus_to_graph(corpus), min_confidence)
    for stage in staged:
        if isinstance(stage, StagedStore):
            stage.fill(graph)
        else:
            stage.write(serialize(graph, fmt))
            stage.fill()
    return bool(errors)


def _stdin_bytes(limit: int) -> bytes:
    """Standard input, at most ``limit`` bytes (so ``- < /dev/zero`` ends in an error, not a crash)."""
    from ..errors import InputError
    stream = sys.stdin
    if stream is None or getattr(stream, "buffer", None) is None:
        raise InputError("standard input is closed", where="<stdin>")
    try:
        data = stream.buffer.read(limit + 1)
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", where="<stdin>") from None
    if len(data) > limit:
        raise InputError(f"larger than --max-bytes ({limit} bytes); raise it to read this article",
                         where="<stdin>")
    return data


def _commit_all(staged) -> None:
    """Swap every output in, or none: a failure after the store is in puts the old store back."""
    done = []
    try:
        for stage in staged:
            stage.commit()
            done.append(stage)
    except BaseException:
        for stage in reversed(done):
            if hasattr(stage, "rollback"):
                stage.rollback()
        raise
    for stage in done:
        if hasattr(stage, "finish"):
            stage.finish()


def _format_from_suffix(path: Path | None) -> str:
    if path is None:
        return "turtle"
    return {".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld", ".trig": "trig"}.get(path.suffix.lower(), "turtle")
