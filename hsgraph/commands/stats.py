"""``hsgraph stats``: what a graph holds, in numbers."""
from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
def stats(source):
    """Count entities per class, relations, articles, evidence, mentions and figures in SOURCE."""
    from ..rdf.store import open_store
    from ..stats import graph_stats, render_stats

    click.echo(render_stats(graph_stats(open_store(source))), nl=False)
