"""Run a query on a remote SPARQL endpoint and render it exactly as a local query is rendered.

The text goes through the same guard and prefix declarations as a local
query (:func:`hsgraph.query.run.prepare_query`); the answer is parsed and
re-serialized with pyoxigraph, so ``--format json`` (or csv, tsv, xml, a
table, Turtle for graphs) looks the same whichever server answered.
"""
from __future__ import annotations

import re

import httpx
import pyoxigraph

from ..remote import RemoteError, choose_auth, http_failure, transport_failure
from ..rdf.namespace import PREFIXES
from .run import DEFAULT_PREFIXES, RESULT_FORMATS, _cell, code_only, prepare_query

# some servers (Virtuoso) answer a mixed Accept header wrongly, so ask for one kind per query form
GRAPH_ACCEPT = "text/turtle, application/n-triples;q=0.9"
RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside strings, IRIs and comments."""
    m = re.search(r"(?i)(?<![\w:?$])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:])", code_only(query))
    return m.group(1).upper() if m else "SELECT"


def _parse(response: httpx.Response):
    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
    rdf = pyoxigraph.RdfFormat.from_media_type(ctype)
    if rdf is not None:
        return list(pyoxigraph.parse(response.content, format=rdf))
    results = pyoxigraph.QueryResultsFormat.from_media_type(ctype) or pyoxigraph.QueryResultsFormat.JSON
    return pyoxigraph.parse_query_results(response.content, format=results)


def _ask_as_boolean(parsed):
    """Virtuoso answers ASK as a one-row SELECT of ``__ASK_RETVAL``; read it as the boolean it is."""
    if isinstance(parsed, pyoxigraph.QuerySolutions) and [v.value for v in parsed.variables] == ["__ASK_RETVAL"]:
        rows = list(parsed)
        value = rows[0][0].value if rows and rows[0][0] is not None else "0"
        return pyoxigraph.parse_query_results(
            b'{"head":{},"boolean":%s}' % (b"true" if value in ("1", "true") else b"false"),
            format=pyoxigraph.QueryResultsFormat.JSON)
    return parsed


def shift_lines(message: str, offset: int) -> str:
    """Count the line in an endpoint's error message from the user's first line, not the declared prefixes'."""
    def shift(m):
        return f"{m.group(1)}{max(1, int(m.group(2)) - offset)}"
    return re.sub(r"(\bline )(\d+)", shift, message, count=1) if offset else message


def _render(parsed, fmt: str):
    if isinstance(parsed, list):
        data = pyoxigraph.serialize(parsed, format=pyoxigraph.RdfFormat.TURTLE,
                                    prefixes={p: PREFIXES[p] for p in DEFAULT_PREFIXES})
        return "graph", data or b""
    if isinstance(parsed, pyoxigraph.QueryBoolean):
        return "boolean", b"true\n" if bool(parsed) else b"false\n"
    if fmt == "table":
        variables = [v.value for v in parsed.variables]
        return "table", (variables, [[_cell(sol[v]) for v in variables] for sol in parsed])
    return "results", parsed.serialize(format=RESULT_FORMATS[fmt])


def run_remote_query(endpoint: str, text: str, *, fmt: str = "json", timeout: float | None = 30,
                     allow_service: bool = False, default_graph: str | None = None,
                     user: str | None = None, password: str | None = None):
    """Like :func:`hsgraph.query.run.run_query`, but the query runs at ``endpoint`` (SPARQL 1.1 Protocol)."""
    query, offset = prepare_query(text, allow_service=allow_service)
    form = {"query": query}
    if default_graph:
        form["default-graph-uri"] = default_graph
    accept = GRAPH_ACCEPT if query_form(query) in ("CONSTRUCT", "DESCRIBE") else RESULTS_ACCEPT
    with httpx.Client(timeout=timeout if timeout and timeout > 0 else None) as client:
        try:
            auth = choose_auth(client, endpoint, user, password)
            response = client.post(endpoint, data=form, headers={"Accept": accept}, auth=auth)
        except httpx.HTTPError as exc:
            raise transport_failure(endpoint, exc) from None
    if response.status_code != 200:
        failure = http_failure(endpoint, response)
        raise RemoteError(shift_lines(str(failure), offset)) from None
    try:
        parsed = _parse(response)
    except (SyntaxError, ValueError) as exc:
        raise RemoteError(f"{endpoint}: unreadable answer: {str(exc)[:200]}") from None
    if query_form(query) == "ASK":
        parsed = _ask_as_boolean(parsed)
    return _render(parsed, fmt)
