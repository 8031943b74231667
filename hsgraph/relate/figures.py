"""Figures as data: amounts, counts, areas and growth rates attached to the entity they describe.

累计投资15亿元 on a project becomes 1500000000 CNY, 企业500多家 becomes 500
with the marker 多, 三至五亿元 becomes 300000000 up to 500000000, and
营业收入…同比增长12% a revenueGrowth of 12 percent.  Conversion is exact
(Decimal), so 1.2万 is 12000 and never 11999.999….  What a number measures
comes from ``data/figures.tsv``, the words it is written with from
``data/figures_units.tsv``; this module only puts them together.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

import cn2an

from ..model import Corpus, Document, Evidence, Figure, Mention, Sentence
from ..recognise.data import table
from .context import ANAPHORA, resolve_anaphor, story_focus

CN_DIGITS = "零〇一二两三四五六七八九十"
# an Arabic number, a Chinese numeral (一亿五千万, 三十), or a bare magnitude after a marker (超百亿元)
NUMBER = (rf"\d+(?:\.\d+)?|[{CN_DIGITS}][{CN_DIGITS}百千万亿点]*|[百千](?=[万亿元家])")
CLAUSE = re.compile(r"[^，,；;：:。！？!?]+")
CLAUSE_START = set("，,；;：:。！？!?")
PLACES = ("County", "City")
CONFIDENCE = {"clause": 0.7, "subject": 0.6, "story": 0.5}


@dataclass(frozen=True)
class RangeFigure(Figure):
    """A figure stated as a range (3—5亿元): ``value`` is the lower end, ``upper`` the upper end."""
    upper: str = ""


# ---------------------------------------------------------------- words and units


@functools.lru_cache(maxsize=1)
def _units() -> dict[str, dict[str, str]]:
    """Role → {word: value} from figures_units.tsv."""
    out: dict[str, dict[str, str]] = {}
    for r in table("figures_units.tsv"):
        out.setdefault(r["role"], {})[r["word"]] = r.get("value") or ""
    return out


def _alternation(role: str) -> str:
    """The words of one role as a regex alternation, longest first so 超过 wins over 超."""
    return "|".join(re.escape(w) for w in sorted(_units()[role], key=lambda w: (-len(w), w)))


def _fraction(text: str) -> Decimal:
    """A value column: an integer, a decimal or a fraction such as 10000/15 (square metres per 亩)."""
    num, _, den = text.partition("/")
    return Decimal(num) / Decimal(den or 1)


def number_value(text: str) -> Decimal:
    """An Arabic or Chinese number as written → Decimal; a bare 百 / 千 (超百亿元) is 1 of it.

    >>> number_value("一亿五千万"), number_value("12.5")
    (Decimal('150000000'), Decimal('12.5'))
    """
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    if text in ("百", "千"):
        return Decimal(1) * (100 if text == "百" else 1000)
    return Decimal(str(cn2an.cn2an(text, "normal")))


def convert(num: str, mult: str | None, unit: str) -> tuple[Decimal, str]:
    """Number, multiplier and unit as written → (value, unit code): money in its currency,
    areas in square metres (two decimals), counts plain.

    >>> convert("15", "亿", "元")
    (Decimal('1500000000'), 'CNY')
    """
    u = _units()
    value = number_value(num) * (Decimal(u["multiplier"][mult]) if mult else 1)
    if unit in u["money"]:
        return value, u["money"][unit]
    if unit in u["area"]:
        return (value * _fraction(u["area"][unit])).quantize(Decimal("0.01")), "m2"
    return value, "count"


def approximate_marker(pre: str | None, post: str | None) -> str:
    """The approximation markers as written (超过, 多, 余 …); link words such as 达 are no marker."""
    markers = set(_units()["approx.before"]) | set(_units()["approx.after"]) | set(_units()["approx.end"])
    return "".join(x for x in (pre, post) if x and x in markers)


# ---------------------------------------------------------------- patterns


def _quantity(kind: str) -> str:
    """A regex for one amount of ``kind``, with markers, an optional range and the unit."""
    mult, approx = _alternation("multiplier"), _alternation("approx.after")
    one = rf"(?P<num>{NUMBER})(?P<post>{approx})?(?P<mult>{mult})?"
    two = rf"(?:(?P<range>{_alternation('range')})(?P<num2>{NUMBER})(?P<mult2>{mult})?)?"
    return (rf"(?P<pre>{_alternation('approx.before')})?{one}{two}(?P<post2>{approx})?"
            rf"(?P<unit>{_alternation(kind)})(?P<end>{_alternation('approx.end')})?")


def _gap() -> str:
    """Link words and markers between a cue and its number: 达到, 约, 预计超过."""
    return rf"(?P<gap>(?:{_alternation('link')}|{_alternation('approx.before')})*)"


def _growth() -> str:
    """A growth rate: 同比增长12%, 下降约3.5%."""
    return (rf"(?P<gword>{_alternation('growth')})(?P<gpre>{_alternation('approx.before')})?"
            rf"(?P<gnum>\d+(?:\.\d+)?)(?:{_alternation('percent')})(?P<gend>{_alternation('approx.end')})?")


@dataclass(frozen=True)
class Rule:
    """One row of figures.tsv with its compiled patterns."""
    rule: str
    measure: str
    attach: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]
    growth: re.Pattern
    not_before: re.Pattern | None
    not_after: re.Pattern | None


@functools.lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    out = []
    for r in table("figures.tsv"):
        qty = _quantity(r["kind"])
        pats = [re.compile(rf"(?:{r['cue']}){_gap()}{qty}")]
        if r.get("after"):
            pats.append(re.compile(rf"{qty}(?:{r['after']})"))
        growth = re.compile(rf"(?:{r['cue']}){_gap()}{_growth()}")
        out.append(Rule(r["rule"], r["measure"], tuple(r["attach"].split(",")), tuple(pats), growth,
                        re.compile(r["not_before"]) if r.get("not_before") else None,
                        re.compile(r["not_after"]) if r.get("not_after") else None))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _following_growth() -> re.Pattern:
    """A growth rate right after a figure: 营业收入15亿元，同比增长12%."""
    return re.compile(rf"[，,]?(?:{_alternation('link')})*{_growth()}")


# ---------------------------------------------------------------- reading one sentence


@dataclass(frozen=True)
class Reading:
    """A figure read from a sentence, before it is attached to an entity."""
    rule: Rule
    start: int        # offset in the sentence where cue and number begin
    end: int
    measure: str
    value: Decimal
    upper: Decimal | None
    unit: str
    approximate: str


def _amount(rule: Rule, hit: re.Match) -> Reading | None:
    """One match of a rule's pattern → a reading, or None where the number is no figure."""
    g = hit.groupdict()
    pre = g["pre"] or _marker_in(g.get("gap") or "")
    if g["num"] in ("百", "千") and not pre:
        return None
    try:
        value, unit = convert(g["num"], g["mult"] or g["mult2"], g["unit"])
        upper = convert(g["num2"], g["mult2"], g["unit"])[0] if g["num2"] else None
    except (ValueError, ArithmeticError):
        return None
    if upper is not None and upper <= value:
        return None
    marker = approximate_marker(pre, None) + "".join(x for x in (g["post"], g["post2"], g["end"]) if x)
    return Reading(rule, hit.start(), hit.end(), rule.measure, value, upper, unit, marker)


def _marker_in(gap: str) -> str | None:
    """An approximation marker among the link words (达到约): links carry none themselves."""
    found = re.findall(_alternation("approx.before"), gap)
    return found[-1] if found else None


def _growth_reading(rule: Rule, hit: re.Match, start: int) -> Reading:
    g = hit.groupdict()
    sign = Decimal(_units()["growth"][g["gword"]])
    marker = "".join(x for x in (g["gpre"], g["gend"]) if x)
    return Reading(rule, start, hit.end(), rule.measure + "Growth", sign * Decimal(g["gnum"]), None,
                   "percent", marker)


def _excluded(rule: Rule, text: str, hit: re.Match) -> bool:
    """A threshold (超百亿元项目) or an enumeration's total (A、B等10家企业) is no figure."""
    if rule.not_before and rule.not_before.search(text[hit.end():]):
        return True
    return bool(rule.not_after and rule.not_after.search(text[:hit.start()]))


def read_sentence(text: str) -> list[Reading]:
    """Every figure stated in one sentence, in order; a span of text is read by one rule only."""
    taken: list[tuple[int, int]] = []
    out: list[Reading] = []

    def free(lo: int, hi: int) -> bool:
        return all(hi <= a or lo >= b for a, b in taken)

    for rule in rules():
        for pat in rule.patterns:
            for hit in pat.finditer(text):
                if not free(hit.start(), hit.end()) or _excluded(rule, text, hit):
                    continue
                reading = _amount(rule, hit)
                if reading is None:
                    continue
                taken.append((hit.start(), hit.end()))
                out.append(reading)
                follow = _following_growth().match(text, hit.end())
                if follow:
                    taken.append((follow.start(), follow.end()))
                    out.append(_growth_reading(rule, follow, follow.start("gword")))
        for hit in rule.growth.finditer(text):
            if free(hit.start(), hit.end()):
                taken.append((hit.start(), hit.end()))
                out.append(_growth_reading(rule, hit, hit.start()))
    return sorted(out, key=lambda r: (r.start, r.end, r.measure))


# ---------------------------------------------------------------- which entity


def _outermost(ms: list[Mention]) -> list[Mention]:
    """Mentions not inside a longer one, in text order."""
    ms = sorted(ms, key=lambda m: (m.start, -m.end))
    return [m for m in ms if not any(o is not m and o.start <= m.start and m.end <= o.end
                                     and (o.end - o.start) > (m.end - m.start) for o in ms)]


def _story_bounds(doc: Document, at: int) -> tuple[int, int]:
    story = next((s for s in doc.stories if s.start <= at < s.end), None)
    return (story.start, story.end) if story else (0, len(doc.text))


@functools.lru_cache(maxsize=1)
def _anaphora() -> re.Pattern:
    """该村 / 该企业 / 该项目 …: the words that refer back to a named entity that is no place."""
    return re.compile(_alternation("anaphor"))


def _resolve_other(doc: Document, word: str, at: int) -> Mention | None:
    """该村 (or 该企业 …) at offset ``at``: the latest entity of its type named earlier in the story."""
    want, (lo, _) = _units()["anaphor"][word], _story_bounds(doc, at)
    found = [m for m in doc.mentions if m.type == want and lo <= m.start < at]
    return found[-1] if found else None


def _at(place: Mention, a: re.Match) -> Mention:
    """The entity an anaphor resolved to, placed where the anaphor stands."""
    return Mention(place.doc_id, place.sentence, a.start(), a.end(), a.group(),
                   place.type, place.name, place.key, place.rule)


def _candidates(doc: Document, ms: list[Mention], types: tuple[str, ...], lo: int,
                hi: int) -> list[Mention | None]:
    """Entities named in [lo, hi) that a figure may belong to, in text order, with 该县 / 全市 /
    该村 resolved.  None stands for a word that takes the figure away from entities named
    before it: an entity of a blocking type (an industry) or an anaphor that resolves to
    nothing the figure can describe."""
    blockers = set(_units()["blocker"])
    found: list[tuple[int, Mention | None]] = []
    for m in ms:
        if lo <= m.start < hi and (m.type in types or m.type in blockers):
            found.append((m.start, m if m.type in types else None))
    for a in ANAPHORA.finditer(doc.text, lo, hi):
        place = resolve_anaphor(doc, a.group(), a.start())
        found.append((a.start(), _at(place, a) if place is not None and place.type in types else None))
    for a in _anaphora().finditer(doc.text, lo, hi):
        other = _resolve_other(doc, a.group(), a.start())
        found.append((a.start(), _at(other, a) if other is not None and other.type in types else None))
    return _place_compounds(sorted(found, key=lambda x: (x[0], x[1] is None)), ms, blockers)


def _place_compounds(found: list[tuple[int, Mention | None]], ms: list[Mention],
                     blockers: set[str]) -> list[Mention | None]:
    """衡水市丝网产业有企业500多家: an industry written right after a place is that place's, so it
    does not block the place."""
    ends = {m.end for _, m in found if m is not None and m.type in PLACES + ("Town", "Village")}
    glued = {m.start for m in ms if m.type in blockers and m.start in ends}
    return [m for at, m in found if m is not None or at not in glued]


def _clause_start(sent: Sentence, at: int) -> int:
    """Document offset where the clause holding offset ``at`` begins."""
    lo = sent.start
    for c in CLAUSE.finditer(sent.text):
        if sent.start + c.start() <= at < sent.start + c.end():
            return sent.start + c.start()
        lo = sent.start + c.end()
    return lo


def _opens_clause(doc: Document, sent: Sentence, start: int) -> bool:
    return start == sent.start or doc.text[start - 1] in CLAUSE_START


def target(doc: Document, sent: Sentence, ms: list[Mention], types: tuple[str, ...],
           at: int) -> tuple[Mention, str] | None:
    """The entity a figure at document offset ``at`` describes, and how it was found: the nearest
    preceding one of a suitable type in its clause, else the sentence's subject (a suitable entity
    opening a clause before it), else the place the story is about.  A blocking word met first
    (an industry, an unresolved 该村) leaves the figure unattached rather than misattached."""
    near = _candidates(doc, ms, types, _clause_start(sent, at), at)
    if near:
        return (near[-1], "clause") if near[-1] is not None else None
    before = _candidates(doc, ms, types, sent.start, at)
    for m in before:
        if m is not None and _opens_clause(doc, sent, m.start):
            return m, "subject"
    if None in before:
        return None
    focus = story_focus(doc, sent.start)
    if focus is not None and focus.type in types:
        return focus, "story"
    return None


# ---------------------------------------------------------------- the entry point


def _figure(doc: Document, sent: Sentence, r: Reading, subject: Mention, how: str) -> Figure:
    ev = Evidence(doc.doc_id, sent.index, sent.start, sent.end, sent.original,
                  f"{r.rule.rule}.{how}", CONFIDENCE[how])
    text = doc.original[sent.start + r.start:sent.start + r.end]
    args = ((subject.type, subject.key), r.measure, _format(r.value), r.unit, r.approximate, text, ev)
    if r.upper is not None:
        return RangeFigure(*args, upper=_format(r.upper))
    return Figure(*args)


def _format(value: Decimal) -> str:
    return format(value.normalize(), "f")


def extract_figures(doc: Document, corpus: Corpus) -> list[Figure]:
    """Every figure the article states, attached to the entity it is stated for."""
    out: list[Figure] = []
    by_sent: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        by_sent.setdefault(m.sentence, []).append(m)
    for sent in doc.sentences:
        readings = read_sentence(sent.text)
        if not readings:
            continue
        ms = _outermost(by_sent.get(sent.index, []))
        seen: set[tuple] = set()
        for r in readings:
            found = target(doc, sent, ms, r.rule.attach, sent.start + r.start)
            if found is None or (found[0].type, found[0].key) not in corpus.entities:
                continue
            fig = _figure(doc, sent, r, *found)
            # a sentence the page repeats (a summary run into its story) states the figure once
            if (fig.subject, fig.measure, fig.text) not in seen:
                seen.add((fig.subject, fig.measure, fig.text))
                out.append(fig)
    return out
