"""The linker: one entity per thing, within and across articles, on texts written for the tests."""
from hsgraph.ingest.read import RawArticle
from hsgraph.pipeline import build_corpus


def corpus_of(*texts):
    return build_corpus([RawArticle(f"t{i}.txt", t, "utf-8") for i, t in enumerate(texts)])


def entities(corpus, etype):
    return {e.label: e.aliases for e in corpus.entities.values() if e.type == etype}


def test_a_shortened_title_in_the_same_article_is_the_same_policy():
    c = corpus_of("邢台市实现了乡镇民生实事人大代表票决制全覆盖。代表说，人大代表票决制让群众满意。")
    pol = entities(c, "Policy")
    assert "乡镇民生实事人大代表票决制" in pol
    assert "人大代表票决制" in pol["乡镇民生实事人大代表票决制"]
    assert "人大代表票决制" not in pol


def test_a_short_title_in_another_article_stays_apart():
    c = corpus_of("邢台市实现了乡镇民生实事人大代表票决制全覆盖。", "保定市推行人大代表票决制。")
    assert {"乡镇民生实事人大代表票决制", "人大代表票决制"} <= set(entities(c, "Policy"))


def test_a_declared_short_name_is_an_alias_of_the_full_title():
    c = corpus_of("该市印发《沧州市制造业高质量发展三年行动实施方案》(以下简称《方案》)。"
                  "《方案》提出，到2025年培育百家专精特新企业。")
    pol = entities(c, "Policy")
    assert "方案" in pol["沧州市制造业高质量发展三年行动实施方案"]
    assert "方案" not in pol
    mentions = [m for e in c.entities.values() if e.label.startswith("沧州市制造业") for m in e.mentions]
    assert len(mentions) >= 3  # the title, its declared short name, and the later use


def test_both_spellings_of_a_five_year_plan_are_one_document():
    c = corpus_of("邯郸“十四五”规划和2035年远景目标纲要发布\n"
                  "在《邯郸市国民经济和社会发展第十四个五年规划和2035年远景目标纲要》中，该市提出建设强市。")
    plans = [e for e in c.entities.values() if e.type == "Policy" and "远景目标纲要" in e.label]
    assert len(plans) == 1
    assert "邯郸十四五规划和2035年远景目标纲要" in plans[0].aliases | {plans[0].label}


def test_plans_of_two_places_stay_apart():
    c = corpus_of("邯郸“十四五”规划和2035年远景目标纲要与邢台“十四五”规划和2035年远景目标纲要同时发布。")
    plans = [e for e in c.entities.values() if e.type == "Policy" and "远景目标纲要" in e.label]
    assert len(plans) == 2


def test_a_company_and_its_bare_brand_are_one_enterprise():
    c = corpus_of("武强县金音乐器集团扩大生产。金音乐器的产品远销海外。")
    ent = entities(c, "Enterprise")
    assert any("金音乐器" in aliases or label == "金音乐器" for label, aliases in ent.items())
    assert len(ent) == 1


def test_bodies_of_different_places_never_merge():
    c = corpus_of("河南工业大学专家来访。", "天津工业大学专家来访。", "衡水市民政局发放补贴。", "邢台市民政局发放补贴。")
    orgs = set(entities(c, "Organization"))
    assert {"河南工业大学", "天津工业大学", "衡水市民政局", "邢台市民政局"} <= orgs


def test_a_bureau_and_its_short_name_in_one_article_are_one():
    c = corpus_of("衡水市民政局开展走访。民政局工作人员带来慰问品。")
    orgs = entities(c, "Organization")
    assert "衡水市民政局" in orgs and "民政局" in orgs["衡水市民政局"]


def test_a_group_short_name_does_not_swallow_other_companies():
    c = corpus_of("河北远大集团扩产。", "湖南远大科技公司发布新品。远大的产品畅销。")
    assert "河北远大集团" in entities(c, "Enterprise")
    assert all("河北远大集团" not in aliases for label, aliases in entities(c, "Enterprise").items()
               if label != "河北远大集团")
