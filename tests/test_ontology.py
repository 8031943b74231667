"""The ontology file and the closed namespace in code agree."""
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, URIRef
from rdflib.compare import isomorphic

from hsgraph.rdf.namespace import CLASSES, HS, ONTOLOGY_IRI, PROPERTIES, RELATIONS, ontology_path

REPO_ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "hsgraph.ttl"

NS = ONTOLOGY_IRI + "#"


@pytest.fixture(scope="module")
def onto():
    g = rdflib.Graph()
    g.parse(str(ontology_path()), format="turtle")
    return g


def test_the_repository_file_parses_and_is_the_installed_one(onto):
    g = rdflib.Graph()
    g.parse(str(REPO_ONTOLOGY), format="turtle")
    assert (URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in g
    assert isomorphic(g, onto)


def test_each_term_has_the_right_kind(onto):
    for term in CLASSES:
        assert (HS[term], RDF.type, OWL.Class) in onto, term
    for term in RELATIONS:
        assert (HS[term], RDF.type, OWL.ObjectProperty) in onto, term
    for term in PROPERTIES:
        kinds = {k for k in (OWL.ObjectProperty, OWL.DatatypeProperty) if (HS[term], RDF.type, k) in onto}
        assert len(kinds) == 1, term


def test_no_other_hs_terms_are_used(onto):
    used = {str(x) for t in onto for x in t if isinstance(x, URIRef) and str(x).startswith(NS)}
    assert {u[len(NS):] for u in used} <= set(CLASSES) | set(PROPERTIES)


def test_every_term_in_code_is_declared_and_vice_versa(onto):
    declared = {str(s)[len(NS):] for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
                for s in onto.subjects(RDF.type, t) if str(s).startswith(NS)}
    assert declared == set(CLASSES) | set(PROPERTIES)


def test_terms_have_chinese_and_english_labels_and_comments(onto):
    for term in CLASSES + PROPERTIES:
        node = HS[term]
        langs = [lit.language for lit in onto.objects(node, RDFS.label)]
        assert sorted(langs) == ["en", "zh"], term
        comments = list(onto.objects(node, RDFS.comment))
        assert comments and all(str(c).strip() for c in comments), term


def test_classes_reuse_standard_vocabularies(onto):
    assert (HS.Industry, RDFS.subClassOf, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#Concept")) in onto
    assert (HS.Enterprise, RDFS.subClassOf, rdflib.URIRef("http://www.w3.org/ns/org#FormalOrganization")) in onto
    assert (HS.cooperatesWith, RDF.type, OWL.SymmetricProperty) in onto


@pytest.mark.parametrize("term", ["locatedInn", "county", "Company", "mentionIn"])
def test_a_misspelt_term_raises(term):
    with pytest.raises(AttributeError):
        getattr(HS, term)
    with pytest.raises(KeyError):
        HS[term]


def test_known_terms_resolve_into_the_ontology_namespace():
    assert HS.locatedIn == URIRef(NS + "locatedIn")
    assert HS["County"] == URIRef(NS + "County")
