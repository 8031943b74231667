"""Push the seeds' graph into a real Virtuoso and read it back through Virtuoso's own SPARQL endpoint."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from hsgraph.cli import cli
from virtuoso import PASSWORD, VirtuosoUnavailable, virtuoso

G = "https://w3id.org/hsgraph/test/seeds"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server():
    try:
        with virtuoso() as base:
            yield base
    except VirtuosoUnavailable as exc:
        pytest.skip(f"Virtuoso cannot start here: {exc}")


def invoke(*args, env=None):
    return CliRunner().invoke(cli, list(map(str, args)), env=env)


def bindings(output):
    return sorted(json.dumps({k: v["value"] for k, v in b.items()}, sort_keys=True, ensure_ascii=False)
                  for b in json.loads(output)["results"]["bindings"])


@pytest.fixture(scope="module")
def pushed(server, seeds_graph):
    res = invoke("push", seeds_graph, "--endpoint", server + "/sparql-graph-crud-auth", "--graph", G,
                 "--user", "dba", "--password-env", "HSGRAPH_TEST_PW", "--chunk-size", 4000,
                 env={"HSGRAPH_TEST_PW": PASSWORD})
    assert res.exit_code == 0, res.output
    return res.output


def test_push_then_same_triple_count(server, seeds_graph, pushed):
    local = invoke("query", seeds_graph, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json")
    remote = invoke("query", "--endpoint", server + "/sparql", "--graph", G,
                    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json")
    assert remote.exit_code == 0, remote.output
    n = bindings(local.output)
    assert bindings(remote.output) == n and f"the server counts {json.loads(n[0])['n']}" in pushed


@pytest.mark.parametrize("question", [["--name", "counts"],
                                      ["--name", "enterprises_by_county", "--param", "county=武邑县"]])
def test_bundled_questions_answer_the_same(server, seeds_graph, pushed, question):
    local = invoke("query", seeds_graph, *question, "--format", "json")
    remote = invoke("query", "--endpoint", server + "/sparql", "--graph", G, *question, "--format", "json")
    assert remote.exit_code == 0, remote.output
    assert bindings(remote.output) == bindings(local.output) and bindings(local.output)


def test_replacing_push_and_refused_credentials(server, seeds_graph, pushed):
    url = server + "/sparql-graph-crud-auth"
    res = invoke("push", seeds_graph, "--endpoint", url, "--graph", G, "--user", "dba",
                 "--password-env", "HSGRAPH_TEST_PW", env={"HSGRAPH_TEST_PW": "not-the-password"})
    assert res.exit_code == 1
    assert res.output.strip() == f"Error: {url}: credentials refused (HTTP 401); check --user and --password-env"
    # a second full push replaces rather than doubles, and the count check (by GSP GET) agrees
    res = invoke("push", seeds_graph, "--endpoint", url, "--graph", G, "--user", "dba",
                 "--password-env", "HSGRAPH_TEST_PW", env={"HSGRAPH_TEST_PW": PASSWORD})
    assert res.exit_code == 0 and "in 1 chunk;" in res.output, res.output
