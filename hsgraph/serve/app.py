"""The Starlette application: SPARQL 1.1 Protocol at ``/sparql``, bundled questions, the query page.

Routes
  ``GET|POST /sparql``          a query (``query=`` in the URL or form, or an
                                ``application/sparql-query`` body); without one,
                                the service description
  ``GET /questions``            the bundled questions and their parameters (JSON)
  ``GET /questions/NAME?k=v``   one bundled question with its parameters filled in
  ``GET /questions/NAME.rq``     its text, parameters filled in
  ``GET /``                     the query page (YASGUI), its files under ``/static/``
  ``GET /view?query=…``         a CONSTRUCT result drawn by hsgraph's graph view

Queries run in worker threads: pyoxigraph releases the interpreter lock while
it evaluates, so concurrent readers use every core.  At most ``concurrency``
queries are evaluated at once and the others wait their turn: on a busy
server that gives more answers per second than letting every request
compete for the same cores, and the time limit counts evaluation only.
"""
from __future__ import annotations

import json
import os
from urllib.parse import parse_qs

import anyio
import pyoxigraph
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..errors import QueryError
from ..query.run import bundled_queries, missing_params, param_defaults, substitute_params
from .answer import Answer, Refused, answer, serialize_graph
from .negotiate import GRAPH_OFFER, RESULT_TYPES, SHORT_NAMES, choose

MAX_QUERY_BYTES = 1 << 20
FORMAT_PARAMS = ("format", "output")
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
VOID = "http://rdfs.org/ns/void#"
SD_RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                     "Turtle", "N-Triples", "JSON-LD", "RDF_XML")


def error(status: int, message: str) -> Response:
    """A SPARQL-Protocol error: the status code and a one-line plain-text reason."""
    return Response(f"{message}\n", status_code=status, media_type="text/plain")


def to_response(ans: Answer) -> Response:
    headers = {"Vary": "Accept", **ans.headers}
    return Response(ans.body, status_code=ans.status, media_type=ans.media_type, headers=headers)


class Endpoint:
    """The state every request shares: the store and the limits set on the command line."""

    def __init__(self, store, *, timeout: float, max_rows: int | None, source_name: str, concurrency: int):
        self.store = store
        self.timeout = timeout
        self.max_rows = max_rows
        self.source_name = source_name
        self.triples = len(store)
        self.concurrency = concurrency
        self._limiter = None

    async def in_worker(self, fn, *args, **kwargs):
        """``fn`` in a worker thread, once one of the ``concurrency`` slots is free."""
        if self._limiter is None:  # made inside the running event loop
            self._limiter = anyio.CapacityLimiter(self.concurrency)
        return await anyio.to_thread.run_sync(lambda: fn(*args, **kwargs), limiter=self._limiter)

    async def run(self, request: Request, text: str, fmt: str | None) -> Response:
        try:
            ans = await self.in_worker(answer, self.store, text, accept=request.headers.get("accept"),
                                       fmt=fmt, timeout=self.timeout, max_rows=self.max_rows)
        except Refused as exc:
            return error(exc.status, str(exc))
        return to_response(ans)

    # -- /sparql ---------------------------------------------------------------

    async def sparql(self, request: Request) -> Response:
        params = parse_qs(request.url.query, keep_blank_values=True)
        if request.method == "POST":
            got = await self._post_params(request, params)
            if isinstance(got, Response):
                return got
            params = got
        if "update" in params:
            return error(403, "this endpoint is read-only: SPARQL updates are refused")
        dataset = [k for k in ("default-graph-uri", "named-graph-uri") if any(v for v in params.get(k, []))]
        if dataset:
            return error(400, f"{dataset[0]} is not supported: this endpoint serves one graph, "
                              "its default graph")
        queries = params.get("query", [])
        if len(queries) > 1:
            return error(400, "give one query, not several")
        fmt = _format_param(params)
        if not queries:
            return self.description(request, fmt)
        return await self.run(request, queries[0], fmt)

    async def _post_params(self, request: Request, params: dict):
        """The POST body's parameters merged into the URL's, or an error response."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if len(body) > MAX_QUERY_BYTES:
            return error(413, f"query larger than {MAX_QUERY_BYTES} bytes")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return error(400, "the request body is not UTF-8")
        if ctype == "application/sparql-update":
            return error(403, "this endpoint is read-only: SPARQL updates are refused")
        if ctype == "application/sparql-query":
            if "query" in params:
                return error(400, "give the query once: in the body or in the URL, not both")
            return {**params, "query": [text]}
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            return {**params, **{k: params.get(k, []) + v for k, v in form.items()}}
        return error(415, "POST a query as application/x-www-form-urlencoded (query=…) "
                          "or as an application/sparql-query body")

    def description(self, request: Request, fmt: str | None) -> Response:
        """The SPARQL 1.1 Service Description; a browser is sent to the query page instead."""
        accept = request.headers.get("accept", "")
        if not fmt and "text/html" in accept:
            return RedirectResponse("/", status_code=303)
        media = choose(GRAPH_OFFER, accept, fmt)
        if media is None:
            return error(406, "the service description comes as " + ", ".join(GRAPH_OFFER))
        endpoint = str(request.url.replace(query="", fragment=""))
        body = serialize_graph(service_description(endpoint, self.triples), media,
                               prefixes={"sd": SD, "formats": FORMATS_NS, "void": VOID})
        return Response(body, media_type=media, headers={"Vary": "Accept"})

    # -- /questions ------------------------------------------------------------

    async def questions(self, request: Request) -> Response:
        out = []
        for name, (desc, text) in bundled_queries().items():
            defaults = param_defaults(text)
            params = sorted(set(missing_params(text)) | set(defaults))
            out.append({"name": name, "description": desc, "parameters": params, "defaults": defaults,
                        "required": missing_params(text), "url": f"/questions/{name}", "query": text})
        return JSONResponse(out)

    async def question(self, request: Request) -> Response:
        name = request.path_params["name"]
        queries = bundled_queries()
        if name not in queries:
            return error(404, f"no bundled question named {name!r}; /questions lists them")
        params = parse_qs(request.url.query, keep_blank_values=True)
        fmt = _format_param(params)
        values = {k: v[-1] for k, v in params.items() if k not in FORMAT_PARAMS}
        try:
            text = substitute_params(queries[name][1], values) if values else queries[name][1]
        except QueryError as exc:
            return error(400, str(exc))
        left = missing_params(text)
        if left:
            return error(400, f"question {name!r} needs " + " and ".join(f"?{p}=…" for p in left))
        return await self.run(request, text, fmt)

    async def question_text(self, request: Request) -> Response:
        """A bundled question's text with the given parameters filled in (the query page opens it)."""
        name = request.path_params["name"]
        queries = bundled_queries()
        if name not in queries:
            return error(404, f"no bundled question named {name!r}; /questions lists them")
        values = {k: v for k, v in request.query_params.items() if v}
        try:
            text = substitute_params(queries[name][1], values) if values else queries[name][1]
        except QueryError as exc:
            return error(400, str(exc))
        return Response(text, media_type="application/sparql-query")

    async def page(self, request: Request) -> Response:
        from .page import render_page
        return HTMLResponse(render_page(self.source_name, self.triples))

    async def static(self, request: Request) -> Response:
        from .page import STATIC_TYPES, static_file
        name = request.path_params["name"]
        body = static_file(name)
        if body is None:
            return error(404, "no such file")
        return Response(body, media_type=STATIC_TYPES[name], headers={"Cache-Control": "max-age=3600"})

    async def view(self, request: Request) -> Response:
        from .view import view_page
        text = request.query_params.get("query")
        if not text:
            return error(400, "give a CONSTRUCT query as ?query=…")
        try:
            page = await self.in_worker(view_page, self.store, text, timeout=self.timeout,
                                        max_rows=self.max_rows, source_name=self.source_name)
        except Refused as exc:
            return error(exc.status, str(exc))
        return HTMLResponse(page)


def _format_param(params: dict) -> str | None:
    for key in FORMAT_PARAMS:
        for value in params.get(key, []):
            if value and (value.lower() in SHORT_NAMES or value.lower() in RESULT_TYPES
                          or value.lower() in GRAPH_OFFER):
                return value
    return None


def service_description(endpoint: str, triples: int) -> list:
    """Triples saying what the endpoint is and offers (SPARQL 1.1 Service Description)."""
    N, L = pyoxigraph.NamedNode, pyoxigraph.Literal
    a = N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    svc, dataset, graph = pyoxigraph.BlankNode(), pyoxigraph.BlankNode(), pyoxigraph.BlankNode()
    out = [pyoxigraph.Triple(svc, a, N(SD + "Service")),
           pyoxigraph.Triple(svc, N(SD + "endpoint"), N(endpoint)),
           pyoxigraph.Triple(svc, N(SD + "supportedLanguage"), N(SD + "SPARQL11Query")),
           pyoxigraph.Triple(svc, N(SD + "defaultDataset"), dataset),
           pyoxigraph.Triple(dataset, a, N(SD + "Dataset")),
           pyoxigraph.Triple(dataset, N(SD + "defaultGraph"), graph),
           pyoxigraph.Triple(graph, a, N(SD + "Graph")),
           pyoxigraph.Triple(graph, N(VOID + "triples"), L(str(triples), datatype=N(
               "http://www.w3.org/2001/XMLSchema#integer")))]
    out += [pyoxigraph.Triple(svc, N(SD + "resultFormat"), N(FORMATS_NS + f)) for f in SD_RESULT_FORMATS]
    return out


WORKER_CONFIG = "HSGRAPH_SERVE_CONFIG"


def app_from_env() -> Starlette:
    """The app in one of uvicorn's worker processes: each opens the store itself.

    Worker processes let queries use every core: within one process
    pyoxigraph's answers are produced largely one at a time.
    """
    from ..rdf.store import open_store
    config = json.loads(os.environ[WORKER_CONFIG])
    return make_app(open_store(config.pop("source")), **config)


def default_concurrency() -> int:
    """Two queries per core: one evaluating while the other's answer is being written."""
    return 2 * (os.cpu_count() or 1)


def make_app(store, *, timeout: float = 30, max_rows: int | None = 10000, cors: bool = False,
             source_name: str = "graph", concurrency: int | None = None) -> Starlette:
    """The endpoint over ``store``; ``cors`` lets pages from any origin query it."""
    ep = Endpoint(store, timeout=timeout, max_rows=max_rows, source_name=source_name,
                  concurrency=concurrency or default_concurrency())
    routes = [
        Route("/", ep.page, methods=["GET"]),
        Route("/sparql", ep.sparql, methods=["GET", "POST"]),
        Route("/questions", ep.questions, methods=["GET"]),
        Route("/questions/{name}.rq", ep.question_text, methods=["GET"]),
        Route("/questions/{name}", ep.question, methods=["GET"]),
        Route("/static/{name}", ep.static, methods=["GET"]),
        Route("/view", ep.view, methods=["GET"]),
        Route("/favicon.ico", lambda request: Response(status_code=204), methods=["GET"]),
    ]
    middleware = []
    if cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                                     allow_headers=["Accept", "Content-Type"],
                                     expose_headers=["Hsgraph-Truncated"]))
    app = Starlette(routes=routes, middleware=middleware)
    app.state.endpoint = ep
    return app
