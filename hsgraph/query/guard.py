"""What a SPARQL query would do, read from its parsed form rather than guessed from its text.

A query may only read the local graph.  ``SERVICE`` sends part of it to
another endpoint over the network, so it is refused unless allowed.  Two
independent readings must both find no ``SERVICE``:

* the query algebra rdflib builds (the very object ``viz --query`` runs), and
* a tokeniser that follows the SPARQL 1.1 grammar's terminals exactly
  (prefixed names with ``\\#`` and ``\\'`` escapes, the four string forms,
  IRIs, comments), which also reads queries rdflib's parser rejects but
  Oxigraph accepts.

Nesting depth is bounded first: parsers recurse per bracket, and a query of
ten thousand parentheses would otherwise overflow the stack and kill the
process without a word.
"""
from __future__ import annotations

import re

from ..errors import QueryError

MAX_DEPTH = 128

_BASE = ("A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
         "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_U = _BASE + "_"
_CHARS = _U + r"\-0-9\u00B7\u0300-\u036F\u203F-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PREFIX = rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = rf"(?:[{_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_ECHAR = r"\\[tbnrf\\\"']"

_TOKEN = re.compile("|".join([
    r"(?P<space>[ \t\r\n]+)",
    r"(?P<comment>#[^\r\n]*)",
    rf"(?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*'''"
    rf'|"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*"""'
    rf"|'(?:[^'\\\n\r]|{_ECHAR})*'"
    rf'|"(?:[^"\\\n\r]|{_ECHAR})*")',
    r'(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)',
    rf"(?P<var>[?$][{_U}0-9][{_U}0-9\u00B7\u0300-\u036F\u203F-\u2040]*)",
    rf"(?P<bnode>_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)",
    rf"(?P<pname>(?:{_PREFIX})?:(?:{_LOCAL})?)",
    r"(?P<lang>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)",
    r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)",
    r"(?P<other>.)",
]), re.S)

_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def expand_escapes(text: str) -> str:
    r"""The text with ``\uXXXX`` and ``\UXXXXXXXX`` replaced, as SPARQL 1.1 §19.2 reads a query."""
    def one(m):
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)
    return _UNICODE_ESCAPE.sub(one, text)


def tokens(text: str):
    """(kind, text) for every token of ``text``; a character no terminal matches is ``other``."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind not in ("space", "comment"):
            yield kind, m.group(0)


def readings(text: str) -> tuple[str, ...]:
    """The query as written and with its code-point escapes expanded: a parser may use either."""
    expanded = expand_escapes(text)
    return (text,) if expanded == text else (text, expanded)


def nesting_depth(text: str) -> int:
    """The deepest nesting of (), [] and {} outside strings, IRIs and comments."""
    deepest = 0
    for reading in readings(text):
        depth = 0
        for kind, tok in tokens(reading):
            if kind != "other":
                continue
            if tok in "([{":
                depth += 1
                deepest = max(deepest, depth)
            elif tok in ")]}":
                depth = max(0, depth - 1)
    return deepest


def check_depth(text: str) -> None:
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise QueryError(f"query nests brackets {depth} deep; at most {MAX_DEPTH} levels are allowed")


def keyword_service(text: str) -> bool:
    """True if any reading of ``text`` holds SERVICE (any letter case) in a bare word.

    A word *containing* SERVICE counts too: a parser may end a number or a
    keyword where this tokeniser does not (``1e5SERVICE``, ``trueSERVICE``),
    and no legitimate bare word of SPARQL contains it.
    """
    return any(kind in ("word", "lang") and "SERVICE" in tok.upper()
               for reading in readings(text) for kind, tok in tokens(reading))


def parse_algebra(text: str):
    """rdflib's algebra of ``text``, or None where rdflib's parser cannot read it."""
    import logging

    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery
    terms = logging.getLogger("rdflib.term")  # warns on stderr about IRIs it would not serialise
    was = terms.disabled
    terms.disabled = True
    try:
        return translateQuery(parseQuery(text))
    except RecursionError:
        return None
    except Exception:  # pyparsing and rdflib raise many types; the other reading still decides
        return None
    finally:
        terms.disabled = was


def algebra_has_service(node) -> bool:
    """True if a parsed query holds a ServiceGraphPattern anywhere in its algebra."""
    from rdflib.plugins.sparql.parserutils import CompValue
    stack, seen = [node], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                return True
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
        elif hasattr(item, "algebra"):
            stack.append(item.algebra)
    return False


def check_service(text: str, parsed=None) -> None:
    """Refuse ``text`` if either reading finds a SERVICE call in it."""
    parsed = parsed if parsed is not None else parse_algebra(text)
    if keyword_service(text) or (parsed is not None and algebra_has_service(parsed)):
        raise QueryError("SERVICE calls other endpoints over the network; add --allow-service to permit them")


def check_timeout(seconds) -> float:
    """A time limit must be a finite, positive number of seconds (at most a week)."""
    import math
    try:
        value = float(seconds)
    except (TypeError, ValueError):
        raise QueryError(f"--timeout wants seconds, not {seconds!r}") from None
    if not math.isfinite(value) or value <= 0 or value > 7 * 86400:
        raise QueryError(f"--timeout wants a finite number of seconds above 0 and at most 604800, not {seconds}")
    return value
