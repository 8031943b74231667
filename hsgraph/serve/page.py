"""The query page served at ``/``: YASGUI (bundled, see scripts/vendor_yasgui.py) set up for this endpoint."""
from __future__ import annotations

import html
import json
from importlib.resources import files

from ..query.run import DEFAULT_PREFIXES, bundled_queries, missing_params
from ..rdf.namespace import PREFIXES

STATIC_TYPES = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css", "page.js": "text/javascript"}
EXAMPLE = """SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class }
GROUP BY ?class
ORDER BY DESC(?n)
"""
# parameter values the page suggests, each found in the seeds' graph
SAMPLES = {"county": "武邑县", "entity": "武邑县", "industry": "新能源", "a": "武邑县", "b": "衡水市"}


def static_file(name: str) -> bytes | None:
    """One of the page's own files, or None for any other name."""
    if name not in STATIC_TYPES:
        return None
    here = files("hsgraph.serve")
    entry = here / ("page.js" if name == "page.js" else f"static/{name}")
    return entry.read_bytes() if entry.is_file() else None


def page_config(triples: int) -> dict:
    questions = [{"name": n, "description": d, "required": missing_params(t)} for n, (d, t) in bundled_queries().items()]
    return {"endpoint": "/sparql", "triples": triples, "example": EXAMPLE, "questions": questions,
            "samples": SAMPLES, "prefixes": [[p, PREFIXES[p]] for p in DEFAULT_PREFIXES]}


def render_page(source_name: str, triples: int) -> str:
    template = (files("hsgraph.serve") / "page.html").read_text(encoding="utf-8")
    data = json.dumps(page_config(triples), ensure_ascii=False).replace("<", "\\u003c")
    return template.replace("{{TITLE}}", html.escape(source_name)).replace("{{CONFIG}}", data)
