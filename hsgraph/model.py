"""The objects that flow through the pipeline, from article text to linked entities.

One ``Document`` per article carries its text, sentences and mentions; the
linker turns mentions from all documents into ``Entity`` objects and the
relation step adds ``Relation`` and ``Figure`` objects.  Everything is plain
data so each step can be tested on its own.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sentence:
    """A sentence with its character span in the document's text."""
    index: int
    start: int
    end: int
    text: str        # simplified-script text used for extraction
    original: str    # the same span in the article's own script


@dataclass(frozen=True)
class Mention:
    """One recognised name: where it is, what type it is and which rule found it.

    ``key`` is the linking key: a division code for places, otherwise the
    canonical name; mentions with the same (type, key) are one entity.
    """
    doc_id: str
    sentence: int
    start: int
    end: int
    surface: str
    type: str
    name: str
    key: str
    rule: str


@dataclass
class Document:
    """An article after reading and layout repair.

    ``text`` is simplified script for extraction; ``original`` is the article's
    own script, of equal length, for evidence.
    """
    doc_id: str
    text: str
    original: str
    title: str | None = None
    creators: tuple[str, ...] = ()
    publisher: str | None = None
    date: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # the page's stories (hsgraph.ingest.layout.Story), for 该县 / 该市 / 我市
    stories: list = field(default_factory=list)

    def sentence_at(self, offset: int) -> Sentence | None:
        """Sentences are in text order and do not overlap: a binary search finds the one holding ``offset``."""
        i = bisect.bisect_right(self.sentences, offset, key=lambda s: s.start) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None


@dataclass
class Entity:
    """One real-world thing across the corpus, with every name it goes by."""
    type: str
    key: str
    label: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    code: str | None = None          # division code for places
    parent: str | None = None        # key of the enclosing division, from the gazetteer

    @property
    def ident(self) -> tuple[str, str]:
        return (self.type, self.key)


@dataclass(frozen=True)
class Evidence:
    """Where a relation or figure is stated."""
    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    rule: str
    confidence: float


@dataclass(frozen=True)
class Relation:
    subject: tuple[str, str]
    predicate: str
    object: tuple[str, str]
    evidence: Evidence | None   # None for background facts (county → city from the gazetteer)


@dataclass(frozen=True)
class Figure:
    """A number the article gives about an entity, converted to a base unit."""
    subject: tuple[str, str]
    measure: str
    value: str        # decimal as text, so it serialises exactly
    unit: str
    approximate: str  # '' when exact
    text: str         # as written, e.g. 15亿元
    evidence: Evidence


@dataclass
class Corpus:
    """Everything extracted from a set of articles, ready to become RDF."""
    documents: list[Document] = field(default_factory=list)
    entities: dict[tuple[str, str], Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
