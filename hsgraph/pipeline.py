"""The build pipeline: files → documents → mentions → entities → relations → RDF graph.

Each step is a plain function over the objects in ``hsgraph.model``; this
module only strings them together.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import InputError
from .ingest.layout import analyse
from .ingest.read import RawArticle, read_article, read_stdin
from .ingest.segment import split_sentences
from .model import Corpus, Document


def make_document(raw: RawArticle) -> Document:
    layout = analyse(raw.text)
    doc = Document(raw.doc_id, layout.text, layout.original, layout.title, layout.creators, layout.publisher)
    doc.sentences = split_sentences(layout.text, layout.original)
    doc.stories = layout.stories
    return doc


def read_inputs(items: Iterable[Path | str], stdin: Callable[[], bytes] | None = None,
                on_error: Callable[[InputError], None] | None = None) -> list[RawArticle]:
    """Read every input; with ``on_error`` a bad file is reported and skipped, else it raises."""
    out: list[RawArticle] = []
    seen: set[str] = set()
    for item in items:
        try:
            raw = read_stdin(stdin()) if item == "-" else read_article(Path(item))
            if raw.doc_id in seen:
                raise InputError(f"another input has the same file name {raw.doc_id!r}; "
                                 "article identifiers must be unique", where=str(item))
            seen.add(raw.doc_id)
            out.append(raw)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
    return out


def build_corpus(raws: list[RawArticle], progress: Callable[[Iterable], Iterable] | None = None) -> Corpus:
    from .link import link
    from .recognise.annotate import recognise
    from .relate import relate

    corpus = Corpus()
    items = progress(raws) if progress else raws
    for raw in items:
        doc = make_document(raw)
        doc.mentions = recognise(doc)
        corpus.documents.append(doc)
    link(corpus)
    relate(corpus)
    return corpus
