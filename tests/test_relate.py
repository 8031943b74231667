"""Relation triggers, 该县 resolution, figures and evidence, on sentences written for the tests."""
from decimal import Decimal

import pytest
from rdflib import RDF, URIRef

from hsgraph.ingest.read import RawArticle
from hsgraph.pipeline import build_corpus
from hsgraph.rdf.namespace import HS
from hsgraph.rdf.to_rdf import corpus_to_graph, serialize
from hsgraph.relate.figures import approximate_marker, convert


def corpus_of(*texts):
    raws = [RawArticle(f"t{i}.txt", text, "utf-8") for i, text in enumerate(texts)]
    return build_corpus(raws)


def facts(corpus, predicate=None):
    """(subject label, predicate, object label, rule) for every relation with evidence."""
    ents = corpus.entities
    out = set()
    for r in corpus.relations:
        if predicate and r.predicate != predicate:
            continue
        rule = r.evidence.rule if r.evidence else "background"
        out.add((ents[r.subject].label, r.predicate, ents[r.object].label, rule))
    return out


def pairs(corpus, predicate):
    return {(s, o) for s, _, o, _ in facts(corpus, predicate)}


@pytest.mark.parametrize("text, expected", [
    # a place written before a company's name
    ("衡水市武邑县华信钢木制品有限公司新上一条生产线。", ("华信钢木制品有限公司", "武邑县")),
    # X 位于 P
    ("衡水市的大华科技有限公司位于景县，主要生产橡塑制品。", ("大华科技有限公司", "景县")),
])
def test_located_in(text, expected):
    assert expected in pairs(corpus_of(text), "locatedIn")


def test_county_located_in_city_is_background_knowledge():
    c = corpus_of("衡水市安平县今年经济增长较快。")
    assert ("安平县", "locatedIn", "衡水市", "background") in facts(c)


@pytest.mark.parametrize("text, expected", [
    # place + industry compound
    ("衡水市着力打造安平丝网产业名片。", ("安平县", "丝网")),
    # 特色产业 trigger with the county acting
    ("邯郸市曲周县把羊绒产业作为特色产业来抓。", ("曲周县", "羊绒")),
])
def test_has_industry(text, expected):
    assert expected in pairs(corpus_of(text), "hasIndustry")


def test_issued_by_resolves_gai_xian_to_the_story_county():
    c = corpus_of("衡水市饶阳县是设施蔬菜大县。该县出台了《设施蔬菜产业提升实施方案》，支持蔬菜产业发展。")
    assert ("设施蔬菜产业提升实施方案", "饶阳县") in pairs(c, "issuedBy")
    assert ("设施蔬菜产业提升实施方案", "设施蔬菜") in pairs(c, "targetsIndustry")


def test_issued_by_names_the_acting_body():
    c = corpus_of("邢台市市场监管局印发《食品生产企业监督检查实施细则》。")
    assert ("食品生产企业监督检查实施细则", "邢台市市场监管局") in pairs(c, "issuedBy")


def test_cooperation_needs_a_trigger():
    stated = corpus_of("河北华信科技有限公司与燕京大学联合研发智能生产线。")
    assert {tuple(sorted(p)) for p in pairs(stated, "cooperatesWith")} == {
        tuple(sorted(("河北华信科技有限公司", "燕京大学")))}
    # co-occurrence alone states nothing
    silent = corpus_of("河北华信科技有限公司和燕京大学的展台相邻。")
    assert pairs(silent, "cooperatesWith") == set()


def test_involved_in_needs_a_trigger_or_the_name():
    named = corpus_of("衡水市的远航药业有限公司发展很快。远航药业现代中药产业化项目年内投产。")
    assert ("远航药业有限公司", "远航药业现代中药产业化项目") in pairs(named, "involvedIn")
    silent = corpus_of("衡水市的远航药业有限公司的展台旁边是滨湖物流园的展台。")
    assert pairs(silent, "involvedIn") == set()


@pytest.mark.parametrize("num, mult, unit, value, code", [
    ("15", "亿", "元", Decimal("1500000000"), "CNY"),
    ("1.2", "万", "元", Decimal("12000"), "CNY"),
    ("4000", "万", "元", Decimal("40000000"), "CNY"),
    ("1000", "万", "美元", Decimal("10000000"), "USD"),
    ("500", None, "家", Decimal("500"), "count"),
    ("36.21", None, "公顷", Decimal("362100.00"), "m2"),
    ("15", None, "亩", Decimal("10000.00"), "m2"),
])
def test_unit_conversion(num, mult, unit, value, code):
    assert convert(num, mult, unit) == (value, code)


@pytest.mark.parametrize("pre, post, marker", [
    (None, "多", "多"), (None, "余", "余"), ("超过", None, "超过"), ("达", None, ""), (None, None, ""),
    (None, "左右", "左右"),
])
def test_approximation_markers(pre, post, marker):
    assert approximate_marker(pre, post) == marker


def test_figures_attach_to_the_entity_they_describe():
    c = corpus_of("衡水市滨湖新区的湖畔音乐小镇累计投资12.5亿元，年产值超过3亿元。", "衡水市丝网产业有企业500多家。")
    figs = {(c.entities[f.subject].label, f.measure, f.value, f.unit, f.approximate) for f in c.figures}
    assert ("湖畔音乐小镇", "investment", "1250000000", "CNY", "") in {
        (label.replace("滨湖新区", ""), *rest) for label, *rest in figs}
    assert any(m == "enterpriseCount" and v == "500" and a == "多" for _, m, v, _, a in figs)


def test_one_triple_many_evidence_nodes_and_deterministic_iris():
    text = "衡水市着力打造安平丝网产业名片。"
    g = corpus_to_graph(corpus_of(text, text, text))
    anping = URIRef("https://w3id.org/hsgraph/id/region/131125")
    industry = [o for o in g.objects(anping, HS.hasIndustry)]
    assert len(industry) == 1
    evidence = [e for e in g.subjects(RDF.type, HS.Evidence)
                if g.value(e, RDF.subject) == anping and g.value(e, RDF.predicate) == HS.hasIndustry]
    assert len(evidence) == 3
    assert len({g.value(e, HS.source) for e in evidence}) == 3
    for e in evidence:
        assert 0 <= float(g.value(e, HS.confidence)) <= 1
        assert str(g.value(e, HS.sentence)) == text
    again = corpus_to_graph(corpus_of(text, text, text))
    assert serialize(g) == serialize(again)


def test_evidence_keeps_the_original_script():
    c = corpus_of("衡水市着力打造安平絲網產業名片。")
    ev = [r.evidence for r in c.relations if r.predicate == "hasIndustry"]
    assert ev and all("絲網" in e.text for e in ev)


def test_a_company_in_a_story_headlined_by_an_industry_works_in_it():
    page = ("武邑金属橱柜产业加快升级\n河北日报讯(记者张三)近日，在武邑县华信钢木制品有限公司生产车间内，工人们正忙着组装。\n"
            "邯郸羊绒企业外贸增长\n河北日报讯(记者李四)记者从邯郸市获悉，当地外贸形势良好。")
    c = corpus_of(page)
    assert pairs(c, "inIndustry") == {("华信钢木制品有限公司", "金属橱柜")}


def test_a_province_at_the_head_of_a_name_does_not_place_it():
    c = corpus_of("河北工业大学和河北远大集团的专家来到衡水市。")
    assert not {(s, o) for s, o in pairs(c, "locatedIn") if o == "河北省"}


def test_located_at_a_place_named_before_the_name_with_de():
    c = corpus_of("在位于邢台市南和区经济开发区的河北省宠物食品产业技术研究院，工程师正在做实验。")
    assert ("河北省宠物食品产业技术研究院", "南和区") in pairs(c, "locatedIn")


def test_a_stretch_of_a_road_is_in_the_place_named_after_it():
    c = corpus_of("保定市加快荣乌高速、京雄高速保定段建设。")
    assert ("京雄高速", "保定市") in pairs(c, "locatedIn")
    assert ("荣乌高速", "保定市") not in pairs(c, "locatedIn")


def test_leading_industries_without_a_place_belong_to_the_story_place():
    c = corpus_of("邢台市召开经济工作会议\n今年，装备制造、新能源、食品加工三大主导产业营业收入稳步增长。")
    got = pairs(c, "hasIndustry")
    assert ("邢台市", "新能源") in got


def test_a_place_named_in_passing_is_no_clause_subject():
    c = corpus_of("衡水市召开会议\n依托市中医医院,借助北京的先进技术,联合构建京冀中医药医疗区域中心。")
    assert not any(o == "北京市" for _, o in pairs(c, "locatedIn"))


def test_a_village_industry_is_not_the_story_citys():
    c = corpus_of("邢台市乡村振兴观察\n设施草莓是该村主导产业，种植面积300亩。")
    assert not any(s == "邢台市" and o == "设施草莓" for s, o in pairs(c, "hasIndustry"))


def test_companies_moving_into_the_park_named_just_before():
    c = corpus_of("在沧州创新港,新材料和智能装备成果一项项落地。星河新材料、华岳智机等科技型企业成功入驻。")
    assert {("星河新材料", "沧州创新港"), ("华岳智机", "沧州创新港")} <= pairs(c, "involvedIn")


def test_moving_in_without_a_park_nearby_links_nothing():
    c = corpus_of("星河新材料、华岳智机等科技型企业成功入驻。")
    assert not pairs(c, "involvedIn")


def test_a_numbered_academy_cooperates():
    c = corpus_of("推动金盾集团与航天一院开展战略合作。")
    assert ("金盾集团", "航天一院") in pairs(c, "cooperatesWith") or ("航天一院", "金盾集团") in pairs(c, "cooperatesWith")


def test_taking_part_in_a_national_pilot_is_not_issuing_it():
    c = corpus_of("邢台市成功列入智能家居产业国家综合创新试点。")
    assert not pairs(c, "issuedBy")


def test_a_government_is_named_after_its_place():
    names = {e.label for e in corpus_of("建设制造强市质量强市政府工作报告提出，邢台市政府将推进改革。").entities.values()
             if e.type == "Organization"}
    assert "邢台市政府" in names and not any(n.startswith("制造强市") for n in names)


def test_a_project_sited_in_a_town():
    c = corpus_of("湖州市安吉县的竹海家居产业园项目位于天荒坪镇，一期工程已竣工。")
    assert ("竹海家居产业园项目", "天荒坪镇") in pairs(c, "locatedIn")
    assert not any(e.label == "一期工程" for e in c.entities.values())


def test_companies_signing_into_the_project_of_an_earlier_clause():
    c = corpus_of("总投资12亿元的菏泽锦绣小镇项目已开工建设，山东云裳服饰有限公司、织梦服饰等企业签约入驻。")
    assert ("山东云裳服饰有限公司", "菏泽锦绣小镇项目") in pairs(c, "involvedIn")


def test_companies_a_county_story_says_it_has():
    c = corpus_of("清河县羊绒产业提质增效\n该县扶持企业做大做强。目前，已培育宏达绒业、雪莲绒业等规模以上企业两家。"
                  "该县还与天猫、京东等主流电商进行战略合作。")
    got = pairs(c, "locatedIn")
    assert {("宏达绒业", "清河县"), ("雪莲绒业", "清河县")} <= got
    assert not any(s in ("天猫", "京东") for s, _ in got)


def test_a_project_named_after_its_registered_owner():
    c = corpus_of("衡水市景县河北华通集团新型冷链车辆生产线投产。")
    assert ("河北华通集团", "新型冷链车辆生产线") in pairs(c, "involvedIn")
    assert ("新型冷链车辆生产线", "景县") in pairs(c, "locatedIn")


def test_a_brand_stays_in_its_projects_name():
    labels = {e.label for e in corpus_of("推动以岭药业现代中药产业化等项目加快建设。").entities.values()
              if e.type == "Project"}
    assert "以岭药业现代中药产业化" in labels


def test_gai_shi_in_a_city_story_is_the_city_not_a_county_level_city_in_passing():
    c = corpus_of("邢台“十四五”蓝图绘就\n邢台市提出，支持南宫市发展羊绒产业。今后5年，该市还将实施城市更新提质工程。")
    assert ("城市更新提质工程", "邢台市") in pairs(c, "issuedBy")


def test_gai_shi_in_a_county_level_city_story_is_that_city():
    c = corpus_of("南宫市羊绒产业提质\n南宫市出台政策支持企业。今年，该市还将实施羊绒品牌提升工程。")
    assert ("羊绒品牌提升工程", "南宫市") in pairs(c, "issuedBy")


def test_a_branch_is_in_the_district_it_names():
    c = corpus_of("邢台市公安局信都区分局开展普法宣传。")
    assert ("邢台市公安局信都区分局", "信都区") in pairs(c, "locatedIn")
    assert ("邢台市公安局信都区分局", "邢台市") not in pairs(c, "locatedIn")


def test_a_county_is_located_in_its_city_and_its_province_without_evidence():
    c = corpus_of("河北省衡水市武邑县发展金属橱柜产业。")
    located = {(c.entities[r.subject].label, c.entities[r.object].label)
               for r in c.relations if r.predicate == "locatedIn" and r.evidence is None}
    assert {("武邑县", "衡水市"), ("武邑县", "河北省")} <= located
    assert ("衡水市", "河北省") not in located  # only counties: a city's province is not annotated
