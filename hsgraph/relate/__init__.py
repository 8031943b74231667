"""Relation extraction: background facts from the gazetteer, triggers per clause, figures."""
from __future__ import annotations

from ..model import Corpus, Relation


def relate(corpus: Corpus) -> None:
    from .figures import extract_figures
    from .triggers import extract_relations
    rels: list[Relation] = []
    # County → City from the gazetteer: background knowledge, asserted without evidence
    for ent in corpus.entities.values():
        if ent.type == "County" and ent.parent and ("City", ent.parent) in corpus.entities:
            rels.append(Relation(ent.ident, "locatedIn", ("City", ent.parent), None))
    for doc in corpus.documents:
        rels.extend(extract_relations(doc, corpus))
        corpus.figures.extend(extract_figures(doc, corpus))
    corpus.relations = rels
