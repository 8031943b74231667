"""The ontology's vocabulary as closed namespaces, so a misspelt term raises.

The term list mirrors ``ontology/hsgraph.ttl``; ``tests/test_ontology.py``
checks that the two agree.
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import ClosedNamespace

ONTOLOGY_IRI = "https://w3id.org/hsgraph/ontology"
BASE = "https://w3id.org/hsgraph/"

CLASSES = (
    "Place", "County", "City", "Town", "Village", "Enterprise", "Organization",
    "Person", "Project", "Policy", "Industry", "Article", "Evidence", "Mention", "Figure",
)
RELATIONS = (
    "locatedIn", "hasIndustry", "inIndustry", "issuedBy", "targetsIndustry",
    "involvedIn", "cooperatesWith",
)
PROPERTIES = RELATIONS + (
    "mentionedIn", "mentionOf", "source", "sentence", "startOffset", "endOffset",
    "surface", "rule", "confidence", "divisionCode", "figure", "measure", "value",
    "upperValue", "unit", "approximate", "quantityText",
)

HS = ClosedNamespace(ONTOLOGY_IRI + "#", list(CLASSES + PROPERTIES))
ID = Namespace(BASE + "id/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")

# Entity types a user can ask for by name, in the order views and tables list them.
ENTITY_TYPES = ("County", "City", "Town", "Village", "Enterprise", "Organization",
                "Person", "Project", "Policy", "Industry")
SCORED_TYPES = ("County", "City", "Enterprise", "Project", "Policy", "Industry")

PREFIXES = {
    "hs": ONTOLOGY_IRI + "#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


def ontology_path():
    """The installed copy of ``ontology/hsgraph.ttl``."""
    from importlib.resources import files
    return files("hsgraph") / "ontology" / "hsgraph.ttl"


def shapes_path():
    """The installed copy of ``ontology/shapes.ttl``."""
    from importlib.resources import files
    return files("hsgraph") / "ontology" / "shapes.ttl"
