"""Each recogniser on short sentences written for the tests."""
import pytest

from hsgraph.recognise.typer import Typer

from hsgraph.ingest.read import RawArticle
from hsgraph.pipeline import make_document
from hsgraph.recognise.annotate import recognise
from hsgraph.recognise.gazetteer import gazetteer
from hsgraph.recognise.rules import (industry_candidates, quoted_policies, settlement_candidates,
                                     suffix_candidates)
from hsgraph.recognise.tokenise import tokens


def places(text):
    return {(m.surface, m.place.key) for m in gazetteer().find(text)}


RULES_ONLY = Typer(None)


def found(text):
    """What the rules (and LAC's people and bodies) find, before the learned typer weighs them."""
    doc = make_document(RawArticle("t.txt", text, "utf-8"))
    return {(m.type, m.name) for m in recognise(doc, typer=RULES_ONLY)}


@pytest.mark.parametrize("text, surface, code", [
    ("石家庄市深泽县发展纺织业。", "深泽县", "130128"),
    ("邯郸市曲周县的羊绒很有名。", "曲周县", "130435"),
    ("沧州市河间市是电缆之乡。", "河间市", "130984"),
    ("浙江省义乌市的小商品远销海外。", "义乌市", "330782"),
    ("衡水市安平县的丝网产业。", "安平县", "131125"),
    ("十年前的冀州市如今是冀州区。", "冀州市", "131103"),
    ("河北衡水高新技术产业开发区招商引资。", "河北衡水高新技术产业开发区", "131171"),
])
def test_gazetteer_finds_divisions_nationwide(text, surface, code):
    assert (surface, code) in places(text)


def test_short_forms_need_their_city_in_context():
    assert ("安平", "131125") in places("衡水市提出，安平要做强丝网。")
    assert not any(code == "131125" for _, code in places("安平要做强丝网。"))
    assert not any(s == "和平" for s, _ in places("衡水市和平铝业加快发展。"))
    assert ("和平", "120101") in places("天津市和平区的和平商圈很热闹。") or \
        ("和平区", "120101") in places("天津市和平区的和平商圈很热闹。")


@pytest.mark.parametrize("text", [
    "双方坚持和平发展。",
    "和平是人类的共同愿望。",
    "河北省衡水市和平铝业加快发展。",
])
def test_a_short_form_without_its_city_is_not_a_place(text):
    assert not any(s == "和平" for s, _ in places(text))


def test_newspaper_and_street_names_are_not_places():
    assert not any(s == "河北" for s, _ in places("河北日报记者报道。"))
    assert not any(s == "河北" for s, _ in places("据河北日报报道，衡水市安平县丝网产业发展良好。"))
    assert ("衡水市", "131100") in places("据河北日报报道，衡水市安平县丝网产业发展良好。")
    assert not any(s == "大庆" for s, _ in places("黑龙江省内，大庆路西延工程通车。"))


@pytest.mark.parametrize("text, typ, name", [
    ("近日，邢台市华兴机械制造有限公司新上一条生产线。", "Enterprise", "华兴机械制造有限公司"),
    ("今年，曲周县加快建设羊绒科技产业园。", "Project", "曲周县羊绒科技产业园"),
    ("石家庄市正在建设石雄城际铁路。", "Project", "石雄城际铁路"),
    ("京雄高铁开通后，雄安新区交通更加便利。", "Project", "京雄高铁"),
    ("饶阳县正在建设饶阳通用机场。", "Project", "饶阳通用机场"),
    ("衡水北方机场建设有序推进。", "Project", "衡水北方机场"),
    ("衡水市华美机械制造有限公司扩大产能。", "Enterprise", "华美机械制造有限公司"),
    ("邯郸市印发《羊绒产业集群发展实施方案》。", "Policy", "羊绒产业集群发展实施方案"),
    ("曲周县深化“放管服”改革。", "Policy", "放管服改革"),
    ("曲周县推出招商引资优惠政策20条。", "Policy", "招商引资优惠政策20条"),
])
def test_suffix_rules(text, typ, name):
    names = {(c.type, c.name.replace("加快建设", "")) for c in suffix_candidates(text, tokens(text))}
    assert any(t == typ and n.endswith(name.removeprefix("曲周县")) for t, n in names), names


@pytest.mark.parametrize("text, name", [
    ("邯郸市印发《羊绒产业集群发展实施方案》。", "羊绒产业集群发展实施方案"),
    ("衡水市政府印发《衡水市金属橱柜产业发展实施方案》，推动产业升级。", "衡水市金属橱柜产业发展实施方案"),
])
def test_a_titled_policy_is_the_whole_title_without_its_brackets(text, name):
    policies = [c for c in suffix_candidates(text, tokens(text)) if c.type == "Policy"]
    assert [c.name for c in policies] == [name]
    assert text[policies[0].start - 1] == "《" and text[policies[0].end] == "》"


@pytest.mark.parametrize("text, core", [
    ("曲周县深化“放管服”改革。", "放管服改革"),
    ("深泽县深化“证照分离”改革。", "证照分离改革"),
])
def test_a_quoted_reform_is_a_policy_without_quotes(text, core):
    names = [c.name for c in suffix_candidates(text, tokens(text)) if c.type == "Policy"]
    assert any(n.endswith(core) for n in names), names
    assert not any(q in n for n in names for q in "“”")


@pytest.mark.parametrize("text", ["曲周县谋划了一批重点项目。", "该公司今年效益很好。", "各类产业园区加快发展。",
                                  "武邑县积极谋划重点项目。", "当地谋划了一批重点项目和产业园区。"])
def test_generic_words_name_nothing(text):
    assert not [c for c in suffix_candidates(text, tokens(text)) if c.type in ("Project", "Enterprise")]


@pytest.mark.parametrize("text", ["羊绒产业是曲周的特色。", "曲周县羊绒产业集群发展迅速。", "曲周县羊绒行业发展迅速。"])
def test_an_industry_name_drops_its_trailing_industry_word(text):
    names = {c.name for c in industry_candidates(text, tokens(text))}
    assert "羊绒" in names
    assert not {n for n in names if n.startswith("羊绒") and n != "羊绒"}


def test_industries_drop_their_tail_and_need_an_industry_sense():
    text = "曲周县把羊绒产业作为特色产业，做大电线电缆行业。"
    names = {c.name for c in industry_candidates(text, tokens(text))}
    assert {"羊绒", "电线电缆"} <= names
    assert "特色" not in names
    assert not industry_candidates("他买了一把吉他和一些民生保障物资。", tokens("他买了一把吉他和一些民生保障物资。"))


def test_quoted_policy_lists():
    text = "曲周县推行“标准地+承诺制”、“一会三书一证”等改革举措。"
    assert {c.name for c in quoted_policies(text)} == {"标准地+承诺制", "一会三书一证"}
    assert not quoted_policies("他说“今天天气很好”。")


@pytest.mark.parametrize("text, typ, name", [
    ("邯郸市曲周县河南疃镇东马庄村种植辣椒。", "Town", "河南疃镇"),
    ("邯郸市曲周县河南疃镇东马庄村种植辣椒。", "Village", "东马庄村"),
    ("饶阳县王同岳镇张庄村建起大棚。", "Town", "王同岳镇"),
    ("饶阳县王同岳镇张庄村建起大棚。", "Village", "张庄村"),
    ("枣强县大营镇的皮毛市场很大。", "Town", "大营镇"),
])
def test_settlement_rules_find_towns_and_villages(text, typ, name):
    assert (typ, name) in {(c.type, c.name) for c in settlement_candidates(text, tokens(text))}


@pytest.mark.parametrize("text", ["城镇化和乡村振兴。", "乡村振兴是大事。", "新型城镇化加快推进。",
                                  "城乡融合发展，乡镇企业增多。", "美丽乡村建设取得成效。"])
def test_settlement_rules_do_not_take_common_nouns_for_names(text):
    names = {c.name for c in settlement_candidates(text, tokens(text))}
    assert not names & {"乡村", "城镇", "城乡", "乡镇", "美丽乡村"}


def test_towns_and_villages_where_the_text_places_them():
    got = found("邯郸市曲周县河南疃镇东马庄村种植辣椒。")
    assert ("Town", "河南疃镇") in got and ("Village", "东马庄村") in got
    assert not {t for t, _ in found("邯郸市推进城乡融合和乡村振兴。") if t in ("Town", "Village")}
    text = "城镇化和乡村振兴。"
    assert not settlement_candidates(text, tokens(text)) or all(
        c.name not in ("城镇", "乡村") for c in settlement_candidates(text, tokens(text)))


def test_company_keeps_a_short_place_prefix_but_not_a_full_county():
    assert ("Enterprise", "华信钢木制品有限公司") in found("衡水市武邑县华信钢木制品有限公司生产金属橱柜。")
    assert ("Enterprise", "安平大华食品有限公司") in found("衡水市安平大华食品有限公司扩大生产。")


def test_verbs_and_common_words_stay_out_of_names():
    got = found("衡水市推动乡村振兴和城镇化发展。")
    assert not [n for t, n in got if t in ("Town", "Village")]
    got = found("邢台市深泽县全面推开“证照分离”改革，安平县聚力建设丝网智能制造产业园。")
    assert ("Policy", "证照分离改革") in got
    assert ("Project", "丝网智能制造产业园") in got


@pytest.mark.parametrize("text, name", [
    ("该区持续开展了便民利企服务月行动，确保政策落地。", "便民利企服务月行动"),
    ("该县出台了住院统筹基金管理实施细则，方便群众就医。", "住院统筹基金管理实施细则"),
    ("该市将实施城乡风貌整体提升工程，增加绿地。", "城乡风貌整体提升工程"),
    ("全力推进政务服务马上办、一次办、掌上办提升工程，推动平台延伸。", "政务服务马上办、一次办、掌上办提升工程"),
    ("开展重点行业产能稳定性和竞争力提升行动。", "重点行业产能稳定性和竞争力提升行动"),
])
def test_a_policy_verb_starts_the_policy_name(text, name):
    assert ("Policy", name) in found(text)


def test_a_policy_verb_does_not_swallow_a_listed_name_or_a_description():
    names = {n for t, n in found("开展人才回流工程和青年返乡行动，实施最严格的水资源管理制度。") if t == "Policy"}
    assert {"人才回流工程", "青年返乡行动"} <= names
    assert not any("最严格" in n or "工程和" in n for n in names)


def test_a_quoted_stem_of_common_words_is_still_a_name():
    assert ("Policy", "大县城小城镇战略") in found("深入实施“大县城小城镇”战略，带动发展。")


@pytest.mark.parametrize("text, name", [
    ("加快建设太原至忻州城市快速路，方便出行。", "太原至忻州城市快速路"),
    ("启动国际攀岩中心(沧州)南方训练基地建设。", "国际攀岩中心(沧州)南方训练基地"),
    ("完成滹沱河慢行路改造提升一期工程，加快绿化。", "滹沱河慢行路改造提升一期工程"),
    ("实施“三个一百”重点项目，带动投资。", "三个一百重点项目"),
])
def test_project_and_programme_names_keep_their_inner_parts(text, name):
    assert name in {n for _, n in found(text)}


@pytest.mark.parametrize("text, bad", [
    ("实施城市道路提升等八大工程，力争完成目标。", "八大工程"),
    ("辛集市是全国三大皮革生产基地之一。", "全国三大皮革生产基地"),
    ("实施现代设施农业项目15个，调整结构。", "现代设施农业项目"),
    ("推进5个省级乡村振兴示范区建设。", "乡村振兴示范区"),
    ("健全防汛值守和险情报告制度。", "险情报告制度"),
    ("完善信息资源动态更新机制。", "信息资源动态更新机制"),
    ("企业才能顺利完成生产线升级改造。", "顺利完成生产线"),
    ("坚定不移做大做强开发区。", "做强开发区"),
    ("抢先搭建“京沧”“津沧”地区协同创新联盟。", "京沧"),
    ("建成“四好农村路”1300公里。", "四好农村路"),
])
def test_counts_descriptions_and_region_pairs_are_not_names(text, bad):
    assert bad not in {n for _, n in found(text)}


def test_only_a_place_joins_a_quoted_programme_from_the_left():
    names = {n for t, n in found("实施高新技术企业、科技型中小企业“双提升”计划。") if t == "Policy"}
    assert "双提升计划" in names and not any(n.startswith("科技型") for n in names)


@pytest.mark.parametrize("text, names", [
    ("目前，已培育金盾柜业、远航环保科技等规模以上企业两家。", {"金盾柜业", "远航环保科技"}),
    ("星辰光电、华岳智机等科技型企业成功入驻。", {"星辰光电", "华岳智机"}),
    ("与盒马、拼多多等主流电商进行战略合作。", {"盒马", "拼多多"}),
    ("与永辉、物美等开展战略合作。", {"永辉", "物美"}),
])
def test_listed_names_take_the_type_the_list_ends_with(text, names):
    assert {("Enterprise", n) for n in names} <= found(text)


def test_listed_partners_that_are_places_or_institutes_are_no_companies():
    ents = {n for t, n in found("与清华大学、石家庄等开展战略合作。") if t == "Enterprise"}
    assert not ents


@pytest.mark.parametrize("text, name", [
    ("邯郸“十四五”规划和2035年远景目标纲要发布", "邯郸十四五规划和2035年远景目标纲要"),
    ("《保定市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》提出",
     "保定市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"),
])
def test_five_year_plan_titles(text, name):
    assert ("Policy", name) in found(text)


def test_the_subject_of_is_the_leading_industry_is_an_industry():
    assert ("Industry", "设施草莓") in found("大棚连片。设施草莓是该村主导产业，种植面积300亩。")


def test_sector_lists_before_lingyu_and_vocabulary_terms_of_common_words():
    names = {n for t, n in found("该园在新能源、生命健康、电子信息等领域产出一批成果。") if t == "Industry"}
    assert {"新能源", "生命健康", "电子信息"} <= names


def test_lists_of_information_are_no_industries():
    names = {n for t, n in found("包括依法履职中产生的信用信息、分级分类监管信息、重点行业人员信息等。") if t == "Industry"}
    assert not any(n.endswith("信息") for n in names)


def test_a_short_county_before_a_company_is_its_place_when_the_name_starts_with_a_province():
    names = {n for t, n in found("邢台市清河德润羊绒制品有限公司和南宫河北宏业羊绒有限公司扩产。") if t == "Enterprise"}
    assert {"清河德润羊绒制品有限公司", "河北宏业羊绒有限公司"} <= names


def test_a_quoted_brand_inside_a_programme_name():
    assert ("Policy", "清河羊绒区域品牌提升工程") in found("该县实施“清河羊绒”区域品牌提升工程，打响品牌。")


def test_a_list_summary_is_not_a_name():
    assert not any(n.endswith("等行动") for _, n in found("开展安全生产月、隐患大排查等行动。"))


@pytest.mark.parametrize("text, name", [
    ("汉服产业带动了全县电商发展。", "汉服"),
    ("该县羊肚菌产业发展迅速。", "羊肚菌"),
    ("曹县是全国最大的演出服生产基地。", "演出服"),
])
def test_product_sectors_outside_the_vocabulary(text, name):
    assert ("Industry", name) in found(text)


@pytest.mark.parametrize("text", ["推动市域主导产业发展。", "促进区域产业协同。", "该县是全国四大保险柜生产基地之一。"])
def test_kinds_of_industry_and_base_claims_are_not_products_or_projects(text):
    got = found(text)
    assert not any(n in ("市域主导", "区域", "四大保险柜") for _, n in got)
    assert not any(t == "Project" for t, _ in got)


@pytest.mark.parametrize("text, bad", [
    ("邢台市志愿服务活动在市区人民广场举行。", "人民广场"),
    ("对白洋淀旅游景区景观进行全面提升。", "白洋淀旅游景区景观"),
    ("启动高铁东站周边片区规划建设。", "高铁东站周边片区规划"),
    ("加强村庄科学规划，提升服务水平。", "村庄科学规划"),
    ("指导各部门建立“办实事”项目清单。", "办实事项目"),
    ("新增10个“三品一标”农产品认证。", "三品一标"),
    ("新创5个以上省级乡村振兴示范区。", "乡村振兴示范区"),
])
def test_venues_activities_lists_and_modifiers_are_no_names(text, bad):
    assert bad not in {n for _, n in found(text)}


def test_themed_towns_are_projects_not_townships():
    got = found("邢台市南和区宠物小镇、内丘县扁鹊古镇等一批特色小镇正在成长。")
    assert {n for t, n in got if t == "Project"} >= {"邢台市南和区宠物小镇", "内丘县扁鹊古镇"}
    assert not any(t == "Town" for t, _ in got)


def test_a_bare_high_tech_zone_is_the_zone_of_the_city_named():
    assert ("高新区", "131171") in places("衡水市统筹桃城区、高新区开展促消费活动。")
    assert not any(s == "高新区" for s, _ in places("高新区开展促消费活动。"))


def test_district_names_that_are_common_words_need_their_city():
    assert not places("高铁站区域的建设带动站前区4村1厂的改造。")
    assert ("站前区", "210802") in places("营口市站前区举办招商会。")
    assert ("桃城区", "131102") in places("桃城区举办招商会。")


def test_a_strategic_cooperation_is_no_strategy():
    got = found("驼峰集团与中国医学科学院签订战略合作协议。")
    assert not any(t == "Policy" for t, _ in got)
    assert ("Organization", "中国医学科学院") in got


def test_a_sector_list_that_is_the_citys_leading_industries():
    names = {n for t, n in found("长垣市是起重机械名城，起重装备、医疗器械、防腐建材是该市三大主导产业。") if t == "Industry"}
    assert {"起重装备", "医疗器械", "防腐建材"} <= names


@pytest.mark.parametrize("text, names", [
    # a city accepted through its province vouches for its counties
    ("陕西宝鸡有奶山羊。在宝鸡的邻县千阳，同样把奶山羊作富民产业。", {"宝鸡市", "千阳县"}),
    # a city written right before its county
    ("在承德平泉，食用菌是主导产业。", {"承德市", "平泉市"}),
    # a province before a list of its counties
    ("浏阳、醴陵和江西的上栗、万载四个主产区。", {"上栗县", "万载县"}),
    # 长沙 is 长沙市 in an article that names 浏阳市, not 长沙县
    ("湖南省浏阳市是长沙地区唯一入选的集群。", {"长沙市", "浏阳市"}),
])
def test_short_place_names_vouched_for_by_the_places_around_them(text, names):
    got = {m.place.name for m in gazetteer().find(text)}
    assert names <= got


def test_a_short_county_name_alone_is_no_place():
    assert not {m.place.name for m in gazetteer().find("千阳自上世纪七十年代起养羊。")} & {"千阳县"}


def test_statistical_tagger_windows_cover_the_text_exactly():
    from hsgraph.recognise.statistical import windows
    text = ("河北省衡水市武邑县，" * 90) + "无标点" * 300
    pieces = list(windows(text, 100))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 100 for _, p in pieces)
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]
    assert pieces[0][1].endswith("，")  # cut after a comma where one is near


def test_statistical_spans_of_a_long_text_sit_on_the_names():
    from hsgraph.recognise.statistical import default_tagger
    text = "今年张建国在北京工作，" * 60
    spans = default_tagger().tag([text])[0]
    people = [text[s.start:s.end] for s in spans if s.tag == "PER"]
    assert people and set(people) == {"张建国"}
