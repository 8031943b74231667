"""Figures: sentences written for the tests → the figures they state, and to whom they belong."""
from decimal import Decimal

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from hsgraph.ingest.read import RawArticle
from hsgraph.pipeline import build_corpus
from hsgraph.rdf.namespace import HS
from hsgraph.rdf.to_rdf import corpus_to_graph, serialize
from hsgraph.relate.figures import number_value, read_sentence, rules


def readings(text):
    """(measure, value, upper, unit, marker) of every figure read from one sentence."""
    return [(r.measure, plain(r.value), None if r.upper is None else plain(r.upper), r.unit, r.approximate)
            for r in read_sentence(text)]


def plain(value):
    return format(value.normalize(), "f")


def corpus_of(*texts):
    return build_corpus([RawArticle(f"t{i}.txt", t, "utf-8") for i, t in enumerate(texts)])


def attached(*texts):
    """(entity label, measure, value, unit, marker) of every figure the build attaches."""
    c = corpus_of(*texts)
    return {(c.entities[f.subject].label, f.measure, f.value, f.unit, f.approximate) for f in c.figures}


@pytest.mark.parametrize("text, expected", [
    ("项目累计投资15亿元", [("investment", "1500000000", None, "CNY", "")]),
    ("项目总投资约12.5亿元", [("investment", "1250000000", None, "CNY", "约")]),
    ("项目总投资三十亿元", [("investment", "3000000000", None, "CNY", "")]),
    ("项目总投资一亿五千万元", [("investment", "150000000", None, "CNY", "")]),
    ("项目总投资3—5亿元", [("investment", "300000000", "500000000", "CNY", "")]),
    ("项目总投资3至5亿元", [("investment", "300000000", "500000000", "CNY", "")]),
    ("项目计划投资500万-1亿元", [("investment", "5000000", "100000000", "CNY", "")]),
    ("总投资超过20亿元", [("investment", "2000000000", None, "CNY", "超过")]),
    ("总投资近8000万元", [("investment", "80000000", None, "CNY", "近")]),
    ("总投资达1.2万元", [("investment", "12000", None, "CNY", "")]),
    ("协议投资2000万美元", [("investment", "20000000", None, "USD", "")]),
    ("年产值40多亿元", [("outputValue", "4000000000", None, "CNY", "多")]),
    ("年产值1600余万元", [("outputValue", "16000000", None, "CNY", "余")]),
    ("实现产值5亿元左右", [("outputValue", "500000000", None, "CNY", "左右")]),
    ("营业收入15亿元，同比增长12%", [("revenue", "1500000000", None, "CNY", ""),
                                  ("revenueGrowth", "12", None, "percent", "")]),
    ("销售收入同比下降3.5%", [("revenueGrowth", "-3.5", None, "percent", "")]),
    ("固定资产投资增长6.5%左右", [("investmentGrowth", "6.5", None, "percent", "左右")]),
    ("营业收入预计超1500亿元", [("revenue", "150000000000", None, "CNY", "超")]),
    ("培育营业收入超百亿元企业3家", [("enterpriseCount", "3", None, "count", "")]),   # no revenue: a threshold
    ("全县有企业500多家", [("enterpriseCount", "500", None, "count", "多")]),
    ("已有5家企业入驻", [("enterpriseCount", "5", None, "count", "")]),
    ("规模以上工业企业两家", [("enterpriseCount", "2", None, "count", "")]),
    ("规模以上工业企业超过1200家", [("enterpriseCount", "1200", None, "count", "超过")]),
    ("项目占地200亩", [("area", "133333.33", None, "m2", "")]),
    ("规划面积3.5平方公里", [("area", "3500000", None, "m2", "")]),
    ("种植面积3万-5万亩", [("area", "20000000", "33333333.33", "m2", "")]),
])
def test_a_sentence_states_these_figures(text, expected):
    assert readings(text) == expected


@pytest.mark.parametrize("text", [
    "2021年8月26日，衡水市启动专题活动。",                 # dates
    "咨询电话0318-2345678，传真0318-2345679。",             # phone numbers
    "规模以上工业企业中高新技术企业占比达到60%以上。",      # a share, not growth
    "城市建成区绿地率超过37%。",
    "全市生产总值年均增长6%以上。",                         # a mean rate, not year-on-year
    "这在全省还是第一家。",                                 # a ranking
    "该县位列全国百强县第5位。",
    "投资超百亿元县区超过7个。",                            # thresholds naming a class of things
    "对当年设备升级投入1亿元以上企业奖励设备款的4%。",
    "奥笛柜业、道远环保科技等10家企业负责人做客直播间。",   # an enumeration's total
    "共增加绿地面积36.21公顷。",                            # the area of something else
    "安排促消费专项资金840万元。",                          # money with no measure
    "“万元田”发展到30万亩。",
    "工业投资和技改投资分别增长6.5%和7%左右。",             # distributed over a list
])
def test_these_sentences_state_no_figure(text):
    assert readings(text) == []


@pytest.mark.parametrize("text, value", [
    ("15", "15"), ("12.5", "12.5"), ("三十", "30"), ("两", "2"), ("一亿五千万", "150000000"), ("百", "100"),
])
def test_numbers_arabic_and_chinese(text, value):
    assert number_value(text) == Decimal(value)


def test_every_rule_has_a_pattern_and_a_measure():
    assert rules()
    for r in rules():
        assert r.rule.startswith("figure.") and r.measure and r.attach and r.patterns


# ---------------------------------------------------------------- which entity


def test_the_nearest_preceding_entity_in_the_clause():
    figs = attached("武强县周窝音乐小镇累计投资15亿元，年产值超过3亿元。")
    assert ("周窝音乐小镇", "investment", "1500000000", "CNY", "") in {
        (label.replace("武强县", ""), *rest) for label, *rest in figs}


def test_a_figure_in_a_later_clause_goes_to_the_sentence_subject():
    figs = attached("目前，武邑县年网销保险柜达95万台，销售额22亿元。")
    assert ("武邑县", "revenue", "2200000000", "CNY", "") in figs


def test_the_county_of_quan_xian_is_the_story_place():
    figs = attached("武邑县金属橱柜产业加快升级。\n目前，全县生产企业500多家，其中较大规模企业231家。")
    assert ("武邑县", "enterpriseCount", "500", "count", "多") in figs
    assert ("武邑县", "enterpriseCount", "231", "count", "") in figs


def test_without_a_named_subject_the_story_place():
    figs = attached("衡水市召开会议。\n成功举办招商活动，集中签约项目90个，总投资达725亿元。")
    assert ("衡水市", "investment", "72500000000", "CNY", "") in figs


def test_an_enterprise_count_never_goes_to_an_enterprise():
    figs = attached("武邑县河北现代钢木制品有限公司带动企业30家。")
    assert {(label, m) for label, m, *_ in figs} == {("武邑县", "enterpriseCount")}


def test_an_industry_or_an_unresolved_anaphor_takes_the_figure_away():
    assert not attached("衡水市召开会议。\n到2025年，先进装备制造产业主营业务收入突破1000亿元。")
    assert not attached("衡水市召开会议。\n设施葡萄是该村主导产业，种植面积500余亩。")


def test_an_industry_written_after_its_place_is_the_place_s():
    figs = attached("衡水市丝网产业有企业500多家。")
    assert ("衡水市", "enterpriseCount", "500", "count", "多") in figs


def test_a_repeated_sentence_states_its_figure_once():
    c = corpus_of("武强县周窝音乐小镇累计投资15亿元武强县周窝音乐小镇累计投资15亿元。")
    assert len(c.figures) == 1


# ---------------------------------------------------------------- RDF


def test_a_range_has_an_upper_value_and_the_graph_is_deterministic():
    text = "武强县周窝音乐小镇计划投资3—5亿元。"
    g = corpus_to_graph(corpus_of(text))
    figs = list(g.subjects(HS.measure, Literal("investment")))
    assert len(figs) == 1
    assert g.value(figs[0], HS.value) == Literal(Decimal("300000000"), datatype=XSD.decimal)
    assert g.value(figs[0], HS.upperValue) == Literal(Decimal("500000000"), datatype=XSD.decimal)
    assert str(g.value(figs[0], HS.quantityText)) == "计划投资3—5亿元"
    assert isinstance(figs[0], URIRef)
    assert serialize(g) == serialize(corpus_to_graph(corpus_of(text)))
