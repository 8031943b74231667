"""--min-confidence trades recall for precision the same way in build, export and viz."""
import rdflib
from click.testing import CliRunner
from rdflib import RDF

from hsgraph.cli import cli as main
from hsgraph.rdf.namespace import HS

TEXT = ("衡水市武邑县出台《金属橱柜产业集群产业链实施方案》。"
        "河北现代钢木制品有限公司与衡水学院合作研发金属橱柜。")


def _graph(path):
    return rdflib.Graph().parse(path, format="turtle")


def _relations(g):
    rels = {str(p).split("#")[1] for p in (HS.locatedIn, HS.hasIndustry, HS.inIndustry, HS.issuedBy,
                                              HS.targetsIndustry, HS.involvedIn, HS.cooperatesWith)
            for _ in g.subject_objects(p)}
    return rels


def _confidences(g):
    return sorted(float(c) for ev in g.subjects(RDF.type, HS.Evidence)
                  if str(g.value(ev, RDF.predicate)).startswith(str(HS)) for c in g.objects(ev, HS.confidence))


def test_build_export_and_viz_drop_weak_evidence(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    full, strict = tmp_path / "full.ttl", tmp_path / "strict.ttl"
    assert runner.invoke(main, ["build", str(art), "-o", str(full)]).exit_code == 0
    confs = _confidences(_graph(full))
    assert confs and confs[0] < confs[-1], "the article should give evidence of more than one confidence"
    cut = (confs[0] + confs[-1]) / 2
    assert runner.invoke(main, ["build", str(art), "-o", str(strict), "--min-confidence", str(cut)]).exit_code == 0
    kept = _confidences(_graph(strict))
    assert kept and min(kept) >= cut and len(kept) < len(confs)
    # background facts have no evidence and stay
    g = _graph(strict)
    county_city = [(s, o) for s, o in g.subject_objects(HS.locatedIn)
                   if (s, RDF.type, HS.County) in g and (o, RDF.type, HS.City) in g]
    assert county_city
    # every remaining relation triple of an evidence-bearing kind still has evidence
    exported = tmp_path / "exported.ttl"
    assert runner.invoke(main, ["export", str(full), "-f", "turtle", "-o", str(exported),
                                "--min-confidence", str(cut)]).exit_code == 0
    assert _confidences(_graph(exported)) == kept
    page = tmp_path / "v.html"
    weak = runner.invoke(main, ["viz", str(full), "-o", str(page), "--min-confidence", "1"])
    assert weak.exit_code == 0 and page.stat().st_size > 0


def test_out_of_range_confidence_is_a_usage_error(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(TEXT, encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(art), "--min-confidence", "1.5"])
    assert res.exit_code == 2
