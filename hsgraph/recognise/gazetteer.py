"""Place recognition from the national division gazetteer (``data/divisions.tsv``).

Full names (安平县, 衡水市, 河北省, 衡水高新区) are found anywhere.  Short forms
(安平, 冀州) and two-character names (景县) are ambiguous across the country,
so they count only where the article also names the place's city, or the
place itself in full: an article about 邯郸 that says 曲周 means 曲周县, while
一个 "和平" in an article about 衡水 is not 天津's 和平区.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .data import table, words

# a place name right before one of these is part of a newspaper's or broadcaster's name
MEDIA_AFTER = re.compile(r"^(?:日报|晚报|电视台|广播电视台|新闻网|手机报|发布)")
# 大庆路, 白银街: a short form before a street word names the street, not the place
STREET_AFTER = re.compile(r"^(?:路|街|大街|大道|道|巷|胡同|里|桥|站)")
LEVEL_TYPE = {"province": "City", "city": "City", "county": "County", "zone": "County", "newarea": "City"}


@dataclass
class Place:
    key: str            # division code, or "name:<name>" for places without one
    name: str
    level: str
    parent: str | None  # key of the enclosing division
    short: tuple[str, ...] = ()
    former: tuple[str, ...] = ()

    @property
    def type(self) -> str:
        return LEVEL_TYPE[self.level]

    @property
    def code(self) -> str | None:
        return None if self.key.startswith("name:") else self.key


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    surface: str
    place: Place
    form: str   # full, former, short


@dataclass
class Gazetteer:
    places: dict[str, Place] = field(default_factory=dict)
    full: dict[str, list[str]] = field(default_factory=dict)
    short: dict[str, list[str]] = field(default_factory=dict)
    former: dict[str, list[str]] = field(default_factory=dict)
    max_len: int = 0

    def add(self, place: Place, extra_full: tuple[str, ...] = ()):
        self.places[place.key] = place
        for n in (place.name, *extra_full):
            self.full.setdefault(n, []).append(place.key)
        for n in place.short:
            self.short.setdefault(n, []).append(place.key)
        for n in place.former:
            self.former.setdefault(n, []).append(place.key)
        self.max_len = max(self.max_len, *(len(n) for n in (place.name, *place.short, *place.former, *extra_full)))

    def all_names(self) -> set[str]:
        return set(self.full) | set(self.short) | set(self.former)

    def ancestors(self, key: str) -> list[str]:
        out, cur = [], self.places.get(key)
        while cur is not None and cur.parent:
            out.append(cur.parent)
            cur = self.places.get(cur.parent)
        return out

    def city_of(self, key: str) -> Place | None:
        """The prefecture city (or municipality/province) that a county belongs to."""
        place = self.places.get(key)
        return self.places.get(place.parent) if place and place.parent else None

    def scan(self, text: str) -> list[PlaceMatch]:
        """All candidate matches, longest at each position, before context checks."""
        out: list[PlaceMatch] = []
        i, n = 0, len(text)
        while i < n:
            hit = None
            for length in range(min(self.max_len, n - i), 1, -1):
                s = text[i:i + length]
                for form, index in (("full", self.full), ("former", self.former), ("short", self.short)):
                    keys = index.get(s)
                    if keys:
                        hit = (s, form, keys)
                        break
                if hit:
                    break
            if hit is None:
                i += 1
                continue
            s, form, keys = hit
            for key in keys:
                out.append(PlaceMatch(i, i + len(s), s, self.places[key], form))
            i += len(s)
        return out

    def find(self, text: str) -> list[PlaceMatch]:
        """Matches that hold up in context, one place per span."""
        cands = [m for m in self.scan(text) if not MEDIA_AFTER.match(text[m.end:m.end + 5])
                 and not (m.form == "short" and STREET_AFTER.match(text[m.end:m.end + 2]))]
        # the article's context: places named unambiguously, with their ancestors
        context: set[str] = set()
        for m in cands:
            if m.form in ("full", "former") and len(m.surface) >= 3 and len(self._keys_at(cands, m)) == 1 \
                    and not self._common_word(m):
                context.add(m.place.key)
                context.update(self.ancestors(m.place.key))
            elif m.form == "short" and m.place.level in ("province", "newarea") \
                    and len(self._keys_at(cands, m)) == 1:
                context.add(m.place.key)
                context.update(self.ancestors(m.place.key))
        by_span: dict[tuple[int, int], list[PlaceMatch]] = {}
        for m in cands:
            by_span.setdefault((m.start, m.end), []).append(m)
        context |= self._adjacent_pairs(cands, text)
        out = self._accepted(by_span, context)
        # a city accepted by its province (宝鸡 in an article on 陕西) vouches for its counties (千阳)
        wider = context | {m.place.key for m in out if m.place.level in ("city", "province", "newarea")}
        return self._accepted(by_span, wider) if wider != context else out

    def _accepted(self, by_span, context: set[str]) -> list[PlaceMatch]:
        out: list[PlaceMatch] = []
        for span, ms in sorted(by_span.items()):
            ok = [m for m in ms if self._plausible(m, context)]
            if len(ok) > 1:  # ambiguous (长沙: 长沙市 or 长沙县): the place the article names, else its county
                named = [m for m in ok if m.place.key in context]
                ok = named if len(named) == 1 else [m for m in ok if m.place.parent in context]
                ok = ok[:1] if len(ok) == 1 else []
            out.extend(ok)
        return out

    def _adjacent_pairs(self, cands, text: str) -> set[str]:
        """承德平泉, 浙江庆元, 江西的上栗、万载: a place written right before places inside it
        (or before a list of them) vouches for each."""
        starts: dict[int, list[PlaceMatch]] = {}
        for m in cands:
            starts.setdefault(m.start, []).append(m)
        out: set[str] = set()
        for m in cands:
            at = m.end + (1 if text[m.end:m.end + 1] == "的" else 0)
            while True:
                inner = [n for n in starts.get(at, []) if m.place.key in self.ancestors(n.place.key)]
                if len(inner) != 1:
                    break
                out |= {m.place.key, inner[0].place.key}
                if text[inner[0].end:inner[0].end + 1] not in ("、", "和"):
                    break
                at = inner[0].end + 1
        return out

    @staticmethod
    def _common_word(m: PlaceMatch) -> bool:
        """站前区, 城区: district names that read as common words (站前区4村1厂)."""
        return m.form == "full" and m.place.level == "county" and m.surface in words("common_district_names.txt")

    @staticmethod
    def _keys_at(cands, m):
        return {c.place.key for c in cands if c.start == m.start and c.end == m.end}

    def _plausible(self, m: PlaceMatch, context: set[str]) -> bool:
        place = m.place
        if m.form in ("full", "former") and len(m.surface) >= 3 and not self._common_word(m):
            return True
        if place.level in ("province", "newarea") and m.form == "short":
            return True
        # short forms and two-character names of counties: need their city in context
        return place.key in context or (place.parent is not None and place.parent in context)


ZONE_KINDS = (("高新技术产业开发区", "高新区"), ("经济技术开发区", "经开区"))


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    g = Gazetteer()
    for row in table("divisions.tsv"):
        level = row["level"]
        if level == "zone" and row["code"].endswith("00"):
            level = "newarea"   # 雄安新区: a prefecture-level new area, not a county-level zone
        short = tuple(s for s in row.get("short", "").split("|") if s)
        former = tuple(s for s in row.get("former", "").split("|") if s)
        if level == "zone":  # 高新区 alone: the zone of the city the article names
            short += tuple(z for k, z in ZONE_KINDS if k in row["name"] and z not in short)
        g.add(Place(row["code"], row["name"], level, row["parent"] or None, short, former))
    for row in table("new_areas.tsv"):
        if row["name"] in g.full:
            continue
        short = tuple(s for s in row.get("short", "").split("|") if s)
        g.add(Place("name:" + row["name"], row["name"], "newarea", row["parent"] or None, short))
    return g
