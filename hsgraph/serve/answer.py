"""Run one query for the endpoint and shape the answer for the chosen media type.

The query goes through :func:`hsgraph.query.run.run_query`, so the endpoint
applies the same refusals (updates, SERVICE), prefix declarations, parameter
defaults, time limit and syntax-error positions as ``hsgraph query``.  This
module adds what only a server needs: a row cap, the other media types, and an
HTTP status for each kind of refusal.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph

from ..errors import QueryError
from ..query.run import DEFAULT_PREFIXES, run_query
from ..rdf.namespace import PREFIXES
from .negotiate import GRAPH_OFFER, GRAPH_TYPES, RESULT_OFFER, RESULT_TYPES, choose

TSV = pyoxigraph.QueryResultsFormat.TSV


@dataclass
class Answer:
    """What the endpoint sends back: status, media type, body and extra headers."""
    status: int
    media_type: str
    body: bytes
    headers: dict = field(default_factory=dict)


class Refused(Exception):
    """A query the endpoint will not run, with the HTTP status that says why."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def refusal(exc: QueryError, timeout: float) -> Refused:
    """Map a query error to a SPARQL-Protocol status and a message that makes sense to a remote client.

    The command-line wording ("add --allow-service") is replaced where it
    would point a client at a flag it cannot set.
    """
    msg = str(exc)
    low = msg.lower()
    if "sparql update" in low:
        return Refused(403, f"this endpoint is read-only: {msg}")
    if "service" in low and "syntax error" not in low:
        return Refused(403, "SERVICE calls to other endpoints are refused by this endpoint")
    if "stopped after" in low:
        return Refused(503, f"query stopped after {timeout:g} s, this endpoint's time limit; "
                            "narrow it down (LIMIT, a more specific pattern) and try again")
    if "syntax error" in low or "needs" in low or "parameter" in low:
        return Refused(400, msg)
    return Refused(500, msg)


def _cap_rows(tsv: bytes, max_rows: int | None) -> tuple[bytes, bool]:
    """TSV results cut to ``max_rows`` rows; each TSV row is one line (terms escape their line breaks)."""
    lines = tsv.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    if max_rows is None or len(lines) - 1 <= max_rows:
        return tsv, False
    return b"\n".join(lines[: max_rows + 1]) + b"\n", True


def _results(tsv: bytes, media: str, max_rows: int | None) -> tuple[bytes, bool]:
    body, cut = _cap_rows(tsv, max_rows)
    if media == "text/tab-separated-values":
        return body, cut
    parsed = pyoxigraph.parse_query_results(body, format=TSV)
    return parsed.serialize(format=RESULT_TYPES[media]), cut


def _boolean(value: bytes, media: str) -> bytes:
    json = b'{"head":{},"boolean":%s}' % (b"true" if value.strip() == b"true" else b"false")
    parsed = pyoxigraph.parse_query_results(json, format=pyoxigraph.QueryResultsFormat.JSON)
    return parsed.serialize(format=RESULT_TYPES[media])


def serialize_graph(triples, media: str, prefixes: dict | None = None) -> bytes:
    """Triples in the RDF format of ``media`` (Turtle with the usual prefixes, or those given)."""
    fmt = GRAPH_TYPES[media]
    kwargs = {}
    if fmt == pyoxigraph.RdfFormat.TURTLE:
        kwargs["prefixes"] = prefixes or {p: PREFIXES[p] for p in DEFAULT_PREFIXES}
    return pyoxigraph.serialize(triples, format=fmt, **kwargs) or b""


def _graph(turtle: bytes, media: str, max_rows: int | None) -> tuple[bytes, bool]:
    triples = list(pyoxigraph.parse(turtle, format=pyoxigraph.RdfFormat.TURTLE))
    cut = max_rows is not None and len(triples) > max_rows
    if not cut and media == "text/turtle":
        return turtle, False
    return serialize_graph(triples[:max_rows] if cut else triples, media), cut


def _media_or_406(offered, accept, fmt) -> str:
    media = choose(offered, accept, fmt)
    if media is None:
        raise Refused(406, "none of the accepted media types fits this result; this endpoint offers "
                           + ", ".join(offered))
    return media


def answer(store, text: str, *, accept: str | None = None, fmt: str | None = None,
           timeout: float = 30, max_rows: int | None = 10000) -> Answer:
    """Run ``text`` on ``store`` and return the negotiated answer; raise :class:`Refused`."""
    _media_or_406(RESULT_OFFER + GRAPH_OFFER, accept, fmt)  # refuse before running when nothing fits
    try:
        kind, out = run_query(store, text, fmt="tsv", timeout=timeout, allow_service=False)
    except QueryError as exc:
        raise refusal(exc, timeout) from None
    if kind == "graph":
        media = _media_or_406(GRAPH_OFFER, accept, fmt)
        body, cut = _graph(out, media, max_rows)
    elif kind == "boolean":
        media = _media_or_406(RESULT_OFFER, accept, fmt)
        body, cut = _boolean(out, media), False
    else:
        media = _media_or_406(RESULT_OFFER, accept, fmt)
        body, cut = _results(out, media, max_rows)
    headers = {"Hsgraph-Truncated": str(max_rows)} if cut else {}
    return Answer(200, media, body, headers)
