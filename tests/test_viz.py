"""`hsgraph viz`: what the page holds, filters, focus, determinism and safety."""
import json
import os
import re
import subprocess

import pytest
from click.testing import CliRunner

from conftest import ROOT, hsgraph_script
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


def test_with_articles_draws_articles_and_keeps_evidence_on_edges(fixture_graph):
    data = page_data(build_view(fixture_graph, with_articles=True))
    types = sorted({n["type"] for n in data["nodes"]})
    assert "Article" in types and "Evidence" not in types
    assert sum(n["type"] == "Article" for n in data["nodes"]) == 1
    assert {e["rel"] for e in data["edges"]} - {"mentionedIn"} == {e["rel"] for e in page_data(
        build_view(fixture_graph))["edges"]}
    mentions = [e for e in data["edges"] if e["rel"] == "mentionedIn"]
    assert len(mentions) == 5 and all(e["label"] == "见于" for e in mentions)
    # An article links to all it mentions: it is drawn small, not as the biggest node.
    article = next(n for n in data["nodes"] if n["type"] == "Article")
    assert article["size"] == 16 and article["size"] < 8 + 4 * 5 ** 0.5
    located = next(e for e in data["edges"] if e["rel"] == "locatedIn" and e["evidence"])
    assert located["evidence"][0][1] == "001_test.txt"


def test_evidence_count_is_on_the_edge(tmp_path):
    path = tmp_path / "ev.ttl"
    path.write_text(FIXTURE + """
<https://w3id.org/hsgraph/id/evidence/e2> a hs:Evidence ; rdf:subject <https://w3id.org/hsgraph/id/region/131125> ;
    rdf:predicate hs:locatedIn ; rdf:object <https://w3id.org/hsgraph/id/region/131100> ;
    hs:sentence "安平县是衡水市下辖县。"@zh ; hs:source <https://w3id.org/hsgraph/id/article/a1> .
""", encoding="utf-8")
    data = page_data(build_view(path, with_articles=True))
    county = next(n["id"] for n in data["nodes"] if n["label"] == "安平县")
    edge = next(e for e in data["edges"] if e["from"] == county and e["rel"] == "locatedIn"
                and e["to"].endswith("131100"))
    assert edge["label"] == "位于 ×2" and len(edge["evidence"]) == 2 and edge["width"] == 2
    assert len(data["nodes"]) == 8  # seven entities and one article, no evidence nodes


def test_type_filter_and_min_degree(fixture_graph):
    data = page_data(build_view(fixture_graph, types=["County", "Enterprise"]))
    assert labels(data) == sorted(["安平县", "鹤煌网业股份有限公司", XSS])
    assert all(e["rel"] == "locatedIn" for e in data["edges"])
    data = page_data(build_view(fixture_graph, min_degree=2))
    assert labels(data) == sorted(["安平县", "丝网", "鹤煌网业股份有限公司", "15条惠企政策"])


def test_min_degree_is_a_k_core(tmp_path):
    """A chain hanging off a triangle: one pass would keep the chain's inner links."""
    rows = ["@prefix hs: <https://w3id.org/hsgraph/ontology#> .",
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    names = ["a", "b", "c", "d", "e", "f"]
    for n in names:
        rows.append(f'<https://w3id.org/hsgraph/id/e/{n}> a hs:Enterprise ; rdfs:label "{n}"@zh .')
    for a, b in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e"), ("e", "f")]:
        rows.append(f"<https://w3id.org/hsgraph/id/e/{a}> hs:cooperatesWith <https://w3id.org/hsgraph/id/e/{b}> .")
    path = tmp_path / "chain.ttl"
    path.write_text("\n".join(rows), encoding="utf-8")
    data = page_data(build_view(path, min_degree=2))
    assert labels(data) == ["a", "b", "c"]
    drawn = {n["id"] for n in data["nodes"]}
    for n in drawn:
        assert sum(n in (e["from"], e["to"]) for e in data["edges"]) >= 2
    # The focus stays even when the core would drop it, and so d, its link to the core, has two links.
    data = page_data(build_view(path, min_degree=2, focus="e", depth=5))
    assert labels(data) == ["a", "b", "c", "d", "e"]


def hub_graph(folder, spokes=40):
    """A city with many entities, a county in it with a few: depth 2 from the county must not take the city's."""
    rows = ["@prefix hs: <https://w3id.org/hsgraph/ontology#> .",
            "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
            '<https://w3id.org/hsgraph/id/city> a hs:City ; rdfs:label "衡水市"@zh .',
            '<https://w3id.org/hsgraph/id/county> a hs:County ; rdfs:label "安平县"@zh ;'
            ' hs:locatedIn <https://w3id.org/hsgraph/id/city> .',
            '<https://w3id.org/hsgraph/id/firm> a hs:Enterprise ; rdfs:label "鹤煌网业"@zh ;'
            ' hs:locatedIn <https://w3id.org/hsgraph/id/county> ; hs:inIndustry <https://w3id.org/hsgraph/id/wire> .',
            '<https://w3id.org/hsgraph/id/wire> a hs:Industry ; rdfs:label "丝网"@zh .']
    for i in range(spokes):
        rows.append(f'<https://w3id.org/hsgraph/id/p{i}> a hs:Policy ; rdfs:label "政策{i}"@zh ;'
                    f' hs:issuedBy <https://w3id.org/hsgraph/id/city> .')
    path = folder / "hub.ttl"
    path.write_text("\n".join(rows), encoding="utf-8")
    return path


def test_focus_does_not_pass_through_hubs(tmp_path):
    path = hub_graph(tmp_path)
    data = page_data(build_view(path, focus="安平县", depth=2))
    assert labels(data) == sorted(["安平县", "衡水市", "鹤煌网业", "丝网"])
    assert data["focus"]["leftOut"] == 40 and data["focus"]["hubs"] == ["衡水市"]
    assert data["focus"]["label"] == "安平县" and data["focus"]["id"].endswith("county")
    every = page_data(build_view(path, focus="安平县", depth=2, through_hubs=True))
    assert len(every["nodes"]) == 44 and every["focus"]["leftOut"] == 0
    # A hub that is the focus itself is expanded; a higher threshold makes it no hub.
    assert len(page_data(build_view(path, focus="衡水市", depth=1))["nodes"]) == 42
    assert len(page_data(build_view(path, focus="安平县", depth=2, hub_links=50))["nodes"]) == 44
    result = run_viz(path, "-o", tmp_path / "v.html", "--focus", "安平县", "--depth", "2", "--through-hubs")
    assert result.exit_code == 0, result.output
    assert len(page_data((tmp_path / "v.html").read_text(encoding="utf-8"))["nodes"]) == 44


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


def test_xss_name_is_escaped_and_page_is_offline(fixture_graph, tmp_path):
    grouped = tmp_path / "grouped.ttl"
    grouped.write_text(FIXTURE.replace('"安平县"@zh', '"' + XSS.replace("1", "5") + '"@zh'), encoding="utf-8")
    overview = build_view(grouped, overview="on")
    assert XSS not in overview and XSS.replace("1", "5") not in overview
    assert any(g["name"] == XSS.replace("1", "5") for g in page_data(overview)["groups"])
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


def regional_graph(folder, n=400):
    """The benchmark's generated regional graph (places, firms, policies, evidence, aliases)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("bench_viz", ROOT / "benchmarks" / "bench_viz.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = folder / f"regional{n}.ttl"
    bench.make_graph(n, path)
    return path


def test_overview_groups_entities_by_place(tmp_path):
    data = page_data(build_view(regional_graph(tmp_path)))
    assert data["mode"] == "overview" and data["physics"] is False
    nodes = {n["id"]: n for n in data["nodes"]}
    groups = {g["key"]: g for g in data["groups"]}
    assert sum(g["count"] for g in data["groups"]) == len(nodes) == 400
    # Every county is its own group's key; a firm located in a county is in that county's group.
    for n in nodes.values():
        if n["type"] in ("County", "City"):
            assert n["group"] == n["id"]
    for e in data["edges"]:
        if e["rel"] == "locatedIn" and nodes[e["from"]]["type"] == "Enterprise" and nodes[e["to"]]["type"] == "County":
            assert nodes[e["from"]]["group"] == e["to"]
    # A group's members sit together: nearer their own bubble than any other group's.
    for n in nodes.values():
        own = groups[n["group"]]
        d_own = (n["x"] - own["x"]) ** 2 + (n["y"] - own["y"]) ** 2
        nearest = min((n["x"] - g["x"]) ** 2 + (n["y"] - g["y"]) ** 2 for g in data["groups"])
        assert d_own == nearest, n["label"]
    counts = {g["name"]: g["count"] for g in data["groups"]}
    assert data["groups"][0]["count"] == max(counts.values())
    assert data["groups"][0]["label"] == f"{data['groups'][0]['name']} {data['groups'][0]['count']}"
    # Articles mention many places and belong to none: they are a group of their own.
    with_articles = page_data(build_view(regional_graph(tmp_path), with_articles=True))
    articles = {n["group"] for n in with_articles["nodes"] if n["type"] == "Article"}
    assert articles == {"~Article"}
    assert next(g for g in with_articles["groups"] if g["key"] == "~Article")["name"] == "文章"
    assert {n["group"] for n in with_articles["nodes"] if n["type"] != "Article"} == {n["group"] for n in nodes.values()}
    # Asked for, the whole graph; small graphs are never grouped.
    assert page_data(build_view(regional_graph(tmp_path), overview="off"))["groups"] == []
    assert page_data(build_view(hub_graph(tmp_path)))["mode"] == "physics"


def test_long_names_are_cut_for_drawing_only(tmp_path):
    path = tmp_path / "long.ttl"
    path.write_text(FIXTURE.replace('"张三"@zh', '"' + "很长" * 2500 + '"@zh'), encoding="utf-8")
    person = next(n for n in page_data(build_view(path))["nodes"] if n["type"] == "Person")
    assert len(person["label"]) == 5000 and person["display"] == "很长" * 6 + "很…"


@pytest.mark.parametrize("which", ["small", "laid-out", "overview"])
def test_bytes_do_not_depend_on_hash_seed_or_locale(fixture_graph, tmp_path, which):
    source, extra = {"small": (fixture_graph, ["--with-articles"]), "laid-out": (big_graph(tmp_path), []),
                     "overview": (regional_graph(tmp_path), [])}[which]
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
    assert {"small": "安平县", "laid-out": "企业319", "overview": "Co5号县"}[which] in text
    assert '<meta charset="utf-8">' in text
    data = page_data(text)
    assert data["physics"] is (which == "small") and (data["mode"] == "overview") is (which == "overview")


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
