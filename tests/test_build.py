"""``hsgraph build`` end to end: the graph contract, linking, determinism, bad input."""
import os
import subprocess
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import RDF, RDFS, BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from conftest import hsgraph_script
from hsgraph.cli import cli
from hsgraph.rdf.namespace import HS

ONE = "衡水市安平县是全国丝网产业基地。安平县河北华信丝网有限公司位于安平县，主要生产丝网产品。"
TWO = "衡水市出台《丝网产业提升实施方案》。安平丝网企业达500多家，安平的丝网产业年产值40多亿元。"
OTHER = "邯郸市曲周县把羊绒产业作为特色产业来抓。"


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(ONE, encoding="utf-8")
    (folder / "two.txt").write_bytes(TWO.encode("gb18030"))
    return folder


def build(*args):
    return CliRunner().invoke(cli, ["build", *map(str, args)])


def parse(path, fmt="turtle"):
    g = rdflib.Graph()
    g.parse(path, format=fmt)
    return g


def test_graph_meets_the_contract(articles, tmp_path):
    out = tmp_path / "g.ttl"
    result = build(articles, "-o", out)
    assert result.exit_code == 0, result.output
    g = parse(out)
    ids = {str(i) for a in g.subjects(RDF.type, HS.Article) for i in g.objects(a, DCTERMS.identifier)}
    assert ids == {"one.txt", "two.txt"}
    entities = [s for s in g.subjects(RDF.type, None) if str(g.value(s, RDF.type)).rsplit("#")[-1] in
                ("County", "City", "Enterprise", "Project", "Policy", "Industry", "Town", "Village",
                 "Organization", "Person")]
    assert entities
    for e in entities:
        assert list(g.objects(e, HS.mentionedIn)), e
        labels = list(g.objects(e, RDFS.label))
        assert len(labels) == 1 and labels[0].language == "zh"
        assert all(ord(ch) < 128 for ch in str(e)), "no raw Chinese inside an IRI"
    assert not any(isinstance(x, BNode) for t in g for x in t)
    anping = URIRef("https://w3id.org/hsgraph/id/region/131125")
    assert (anping, RDF.type, HS.County) in g
    assert (anping, HS.locatedIn, URIRef("https://w3id.org/hsgraph/id/region/131100")) in g


def test_one_node_per_county_across_articles(articles, tmp_path):
    out = tmp_path / "g.ttl"
    assert build(articles, "-o", out).exit_code == 0
    g = parse(out)
    nodes = {s for s, _, o in g.triples((None, RDFS.label, None)) if str(o) == "安平县"}
    nodes |= {s for s, _, o in g.triples((None, SKOS.altLabel, None)) if str(o) == "安平"}
    assert nodes == {URIRef("https://w3id.org/hsgraph/id/region/131125")}
    anping = next(iter(nodes))
    assert len(set(g.objects(anping, HS.mentionedIn))) == 2
    assert (anping, RDFS.label, Literal("安平县", lang="zh")) in g
    assert (anping, SKOS.altLabel, Literal("安平", lang="zh")) in g


def test_every_article_is_one_node_named_by_its_file(articles, tmp_path):
    out = tmp_path / "g.ttl"
    assert build(articles, "-o", out).exit_code == 0
    g = parse(out)
    arts = set(g.subjects(RDF.type, HS.Article))
    assert len(arts) == 2
    for a in arts:
        assert len(list(g.objects(a, DCTERMS.identifier))) == 1
        assert str(a).startswith("https://w3id.org/hsgraph/id/article/")
    mentioned = set(g.objects(None, HS.mentionedIn))
    assert mentioned == arts


def test_relations_carry_evidence(articles, tmp_path):
    out = tmp_path / "g.ttl"
    assert build(articles, "-o", out).exit_code == 0
    g = parse(out)
    evidence = list(g.subjects(RDF.type, HS.Evidence))
    assert evidence
    for ev in evidence:
        s, p, o = g.value(ev, RDF.subject), g.value(ev, RDF.predicate), g.value(ev, RDF.object)
        assert (s, p, o) in g
        assert g.value(ev, HS.source) is not None and str(g.value(ev, HS.sentence))


@pytest.mark.parametrize("fmt, rdflib_format", [("nt", "nt"), ("jsonld", "json-ld"), ("turtle", "turtle")])
def test_other_formats_parse_back(articles, tmp_path, fmt, rdflib_format):
    out = tmp_path / "g.out"
    assert build(articles, "-o", out, "--format", fmt).exit_code == 0
    assert len(parse(out, rdflib_format)) == len(parse_default(articles, tmp_path))


def test_trig_parses_back(articles, tmp_path):
    out = tmp_path / "g.trig"
    assert build(articles, "-o", out).exit_code == 0
    ds = rdflib.Dataset()
    ds.parse(out, format="trig")
    assert len(list(ds.quads((None, None, None, None)))) == len(parse_default(articles, tmp_path))


def parse_default(articles, tmp_path):
    out = tmp_path / "default.ttl"
    assert build(articles, "-o", out).exit_code == 0
    return parse(out)


def test_stdout_and_stdin(articles):
    result = CliRunner().invoke(cli, ["build", "-"], input=ONE.encode("utf-8"))
    assert result.exit_code == 0
    g = rdflib.Graph().parse(data=result.stdout_bytes, format="turtle")
    assert any(str(o) == "stdin.txt" for o in g.objects(None, DCTERMS.identifier))


def test_byte_identical_across_runs_and_hash_seeds(articles, tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"g{seed}.ttl"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([hsgraph_script(), "build", str(articles), "-o", str(out)], check=True, env=env)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    out = tmp_path / "g3.ttl"
    assert build(articles, "-o", out).exit_code == 0
    assert out.read_bytes() == outs[0]


def test_iris_stay_put_when_an_unrelated_article_is_added(articles, tmp_path):
    before = tmp_path / "before.ttl"
    assert build(articles, "-o", before).exit_code == 0
    (articles / "zz_other.txt").write_text(OTHER, encoding="utf-8")
    after = tmp_path / "after.ttl"
    assert build(articles, "-o", after).exit_code == 0
    g1, g2 = parse(before), parse(after)
    labelled1 = {(str(o), s) for s, o in g1.subject_objects(RDFS.label)}
    labelled2 = {(str(o), s) for s, o in g2.subject_objects(RDFS.label)}
    assert labelled1 <= labelled2


@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4, "binary"),
    ("bad.txt", "中文".encode("utf-8") + b"\x80\xff\x80\xff", "cannot decode"),
], ids=["empty", "binary", "undecodable"])
def test_bad_input_gives_one_line_and_keeps_old_output(tmp_path, name, data, problem):
    bad = tmp_path / name
    bad.write_bytes(data)
    out = tmp_path / "out.ttl"
    out.write_bytes(b"previous graph")
    result = build(bad, "-o", out)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {bad}: ") and problem in lines[0]
    assert "Traceback" not in result.output
    assert out.read_bytes() == b"previous graph"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "out.ttl"])


def test_missing_path_is_named(tmp_path):
    result = build(tmp_path / "nope.txt", "-o", tmp_path / "o.ttl")
    assert result.exit_code != 0
    assert "nope.txt" in result.output and "no such file" in result.output
    assert not (tmp_path / "o.ttl").exists()


@pytest.mark.parametrize("make, problem", [
    (lambda d: d / "nope.txt", "no such file"),
    (lambda d: (d / "empty_dir").mkdir() or d / "empty_dir", "no .txt"),
], ids=["missing", "folder-without-articles"])
def test_a_missing_or_empty_input_keeps_old_output(tmp_path, make, problem):
    target = make(tmp_path)
    out = tmp_path / "out.ttl"
    out.write_bytes(b"previous graph")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = build(target, "-o", out)
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {target}: ") and problem in lines[0]
    assert out.read_bytes() == b"previous graph"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 4, "binary"),
    ("bad.txt", "中文".encode("utf-8") + b"\x80\xff\x80\xff", "cannot decode"),
], ids=["empty", "binary", "undecodable"])
def test_the_installed_command_reports_bad_input_in_one_line(tmp_path, name, data, problem):
    bad = tmp_path / name
    bad.write_bytes(data)
    out = tmp_path / "out.ttl"
    out.write_bytes(b"previous graph")
    proc = subprocess.run([hsgraph_script(), "build", str(bad), "-o", str(out)], capture_output=True)
    assert proc.returncode != 0
    err = proc.stderr.decode("utf-8")
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {bad}: ") and problem in lines[0]
    assert "Traceback" not in err
    assert proc.stdout == b""
    assert out.read_bytes() == b"previous graph"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "out.ttl"])


def test_keep_going_builds_from_the_rest(articles, tmp_path):
    (articles / "empty.txt").write_bytes(b"")
    out = tmp_path / "g.ttl"
    result = build(articles, "-o", out, "--keep-going")
    assert result.exit_code != 0
    assert "empty.txt" in result.output and "Warning" in result.output
    ids = {str(o) for o in parse(out).objects(None, DCTERMS.identifier)}
    assert ids == {"one.txt", "two.txt"}


def test_keep_going_with_nothing_readable_fails_and_writes_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    (folder / "b.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "g.ttl"
    result = build(folder, "-o", out, "--keep-going")
    assert result.exit_code != 0
    assert "a.txt" in result.output and "b.txt" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_explain_shows_relations_with_their_sentences(articles, tmp_path):
    out = tmp_path / "g.ttl"
    assert build(articles, "-o", out).exit_code == 0
    result = CliRunner().invoke(cli, ["explain", str(out), "安平"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("安平县  (County)")
    assert "hasIndustry → 丝网" in result.output
    assert "“" in result.output and "one.txt" in result.output
    missing = CliRunner().invoke(cli, ["explain", str(out), "不存在的公司"])
    assert missing.exit_code == 1 and "no entity named" in missing.output


def test_every_command_has_help_and_is_in_the_readme():
    from hsgraph.cli import COMMANDS
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    names = cli.list_commands(None)
    assert {"build", "explain"} <= set(names)
    for name in names:
        assert name in COMMANDS
        cmd = cli.get_command(None, name)
        assert cmd.help, name
        assert f"hsgraph {name}" in readme, name
