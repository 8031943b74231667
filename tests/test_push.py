"""hsgraph push over the Graph Store Protocol, and hsgraph query --endpoint, all on loopback."""
from __future__ import annotations

import pyoxigraph
import pytest
from click.testing import CliRunner

from gsp_fake import fake_gsp
from hsgraph.cli import cli
from hsgraph.push import push
from hsgraph.remote import RemoteError
from servers import free_port, hsgraph_server

G = "urn:test:seeds"


def invoke(*args, env=None):
    return CliRunner().invoke(cli, list(map(str, args)), env=env)


@pytest.fixture(scope="module")
def local(seeds_store):
    return seeds_store


def stored(fake, graph=G):
    return {(t.subject, t.predicate, t.object) for t in fake.triples(pyoxigraph.NamedNode(graph))}


def every(local):
    return {(q.subject, q.predicate, q.object) for q in local}


def test_push_in_chunks_replaces_the_graph(seeds_graph, local):
    with fake_gsp() as (url, fake):
        fake.store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:old"), pyoxigraph.NamedNode("urn:p"),
                                       pyoxigraph.Literal("old"), pyoxigraph.NamedNode(G)))
        res = invoke("push", seeds_graph, "--endpoint", url, "--graph", G, "--chunk-size", 2000)
        assert res.exit_code == 0, res.output
        assert stored(fake) == every(local)
        assert f"Pushed {len(local)} triples" in res.output and "in 5 chunks" in res.output
        writes = [m for m, _ in fake.requests if m in ("PUT", "POST")]
        assert writes == ["PUT"] + ["POST"] * 4


def test_append_keeps_what_was_there(seeds_graph, local):
    with fake_gsp() as (url, fake):
        old = pyoxigraph.Quad(pyoxigraph.NamedNode("urn:old"), pyoxigraph.NamedNode("urn:p"),
                              pyoxigraph.Literal("old"), pyoxigraph.NamedNode(G))
        fake.store.add(old)
        res = invoke("push", seeds_graph, "--endpoint", url, "--graph", G, "--append")
        assert res.exit_code == 0, res.output
        assert stored(fake) == every(local) | {(old.subject, old.predicate, old.object)}
        assert [m for m, _ in fake.requests if m in ("PUT", "POST")] == ["POST"]


def test_a_busy_server_is_retried(local):
    with fake_gsp() as (url, fake):
        fake.fail = {2: 503, 3: 502}
        got = push(local, url, graph=G, chunk_triples=3000, backoff=0.01)
        assert got.counted == len(local) and stored(fake) == every(local)
        assert fake.writes == 4 + 2


def test_a_half_finished_replacement_is_deleted(local):
    with fake_gsp() as (url, fake):
        fake.fail = {n: 503 for n in range(3, 20)}
        with pytest.raises(RemoteError) as info:
            push(local, url, graph=G, chunk_triples=3000, retries=2, backoff=0.01)
        msg = str(info.value)
        assert "upload stopped at chunk 3 of 4" in msg and "deleted" in msg and "\n" not in msg
        assert stored(fake) == set()


def test_a_half_finished_append_says_what_landed(local):
    with fake_gsp() as (url, fake):
        fake.fail = {n: 500 for n in range(2, 20)}
        with pytest.raises(RemoteError) as info:
            push(local, url, graph=G, append=True, chunk_triples=3000, retries=0)
        assert "chunks 1-1 were added" in str(info.value)


def test_a_client_error_is_not_retried(local):
    with fake_gsp() as (url, fake):
        fake.fail = {1: 415}
        with pytest.raises(RemoteError, match="HTTP 415: busy"):
            push(local, url, graph=G, backoff=0.01)
        assert fake.writes == 1


def test_credentials(seeds_graph, local):
    with fake_gsp(user="ana", password="s3cret") as (url, fake):
        res = invoke("push", seeds_graph, "--endpoint", url, "--graph", G, "--user", "ana",
                     "--password-env", "PW", env={"PW": "s3cret"})
        assert res.exit_code == 0, res.output
        assert stored(fake) == every(local)
        res = invoke("push", seeds_graph, "--endpoint", url, "--graph", G, "--user", "ana",
                     "--password-env", "PW", env={"PW": "wrong"})
        assert res.exit_code == 1
        assert res.output.strip().splitlines() == [f"Error: {url}: credentials refused (HTTP 401); "
                                                   "check --user and --password-env"]
        res = invoke("push", seeds_graph, "--endpoint", url, "--user", "ana", "--password-env", "NO_SUCH_VAR_X")
        assert res.exit_code == 1 and "NO_SUCH_VAR_X" in res.output


def test_unreachable_host_is_one_line(seeds_graph):
    url = f"http://127.0.0.1:{free_port()}/data"
    res = invoke("push", seeds_graph, "--endpoint", url, "--graph", G, "--retries", 1)
    assert res.exit_code == 1
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {url}: cannot reach the server")


def test_count_mismatch_is_reported(local):
    """A server that silently drops triples is caught by the final count."""
    with fake_gsp() as (url, fake):
        fake.drop = lambda t: t.object == pyoxigraph.Literal("河北现代钢木制品有限公司", language="zh")
        with pytest.raises(RemoteError, match=f"holds {len(local) - 1} triples after the upload; {len(local)} were sent"):
            push(local, url, graph=G)


# -- query --endpoint --------------------------------------------------------

@pytest.fixture(scope="module")
def endpoint(seeds_graph):
    with hsgraph_server(seeds_graph) as base:
        yield base + "/sparql"


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml", "table"])
def test_query_endpoint_prints_what_a_local_query_prints(seeds_graph, endpoint, fmt):
    args = ["--name", "enterprises_by_county", "--param", "county=武邑县", "--format", fmt]
    here = invoke("query", seeds_graph, *args)
    there = invoke("query", "--endpoint", endpoint, *args)
    assert here.exit_code == 0 and there.exit_code == 0, there.output
    assert there.output == here.output and "钢木制品" in there.output


def test_query_endpoint_ask_construct_and_counts(seeds_graph, endpoint):
    for q in ("ASK { ?c a hs:County }", "CONSTRUCT WHERE { ?c a hs:County }"):
        assert invoke("query", "--endpoint", endpoint, q).output == invoke("query", seeds_graph, q).output
    res = invoke("query", "--endpoint", endpoint, "--name", "counts")
    assert res.output == invoke("query", seeds_graph, "--name", "counts").output


def test_query_endpoint_errors(endpoint):
    res = invoke("query", "--endpoint", endpoint, "SELECT * WHERE {\n  ?s ?p")
    assert res.exit_code == 1 and "HTTP 400: SPARQL syntax error at line 2" in res.output
    res = invoke("query", "--endpoint", endpoint, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert res.exit_code == 1 and "SPARQL update" in res.output
    res = invoke("query", "--endpoint", f"http://127.0.0.1:{free_port()}/sparql", "ASK {}")
    assert res.exit_code == 1 and "cannot reach the server" in res.output
    res = invoke("query", "--graph", "urn:g", "x.ttl", "ASK {}")
    assert res.exit_code == 2 and "go with --endpoint" in res.output


def test_blank_nodes_stay_one_node_and_named_graphs_merge():
    N, B, L = pyoxigraph.NamedNode, pyoxigraph.BlankNode, pyoxigraph.Literal
    store = pyoxigraph.Store()
    b = B()
    quads = [pyoxigraph.Quad(N(f"urn:s{i}"), N("urn:p"), L(str(i)), N("urn:g1")) for i in range(7)]
    quads += [pyoxigraph.Quad(N("urn:s0"), N("urn:p"), L("0"), N("urn:g2")),        # the same triple again
              pyoxigraph.Quad(N("urn:x"), N("urn:has"), b, N("urn:g2")),
              pyoxigraph.Quad(b, N("urn:name"), L("甲"), N("urn:g2")),
              pyoxigraph.Quad(b, N("urn:size"), L("3"), N("urn:g2"))]
    store.extend(quads)
    with fake_gsp() as (url, fake):
        got = push(store, url, graph=G, chunk_triples=2)
        assert (got.triples, got.chunks, got.counted) == (10, 5, 10)
        assert fake.writes == 5
        kept = stored(fake)
        blanks = {t[0] for t in kept if isinstance(t[0], pyoxigraph.BlankNode)}
        assert len(blanks) == 1
        (blank,) = blanks
        assert (N("urn:x"), N("urn:has"), blank) in kept
