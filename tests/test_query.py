"""hsgraph query on the seeds' graph: bundled questions, refusals, errors, stores, tables."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from hsgraph.cli import cli
from hsgraph.query.run import display_width, prepare_query, render_table, substitute_params

ROOT = Path(__file__).resolve().parents[1]
HSGRAPH = str(Path(sys.executable).with_name("hsgraph"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    d = tmp_path_factory.mktemp("seeds")
    ttl, store = d / "seeds.ttl", d / "store"
    res = CliRunner().invoke(cli, ["build", str(ROOT / "seeds"), "-o", str(ttl), "--store", str(store)])
    assert res.exit_code == 0, res.output
    return ttl, store


def run(*args):
    return CliRunner().invoke(cli, ["query", *map(str, args)])


def rows(res):
    data = json.loads(res.output)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_list_names_every_bundled_query():
    res = run("--list")
    assert res.exit_code == 0
    for name in ("enterprises_by_county", "industries_by_county", "policies_by_industry",
                 "projects_investment", "about_entity", "counts", "articles_with_both"):
        assert name in res.output


def test_enterprises_by_county_finds_the_wuyi_steel_furniture_maker(built):
    res = run(built[0], "--name", "enterprises_by_county", "--param", "county=武邑县", "--format", "json")
    assert res.exit_code == 0, res.output
    got = rows(res)
    assert got and {r["countyLabel"] for r in got} == {"武邑县"}
    hits = [r for r in got if "钢木制品" in r["enterpriseLabel"]]
    assert hits and hits[0]["code"] == "131122"


def test_enterprises_by_county_needs_a_county(built):
    res = run(built[0], "--name", "enterprises_by_county")
    assert res.exit_code == 1 and "--param county=" in res.output
    # only counties and cities: an industry's name finds nothing
    res = run(built[0], "--name", "enterprises_by_county", "--param", "county=金属橱柜", "--format", "json")
    assert res.exit_code == 0 and rows(res) == []


def test_industries_by_county(built):
    res = run(built[0], "--name", "industries_by_county", "--format", "json")
    got = {(r["countyLabel"], r["industryLabel"]): (int(r["enterprises"]), int(r["enterprisesInCounty"]))
           for r in rows(res)}
    assert ("安平县", "丝网") in got
    # four enterprises make metal cabinets (金属橱柜), the industry of 武邑县: 虎牌集团,
    # 河北现代钢木制品有限公司, 奥笛柜业, 道远环保科技 (not the e-commerce partners 天猫, 京东)
    assert got[("武邑县", "金属橱柜")][0] == 4
    assert all(local <= overall for overall, local in got.values())


def test_policies_by_industry(built):
    res = run(built[0], "--name", "policies_by_industry", "--param", "industry=丝网", "--format", "json")
    got = {(r["industryLabel"], r["policyLabel"], r.get("issuerLabel"), r.get("identifier")) for r in rows(res)}
    assert ("丝网", "15条惠企政策", "安平县", "003_bd5b0b70ffc880b9.txt") in got
    assert {r["industryLabel"] for r in rows(res)} == {"丝网"}


def test_listing_queries_are_paged_in_order(built):
    def labels(*params):
        res = run(built[0], "--name", "counts", "--format", "json", *params)
        return [(r["kind"], r["term"]) for r in rows(res)]

    def page(name, *params):
        res = run(built[0], "--name", name, "--format", "json", *params)
        assert res.exit_code == 0, res.output
        return [tuple(sorted(r.items())) for r in rows(res)]

    full = page("industries_by_county")
    assert 3 < len(full) <= 100
    assert page("industries_by_county", "--param", "limit=3") == full[:3]
    assert page("industries_by_county", "--param", "limit=3", "--param", "offset=2") == full[2:5]
    assert page("industries_by_county", "--param", "offset=1000") == []
    # the order is the documented one: by county, then most enterprises first
    res = run(built[0], "--name", "industries_by_county", "--format", "json")
    keys = [(r["countyLabel"], -int(r["enterprises"]), r["industryLabel"]) for r in rows(res)]
    assert keys == sorted(keys)
    # about_entity pages relations, each with all its evidence rows
    ent = [r for r in rows(run(built[0], "--name", "about_entity", "--param", "entity=武邑县", "--format", "json"))]
    first = rows(run(built[0], "--name", "about_entity", "--param", "entity=武邑县", "--param", "limit=1",
                     "--format", "json"))
    assert len({(r["direction"], r["relation"], r["other"]) for r in first}) == 1
    assert first == ent[:len(first)]
    assert labels()  # counts takes no paging parameters and still answers


def test_paging_parameters_must_be_whole_numbers(built):
    for bad in ("ten", "-1", "1.5", "1 } ?s ?p ?o {"):
        res = run(built[0], "--name", "projects_investment", "--param", f"limit={bad}")
        assert res.exit_code == 1 and "whole number" in res.output, (bad, res.output)


def test_param_defaults_and_limit_substitution():
    from hsgraph.query.run import missing_params, param_defaults
    text = "# x\n# default $limit = 100\nSELECT * { ?s ?p $o } LIMIT $limit OFFSET $offset"
    assert param_defaults(text) == {"limit": "100"}
    assert missing_params(text) == ["o", "offset"]
    q = prepare_query(substitute_params(text, {"o": "7", "offset": " 20 "}))[0]
    assert 'SELECT * { ?s ?p "7" } LIMIT 100 OFFSET 20' in q


def test_projects_investment(built):
    res = run(built[0], "--name", "projects_investment", "--format", "json")
    got = rows(res)
    values = [float(r["value"]) for r in got]
    assert len(got) >= 2 and values == sorted(values, reverse=True)
    (r,) = [r for r in got if r.get("projectLabel") == "武强县周窝音乐小镇"]
    assert float(r["value"]) == 1.5e9 and r["unit"] == "CNY" and r["quantityText"] == "累计投资15亿元"


def test_about_entity_and_articles_with_both(built):
    res = run(built[0], "--name", "about_entity", "--param", "entity=武邑县", "--format", "json")
    got = rows(res)
    assert any(r["relation"].endswith("#locatedIn") and "钢木制品" in r.get("otherLabel", "")
               and r["direction"] == "in" and r.get("sentence") for r in got)
    # the county -> city link has no evidence: one row, with no sentence and no article
    to_city = [r for r in got if r["direction"] == "out" and r.get("otherLabel") == "衡水市"]
    assert len(to_city) == 1 and not to_city[0].get("sentence") and not to_city[0].get("identifier")
    res = run(built[0], "--name", "articles_with_both", "--param", "a=武邑县", "--param", "b=金属橱柜",
              "--format", "json")
    assert "000_fac1bce50761eaf3.txt" in {r["identifier"] for r in rows(res)}


def test_counts(built):
    res = run(built[0], "--name", "counts", "--format", "csv")
    assert res.exit_code == 0
    assert "https://w3id.org/hsgraph/ontology#Article,5" in res.output.replace("\r", "")


def test_missing_param_is_an_error(built):
    res = run(built[0], "--name", "about_entity")
    assert res.exit_code == 1 and "--param entity=" in res.output


def test_param_is_escaped():
    text = substitute_params('SELECT * { ?s ?p $x . FILTER(?p != "$x") }', {"x": 'a"b\\c'})
    assert text == 'SELECT * { ?s ?p "a\\"b\\\\c" . FILTER(?p != "$x") }'


@pytest.mark.parametrize("update", [
    "INSERT DATA { <a:x> <a:y> <a:z> }",
    "DELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "drop graph <a:g>",
    "LOAD <http://example.org/x.ttl>",
])
def test_updates_are_refused(built, update):
    res = run(built[0], update)
    assert res.exit_code == 1 and "update" in res.output


def test_keywords_inside_strings_iris_and_comments_are_fine():
    q = 'SELECT * { ?s rdfs:label "DELETE me" ; <http://x/INSERT> ?o } # DROP'
    assert prepare_query(q)[1] == 7


def test_declared_prefixes_are_not_redeclared():
    q, added = prepare_query("PREFIX hs: <urn:x#>\nSELECT * {}")
    assert added == 6 and q.count("PREFIX hs:") == 1


def test_service_needs_permission(built):
    res = run(built[0], "SELECT * { SERVICE <http://localhost:9/sparql> { ?s ?p ?o } }")
    assert res.exit_code == 1 and "--allow-service" in res.output


def test_syntax_error_reports_line_and_column(built):
    res = run(built[0], "SELECT ?s\nWHERE { ?s ?p }")
    assert res.exit_code == 1
    assert "line 2, column 16" in res.output  # pyoxigraph points just past the stray "}"


def test_ask_and_construct(built):
    res = run(built[0], "ASK { ?s a hs:Article }")
    assert res.output.strip() == "true"
    res = run(built[0], "CONSTRUCT { ?s a hs:Article } WHERE { ?s a hs:Article }")
    assert res.exit_code == 0 and res.output.count("hs:Article") == 5


def test_timeout_stops_waiting(built):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    proc = subprocess.run([HSGRAPH, "query", str(built[0]), "--timeout", "0.5", q],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 1 and "query stopped after 0.5 s" in proc.stderr


def test_a_second_process_queries_the_store(built):
    proc = subprocess.run([HSGRAPH, "query", str(built[1]), "--format", "csv",
                           "SELECT (COUNT(*) AS ?n) WHERE { ?s a hs:Article }"],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["n", "5"]


def test_store_refuses_to_overwrite_a_foreign_folder(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    res = CliRunner().invoke(cli, ["build", str(ROOT / "seeds"), "-o", str(tmp_path / "g.ttl"),
                                   "--store", str(tmp_path / "x")])
    assert res.exit_code == 1 and "not an hsgraph store" in res.output
    assert (tmp_path / "x" / "keep.txt").read_text() == "mine"


def test_cjk_table_alignment(built):
    res = run(built[0], "--format", "table",
              "SELECT ?l ?c WHERE { ?c a hs:County ; rdfs:label ?l } ORDER BY ?c")
    lines = res.output.splitlines()[:-1]
    assert len({display_width(line.split("  <")[0].rstrip()) for line in lines[2:]}) >= 1
    starts = {display_width(line[:line.index("<")]) for line in lines[2:]}
    assert len(starts) == 1


def test_render_table_widths():
    out = render_table(["名称", "n"], [["衡水市", "1"], ["ab", "22"]]).splitlines()
    assert out[0] == "名称    n" and out[2] == "衡水市  1" and out[3] == "ab      22"
    assert display_width("衡水ＡＢab") == 10
