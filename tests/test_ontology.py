"""The ontology file and the closed namespace in code agree."""
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS

from hsgraph.rdf.namespace import CLASSES, HS, ONTOLOGY_IRI, PROPERTIES, ontology_path

NS = ONTOLOGY_IRI + "#"


@pytest.fixture(scope="module")
def onto():
    g = rdflib.Graph()
    g.parse(str(ontology_path()), format="turtle")
    return g


def test_every_term_in_code_is_declared_and_vice_versa(onto):
    declared = {str(s)[len(NS):] for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
                for s in onto.subjects(RDF.type, t) if str(s).startswith(NS)}
    assert declared == set(CLASSES) | set(PROPERTIES)


def test_terms_have_chinese_and_english_labels_and_comments(onto):
    for term in CLASSES + PROPERTIES:
        node = HS[term]
        langs = {lit.language for lit in onto.objects(node, RDFS.label)}
        assert {"zh", "en"} <= langs, term
        assert list(onto.objects(node, RDFS.comment)), term


def test_classes_reuse_standard_vocabularies(onto):
    assert (HS.Industry, RDFS.subClassOf, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#Concept")) in onto
    assert (HS.Enterprise, RDFS.subClassOf, rdflib.URIRef("http://www.w3.org/ns/org#FormalOrganization")) in onto
    assert (HS.cooperatesWith, RDF.type, OWL.SymmetricProperty) in onto


def test_a_misspelt_term_raises():
    with pytest.raises(AttributeError):
        HS.locatedInn  # noqa: B018
