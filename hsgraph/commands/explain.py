"""``hsgraph explain``: everything the graph states about one entity, with evidence."""
from __future__ import annotations

import click


@click.command()
@click.argument("source", type=click.Path(path_type=str))
@click.argument("name")
def explain(source, name):
    """Show what the graph SOURCE knows about the entity called NAME (label or alias)."""
    from ..explain import explain as explain_entity, render
    from ..rdf.source import load_graph
    graph = load_graph(source)
    click.echo("\n\n".join(render(ex) for ex in explain_entity(graph, name)))
