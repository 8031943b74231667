"""``hsgraph export``: the graph in another RDF format, or as a network for other tools."""
from __future__ import annotations

from pathlib import Path

import click

from ..export import NEEDS_OUTPUT, WRITERS
from .options import min_confidence_option, output_option, refuse_inputs_as_outputs


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(list(WRITERS)), required=True,
              help="Output format; graphml, gexf and csv keep the entities and their relations only.")
@output_option("Write to FILE (required for csv, graphml and gexf; csv writes FILE-stem_nodes.csv "
               "and FILE-stem_edges.csv).")
@min_confidence_option
def export(source, fmt, output, min_confidence):
    """Export SOURCE (an RDF file or store folder) in another format."""
    from ..export import export as run
    from ..rdf.source import load_graph

    if fmt in NEEDS_OUTPUT and output is None:
        raise click.UsageError(f"-o FILE is required for -f {fmt}")
    if output is not None:
        from ..export import output_paths
        files = [] if source.is_dir() else [source]
        refuse_inputs_as_outputs([str(source)], files,
                                 {f"the output {p.name}": p for p in output_paths(fmt, output)})
    from ..rdf.confidence import drop_below
    run(drop_below(load_graph(source), min_confidence), fmt, output)
