"""``hsgraph serve``: share a graph as a read-only SPARQL endpoint with a query page."""
from __future__ import annotations

import ipaddress
import json
import os
from pathlib import Path

import click


def is_loopback(host: str) -> bool:
    """True when only this machine can reach ``host``."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default lets only this machine in.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--timeout", type=float, default=30.0, show_default=True,
              help="Stop each query after this many seconds (answer 503).")
@click.option("--max-rows", type=click.IntRange(min=1), default=10000, show_default=True,
              help="Send at most this many rows (or triples) per answer; a cut answer carries "
                   "the header Hsgraph-Truncated.")
@click.option("--cors", is_flag=True, help="Let web pages from any origin query the endpoint.")
@click.option("--concurrency", type=click.IntRange(min=1), default=None,
              help="Queries evaluated at once; the others wait their turn.  [default: 2 per CPU core]")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Server processes, each with its own copy of an RDF file (a store folder is shared); "
                   "more than one lets queries use every core.")
def serve(source, host, port, timeout, max_rows, cors, concurrency, workers):
    """Serve SOURCE (an RDF file or a folder made by `build --store`) over the SPARQL 1.1 Protocol.

    The endpoint is /sparql, the bundled questions are under /questions/NAME,
    and / is a query page.  Updates and SERVICE calls are refused.
    """
    import uvicorn

    from ..rdf.store import open_store
    from ..serve.app import WORKER_CONFIG, make_app

    store = open_store(source)
    if not is_loopback(host):
        click.echo(f"Warning: listening on {host}: anyone who can reach this machine on port {port} "
                   "can query the graph.", err=True)
    options = {"timeout": timeout, "max_rows": max_rows, "cors": cors, "source_name": Path(source).name,
               "concurrency": concurrency}
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Serving {source} ({len(store)} triples) at http://{shown}:{port}/ "
               f"— SPARQL endpoint http://{shown}:{port}/sparql; Ctrl-C stops.", err=True)
    run = {"host": host, "port": port, "log_level": "warning", "access_log": False}
    if workers == 1:
        uvicorn.run(make_app(store, **options), **run)
        return
    del store  # each worker opens its own
    os.environ[WORKER_CONFIG] = json.dumps({"source": str(Path(source).resolve()), **options})
    uvicorn.run("hsgraph.serve.app:app_from_env", factory=True, workers=workers, **run)
