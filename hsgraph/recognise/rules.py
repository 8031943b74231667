"""Rule-based recognisers for names that no gazetteer can list.

Each rule anchors on a suffix from ``data/patterns.tsv`` (…有限公司, …产业园,
…实施方案) and reads the name leftwards over jieba tokens until a boundary
word (``data/boundary.txt``), punctuation or the rule's length limit.  A name
whose stem is generic (重点项目, 该公司) is dropped.  Every candidate carries
the id of the rule that produced it, which travels into the graph.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .data import rows, words
from .tokenise import Token, tokens


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    type: str
    name: str
    rule: str
    priority: int = 1   # higher wins an overlap of equal length


@dataclass(frozen=True)
class Pattern:
    rule: str
    type: str
    suffix: str
    max_len: int
    quoted_ok: bool


@functools.lru_cache(maxsize=1)
def patterns() -> tuple[Pattern, ...]:
    out = [Pattern(r[0], r[1], r[2], int(r[3]), r[4] == "1") for r in rows("patterns.tsv")]
    return tuple(sorted(out, key=lambda p: -len(p.suffix)))


@functools.lru_cache(maxsize=1)
def _suffix_re():
    alts = "|".join(re.escape(s) for s in sorted({p.suffix for p in patterns()}, key=len, reverse=True))
    return re.compile(f"(?:{alts})")


PROPER_POS = {"nr", "nrt", "nrfg", "nz", "ns", "nt", "j"}
# policy words that need a name of some length in front unless quoted or numbered
WEAK_POLICY = {"改革", "战略", "制度", "机制", "行动", "计划", "工程", "政策", "试点", "措施", "规划"}
# project words that need a proper name in front (冀深智能健康器具产业示范区, not 现代农业示范区)
WEAK_PROJECT = {"示范区", "基地", "生产基地", "片区", "景观", "新区", "文化带"}


def _has_proper(toks: list[Token], start: int, end: int) -> bool:
    from .tokenise import is_word
    return any(t.pos in PROPER_POS or (len(t.word) >= 2 and not is_word(t.word))
               for t in toks if start <= t.start and t.end <= end)


# words ending in a suffix that name nothing: 格局 is no 局
NOT_NAMES = {"格局", "布局", "大局", "开局", "结局", "全局", "当局", "新区", "片区", "园区", "景区", "城区", "社区"}
BOUNDARY_POS = {"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "d", "r", "y", "e", "o", "x", "w", "zg"}
NAME_JOINERS = set("+-·•－")
OPEN_Q, CLOSE_Q = "“《「『\"", "”》」』\""
# 工程 builds something when its name says what is built
WORKS = re.compile(r"路|桥|岛|河|湖|渠|管网|站|楼|馆|厂|线|改造|一期|二期|三期|搬迁|新建|扩建|修缮|绿化|公园|小区")
PHYSICAL_STEM = re.compile(r"[路桥岛河湖渠站楼馆厂园场港谷城区湾街道线]$")


def _is_boundary(tok: Token, name_type: str) -> bool:
    w = tok.word
    if w in words("boundary.txt") or _made_of_boundary_words(w):
        return True
    if any(ch in NAME_JOINERS for ch in w) and len(w) == 1:
        return False
    if tok.pos == "d" and name_type in ("Project", "Policy") and len(w) <= 2:
        return False  # 衡水湖慢行路改造提升一期工程: jieba's adverbs 慢, 一期, 便 inside names
    if tok.pos in BOUNDARY_POS or not w.strip():
        return True
    if name_type == "Industry" and tok.pos == "ns":
        return True  # 安平丝网: the place has the industry, it is not part of its name
    if tok.pos in ("m", "mq", "q") and name_type != "Policy":
        return True
    if tok.pos in ("t",) and re.search(r"\d|年|月|日", w):
        return True
    return False


@functools.lru_cache(maxsize=4096)
def _made_of_boundary_words(w: str) -> bool:
    """jieba sometimes joins two boundary words into one token: 顺利完成, 严格执行."""
    if len(w) < 4:
        return False
    b = words("boundary.txt")
    return any(w[:k] in b and (w[k:] in b or _made_of_boundary_words(w[k:])) for k in range(2, len(w) - 1))


def _generic(stem: str) -> bool:
    g = words("generic_names.txt")
    if not stem or stem in g:
        return True
    # made only of generic words (重点产业, 省级重点)
    rest = stem
    for _ in range(4):
        for w in sorted(g, key=len, reverse=True):
            if rest.startswith(w):
                rest = rest[len(w):]
                break
        else:
            break
    return rest == ""


def extend_left(text: str, toks: list[Token], suffix_start: int, name_type: str, max_len: int,
                suffix_end: int) -> int:
    """Where a name ending in a suffix at ``suffix_start`` begins."""
    start = suffix_start
    for tok in reversed(toks):
        if tok.start >= suffix_start:
            continue
        piece_end = min(tok.end, suffix_start)
        piece = Token(tok.start, piece_end, text[tok.start:piece_end], tok.pos)
        if _is_boundary(piece, name_type) and not _joins_places(text, toks, tok, name_type):
            break
        if suffix_end - tok.start > max_len:
            break
        start = tok.start
    # names do not start with a joiner, nor with a verb such as 加快建设
    leading = words("leading.txt")
    changed = True
    while changed and start < suffix_start:
        changed = False
        while start < suffix_start and text[start] in NAME_JOINERS:
            start, changed = start + 1, True
        for w in leading:
            if text.startswith(w, start) and start + len(w) <= suffix_start:
                start, changed = start + len(w), True
                break
    return start


def _joins_places(text: str, toks: list[Token], tok: Token, name_type: str) -> bool:
    """国际轮滑中心(衡水)北方训练基地, 桃城至冀州城市快速路: places inside a project's name."""
    if name_type != "Project":
        return False
    if tok.word in ("(", "（", ")", "）"):
        m = re.search(r"[(（]([\u4e00-\u9fff]{2,5})[)）]", text[max(0, tok.start - 6):tok.end + 6])
        return m is not None and _is_place_name(m.group(1))
    if tok.word == "至":
        before = next((t for t in reversed(toks) if t.end <= tok.start), None)
        after = next((t for t in toks if t.start >= tok.end), None)
        return bool(before and after and before.pos == "ns" and after.pos == "ns")
    return False


def _quoted_before(text: str, pos: int) -> int | None:
    """If a quoted phrase ends right before ``pos`` (“双提升”计划), where its quote opens.

    A short common word may sit between: “五个一百”产业项目."""
    gap = re.search(r"[”》」』](产业|重点|民生|示范|提升|建设)$", text[max(0, pos - 4):pos])
    if gap:
        pos -= len(gap.group(1))
    if pos == 0 or text[pos - 1] not in CLOSE_Q:
        return None
    close = text[pos - 1]
    opener = {"”": "“", "》": "《", "」": "「", "』": "『", '"': '"'}[close]
    j = text.rfind(opener, max(0, pos - 30), pos - 1)
    return j if j >= 0 else None


def suffix_candidates(text: str, toks: list[Token] | None = None) -> list[Candidate]:
    toks = toks if toks is not None else tokens(text)
    ends = {t.end for t in toks}
    out: list[Candidate] = []
    for m in _suffix_re().finditer(text):
        s, e = m.span()
        # the suffix must end a token, so 公园 does not fire inside 公园路's neighbour words
        if e not in ends and not any(t.start < e < t.end and t.word.endswith(m.group()) for t in toks):
            pass
        if text[max(0, s - 1):e] in NOT_NAMES:
            continue
        for pat in patterns():
            if pat.suffix != m.group():
                continue
            anchored = None
            q = _quoted_before(text, s) if pat.quoted_ok or pat.type in ("Policy", "Project") else None
            title = _title_around(text, s, e) if pat.type == "Policy" else None
            if title is not None:  # 《…实施细则》: the whole title is the name
                start, q = title, None
                name = text[start:e]
            elif q is not None:
                start = extend_left(text, toks, q, pat.type, pat.max_len, e)
                if text[start:q] and (_generic(text[start:q]) or not _is_place_name(text[start:q])):
                    start = q
                name = text[start:e]
            else:
                start = extend_left(text, toks, s, pat.type, pat.max_len, e)
                anchored = (_policy_anchor(text, s, e, pat.max_len)
                            if pat.type == "Policy" or pat.suffix == "工程" else None)
                if anchored is not None:
                    start = anchored
                name = text[start:e]
            stem = _strip_quotes(text[start:s])
            tail = re.match(r"\d+条", text[e:e + 5]) if pat.type == "Policy" else None
            # 实施城市空间优化工程: a programme spelled out in common words after its verb
            spelled_out = (anchored is not None and start == anchored and len(stem) >= 4
                           and pat.suffix in PROGRAMME_SUFFIXES and not WORKS.search(stem))
            # a quoted stem is a name however common its words (“小县大县城”战略)
            named = q is not None and len(stem) >= 3 and stem not in words("generic_names.txt")
            if len(stem) < 2 or (not tail and not spelled_out and not named
                                 and (_generic(stem) or _generic(_strip_quotes(name)))):
                break
            ctype, rule = pat.type, pat.rule
            marked = q is not None or title is not None or re.search(r"[\d一二三四五六七八九十百千双两]", stem)
            if pat.suffix in ("政府", "人民政府") and not (stem in "省市县区乡镇" or _leading_place(stem)):
                break  # 制造强市质量强市政府: a government is named after its place
            if pat.type == "Project" and pat.suffix in WEAK_PROJECT and not marked and not _has_proper(toks, start, s):
                break  # 现代农业示范区, 风貌景观: a description, not a name
            if pat.type == "Policy" and pat.suffix in WEAK_POLICY and not marked and len(_strip_quotes(stem)) < 4:
                break  # 监督机制, 补偿政策: a kind of measure, not a named one
            if pat.suffix in ("制度", "机制") and not marked:
                break  # 耕地保护制度, 动态更新机制: how things are run, not a named measure
            if q is None and title is None and re.search(r"[一二三四五六七八九十两\d]大", stem):
                break  # 九大工程, 全国四大保险柜生产基地: a count of things, not a name
            if text[s - 1:s] == "等" and title is None:
                break  # 安全红袖章、事故隐患大扫除等行动: a list's summary, not a name
            if pat.suffix.endswith("基地") and BASE_CLAIM.search(text[max(0, start - 16):start]):
                break  # 曹县是全国最大的汉服生产基地: a claim about an industry, not a project
            if pat.suffix == "战略" and re.match(r"合作|协议|投资|性|布局|定位|伙伴|转型", text[e:e + 2]):
                break  # 签订战略合作协议: strategy as an adjective
            if pat.type == "Project" and VENUE_AFTER.match(text[e:e + 4]):
                break  # 在市区九州广场举行: where an event took place
            if pat.suffix == "景观" and not marked:
                break  # 衡水湖旅游景区景观: the scenery of a place
            if pat.suffix.endswith("规划") and (PLAN_AS_VERB.match(text[e:e + 2]) or re.search(r"科学|统筹|合理$", stem)):
                break  # 周边片区规划建设, 加强村庄科学规划: planning as an activity
            if pat.suffix == "项目" and LIST_AFTER.match(text[e:e + 2]):
                break  # “我为群众办实事”项目清单: a list of projects
            if not tail and _counted(text, start, e):
                break  # 实施现代都市型农业项目29个: a category that is counted
            if pat.suffix == "工程":
                if q is None and WORKS.search(_unquoted(text[start:s])):
                    ctype, rule = "Project", "project.works"
                else:
                    ctype, rule = "Policy", "policy.programme"
            elif pat.suffix == "项目" and q is not None:
                ctype, rule = "Policy", "policy.programme"
            if tail and ctype == "Policy":  # 招商引资优惠政策20条
                e, name = e + tail.end(), name + tail.group()
            out.append(Candidate(start, e, ctype, _strip_quotes(name), rule))
            break
    return out


PROGRAMME_SUFFIXES = {"行动", "专项行动", "工程", "计划", "试验", "改革试验"}
DETERMINER = re.compile(r"^(?:一|各|每|全[市县区省国]|这|该|所有|有关|相关|新一轮|细化|最)")
PAUSE = set("，。；：！？,;:!?（）()《》\n 　")  # quotes may sit inside: 实施“清河羊绒”区域品牌提升工程
POLICY_SUFFIX_END = re.compile(r"(?:行动|工程|计划|战略|改革|制度|机制|政策|方案|规划|试点|细则|办法|措施)$")


def _policy_anchor(text: str, s: int, e: int, max_len: int) -> int | None:
    """Where a policy name starts when a policy verb introduces it: 持续开展了便民办税春风行动.

    The window runs back from the suffix to a pause; an enumeration comma is
    crossed only inside a parallel run (就近办、网上办、自助办提升工程).  Returns
    None when no verb is near, and the caller keeps its token-based edge.
    """
    leads = _policy_leads()
    i = s
    lo = max(0, e - max_len)
    while i > lo:
        ch = text[i - 1]
        if ch in PAUSE:
            return None
        if ch == "、" and not _parallel(text, i - 1):
            return None
        for w in leads:
            if text.startswith(w, i - len(w)):
                start = i
                if text.startswith("了", start):
                    start += 1
                start = _after_listed_policy(text, start, s)
                if "的" in text[start:s] or DETERMINER.match(text[start:s]):
                    return None  # 最严格的耕地保护制度, 一系列惠企政策: a description
                return start
        i -= 1
    return None


@functools.lru_cache(maxsize=1)
def _policy_leads() -> tuple[str, ...]:
    return tuple(sorted(words("policy_leads.txt"), key=len, reverse=True))


def _parallel(text: str, comma: int) -> bool:
    """就近办、网上办: the items around the comma end with the same character."""
    last = text[comma - 1] if comma else ""
    if not last or POLICY_SUFFIX_END.search(text[:comma]):
        return False
    return any(text[comma + k:comma + k + 1] == last for k in range(2, 5))


def _after_listed_policy(text: str, start: int, s: int) -> int:
    """引才引智工程和衡水学子回归行动: a conjunction after a complete name starts the next one."""
    for m in re.finditer(r"[和及与、]", text[start:s]):
        j = start + m.start()
        if POLICY_SUFFIX_END.search(text[start:j]):
            start = j + 1
    return start


VENUE_AFTER = re.compile(r"举行|举办|召开|开幕|启动仪式")
PLAN_AS_VERB = re.compile(r"建设|设计|布局")
LIST_AFTER = re.compile(r"清单|台账|库|储备")
COUNT_AFTER = re.compile(r"^(?:\d+|[一二三四五六七八九十百千]+)(?:个|项|家|座|条|处)")
COUNT_BEFORE = re.compile(r"(?:\d+|[一二三四五六七八九十百千]+)(?:个|项|家|座|条|处)(?:以上|多|左右)?(?:省级|市级|县级|国家级)?$")


def _counted(text: str, start: int, end: int) -> bool:
    return bool(COUNT_AFTER.match(text[end:end + 6]) or COUNT_BEFORE.search(text[max(0, start - 8):start]))


def _title_around(text: str, s: int, e: int) -> int | None:
    """Where the 《 opens when a suffix ends a 《title》."""
    if text[e:e + 1] != "》":
        return None
    j = text.rfind("《", max(0, s - 40), s)
    return j + 1 if j >= 0 and "》" not in text[j:s] else None


def _unquoted(s: str) -> str:
    """The words outside quotes: “清河羊绒”区域品牌提升工程 builds no river."""
    return re.sub(r"“[^”]*”|\"[^\"]*\"", "", s)


def _strip_quotes(s: str) -> str:
    return re.sub(r"[“”《》「」『』\"]", "", s)


# -- quoted names ------------------------------------------------------------

QUOTED = re.compile(r"“([^”“]{2,16})”")
POLICY_VERBS = re.compile(r"实施|推行|推进|推广|开展|探索|建立|实行|创新|深化|落实|启动|推出|出台|打造|创建")


QUOTE_RUN = re.compile(r"(?:“[^”“]{2,12}”[、和及与]?){2,}")
POLICY_CONTEXT = re.compile(r"改革|制度|政策|机制|模式|试点|经验|做法|举措|营商环境|服务|创新")


def quoted_policies(sentence: str) -> list[Candidate]:
    """“地押云贷”, “标准地+承诺制”: a short quoted phrase that a policy verb acts on,
    or a run of quoted names in a sentence about reforms and measures."""
    out = []
    for run in QUOTE_RUN.finditer(sentence):
        if not POLICY_CONTEXT.search(sentence):
            continue
        for m in QUOTED.finditer(sentence, run.start(), run.end()):
            inner = m.group(1)
            if (re.fullmatch(r"[\u4e00-\u9fff+＋\d·]{3,12}", inner) and not re.search(r"城市|新衡水|之城", inner)
                    and not set(inner) <= REGION_ABBREVIATIONS | set("地区")):
                out.append(Candidate(m.start() + 1, m.end() - 1, "Policy", inner, "policy.quoted_list"))
    listed = {c.start for c in out}
    for m in QUOTED.finditer(sentence):
        inner = m.group(1)
        after = sentence[m.end():m.end() + 4]
        if re.match(r"[战计改工制行试机模政项]", after):
            continue  # the suffix rules make the longer name
        if re.search(r"[，。！？,.!?：:；;、]", inner) or re.search(r"城市|新衡水|之城", inner):
            continue
        if re.match(r"\d+(?:\.\d+)?(?:公里|千米|米|亩|万|个|座|公顷)", sentence[m.end():m.end() + 8]):
            continue  # “四好农村路”445公里: something built and measured
        if re.match(r"[\u4e00-\u9fff]", sentence[m.end():m.end() + 1]) and not re.match(r"[等和与及]", sentence[m.end()]):
            continue  # “两品一标”农产品: the quote describes the noun after it
        if not POLICY_VERBS.search(sentence[max(0, m.start() - 20):m.start()]):
            continue
        if re.fullmatch(r"[\u4e00-\u9fff+＋\d、·]{4,12}", inner) is None:
            continue
        if not re.search(r"[+＋]|[一二三四五六七八九十百千万双\d]", inner):
            continue
        if m.start() + 1 not in listed:
            out.append(Candidate(m.start() + 1, m.end() - 1, "Policy", inner, "policy.quoted"))
    return out


# -- numbered institutes ---------------------------------------------------------

def institute_candidates(text: str, toks: list[Token]) -> list[Candidate]:
    """航天五院, 电科十四所: an academy or institute known by its number."""
    out = []
    starts = {t.start for t in toks}
    for m in re.finditer(r"([\u4e00-\u9fff]{2})([一二三四五六七八九十]{1,2})(院|所)(?!长|士|区|内)", text):
        stem = m.group(1)
        if stem in words("boundary.txt") or _generic(stem) or m.start(1) not in starts:
            continue
        out.append(Candidate(m.start(), m.end(), "Organization", m.group(), "org.numbered"))
    return out


# -- five-year plans ------------------------------------------------------------

FIVE_YEAR_PLAN = re.compile(
    r"(?:国民经济和社会发展)?(?:第[一二三四五六七八九十]+个五年|“?[一二三四五六七八九十]+五”?)规划"
    r"(?:和(?:\d{4}|[〇零一二三四五六七八九]{4})年远景目标纲要)?")


def plan_candidates(text: str, toks: list[Token]) -> list[Candidate]:
    """衡水“十四五”规划和2035年远景目标纲要: a plan's title, with the place that made it."""
    out = []
    for m in FIVE_YEAR_PLAN.finditer(text):
        s = m.start()
        place = next((text[s - k:s] for k in range(min(s, 12), 1, -1) if _leading_place(text[s - k:s]) == text[s - k:s]),
                     None)
        if place is None:
            continue  # whose plan it is must be said: 十四五规划 alone names no document
        start = s - len(place)
        out.append(Candidate(start, m.end(), "Policy", _strip_quotes(text[start:m.end()]), "policy.plan", 2))
    return out


def _leading_place(text: str) -> str:
    from .gazetteer import gazetteer
    gaz = gazetteer()
    return next((text[:k] for k in range(len(text), 1, -1) if text[:k] in gaz.full or text[:k] in gaz.short), "")


# -- industries ----------------------------------------------------------------

INDUSTRY_TAIL = re.compile(r"(产业集群|产业链|产业(?!化)|行业|制造业|加工业)")
INDUSTRY_CONTEXT_AFTER = re.compile(r"^(?:产业|行业|企业|产品|生产|基地|集群|之乡|之都|特色|园区|小镇|名城|大县|业)")
ENUM_INDUSTRY = re.compile(
    r"((?:[\u4e00-\u9fff]{2,8}、)+[\u4e00-\u9fff]{2,8}?)(?:等|和|及)?(?:(?:是|为)(?:该|全|本|我)?[县市区]?的?)?"
    r"(?:[一二三四五六七八九十两\d]+大)?"
    r"(?:主导|特色|优势|新兴|传统|支柱|战略性新兴|富民|重点)?(?:产业|行业|领域)")
# 设施葡萄是该村主导产业: the subject of “is the leading industry”
INDUSTRY_IS = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:是|(?<![作成认称])为)(?:该|全|本|我)?[县市区镇乡村]?(?:的)?"
                         r"(?:主导|特色|支柱|优势|首位|富民)产业")


def industry_like(stem: str) -> bool:
    """An industry is a known sector, or a phrase headed by a sector word (康复辅助器具)."""
    if stem in words("industries.txt"):
        return True
    return any(stem.endswith(h) for h in words("industry_heads.txt") | words("industries.txt"))


BASE_CLAIM = re.compile(r"(?:是|为|成为|建成)(?:全国|全省|国内|世界|中国|全球|华北|北方|江北|[\u4e00-\u9fff]{0,3}?)?"
                        r"(?:最大|重要|主要|知名|领先|最具影响力|[一二三四五六七八九十两]大)?(?:的)?$")
BASE_INDUSTRY = re.compile(r"(?:是|为|成为)(?:全国|全省|国内|世界|中国|全球|华北|北方|江北)?"
                           r"(?:最大|重要|主要|知名|领先|[一二三四五六七八九十两]大)?的?"
                           r"([\u4e00-\u9fff]{2,6}?)(?:生产|制造|加工|产业|出口|研发)基地")


# words that say what kind of industry, not which: 主导产业, 市域主导产业
INDUSTRY_KINDS = ("主导", "特色", "优势", "新兴", "传统", "支柱", "富民", "相关")
LEADING_MODIFIERS = set(INDUSTRY_KINDS) | {"首位", "重点", "战略性"}


def _product_noun(toks: list[Token], start: int, end: int) -> bool:
    """汉服产业, 羊肚菌产业: nouns of at most four characters before 产业 name a product sector."""
    inside = [t for t in toks if start <= t.start and t.end <= end]
    if any(t.word in LEADING_MODIFIERS or _generic(t.word) for t in inside):
        return False  # 市域主导产业, 区域产业: what kind of industry, not which
    return (0 < end - start <= 4 and bool(inside) and all(t.pos in ("n", "nz") for t in inside)
            and not _is_place_name(inside[0].word))


def industry_candidates(text: str, toks: list[Token], place_ends: frozenset[int] = frozenset()) -> list[Candidate]:
    vocab = words("industries.txt")
    generic = words("generic_names.txt")
    out: list[Candidate] = []
    # X产业 / X行业 / X制造业: the X read leftwards
    for m in INDUSTRY_TAIL.finditer(text):
        s, e = m.span()
        tail = m.group()
        start = extend_left(text, toks, s, "Industry", 10, e)
        stem = text[start:s]
        if tail in ("制造业", "加工业"):
            stem_name = text[start:e]
            if len(stem) >= 2 and not _generic(stem) and stem_name not in words("boundary.txt"):
                out.append(Candidate(start, e, "Industry", stem_name, "industry.sector"))
            continue
        # trim leading modifiers: 主导产业 is no industry, 金属橱柜 is
        while stem and any(stem.startswith(g) for g in INDUSTRY_KINDS):
            stem = stem[2:]
            start += 2
        if len(stem) < 2 or (stem not in vocab and (_generic(stem) or stem in generic)):
            continue
        if not industry_like(stem) and not _product_noun(toks, start, s):
            continue
        out.append(Candidate(start, e, "Industry", stem, "industry.suffix"))
    # enumerations before 产业/领域: A、B、C等主导产业
    for m in ENUM_INDUSTRY.finditer(text):
        items = m.group(1).split("、")
        base = m.start(1)
        for item in items:
            item_start = text.find(item, base)
            base = item_start + len(item)
            # drop leading verbs and places: 推动安平丝网 → 丝网 (安平 has it)
            lead = item_start
            item_end = item_start + len(item)
            for t in toks:  # 该园在新能源 → 新能源: a preposition or pronoun inside ends the lead
                if t.start >= item_start and t.end <= item_end - 2 and t.pos in ("p", "r"):
                    lead = t.end
            for t in toks:  # 推动安平丝网 → 丝网: then leading verbs and places
                if t.start == lead and t.end <= item_end - 2 and (
                        t.pos in ("ns", "p", "d") or t.word in words("boundary.txt")
                        or t.word in words("leading.txt")):
                    lead = t.end
            clean = text[lead:item_start + len(item)]
            clean = re.sub(r"(?:等|三大|四大|五大|六大)$", "", clean)
            if 2 <= len(clean) <= 8 and (clean in vocab or not _generic(clean)) and industry_like(clean):
                off = lead
                out.append(Candidate(off, off + len(clean), "Industry", clean, "industry.enumeration"))
    for m in BASE_INDUSTRY.finditer(text):  # 是全国最大的汉服生产基地
        stem = m.group(1)
        if not _generic(stem) and not any(w in stem for w in LEADING_MODIFIERS):  # the claim says it is one
            out.append(Candidate(m.start(1), m.end(1), "Industry", stem, "industry.base"))
    for m in INDUSTRY_IS.finditer(text):
        start = extend_left(text, toks, m.end(1), "Industry", 8, m.end(1))
        stem = text[max(start, m.start(1)):m.end(1)]
        if 2 <= len(stem) <= 6 and "产业" not in stem and (stem in vocab or not _generic(stem)):  # it says so
            out.append(Candidate(m.end(1) - len(stem), m.end(1), "Industry", stem, "industry.predicate"))
    # vocabulary terms used in an industry sense: 丝网企业, 安平丝网, 乐器产业
    for t in toks:
        if t.word in vocab and len(t.word) >= 2:
            after = text[t.end:t.end + 4]
            if INDUSTRY_CONTEXT_AFTER.match(after):
                out.append(Candidate(t.start, t.end, "Industry", t.word, "industry.vocabulary", 0))
            elif t.start in place_ends:  # 安平丝网, 武强乐器: a place and its industry
                out.append(Candidate(t.start, t.end, "Industry", t.word, "industry.compound", 0))
    return out


# -- towns, villages, persons ----------------------------------------------------

NOT_TOWN = {"乡村", "城镇", "小镇", "古镇", "城乡", "乡镇", "村镇", "本镇", "全镇", "该镇", "各乡", "特色小镇", "重点镇"}
NOT_VILLAGE_STEM = {"农", "乡", "全", "该", "各", "每", "本", "城中", "空心", "美丽乡", "一", "村", "邻", "山", "新农", "示范"}
TOWN_RE = re.compile(r"([\u4e00-\u9fff]{2,4}?)(镇|乡|街道)(?![村政长镇级域里土亲])")
VILLAGE_RE = re.compile(r"([\u4e00-\u9fff]{2,4}?)村(?![民委镇级庄落里容])")
TITLE_BEFORE = re.compile(r"(?:记者|通讯员|市长|县长|区长|书记|主任|局长|院长|校长|总经理|董事长|经理|厂长|负责人|村民|市民|大户|秘书长|代表|委员|教授|专家|主席|会长|社长|站长|所长)$")
SAY_AFTER = re.compile(r"^(?:说|表示|介绍|告诉|坦言|笑着说|指出|认为)")


def settlement_candidates(text: str, toks: list[Token]) -> list[Candidate]:
    out: list[Candidate] = []
    starts = {t.start for t in toks}
    for rx, typ, rule, bad in ((TOWN_RE, "Town", "town.suffix", NOT_TOWN),
                               (VILLAGE_RE, "Village", "village.suffix", NOT_VILLAGE_STEM)):
        for m in rx.finditer(text):
            stem = m.group(1)
            s = m.start(1)
            # take the shortest stem that starts on a token boundary
            for k in range(len(stem) - 2, -1, -1):
                if s + k in starts:
                    s, stem = s + k, stem[k:]
                    break
            name = stem + m.group(2) if typ == "Town" else stem + "村"
            if stem in bad or name in bad or _generic(stem) or len(stem) < 2 or name.endswith(("乡村", "城镇", "城乡")):
                continue
            if any(stem.startswith(w) for w in words("boundary.txt") if len(w) >= 2) or stem[0] in "和与及是在的了":
                continue  # 推动乡村, 和乡村, 是古镇
            if typ == "Town" and (re.search(r"城$", stem) or name.endswith(("小镇", "古镇"))):
                continue  # 玫瑰小镇, 阎里古镇: themed towns are projects, not townships
            if typ == "Village" and stem[-1] in "庄屯营寨堡店集铺坊桥洼窝":
                rule = "village.typical"
            out.append(Candidate(s, s + len(name), typ, name, rule))
    return out


def person_candidates(text: str, toks: list[Token]) -> list[Candidate]:
    out = []
    for t in toks:
        if t.pos != "nr" or not 2 <= len(t.word) <= 3:
            continue
        before, after = text[max(0, t.start - 6):t.start], text[t.end:t.end + 4]
        if TITLE_BEFORE.search(before.rstrip()) or SAY_AFTER.match(after):
            out.append(Candidate(t.start, t.end, "Person", t.word, "person.title"))
    return out


# -- enumerations typed by what follows --------------------------------------------

ENUM_TYPED = re.compile(
    r"((?:[\u4e00-\u9fff（）()]{2,16}、)*[\u4e00-\u9fff（）()]{2,16})等(?:[一二三四五六七八九十\d]+(?:个|家|多家))?"
    r"(?:规模以上|规上|科技型|高新技术|龙头|重点|知名|主流|骨干|上市|领军|头部|国内|国际)?"
    r"(?P<what>重大项目|重点项目|产业项目|项目|企业|公司|电商平台|电商)")
# “与A、B等开展战略合作”: partners named without a legal form are companies
ENUM_PARTNERS = re.compile(
    r"与((?:[\u4e00-\u9fff]{2,10}、)+[\u4e00-\u9fff]{2,10})等(?:[\u4e00-\u9fff]{0,4})?(?:开展|进行|达成|签订|深化)"
    r"[\u4e00-\u9fff]{0,4}合作")
ORG_END = re.compile(r"(?:大学|学院|研究院|研究所|科学院|院|所|局|委|办|政府|中心|协会|商会|医院|学校|银行)$")


def enumeration_candidates(text: str, toks: list[Token]) -> list[Candidate]:
    """“A、B、C等重大项目”: each listed name is of the type the list ends with."""
    out = []
    found = [(m, "Project" if "项目" in m.group("what") else "Enterprise") for m in ENUM_TYPED.finditer(text)]
    found += [(m, "Enterprise") for m in ENUM_PARTNERS.finditer(text)]
    for m, typ in found:
        base = m.start(1)
        items = m.group(1).split("、")
        for idx, item in enumerate(items):
            off = text.find(item, base)
            base = off + len(item)
            if idx == 0:  # the first item's left edge: read back to a boundary
                s = extend_left(text, toks, off + len(item), typ, 16, off + len(item))
                if s > off:
                    off, item = s, text[s:off + len(item)]
            if typ == "Enterprise" and (ORG_END.search(item) or _leading_place(item) == item):
                continue  # 中科院, 北京: partners that are no companies
            if len(item) >= 2 and not _generic(item) and (len(item) >= 3 or typ == "Enterprise"):
                out.append(Candidate(off, off + len(item), typ, item, f"{typ.lower()}.enumeration", 0))
    return out


# -- enterprise short names ------------------------------------------------------

# one-character abbreviations of provinces and well-known cities (京津冀, 冀深)
REGION_ABBREVIATIONS = set("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀贵黔云滇藏陕甘陇青宁新港澳台雄深衡石")


def _is_place_name(text: str) -> bool:
    """Does ``text`` start with a division's name (full or short)?"""
    return bool(_leading_place(text))


def brand_candidates(text: str, toks: list[Token]) -> list[Candidate]:
    """奥笛柜业, 以岭药业: a brand stem before a company-ish word, then a boundary."""
    suffixes = words("enterprise_suffixes.txt")
    vocab = words("industries.txt")
    out = []
    for i, t in enumerate(toks):
        if t.word not in suffixes or i == 0:
            continue
        after = text[t.end:t.end + 2]
        if re.match(r"产业|行业|领域|企业|技术|创新|园|城|小镇|基地|[等]?[产业]", after):
            continue
        # the stem: one or two tokens, 2 to 4 characters, not generic words
        j = i - 1
        stem_start = toks[j].start
        if len(toks[j].word) == 1 and j > 0 and toks[j - 1].pos not in BOUNDARY_POS and len(toks[j - 1].word) <= 2:
            stem_start = toks[j - 1].start
        stem = text[stem_start:t.start]
        prev = toks[j].pos
        if not 2 <= len(stem) <= 4 or _generic(stem) or stem in vocab or stem in suffixes:
            continue
        if any(ch.isdigit() for ch in stem) or prev in BOUNDARY_POS or prev in ("v", "vn", "m", "q", "t", "f"):
            continue
        if not any(tk.pos in PROPER_POS for tk in toks[j - (1 if stem_start < toks[j].start else 0):i]):
            continue
        if stem in words("boundary.txt") or _is_place_name(stem) or set(stem) <= REGION_ABBREVIATIONS:
            continue  # 武邑智能, 京津科技: a place and a sector, not a brand
        before = text[max(0, stem_start - 1):stem_start]
        if before and re.match(r"[\u4e00-\u9fff]", before) and toks[j - 1 if j > 0 else 0].word not in words("boundary.txt") \
                and toks[j - 1 if j > 0 else 0].pos not in ("ns",) and stem_start == toks[j].start and j > 0 \
                and toks[j - 1].pos not in BOUNDARY_POS:
            continue  # inside a longer phrase
        out.append(Candidate(stem_start, t.end, "Enterprise", text[stem_start:t.end], "enterprise.brand", 0))
    return out
