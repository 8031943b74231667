"""Upload a graph to a triplestore over the SPARQL 1.1 Graph Store HTTP Protocol.

The first chunk is PUT (replacing the named graph) or, with ``append``,
POSTed; later chunks are POSTed.  Each request is retried on a dropped
connection or a busy server.  At the end the graph's triples are counted on
the server and compared with what was sent.

GSP has no transactions across requests, so a replaced graph that fails
half-way is deleted rather than left half-written; a graph small enough for
one chunk is replaced in one request and so is never half-written at all.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

import httpx
import pyoxigraph

from .remote import RemoteError, choose_auth, http_failure, transport_failure

CHUNK_TRIPLES = 100_000
RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
NTRIPLES = "application/n-triples"


@dataclass
class Pushed:
    """What an upload did: triples sent, chunks, and the count the server reported afterwards."""
    triples: int
    chunks: int
    counted: int
    target: str


def _triple(q) -> pyoxigraph.Triple:
    return pyoxigraph.Triple(q.subject, q.predicate, q.object)


def _blank(t) -> bool:
    return isinstance(t.subject, pyoxigraph.BlankNode) or isinstance(t.object, pyoxigraph.BlankNode)


def plan(store) -> tuple[list, Callable[[], Iterator], int]:
    """(blank-node triples, a maker of an iterator over the other triples, number of distinct triples).

    The blank-node triples all go in the first chunk, which keeps each blank
    node one node: a server labels blank nodes afresh in every request.  A
    store with only a default graph (what ``hsgraph build`` writes) is
    streamed, so a large store is never held in memory; named graphs are
    merged, and their shared triples sent once.
    """
    if next(iter(store.named_graphs()), None) is None:
        def default():
            return (_triple(q) for q in store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
        blank = [t for t in default() if _blank(t)]
        return blank, lambda: (t for t in default() if not _blank(t)), len(store)
    seen = {_triple(q) for q in store}
    blank = [t for t in seen if _blank(t)]
    rest = [t for t in seen if not _blank(t)]
    return blank, lambda: iter(rest), len(seen)


def chunk_count(total: int, blank: int, size: int) -> int:
    first = min(total, max(size, blank))
    return 1 + -(-(total - first) // size)


def chunks(blank: list, rest: Iterator, size: int) -> Iterator[bytes]:
    """N-Triples bodies of ``size`` triples (the first holds every blank-node triple, however many)."""
    first = blank + list(islice(rest, max(0, size - len(blank))))
    yield pyoxigraph.serialize(first, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
    while True:
        part = list(islice(rest, size))
        if not part:
            return
        yield pyoxigraph.serialize(part, format=pyoxigraph.RdfFormat.N_TRIPLES)


def graph_params(graph: str | None) -> dict:
    """GSP's indirect graph identification: ``?graph=IRI`` or ``?default``."""
    return {"graph": graph} if graph else {"default": ""}


class Uploader:
    """One HTTP client, its credentials and retry policy, for one upload."""

    def __init__(self, endpoint: str, *, user=None, password=None, retries: int = 3, timeout: float = 120,
                 backoff: float = 0.5):
        self.endpoint = endpoint
        self.retries = retries
        self.backoff = backoff
        self.client = httpx.Client(timeout=timeout)
        try:
            self.auth = choose_auth(self.client, endpoint, user, password)
        except httpx.HTTPError:
            self.auth = None

    def close(self):
        self.client.close()

    def send(self, method: str, params: dict, body: bytes | None = None, accept: str | None = None) -> httpx.Response:
        """One request, retried on transport errors and busy-server statuses; raise on failure."""
        headers = {"Content-Type": NTRIPLES} if body is not None else {}
        if accept:
            headers["Accept"] = accept
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.client.request(method, self.endpoint, params=params, content=body,
                                               headers=headers, auth=self.auth)
            except httpx.TransportError as exc:
                if last:
                    raise transport_failure(self.endpoint, exc) from None
            else:
                if response.status_code < 300 or (response.status_code == 404 and method == "DELETE"):
                    return response
                if response.status_code not in RETRY_STATUS or last:
                    raise http_failure(self.endpoint, response)
            time.sleep(self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")

    def count(self, graph: str | None, sparql: str | None) -> int:
        """Triples in the target graph: a COUNT at a SPARQL endpoint if given, else the graph fetched by GSP."""
        if sparql:
            return count_by_query(self.client, sparql, graph, self.auth)
        response = self.send("GET", graph_params(graph), accept=f"{NTRIPLES}, text/turtle;q=0.9")
        ctype = response.headers.get("content-type", NTRIPLES).split(";")[0].strip()
        fmt = pyoxigraph.RdfFormat.from_media_type(ctype) or pyoxigraph.RdfFormat.TURTLE
        return sum(1 for _ in pyoxigraph.parse(response.content, format=fmt))


def count_by_query(client: httpx.Client, sparql: str, graph: str | None, auth=None) -> int:
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    try:
        response = client.post(sparql, data={"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"},
                               headers={"Accept": "application/sparql-results+json"}, auth=auth)
    except httpx.HTTPError as exc:
        raise transport_failure(sparql, exc) from None
    if response.status_code != 200:
        raise http_failure(sparql, response)
    bindings = response.json()["results"]["bindings"]
    return int(bindings[0]["n"]["value"]) if bindings else 0


def push(store, endpoint: str, *, graph: str | None = None, append: bool = False, user=None, password=None,
         chunk_triples: int = CHUNK_TRIPLES, retries: int = 3, timeout: float = 120, sparql: str | None = None,
         progress=None, backoff: float = 0.5) -> Pushed:
    """Upload every triple of ``store`` to ``graph`` at the GSP ``endpoint``; raise RemoteError on failure."""
    blank, rest, total = plan(store)
    n_chunks = chunk_count(total, len(blank), chunk_triples)
    target = f"<{graph}>" if graph else "the default graph"
    up = Uploader(endpoint, user=user, password=password, retries=retries, timeout=timeout, backoff=backoff)
    try:
        for i, body in enumerate(chunks(blank, rest(), chunk_triples)):
            method = "POST" if append or i > 0 else "PUT"
            try:
                up.send(method, graph_params(graph), body)
            except RemoteError as exc:
                raise half_done(up, exc, i, n_chunks, graph, append, target) from None
            if progress:
                progress(i + 1, n_chunks)
        counted = up.count(graph, sparql)
    finally:
        up.close()
    short = counted < total if append else counted != total
    if short:
        raise RemoteError(f"{endpoint}: {target} holds {counted} triples after the upload; "
                          f"{total} were sent" + ("" if append else " (the server changed or dropped some)"))
    return Pushed(total, n_chunks, counted, target)


def half_done(up: Uploader, exc: RemoteError, done: int, total: int, graph, append: bool, target: str) -> RemoteError:
    """The error for an upload that stopped at chunk ``done + 1``: undo a half-replaced graph where we can."""
    if done == 0:
        return exc
    where = f"upload stopped at chunk {done + 1} of {total}: {exc}"
    if append:
        return RemoteError(f"{where}; chunks 1-{done} were added to {target}; "
                           "running the same push --append again completes it")
    try:
        up.send("DELETE", graph_params(graph))
    except RemoteError:
        return RemoteError(f"{where}; {target} is half-written and could not be deleted")
    return RemoteError(f"{where}; the half-written {target} was deleted")
