"""``hsgraph validate``: check a graph against the SHACL shapes."""
from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
def validate(source):
    """Check SOURCE (an RDF file or store folder) against hsgraph's SHACL shapes; exit 1 if it fails."""
    from ..rdf.source import load_graph
    from ..rdf.validate import render_report, validate_graph

    conforms, violations = validate_graph(load_graph(source))
    click.echo(render_report(conforms, violations), nl=False)
    if not conforms:
        raise click.exceptions.Exit(1)
