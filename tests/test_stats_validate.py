"""hsgraph stats and hsgraph validate on the seeds' graph and on broken graphs."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hsgraph.cli import cli
from hsgraph.rdf.validate import validate_graph

ROOT = Path(__file__).resolve().parents[1]
HS = "https://w3id.org/hsgraph/ontology#"
PRE = f"""@prefix hs: <{HS}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
GOOD = PRE + """
<urn:a> a hs:Article ; dcterms:identifier "a.txt" .
<urn:c> a hs:County ; rdfs:label "武邑县"@zh ; hs:divisionCode "131122" ; hs:mentionedIn <urn:a> .
<urn:e> a hs:Enterprise ; rdfs:label "河北现代钢木制品有限公司"@zh ; hs:mentionedIn <urn:a> ; hs:locatedIn <urn:c> .
<urn:v> a hs:Evidence ; rdf:subject <urn:e> ; rdf:predicate hs:locatedIn ; rdf:object <urn:c> ;
    hs:source <urn:a> ; hs:sentence "在武邑县河北现代钢木制品有限公司" ; hs:confidence 0.9 ;
    hs:startOffset 0 ; hs:endOffset 12 .
<urn:f> a hs:Figure ; hs:value 1.5 ; hs:measure "investment" ; hs:unit "CNY" .
"""


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    d = tmp_path_factory.mktemp("sv")
    ttl, store = d / "seeds.ttl", d / "store"
    res = CliRunner().invoke(cli, ["build", str(ROOT / "seeds"), "-o", str(ttl), "--store", str(store)])
    assert res.exit_code == 0, res.output
    return ttl, store


def test_stats_of_file_and_store_agree(seeds):
    a = CliRunner().invoke(cli, ["stats", str(seeds[0])])
    b = CliRunner().invoke(cli, ["stats", str(seeds[1])])
    assert a.exit_code == 0 and a.output == b.output
    lines = {line.split()[0]: int(line.split()[1]) for line in a.output.splitlines() if len(line.split()) == 2}
    assert lines["Article"] == 5 and lines["Enterprise"] >= 1 and lines["locatedIn"] >= 1
    # numbers are right-aligned in one column
    assert len({len(line) for line in a.output.splitlines() if line.startswith("  ")}) == 1


def test_stats_counted_on_oxigraph_and_rdflib_agree(seeds):
    import rdflib
    from hsgraph.rdf.store import open_store
    from hsgraph.stats import graph_stats
    on_rdflib = graph_stats(rdflib.Graph().parse(seeds[0]))
    assert graph_stats(open_store(seeds[0])) == on_rdflib
    assert graph_stats(open_store(seeds[1])) == on_rdflib


def test_small_good_graph_conforms(tmp_path):
    p = tmp_path / "good.ttl"
    p.write_text(GOOD, encoding="utf-8")
    res = CliRunner().invoke(cli, ["validate", str(p)])
    assert res.exit_code == 0 and "conforms" in res.output


@pytest.mark.parametrize("change,path", [
    (('hs:divisionCode "131122"', 'hs:divisionCode "13112"'), "hs:divisionCode"),
    (('hs:confidence 0.9', 'hs:confidence 1.5'), "hs:confidence"),
    (('hs:confidence 0.9', 'hs:confidence "high"'), "hs:confidence"),
    (('rdf:predicate hs:locatedIn', 'rdf:predicate hs:mentionedIn'), "rdf:predicate"),
    (('hs:startOffset 0', 'hs:startOffset -1'), "hs:startOffset"),
    (('dcterms:identifier "a.txt"', 'dcterms:title "x"'), "dcterms:identifier"),
    (('rdfs:label "武邑县"@zh', 'rdfs:label "武邑县"'), "rdfs:label"),
    (('rdfs:label "武邑县"@zh', 'rdfs:label "Wuyi"@en'), "rdfs:label"),
    (('rdfs:label "武邑县"@zh', 'rdfs:label "武邑县"@zh, "武邑"@zh'), "rdfs:label"),
    (('<urn:e> a hs:Enterprise ; rdfs:label "河北现代钢木制品有限公司"@zh ; hs:mentionedIn <urn:a>',
      '<urn:e> a hs:Enterprise ; rdfs:label "河北现代钢木制品有限公司"@zh'), "hs:mentionedIn"),
    (('hs:value 1.5', 'hs:value "1.5"'), "hs:value"),
])
def test_broken_graphs_are_reported(tmp_path, change, path):
    text = GOOD.replace(*change)
    assert text != GOOD
    p = tmp_path / "bad.ttl"
    p.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(cli, ["validate", str(p)])
    assert res.exit_code == 1
    assert "does not conform" in res.output and f"path: {path}" in res.output


def test_seeds_graph_against_the_shapes(seeds):
    import rdflib
    g = rdflib.Graph().parse(seeds[0])
    conforms, violations = validate_graph(g)
    assert conforms, violations
    res = CliRunner().invoke(cli, ["validate", str(seeds[1])])
    assert res.exit_code == 0, res.output
