"""Check a graph against the SHACL shapes in ``ontology/shapes.ttl`` and describe the problems."""
from __future__ import annotations

from dataclasses import dataclass

import rdflib
from rdflib import RDFS
from rdflib.namespace import SH

from ..errors import printable
from .namespace import PREFIXES, shapes_path


@dataclass
class Violation:
    focus: str
    label: str
    path: str
    message: str
    severity: str


def _short(term) -> str:
    if term is None:
        return ""
    text = str(term)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


def validate_graph(graph: rdflib.Graph) -> tuple[bool, list[Violation]]:
    import pyshacl
    shapes = rdflib.Graph()
    shapes.parse(data=shapes_path().read_text(encoding="utf-8"), format="turtle")
    conforms, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                          abort_on_first=False, allow_warnings=True)
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        label = graph.value(focus, RDFS.label) if focus is not None else None
        out.append(Violation(
            focus=str(focus), label=str(label) if label is not None else "",
            path=_short(report.value(result, SH.resultPath)),
            message=str(report.value(result, SH.resultMessage) or ""),
            severity=_short(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]))
    out.sort(key=lambda v: (v.path, v.focus, v.message))
    return bool(conforms), out


def render_report(conforms: bool, violations: list[Violation]) -> str:
    if conforms:
        return "The graph conforms to the hsgraph shapes.\n"
    lines = [f"The graph does not conform: {len(violations)} problem{'s' if len(violations) != 1 else ''}."]
    for v in violations:
        who = printable(f"{v.label} <{v.focus}>" if v.label else f"<{v.focus}>", keep_newlines=False)
        message = printable(v.message, keep_newlines=False)
        lines.append(f"- {who}\n    path: {v.path or '-'}\n    {message}")
    return "\n".join(lines) + "\n"
