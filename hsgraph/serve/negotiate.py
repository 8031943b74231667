"""Content negotiation: pick the media type a client prefers among those offered.

Clients say what they want in the ``Accept`` header (with q-values) or, as
many SPARQL tools do, in a ``format`` / ``output`` parameter; the parameter
wins because a browser address bar cannot set headers.
"""
from __future__ import annotations

import pyoxigraph

# SELECT and ASK: media type -> pyoxigraph results format
RESULT_TYPES = {
    "application/sparql-results+json": pyoxigraph.QueryResultsFormat.JSON,
    "application/sparql-results+xml": pyoxigraph.QueryResultsFormat.XML,
    "text/csv": pyoxigraph.QueryResultsFormat.CSV,
    "text/tab-separated-values": pyoxigraph.QueryResultsFormat.TSV,
    "application/json": pyoxigraph.QueryResultsFormat.JSON,
    "application/xml": pyoxigraph.QueryResultsFormat.XML,
}
# CONSTRUCT and DESCRIBE (and the service description): media type -> RDF format
GRAPH_TYPES = {
    "text/turtle": pyoxigraph.RdfFormat.TURTLE,
    "application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES,
    "application/ld+json": pyoxigraph.RdfFormat.JSON_LD,
    "application/rdf+xml": pyoxigraph.RdfFormat.RDF_XML,
    "text/plain": pyoxigraph.RdfFormat.N_TRIPLES,
}
# short names accepted in ?format= / ?output=
SHORT_NAMES = {
    "json": "application/sparql-results+json", "srj": "application/sparql-results+json",
    "xml": "application/sparql-results+xml", "srx": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "turtle": "text/turtle", "ttl": "text/turtle",
    "nt": "application/n-triples", "ntriples": "application/n-triples", "n-triples": "application/n-triples",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml", "rdf": "application/rdf+xml",
}
# a format parameter names one kind; the other kind of result falls back to its default
SIBLINGS = {
    "application/sparql-results+json": "application/ld+json",
    "application/ld+json": "application/sparql-results+json",
    "application/sparql-results+xml": "application/rdf+xml",
    "application/rdf+xml": "application/sparql-results+xml",
}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``Accept`` as (media range, q) pairs; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        if media == "*":
            media = "*/*"
        q = 1.0
        for field in fields[1:]:
            key, _, value = field.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q))
    return ranges


def _quality(offered: str, ranges: list[tuple[str, float]]) -> float:
    """q of the most specific range that covers ``offered`` (0 when none does)."""
    kind = offered.split("/")[0]
    best, specificity = 0.0, -1
    for media, q in ranges:
        if media == offered:
            level = 2
        elif media == f"{kind}/*":
            level = 1
        elif media == "*/*":
            level = 0
        else:
            continue
        if level > specificity:
            best, specificity = q, level
    return best


def choose(offered: list[str], accept: str | None, fmt: str | None = None) -> str | None:
    """The offered media type to answer with, or None when the client accepts none of them.

    ``offered`` is in the server's order of preference, which breaks ties.
    """
    if fmt:
        wanted = SHORT_NAMES.get(fmt.strip().lower(), fmt.strip().lower())
        if wanted in offered:
            return wanted
        sibling = SIBLINGS.get(wanted)
        if sibling in offered:
            return sibling
        accept = None if wanted in RESULT_TYPES or wanted in GRAPH_TYPES else accept
    ranges = parse_accept(accept)
    scored = [(_quality(m, ranges), -i, m) for i, m in enumerate(offered)]
    q, _, media = max(scored)
    return media if q > 0 else None


RESULT_OFFER = list(RESULT_TYPES)
GRAPH_OFFER = list(GRAPH_TYPES)
