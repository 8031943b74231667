"""Figures as data: amounts, counts and areas attached to the entity they describe.

累计投资15亿元 on a project becomes 1500000000 CNY, 企业500多家 becomes 500
with the marker 多.  Conversion is exact (Decimal), so 1.2万 is 12000 and
never 11999.999….
"""
from __future__ import annotations

import functools
import re
from decimal import Decimal

from ..model import Corpus, Document, Evidence, Figure, Mention
from ..recognise.data import table

NUMBER = r"(?P<num>\d+(?:\.\d+)?)"
APPROX_BEFORE = r"(?P<pre>超过|超|近|约|逾|达)?"
APPROX_AFTER = r"(?P<post>多|余|左右|以上)?"
MONEY_UNIT = r"(?P<mult>万亿|千亿|百亿|亿|千万|百万|万|千)?(?P<cur>美元|元|欧元)"
COUNT_UNIT = r"(?P<mult>万)?(?P<cur>家|个)"
AREA_UNIT = r"(?P<mult>万)?(?P<cur>亩|公顷|平方米|平方公里)"

MULTIPLIER = {None: 1, "": 1, "千": 10**3, "万": 10**4, "百万": 10**6, "千万": 10**7,
              "亿": 10**8, "百亿": 10**10, "千亿": 10**11, "万亿": 10**12}
CURRENCY = {"元": "CNY", "美元": "USD", "欧元": "EUR"}
# square metres per unit
AREA = {"亩": Decimal(10000) / Decimal(15), "公顷": Decimal(10000), "平方米": Decimal(1),
        "平方公里": Decimal(10**6)}


def convert(num: str, mult: str | None, unit: str) -> tuple[Decimal, str]:
    """Number, multiplier and unit as written → (value, unit code).

    >>> convert("15", "亿", "元")
    (Decimal('1500000000'), 'CNY')
    """
    value = Decimal(num) * MULTIPLIER[mult]
    if unit in CURRENCY:
        return value, CURRENCY[unit]
    if unit in AREA:
        return (value * AREA[unit]).quantize(Decimal("0.01")), "m2"
    return value, "count"


def approximate_marker(pre: str | None, post: str | None) -> str:
    return "".join(x for x in (pre if pre and pre != "达" else "", post or "") if x)


@functools.lru_cache(maxsize=1)
def _rules():
    out = []
    for r in table("figures.tsv"):
        unit = {"enterpriseCount": COUNT_UNIT, "area": AREA_UNIT}.get(r["measure"], MONEY_UNIT)
        rx = re.compile(f"(?:{r['cue']}){APPROX_BEFORE}{NUMBER}{APPROX_AFTER}{unit}{APPROX_AFTER.replace('post', 'post2')}")
        out.append((r["rule"], r["measure"], rx, r["attach"].split(",")))
        if r.get("after"):  # the cue after the number: 500多家企业
            rx2 = re.compile(f"{APPROX_BEFORE}{NUMBER}{APPROX_AFTER}{unit}(?:{r['after']})")
            out.append((r["rule"] + "_after", r["measure"], rx2, r["attach"].split(",")))
    return out


def _format(value: Decimal) -> str:
    return format(value.normalize(), "f")


def extract_figures(doc: Document, corpus: Corpus) -> list[Figure]:
    out: list[Figure] = []
    by_sent: dict[int, list[Mention]] = {}
    for m in doc.mentions:
        by_sent.setdefault(m.sentence, []).append(m)
    for sent in doc.sentences:
        ms = by_sent.get(sent.index, [])
        for rule, measure, rx, attach in _rules():
            for hit in rx.finditer(sent.text):
                g = hit.groupdict()
                value, unit = convert(g["num"], g.get("mult"), g["cur"])
                marker = approximate_marker(g.get("pre"), g.get("post") or g.get("post2"))
                at = sent.start + hit.start()
                target = _target(ms, attach, at)
                if target is None:
                    continue
                ev = Evidence(doc.doc_id, sent.index, sent.start, sent.end, sent.original, rule, 0.7)
                out.append(Figure((target.type, target.key), measure, _format(value), unit, marker,
                                  doc.original[sent.start + hit.start():sent.start + hit.end()], ev))
    return out


def _target(ms: list[Mention], attach: list[str], at: int) -> Mention | None:
    """The entity a figure describes: the nearest preceding mention of the preferred type."""
    for typ in attach:
        before = [m for m in ms if m.type == typ and m.start < at]
        if before:
            return before[-1]
    return None
