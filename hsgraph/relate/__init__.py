"""Relation extraction: background facts from the gazetteer, triggers per clause, figures."""
from __future__ import annotations

from ..model import Corpus, Relation


def relate(corpus: Corpus) -> None:
    from .figures import extract_figures
    from .triggers import extract_relations
    from ..recognise.gazetteer import gazetteer
    rels: list[Relation] = []
    # County → its city and province from the gazetteer: background knowledge, asserted without evidence
    gaz = gazetteer()
    for ent in corpus.entities.values():
        if ent.type != "County":
            continue
        rels += [Relation(ent.ident, "locatedIn", ("City", key), None) for key in gaz.ancestors(ent.key)
                 if ("City", key) in corpus.entities]
    for doc in corpus.documents:
        rels.extend(extract_relations(doc, corpus))
        corpus.figures.extend(extract_figures(doc, corpus))
    corpus.relations = rels
