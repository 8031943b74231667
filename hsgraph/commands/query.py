"""``hsgraph query``: read-only SPARQL on a graph file or store folder."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import InputError, QueryError, UsageProblem
from .remote_options import remote_options, run_remote

FORMATS = ("table", "csv", "tsv", "json", "xml")


@click.command()
@click.argument("source", required=False)
@click.argument("query_text", metavar="[QUERY]", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("--name", "name", help="Run a bundled query (see --list).")
@click.option("--param", "params", multiple=True, metavar="K=V",
              help="Replace $K in the query by V: a string literal, or a whole number after LIMIT/OFFSET (repeatable).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="SELECT output: table (default on a terminal) or a SPARQL results format (json otherwise).")
@click.option("--timeout", default="30", show_default=True,
              help="Give up after this many seconds (finite, above 0, at most a week).")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE calls to other SPARQL endpoints.")
@click.option("--list", "list_", is_flag=True, help="List the bundled queries and exit.")
@remote_options
def query(source, query_text, query_file, name, params, fmt, timeout, allow_service, list_, remote):
    """Run a read-only SPARQL QUERY on SOURCE (an RDF file or a folder made by `build --store`).

    The prefixes hs, rdf, rdfs, skos, dcterms, xsd and prov are declared for you.
    """
    from ..query.run import (bundled_queries, bundled_query, missing_params, render_table, run_query,
                             substitute_params)

    if list_:
        queries = bundled_queries()
        width = max(len(n) for n in queries)
        for qname, (desc, _) in queries.items():
            click.echo(f"{qname.ljust(width)}  {desc}")
        return
    if remote["endpoint"] and source is not None:
        if query_text is not None:
            raise click.UsageError("with --endpoint, give no SOURCE: the graph is at the endpoint")
        source, query_text = None, source
    if source is None and not remote["endpoint"]:
        raise click.UsageError("missing SOURCE (an RDF file or store folder)")
    timeout = _timeout(timeout)
    given = [x for x in (query_text, query_file, name) if x]
    if len(given) != 1:
        raise click.UsageError("give exactly one of QUERY, -f FILE or --name NAME")
    if query_file:
        text = read_query_file(query_file)
    elif name:
        text = bundled_query(name)
    else:
        text = query_text
    values = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--param wants K=V, got {item!r}")
        values[key.lstrip("$")] = value
    if values:
        text = substitute_params(text, values)
    if name:
        left = missing_params(text)
        if left:
            raise QueryError(f"query {name!r} needs " + " ".join(f"--param {p}=…" for p in left))

    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "json"
    if remote["endpoint"]:
        kind, out = run_remote(text, fmt=fmt, timeout=timeout, allow_service=allow_service, **remote)
    else:
        from ..rdf.store import open_store
        store = open_store(source)
        kind, out = run_query(store, text, fmt=fmt, timeout=timeout, allow_service=allow_service)
    if kind == "table":
        click.echo(render_table(*out), nl=False)
    else:
        text = out.decode("utf-8")
        click.echo(text, nl=bool(text) and not text.endswith("\n"))


def _timeout(value: str) -> float:
    from ..query.guard import check_timeout
    try:
        return check_timeout(value)
    except QueryError as exc:
        raise UsageProblem(str(exc)) from None


def read_query_file(path: Path) -> str:
    """The text of a query file, which must be UTF-8 (SPARQL's own encoding)."""
    from ..rdf.store import read_regular
    try:
        return read_regular(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start}); SPARQL queries are UTF-8", where=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the query: {exc.strerror or exc}", where=str(path)) from None
