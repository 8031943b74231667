"""`hsgraph viz`: what the page holds, filters, focus, determinism and safety."""
import json
import os
import re
import subprocess

import pytest
from click.testing import CliRunner

from conftest import hsgraph_script
from hsgraph.cli import cli
from hsgraph.errors import HsgraphError
from hsgraph.view import build_view

XSS = "<img src=x onerror=alert(1)>"

FIXTURE = """\
@prefix hs: <https://w3id.org/hsgraph/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix id: <https://w3id.org/hsgraph/id/> .

id:article/a1 a hs:Article ; dcterms:identifier "001_test.txt" ; dcterms:title "安平丝网报道"@zh .
id:region/131100 a hs:City ; rdfs:label "衡水市"@zh ; skos:altLabel "衡水"@zh ; hs:mentionedIn id:article/a1 .
id:region/131125 a hs:County ; rdfs:label "安平县"@zh ; skos:altLabel "安平"@zh ; hs:mentionedIn id:article/a1 ;
    hs:locatedIn id:region/131100 ; hs:hasIndustry id:industry/sw ; hs:figure id:figure/f1 .
id:figure/f1 a hs:Figure ; hs:quantityText "10家企业" ; hs:measure "enterpriseCount" .
id:industry/sw a hs:Industry ; rdfs:label "丝网"@zh ; hs:mentionedIn id:article/a1 .
id:enterprise/hh a hs:Enterprise ; rdfs:label "鹤煌网业股份有限公司"@zh ; hs:mentionedIn id:article/a1 ;
    hs:locatedIn id:region/131125 ; hs:inIndustry id:industry/sw .
id:enterprise/x a hs:Enterprise ; rdfs:label "<img src=x onerror=alert(1)>"@zh ; hs:mentionedIn id:article/a1 ;
    hs:locatedIn id:region/131125 .
id:policy/p a hs:Policy ; rdfs:label "15条惠企政策"@zh ; hs:issuedBy id:region/131125 ; hs:targetsIndustry id:industry/sw .
id:person/lonely a hs:Person ; rdfs:label "张三"@zh .
id:evidence/e1 a hs:Evidence ; rdf:subject id:region/131125 ; rdf:predicate hs:locatedIn ; rdf:object id:region/131100 ;
    hs:sentence "安平县隶属衡水市，见 http://example.com/x 。"@zh ; hs:source id:article/a1 .
"""
FIXTURE = re.sub(r"\bid:(\w+/\w+)", r"<https://w3id.org/hsgraph/id/\1>", FIXTURE)


@pytest.fixture(scope="module")
def fixture_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("viz") / "fixture.ttl"
    path.write_text(FIXTURE, encoding="utf-8")
    return path


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="hsgraph-data">(.*?)</script>', html, re.S)
    assert m, "no embedded data"
    return json.loads(m.group(1))


def labels(data):
    return sorted(n["label"] for n in data["nodes"])


def run_viz(*args):
    return CliRunner().invoke(cli, ["viz", *map(str, args)])


def test_whole_graph_holds_entities_and_relations(fixture_graph):
    data = page_data(build_view(fixture_graph))
    assert labels(data) == sorted(["衡水市", "安平县", "丝网", "鹤煌网业股份有限公司", XSS, "15条惠企政策", "张三"])
    rels = sorted((e["rel"], e["label"]) for e in data["edges"])
    assert rels == sorted([("locatedIn", "位于"), ("locatedIn", "位于"), ("locatedIn", "位于"),
                           ("hasIndustry", "主导产业"), ("inIndustry", "所属产业"), ("issuedBy", "发布者"),
                           ("targetsIndustry", "针对产业")])
    assert data["counts"] == {"nodes": 7, "edges": 7, "articles": 1}
    assert data["source"] == "fixture.ttl"
    county = next(n for n in data["nodes"] if n["label"] == "安平县")
    assert county["type"] == "County" and county["aliases"] == ["安平"]
    assert county["articles"] == [["001_test.txt", "安平丝网报道"]]
    assert county["figures"] == [["10家企业", "enterpriseCount"]]
    located = [e for e in data["edges"] if e["rel"] == "locatedIn" and e["from"] == county["id"]]
    assert located[0]["evidence"][0][1] == "001_test.txt"
    assert {t["type"]: t["label"] for t in data["types"]}["County"] == "县级区划"
    # The busiest node is drawn biggest.
    sizes = {n["label"]: n["size"] for n in data["nodes"]}
    assert sizes["安平县"] == max(sizes.values()) and sizes["张三"] == min(sizes.values())


def test_with_articles_adds_articles_and_evidence(fixture_graph):
    data = page_data(build_view(fixture_graph, with_articles=True))
    types = sorted({n["type"] for n in data["nodes"]})
    assert "Article" in types and "Evidence" in types
    assert any(e["rel"] == "mentionedIn" and e["label"] == "见于" for e in data["edges"])


def test_type_filter_and_min_degree(fixture_graph):
    data = page_data(build_view(fixture_graph, types=["County", "Enterprise"]))
    assert labels(data) == sorted(["安平县", "鹤煌网业股份有限公司", XSS])
    assert all(e["rel"] == "locatedIn" for e in data["edges"])
    data = page_data(build_view(fixture_graph, min_degree=2))
    assert labels(data) == sorted(["安平县", "丝网", "鹤煌网业股份有限公司", "15条惠企政策"])


def test_focus_by_alias_and_depth(fixture_graph):
    one = page_data(build_view(fixture_graph, focus="衡水", depth=1))
    assert labels(one) == sorted(["衡水市", "安平县"])
    two = page_data(build_view(fixture_graph, focus="衡水市", depth=2))
    assert labels(two) == sorted(["衡水市", "安平县", "丝网", "鹤煌网业股份有限公司", XSS, "15条惠企政策"])
    zero = page_data(build_view(fixture_graph, focus="张三", depth=0))
    assert labels(zero) == ["张三"]


def test_unknown_focus_lists_close_matches(fixture_graph, tmp_path):
    with pytest.raises(HsgraphError, match="安平县"):
        build_view(fixture_graph, focus="安平镇")
    result = run_viz(fixture_graph, "-o", tmp_path / "v.html", "--focus", "安平镇")
    assert result.exit_code == 1
    assert result.output.startswith("Error: --focus: no entity named") and "安平县" in result.output
    assert not (tmp_path / "v.html").exists()


def test_bad_type_and_bad_query(fixture_graph, tmp_path):
    result = run_viz(fixture_graph, "-o", tmp_path / "v.html", "--type", "County,Planet")
    assert result.exit_code == 1 and "unknown type 'Planet'" in result.output
    rq = tmp_path / "select.rq"
    rq.write_text("SELECT ?s WHERE { ?s ?p ?o }", encoding="utf-8")
    result = run_viz(fixture_graph, "-o", tmp_path / "v.html", "--query", rq)
    assert result.exit_code == 1 and "CONSTRUCT" in result.output
    rq.write_text("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                  encoding="utf-8")
    result = run_viz(fixture_graph, "-o", tmp_path / "v.html", "--query", rq)
    assert result.exit_code == 1 and result.output.startswith(f"Error: {rq}: SERVICE")
    rq.write_text("CONSTRUCT { ?s ?p }", encoding="utf-8")
    result = run_viz(fixture_graph, "-o", tmp_path / "v.html", "--query", rq)
    assert result.exit_code == 1 and result.output.startswith("Error:") and "bad query" in result.output


def test_query_construct_is_drawn(fixture_graph, tmp_path):
    rq = tmp_path / "located.rq"
    rq.write_text("CONSTRUCT { ?s hs:locatedIn ?o } WHERE { ?s hs:locatedIn ?o }", encoding="utf-8")
    out = tmp_path / "q.html"
    result = run_viz(fixture_graph, "-o", out, "--query", rq)
    assert result.exit_code == 0, result.output
    data = page_data(out.read_bytes().decode("utf-8"))
    assert labels(data) == sorted(["衡水市", "安平县", "鹤煌网业股份有限公司", XSS])
    assert sorted(e["rel"] for e in data["edges"]) == ["locatedIn"] * 3
    # Labels, types and evidence come from the source graph.
    county = next(n for n in data["nodes"] if n["label"] == "安平县")
    assert county["type"] == "County" and county["aliases"] == ["安平"]


def test_xss_name_is_escaped_and_page_is_offline(fixture_graph):
    html = build_view(fixture_graph)
    assert XSS not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html
    block = re.search(r'id="hsgraph-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert not re.search(r"https?://", html, re.I), "the page must not name any URL"
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap", html, re.I)
    assert not re.search(r"<(link|iframe|img)\b", html, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", html, re.I)
    assert html.count('<script type="application/json" id="hsgraph-data">') == 1 and "vis.Network" in html
    # The sentence with a URL in it survives as data.
    data = page_data(html)
    ev = [e for e in data["edges"] if e["evidence"]][0]["evidence"][0][0]
    assert ev == "安平县隶属衡水市，见 http://example.com/x 。"


def big_graph(folder, n=320):
    """A ring-like graph of enterprises, past the size where the layout is computed in Python."""
    lines = ["@prefix hs: <https://w3id.org/hsgraph/ontology#> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    for i in range(n):
        lines.append(f"<https://w3id.org/hsgraph/id/e/{i}> a hs:Enterprise ; rdfs:label \"企业{i}\"@zh ;"
                     f" hs:cooperatesWith <https://w3id.org/hsgraph/id/e/{(i * 7 + 1) % n}> .")
    path = folder / "big.ttl"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_physics_below_threshold_and_layout_above(fixture_graph, tmp_path):
    data = page_data(build_view(fixture_graph))
    assert data["physics"] is True and data["options"]["physics"]["stabilization"]["iterations"] == 200
    assert all("x" not in n for n in data["nodes"])
    big = big_graph(tmp_path)
    html = build_view(big)
    data = page_data(html)
    assert data["physics"] is False and data["counts"]["nodes"] == 320
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert html == build_view(big)


def test_same_input_same_bytes(fixture_graph, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert run_viz(fixture_graph, "-o", a).exit_code == 0
    assert run_viz(fixture_graph, "-o", b).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("which", ["small", "laid-out"])
def test_bytes_do_not_depend_on_hash_seed_or_locale(fixture_graph, tmp_path, which):
    source, extra = (fixture_graph, ["--with-articles"]) if which == "small" else (big_graph(tmp_path), [])
    outputs = []
    for seed, lang in (("1", "C"), ("2", "C.UTF-8")):
        out = tmp_path / f"seed{seed}.html"
        env = dict(os.environ, PYTHONHASHSEED=seed, LANG=lang, LC_ALL=lang, PYTHONIOENCODING="")
        env.pop("PYTHONUTF8", None)
        proc = subprocess.run([hsgraph_script(), "viz", str(source), "-o", str(out), *extra],
                              env=env, capture_output=True, timeout=120)
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    text = outputs[0].decode("utf-8")  # strict: UTF-8 even under LANG=C
    assert ("安平县" if which == "small" else "企业319") in text and '<meta charset="utf-8">' in text
    assert page_data(text)["physics"] is (which == "small")


def test_large_layout_needs_neither_numpy_nor_scipy(tmp_path):
    import sys
    code = ("import sys; sys.modules['numpy'] = None; sys.modules['scipy'] = None\n"
            "import networkx as nx\n"
            "from hsgraph.view.layout import layout\n"
            "G = nx.MultiDiGraph()\n"
            "for i in range(600):\n"
            "    G.add_edge(f'n{i}', f'n{(i * 13 + 5) % 600}', key='locatedIn')\n"
            "G.add_node('alone')\n"
            "pos = layout(G)\n"
            "assert len(pos) == 601 and len(set(pos.values())) == 601, len(set(pos.values()))\n"
            "assert pos == layout(G)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
