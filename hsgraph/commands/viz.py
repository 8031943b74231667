"""``hsgraph viz``: write an interactive HTML view of a graph."""
from __future__ import annotations

from pathlib import Path

import click

from .options import atomic_output, min_confidence_option, refuse_inputs_as_outputs


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write.")
@click.option("--focus", metavar="NAME", help="Show only the neighbourhood of the entity with this label or alias.")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many links away from --focus to go.")
@click.option("--through-hubs", is_flag=True,
              help="Let --depth pass through counties and cities with more than --hub-links links.")
@click.option("--hub-links", type=click.IntRange(min=0), default=30, show_default=True,
              help="A county or city with more links than this is a hub that --focus does not expand through.")
@click.option("--type", "types", metavar="T1,T2", help="Show only these entity types (e.g. County,Enterprise).")
@click.option("--min-degree", type=click.IntRange(min=0), default=0, show_default=True,
              help="Hide nodes with fewer links than this among the nodes shown (repeated until none is left).")
@click.option("--with-articles", is_flag=True,
              help="Also draw the articles; evidence sentences stay on the edges they support.")
@click.option("--overview", type=click.Choice(["auto", "on", "off"]), default="auto", show_default=True,
              help="Open as one bubble per county or city (auto: above 300 nodes).")
@click.option("--query", "query_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Draw the result of a SPARQL CONSTRUCT query read from this file.")
@min_confidence_option
def viz(source, output, focus, depth, through_hubs, hub_links, types, min_degree, with_articles, overview,
        query_file, min_confidence):
    """Write a self-contained HTML view of SOURCE (an RDF file or store folder).

    The page needs no network: open it in any browser.  Hover a node or edge
    for its articles and evidence, search by name, hide types and relations
    from the legend.  Big graphs open grouped by place: click a place to open it.
    """
    from ..view import build_view
    from ..view.model import parse_types

    sources = [str(source)] + ([str(query_file)] if query_file is not None else [])
    refuse_inputs_as_outputs(sources, [Path(s) for s in sources if not Path(s).is_dir()], {"the page": output})
    query_text = None
    if query_file is not None:
        from .query import read_query_file
        query_text = read_query_file(query_file)
    html = build_view(source, focus=focus, depth=depth, types=parse_types(types), min_degree=min_degree,
                      with_articles=with_articles, query_text=query_text, query_where=str(query_file),
                      through_hubs=through_hubs, hub_links=hub_links, overview=overview,
                      min_confidence=min_confidence)
    with atomic_output(output, "wb") as fh:
        fh.write(html.encode("utf-8"))
    click.echo(f"wrote {output}", err=True)
