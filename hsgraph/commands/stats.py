"""``hsgraph stats``: what a graph holds, in numbers."""
from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
def stats(source):
    """Count entities per class, relations, articles, evidence, mentions and figures in SOURCE."""
    from ..rdf.source import load_graph
    from ..stats import graph_stats, render_stats

    click.echo(render_stats(graph_stats(load_graph(source))), nl=False)
