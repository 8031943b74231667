"""The build pipeline: files → documents → mentions → entities → relations → RDF graph.

Each step is a plain function over the objects in ``hsgraph.model``; this
module only strings them together.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import InputError
from .ingest.layout import analyse
from .ingest.read import RawArticle, read_all
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
    return read_all(items, (lambda limit: stdin()) if stdin else None, on_error=on_error)


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
