"""Run read-only SPARQL queries on an Oxigraph store and render the answers.

The query text gets the usual prefixes (hs, rdf, rdfs, skos, dcterms, xsd,
prov) declared in front unless it declares them itself; updates are refused,
SERVICE calls are refused unless allowed, and a slow query is abandoned after
a time limit.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from importlib.resources import files

import pyoxigraph

from ..errors import QueryError, printable
from ..rdf.namespace import BASE, PREFIXES
from .guard import check_depth, check_service, check_timeout, parse_algebra

DEFAULT_PREFIXES = ("hs", "rdf", "rdfs", "skos", "dcterms", "xsd", "prov")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")
RESULT_FORMATS = {
    "csv": pyoxigraph.QueryResultsFormat.CSV,
    "tsv": pyoxigraph.QueryResultsFormat.TSV,
    "json": pyoxigraph.QueryResultsFormat.JSON,
    "xml": pyoxigraph.QueryResultsFormat.XML,
}

# strings (long and short), IRIs and comments, in the order SPARQL's lexer would see them
_MASK = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*",
    re.S,
)


def code_only(text: str) -> str:
    """The query with strings, IRIs and comments blanked out (line breaks kept)."""
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    return _MASK.sub(blank, text)


def _keyword(word: str, code: str) -> bool:
    return re.search(rf"(?<![\w:?$]){word}(?![\w:])", code, re.I) is not None


def prepare_query(text: str, allow_service: bool = False, parsed: dict | None = None) -> tuple[str, int]:
    """Check ``text``, fill in parameter defaults and declare missing prefixes.

    Returns (query, number of lines added).  The nesting depth is bounded
    before any parser sees the text; SERVICE is looked for in the parsed
    query (see ``hsgraph.query.guard``).  With a ``parsed`` dict, rdflib's
    algebra of the final query is left in ``parsed["algebra"]`` (None where
    rdflib cannot parse it) so a caller can run exactly what was checked.
    """
    check_depth(text)
    text = fill_defaults(text)
    code = code_only(text)
    for word in UPDATE_WORDS:
        if _keyword(word, code):
            raise QueryError(f"{word.upper()} is a SPARQL update; hsgraph query only reads the graph "
                             "(SELECT, ASK, CONSTRUCT, DESCRIBE)")
    declared = {m.group(1).lower() for m in re.finditer(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*|)\s*:", code)}
    lines = [f"PREFIX {p}: <{PREFIXES[p]}>" for p in DEFAULT_PREFIXES if p not in declared]
    query = "\n".join(lines) + "\n" + text if lines else text
    if not allow_service or parsed is not None:
        algebra = parse_algebra(query)
        if parsed is not None:
            parsed["algebra"] = algebra
        if not allow_service:
            check_service(query, algebra)
    return query, len(lines)


def _escape_literal(value: str) -> str:
    out = (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
           .replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{out}"'


_DEFAULT_LINE = re.compile(r"^#\s*default\s+\$(\w+)\s*=\s*(\S+)\s*$", re.M)
_COUNT_KEYWORD = re.compile(r"(?i)(?<![\w:?$])(LIMIT|OFFSET)\s*$")


def param_defaults(text: str) -> dict[str, str]:
    """Defaults a query declares for its parameters, in comment lines like ``# default $limit = 100``."""
    return {m.group(1): m.group(2) for m in _DEFAULT_LINE.finditer(text)}


def substitute_params(text: str, params: dict[str, str]) -> str:
    """Replace each ``$name`` (outside strings, IRIs and comments) by a string literal.

    After ``LIMIT`` or ``OFFSET`` the value must be a whole number and goes in as one.
    """
    code = code_only(text)
    for name, value in params.items():
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"bad parameter name {name!r}: use letters, digits and _")
        pattern = re.compile(rf"\${re.escape(name)}(?!\w)")
        spans = [m.span() for m in pattern.finditer(code)]
        for start, end in reversed(spans):
            keyword = _COUNT_KEYWORD.search(code, 0, start)
            if keyword:
                if not re.fullmatch(r"[0-9]+", value.strip()):
                    raise QueryError(f"parameter {name} follows {keyword.group(1).upper()} and must be "
                                     f"a whole number (0, 1, 2, ...), not {value!r}")
                literal = str(int(value.strip()))
            else:
                literal = _escape_literal(value)
            text = text[:start] + literal + text[end:]
        code = code_only(text)
    return text


def fill_defaults(text: str) -> str:
    """Substitute the declared defaults of the parameters still left in ``text``."""
    left = set(re.findall(r"\$(\w+)", code_only(text)))
    defaults = {k: v for k, v in param_defaults(text).items() if k in left}
    return substitute_params(text, defaults) if defaults else text


def missing_params(text: str) -> list[str]:
    """Parameters left in ``text`` that have no declared default."""
    defaults = param_defaults(text)
    return sorted(set(re.findall(r"\$(\w+)", code_only(text))) - set(defaults))


# -- bundled questions -------------------------------------------------------

def _questions_dir():
    return files("hsgraph.query") / "questions"


def bundled_queries() -> dict[str, tuple[str, str]]:
    """name -> (description, text) for every bundled ``.rq`` file."""
    out = {}
    for entry in sorted(_questions_dir().iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            first = text.splitlines()[0] if text else ""
            desc = first[1:].strip() if first.startswith("#") else ""
            out[entry.name[:-3]] = (desc, text)
    return out


def bundled_query(name: str) -> str:
    queries = bundled_queries()
    if name not in queries:
        raise QueryError(f"no bundled query named {name!r}; `hsgraph query --list` shows them")
    return queries[name][1]


# -- running -------------------------------------------------------------------

def _syntax_message(exc: Exception, offset: int) -> str:
    msg = str(exc)
    m = re.search(r"(\d+):(\d+)(?:-(\d+):(\d+))?", msg)
    if m:
        line, col = int(m.group(1)) - offset, int(m.group(2))
        rest = msg[m.end():].lstrip(": ")
        return f"SPARQL syntax error at line {line}, column {col}: {rest}"
    return f"SPARQL syntax error: {msg}"


def run_query(store, text: str, *, fmt: str = "json", timeout: float | None = 30,
              allow_service: bool = False):
    """Run ``text`` and return ("table", (variables, rows)) or (kind, bytes) ready to print.

    ``fmt`` is ``table`` or one of csv, tsv, json, xml (SELECT results).
    """
    if timeout is not None:
        timeout = check_timeout(timeout)
    query, offset = prepare_query(text, allow_service=allow_service)
    box: dict = {}

    def work():
        try:
            result = store.query(query, base_iri=BASE)
            if isinstance(result, pyoxigraph.QueryBoolean):
                box["out"] = ("boolean", b"true\n" if bool(result) else b"false\n")
            elif isinstance(result, pyoxigraph.QueryTriples):
                data = pyoxigraph.serialize(result, format=pyoxigraph.RdfFormat.TURTLE,
                                            prefixes={p: PREFIXES[p] for p in DEFAULT_PREFIXES})
                box["out"] = ("graph", data or b"")
            elif fmt == "table":
                variables = [v.value for v in result.variables]
                rows = [[_cell(sol[v]) for v in variables] for sol in result]
                box["out"] = ("table", (variables, rows))
            else:
                box["out"] = ("results", result.serialize(format=RESULT_FORMATS[fmt]))
        except BaseException as exc:  # handed to the waiting thread
            # without its frames: Oxigraph's result objects must die in the thread that made them
            exc.__context__ = None
            box["error"] = exc.with_traceback(None)

    thread = threading.Thread(target=work, name="hsgraph-query", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        shown = f"{timeout:g}"
        raise QueryError(f"query stopped after {shown} s (raise --timeout to wait longer)")
    if "error" in box:
        exc = box["error"]
        if isinstance(exc, SyntaxError):
            raise QueryError(_syntax_message(exc, offset)) from None
        if isinstance(exc, (OSError, ValueError, RuntimeError)):
            raise QueryError(f"query failed: {exc}") from None
        raise exc
    return box["out"]


def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[\w-]+", iri[len(ns):] or "-"):
            return f"{prefix}:{iri[len(ns):]}"
    return f"<{iri}>"


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.NamedNode):
        return _compact(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, pyoxigraph.Literal):
        return term.value
    return str(term)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count 2."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render_table(variables: list[str], rows: list[list[str]]) -> str:
    """An aligned text table with a header rule and a row count."""
    rows = [[printable(c.replace("\n", " ").replace("\t", " ")) for c in row] for row in rows]
    variables = [printable(v) for v in variables]
    widths = [display_width(v) for v in variables]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))
    lines = ["  ".join(_pad(v, w) for v, w in zip(variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for row in rows:
        lines.append("  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
