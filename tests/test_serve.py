"""hsgraph serve, queried over loopback with SPARQLWrapper (a real SPARQL client) and httpx."""
from __future__ import annotations

import csv
import io

import httpx
import pyoxigraph
import pytest
from click.testing import CliRunner
from SPARQLWrapper import CSV, JSON, JSONLD, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from hsgraph.cli import cli
from hsgraph.serve.negotiate import choose, parse_accept
from servers import hsgraph_server

COUNTIES = "SELECT ?c ?label WHERE { ?c a hs:County ; rdfs:label ?label } ORDER BY ?c"
PREFIXES = ("PREFIX hs: <https://w3id.org/hsgraph/ontology#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")


@pytest.fixture(scope="module")
def local(seeds_store):
    return seeds_store


@pytest.fixture(scope="module")
def server(seeds_graph):
    with hsgraph_server(seeds_graph) as base:
        yield base


def client(base, query, fmt=JSON, method="GET"):
    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    return sw


def spo(t):
    return (t.subject, t.predicate, t.object)


def local_counties(local):
    return [(s["c"].value, s["label"].value) for s in local.query(PREFIXES + COUNTIES)]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_json_matches_the_local_store(server, local, method):
    got = client(server, COUNTIES, JSON, method).queryAndConvert()
    rows = [(b["c"]["value"], b["label"]["value"]) for b in got["results"]["bindings"]]
    assert rows == local_counties(local) and len(rows) > 3


def test_select_in_xml_csv_and_tsv(server, local):
    expected = local_counties(local)
    doc = client(server, COUNTIES, XML).queryAndConvert()
    assert [r.getElementsByTagName("uri")[0].firstChild.data
            for r in doc.getElementsByTagName("result")] == [c for c, _ in expected]
    text = client(server, COUNTIES, CSV).queryAndConvert().decode("utf-8")
    assert [tuple(r) for r in csv.reader(io.StringIO(text))][1:] == expected
    tsv = client(server, COUNTIES, TSV).queryAndConvert().decode("utf-8").splitlines()
    assert tsv[0] == "?c\t?label" and len(tsv) == len(expected) + 1


def test_ask(server):
    assert client(server, "ASK { ?c a hs:County }").queryAndConvert()["boolean"] is True
    assert client(server, "ASK { ?c a hs:NoSuchClass }").queryAndConvert()["boolean"] is False


@pytest.mark.parametrize("fmt,rdf", [(TURTLE, pyoxigraph.RdfFormat.TURTLE), (JSONLD, pyoxigraph.RdfFormat.JSON_LD)])
def test_construct_in_turtle_and_json_ld(server, local, fmt, rdf):
    q = "CONSTRUCT { ?c rdfs:label ?l } WHERE { ?c a hs:County ; rdfs:label ?l }"
    body = client(server, q, fmt).query().response.read()
    got = {spo(t) for t in pyoxigraph.parse(body, format=rdf)}
    assert got == {spo(t) for t in local.query(PREFIXES + q)} and got


def test_describe_in_n_triples(server):
    r = httpx.get(server + "/sparql", params={"query": "DESCRIBE ?c WHERE { ?c a hs:County } LIMIT 1"},
                  headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/n-triples")
    triples = list(pyoxigraph.parse(r.content, format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert len({t.subject for t in triples}) == 1 and len(triples) > 2


def test_sparql_query_body_and_format_parameter(server, local):
    r = httpx.post(server + "/sparql?format=csv", content=COUNTIES.encode(),
                   headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert len(r.text.splitlines()) == len(local_counties(local)) + 1


def test_unacceptable_media_type_is_406(server):
    r = httpx.get(server + "/sparql", params={"query": COUNTIES}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "application/sparql-results+json" in r.text


def test_updates_are_refused_with_403(server):
    sw = client(server, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", JSON, "POST")
    with pytest.raises(Exception) as info:
        sw.query()
    assert getattr(info.value, "code", None) == 403
    r = httpx.post(server + "/sparql", data={"query": "DELETE WHERE { ?s ?p ?o }"})
    assert r.status_code == 403 and "read-only" in r.text
    r = httpx.post(server + "/sparql", content=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403
    # nothing was changed
    assert client(server, "ASK { <urn:a> <urn:b> <urn:c> }").queryAndConvert()["boolean"] is False


def test_service_is_refused(server):
    r = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"})
    assert r.status_code == 403 and "SERVICE" in r.text


def local_error(local, text):
    from hsgraph.errors import QueryError
    from hsgraph.query.run import run_query
    with pytest.raises(QueryError) as info:
        run_query(local, text)
    return str(info.value)


def test_syntax_error_is_400_with_line_and_column(server, local):
    """The position counts the client's lines, not the prefixes declared in front, as `hsgraph query` does."""
    bad = "SELECT ?c WHERE {\n  ?c a hs:County\n  FILTER (\n}"
    sw = client(server, bad)
    with pytest.raises(QueryBadFormed) as info:
        sw.query()
    assert "syntax error at line 4, column" in str(info.value)
    r = httpx.get(server + "/sparql", params={"query": bad})
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/plain")
    assert r.text.strip() == local_error(local, bad)


def test_questions_list_and_run_with_parameters(server):
    listed = {q["name"]: q for q in httpx.get(server + "/questions").json()}
    assert listed["enterprises_by_county"]["required"] == ["county"]
    r = httpx.get(server + "/questions/enterprises_by_county", params={"county": "武邑县", "limit": "50"})
    rows = r.json()["results"]["bindings"]
    assert r.status_code == 200 and rows and {b["countyLabel"]["value"] for b in rows} == {"武邑县"}
    assert any("钢木制品" in b["enterpriseLabel"]["value"] for b in rows)
    r = httpx.get(server + "/questions/enterprises_by_county", params={"county": "武邑县", "limit": "2"})
    assert len(r.json()["results"]["bindings"]) == 2


def test_question_errors(server):
    r = httpx.get(server + "/questions/enterprises_by_county")
    assert r.status_code == 400 and "?county=" in r.text
    r = httpx.get(server + "/questions/enterprises_by_county", params={"county": "x", "limit": "ten"})
    assert r.status_code == 400 and "whole number" in r.text
    assert httpx.get(server + "/questions/no_such_question").status_code == 404


def test_service_description(server, local):
    r = httpx.get(server + "/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = pyoxigraph.Store()
    g.load(r.content, format=pyoxigraph.RdfFormat.TURTLE)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    ends = [s["e"].value for s in g.query(f"SELECT ?e WHERE {{ ?s <{sd}endpoint> ?e }}")]
    assert ends == [server + "/sparql"]
    n = [s["n"].value for s in g.query("SELECT ?n WHERE { ?g <http://rdfs.org/ns/void#triples> ?n }")]
    assert n == [str(len(local))]
    # a browser is sent to the query page
    r = httpx.get(server + "/sparql", headers={"Accept": "text/html"})
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_dataset_parameters_are_refused(server):
    r = httpx.get(server + "/sparql", params={"query": COUNTIES, "default-graph-uri": "urn:g"})
    assert r.status_code == 400 and "default-graph-uri" in r.text


def test_no_cors_headers_unless_asked(server):
    r = httpx.get(server + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "http://127.0.0.1:1"})
    assert "access-control-allow-origin" not in r.headers


def test_row_cap_time_limit_and_cors(seeds_graph):
    with hsgraph_server(seeds_graph, "--max-rows", "5", "--timeout", "0.2", "--cors") as base:
        r = httpx.get(base + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"},
                      headers={"Origin": "http://127.0.0.1:1"})
        assert len(r.json()["results"]["bindings"]) == 5 and r.headers["hsgraph-truncated"] == "5"
        assert r.headers["access-control-allow-origin"] == "*"
        r = httpx.get(base + "/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
        assert len(list(pyoxigraph.parse(r.content, format=pyoxigraph.RdfFormat.TURTLE))) == 5
        r = httpx.get(base + "/sparql", params={"query": "SELECT * WHERE { ?s a hs:County } LIMIT 5"})
        assert "hsgraph-truncated" not in r.headers
        # a cross product of the whole graph with itself: minutes of work, stopped at the limit
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f FILTER (STR(?c) = STR(?f)) }"
        r = httpx.get(base + "/sparql", params={"query": slow}, timeout=60)
        assert r.status_code == 503 and "time limit" in r.text


def test_negotiation_follows_q_values():
    offered = ["application/sparql-results+json", "text/csv"]
    assert choose(offered, "text/csv;q=0.9, application/sparql-results+json;q=0.5") == "text/csv"
    assert choose(offered, "text/*") == "text/csv"
    assert choose(offered, "*/*") == offered[0]
    assert choose(offered, "text/csv;q=0, */*;q=0.1") == offered[0]
    assert choose(offered, "image/png") is None
    assert choose(offered, "image/png", fmt="csv") == "text/csv"
    assert parse_accept(None) == [("*/*", 1.0)]


def test_default_host_is_loopback_and_others_warn(seeds_graph, monkeypatch):
    import uvicorn
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    res = CliRunner().invoke(cli, ["serve", str(seeds_graph)])
    assert res.exit_code == 0 and calls[-1]["host"] == "127.0.0.1" and "Warning" not in res.output
    res = CliRunner().invoke(cli, ["serve", str(seeds_graph), "--host", "0.0.0.0"])
    assert res.exit_code == 0 and calls[-1]["host"] == "0.0.0.0" and "Warning: listening on 0.0.0.0" in res.output


def test_serve_a_store_folder(tmp_path):
    from hsgraph.rdf.store import MARKER
    store = pyoxigraph.Store(str(tmp_path / "s"))
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:x"), pyoxigraph.NamedNode("urn:p"), pyoxigraph.Literal("值")))
    store.flush()
    del store
    (tmp_path / "s" / MARKER).write_text("test\n")
    with hsgraph_server(tmp_path / "s") as base:
        r = httpx.get(base + "/sparql", params={"query": "SELECT ?o WHERE { <urn:x> <urn:p> ?o }"})
        assert r.json()["results"]["bindings"][0]["o"]["value"] == "值"


def test_page_files_and_view(server):
    r = httpx.get(server + "/")
    assert r.status_code == 200 and '<script src="/static/yasgui.min.js">' in r.text and "<title>graph.ttl" in r.text
    assert httpx.get(server + "/static/yasgui.min.js").status_code == 200
    assert httpx.get(server + "/static/../answer.py").status_code == 404
    r = httpx.get(server + "/view", params={"query": "CONSTRUCT WHERE { ?e hs:locatedIn ?c } LIMIT 3"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html") and '"nodes":[{' in r.text
    r = httpx.get(server + "/view", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 400 and "CONSTRUCT" in r.text
    r = httpx.get(server + "/view", params={"query": "DELETE WHERE { ?s ?p ?o }"})
    assert r.status_code == 403
    r = httpx.get(server + "/questions/counts.rq")
    assert r.status_code == 200 and r.text.startswith("# Number of resources")


def test_worker_processes_answer_alike(seeds_graph, local):
    """With --workers 2 each process opens the graph itself and answers the same."""
    with hsgraph_server(seeds_graph, "--workers", "2") as base:
        for _ in range(4):
            got = client(base, COUNTIES).queryAndConvert()
            assert [(b["c"]["value"], b["label"]["value"]) for b in got["results"]["bindings"]] == local_counties(local)
