"""``hsgraph build``: articles in, knowledge graph out."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import HsgraphError
from .options import atomic_output, output_option

FORMATS = ("turtle", "nt", "jsonld", "trig")


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@output_option("Write the graph to FILE (default: Turtle on standard output).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="RDF format; default from the output file's suffix, else turtle.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write a persistent on-disk store to this folder for fast queries.")
@click.option("--keep-going", is_flag=True, help="Warn about unreadable articles and build from the rest.")
def build(inputs, output, fmt, store_dir, keep_going):
    """Build a knowledge graph from INPUTS: .txt article files, folders of them, or - for stdin."""
    from ..ingest.read import expand_inputs
    from ..pipeline import build_corpus, read_inputs
    from ..rdf.to_rdf import corpus_to_graph, serialize

    fmt = fmt or _format_from_suffix(output)
    errors = []

    def warn(exc):
        errors.append(exc)
        click.echo(f"Warning: {exc} (skipped)", err=True)

    items = expand_inputs(list(inputs))
    raws = read_inputs(items, stdin=lambda: sys.stdin.buffer.read(), on_error=warn if keep_going else None)
    if not raws:
        raise HsgraphError("no readable articles among the inputs")
    show = len(raws) >= 20 and sys.stderr.isatty()

    def progress(seq):
        with click.progressbar(seq, label="Reading articles", file=sys.stderr) as bar:
            yield from bar

    corpus = build_corpus(raws, progress=progress if show else None)
    graph = corpus_to_graph(corpus)
    data = serialize(graph, fmt)
    if store_dir is not None:
        from ..rdf.store import save_store
        save_store(graph, store_dir)
    with atomic_output(output) as fh:
        fh.write(data)
    if errors:
        raise click.exceptions.Exit(1)


def _format_from_suffix(path: Path | None) -> str:
    if path is None:
        return "turtle"
    return {".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld", ".trig": "trig"}.get(path.suffix.lower(), "turtle")
