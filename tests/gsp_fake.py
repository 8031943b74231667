"""A small Graph Store Protocol server for tests, run in a thread on a free loopback port.

It keeps graphs in a pyoxigraph store, asks for Basic credentials when given
some, and can be told to fail chosen write requests, to exercise push's
retries and its handling of an upload that stops half-way.
"""
from __future__ import annotations

import base64
import contextlib
import threading

import pyoxigraph
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from servers import free_port, wait_until_up


class FakeStore:
    def __init__(self, user=None, password=None):
        self.store = pyoxigraph.Store()
        self.user, self.password = user, password
        self.writes = 0
        self.fail = {}       # write number (1-based) -> status to answer instead
        self.requests = []   # (method, graph) in order
        self.drop = None     # triple -> True to lose it silently, as a faulty server might

    def graph(self, request: Request):
        iri = request.query_params.get("graph")
        return pyoxigraph.NamedNode(iri) if iri else pyoxigraph.DefaultGraph()

    def triples(self, g):
        return [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in self.store.quads_for_pattern(None, None, None, g)]

    def authorised(self, request: Request) -> bool:
        if not self.user:
            return True
        want = "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        return request.headers.get("authorization") == want

    async def handle(self, request: Request) -> Response:
        if not self.authorised(request):
            return Response("who are you?", 401, headers={"WWW-Authenticate": 'Basic realm="test"'})
        g = self.graph(request)
        self.requests.append((request.method, request.query_params.get("graph")))
        if request.method in ("GET", "HEAD"):
            body = pyoxigraph.serialize(self.triples(g), format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
            return Response(body if request.method == "GET" else b"", media_type="application/n-triples")
        if request.method == "DELETE":
            self.store.clear_graph(g)
            return Response(status_code=204)
        self.writes += 1
        if self.writes in self.fail:
            return Response("busy", self.fail[self.writes])
        data = await request.body()
        if request.method == "PUT":
            self.store.clear_graph(g)
        for t in pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES):
            if self.drop and self.drop(t):
                continue
            self.store.add(pyoxigraph.Quad(t.subject, t.predicate, t.object, g))
        return Response(status_code=201 if request.method == "PUT" else 204)


@contextlib.contextmanager
def fake_gsp(**kwargs):
    """Yield (GSP URL, FakeStore) while the server runs; stop it afterwards."""
    fake = FakeStore(**kwargs)
    app = Starlette(routes=[Route("/data", fake.handle, methods=["GET", "HEAD", "PUT", "POST", "DELETE"])])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}/data"
    try:
        wait_until_up(url)
        yield url, fake
    finally:
        server.should_exit = True
        thread.join(10)
