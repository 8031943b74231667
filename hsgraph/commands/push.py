"""``hsgraph push``: upload a graph to a triplestore (Virtuoso, Fuseki, GraphDB, …)."""
from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The server's Graph Store Protocol URL, e.g. Virtuoso's …/sparql-graph-crud-auth "
                   "or Fuseki's …/DATASET/data.")
@click.option("--graph", metavar="IRI", help="Named graph to write (default: the default graph).")
@click.option("--append", is_flag=True, help="Add to the graph (POST) instead of replacing it (PUT).")
@click.option("--user", help="User name, if the server asks for one (Digest or Basic).")
@click.option("--password-env", metavar="VAR", help="Environment variable holding the password.")
@click.option("--chunk-size", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Triples per request.")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Tries again after a dropped connection or a busy server (5xx, 429).")
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Seconds to wait for each request.")
@click.option("--sparql", metavar="URL",
              help="SPARQL endpoint to count the uploaded triples with (default: fetch the graph back by GSP).")
def push(source, endpoint, graph, append, user, password_env, chunk_size, retries, timeout, sparql):
    """Upload SOURCE (an RDF file or a folder made by `build --store`) over the Graph Store Protocol.

    The triples are sent in chunks and counted on the server at the end.
    """
    from ..push import push as do_push
    from ..rdf.store import open_store
    from ..remote import password_from_env

    password = password_from_env(password_env)
    store = open_store(source)

    def progress(done, total):
        if total > 1:
            click.echo(f"  chunk {done}/{total}", err=True)

    got = do_push(store, endpoint, graph=graph, append=append, user=user, password=password,
                  chunk_triples=chunk_size, retries=retries, timeout=timeout, sparql=sparql, progress=progress)
    click.echo(f"Pushed {got.triples} triples to {got.target} at {endpoint} in {got.chunks} "
               f"chunk{'s' if got.chunks != 1 else ''}; the server counts {got.counted}.")
