"""`hsgraph viz` pages in a real browser (Debian's chromium, driven by Playwright)."""
import importlib.util
import struct
from pathlib import Path

import pytest
import rdflib

from hsgraph.rdf.namespace import ENTITY_TYPES, HS, RELATIONS
from hsgraph.view import build_view

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
XSS = "<img src=x onerror=alert(1)>"
TYPED = "\n".join(f"<https://w3id.org/hsgraph/id/{k}> a hs:{t} ; rdfs:label \"{name}\"@zh {extra}."
                  for k, t, name, extra in [
                      ("region/131125", "County", "安平县", "; skos:altLabel \"安平\"@zh "),
                      ("enterprise/x", "Enterprise", XSS.replace('"', '\\"'),
                       "; hs:locatedIn <https://w3id.org/hsgraph/id/region/131125> "),
                      ("enterprise/y", "Enterprise", "<b onmouseover=alert(2)>粗体</b>",
                       "; hs:cooperatesWith <https://w3id.org/hsgraph/id/enterprise/x> "),
                  ])
XSS_GRAPH = ("@prefix hs: <https://w3id.org/hsgraph/ontology#> .\n"
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n" + TYPED + "\n")


class Page:
    """A page opened offline: anything but file: and data: is aborted and recorded."""

    def __init__(self, browser, path, width=1400, height=900):
        self.page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
        self.errors, self.blocked, self.dialogs = [], [], []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

        def route(r):
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()
        self.page.route("**/*", route)
        self.page.goto(Path(path).resolve().as_uri())
        self.page.wait_for_function("window.hsgraphReady === true", timeout=30000)

    def js(self, code, arg=None):
        return self.page.evaluate(code, arg)


XSS_FILE = "<img src=x onerror=alert(3)>.ttl"
XSS_PLACES = (
    '<https://w3id.org/hsgraph/id/region/1> a hs:County ; rdfs:label "<b onclick=alert(4)>县</b>"@zh .\n'
    '<https://w3id.org/hsgraph/id/region/2> a hs:County ; rdfs:label "另一县"@zh .\n'
    '<https://w3id.org/hsgraph/id/enterprise/z> a hs:Enterprise ; rdfs:label "' + "<i>长名</i>" * 40 + '"@zh ;'
    ' hs:locatedIn <https://w3id.org/hsgraph/id/region/1> .\n')


def load_bench():
    """The benchmark's graph generator: tests and benchmark draw the same kind of graph."""
    spec = importlib.util.spec_from_file_location("bench_viz", ROOT / "benchmarks" / "bench_viz.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def open_view(browser, folder, source, name, width=1400, height=900, **options):
    out = folder / name
    out.write_bytes(build_view(source, **options).encode("utf-8"))
    return Page(browser, out, width, height)


@pytest.fixture(scope="module")
def pages(browser, seeds_graph, tmp_path_factory):
    """Pages opened once for the module, on first use."""
    folder = tmp_path_factory.mktemp("vizb")
    made = {}

    def get(key):
        if key not in made:
            if key == "g2000":
                ttl = folder / "g2000.ttl"
                load_bench().make_graph(2000, ttl, long_name="很长的名字" * 1000)
                made[key] = open_view(browser, folder, ttl, "g2000.html")
            else:
                # the seeds graph is near the overview threshold: ask for the overview outright
                options = {"seeds": {"overview": "on"}, "whole": {"overview": "off"},
                           "focus": {"focus": "安平县", "depth": 2},
                           "narrow": {"width": 400, "height": 800, "overview": "on"}}[key]
                made[key] = open_view(browser, folder, seeds_graph, key + ".html", **options)
        return made[key]
    yield get
    for page in made.values():
        page.page.close()


@pytest.fixture(scope="module")
def xss_page(browser, tmp_path_factory):
    d = tmp_path_factory.mktemp("vizx")
    source = d / XSS_FILE
    source.write_text(XSS_GRAPH + XSS_PLACES, encoding="utf-8")
    page = open_view(browser, d, source, "xss.html", overview="on")
    yield page
    page.page.close()


def expected_counts(path):
    """Entities and distinct relation triples between them, straight from the RDF."""
    g = rdflib.Graph().parse(path)
    entities = {s for t in ENTITY_TYPES for s in g.subjects(rdflib.RDF.type, HS[t])}
    edges = {(s, p, o) for r in RELATIONS for s, p, o in g.triples((None, HS[r], None))
             if s in entities and o in entities}
    return len(entities), len(edges)


LABEL_BOXES = """async () => {
  // Every text drawn on the network canvas, as a screen box, recorded during one redraw.
  // Let pending zoom work (a redraw 120 ms after a zoom) settle before recording.
  await new Promise(res => setTimeout(res, 200));
  const proto = CanvasRenderingContext2D.prototype, orig = proto.fillText, boxes = [];
  proto.fillText = function (text, x, y) {
    const s = String(text);
    if (s.trim() && this.canvas.closest && this.canvas.closest('#hs-network')) {
      const m = this.getTransform(), size = parseFloat(/(\\d+(\\.\\d+)?)px/.exec(this.font)[1]);
      const w = this.measureText(s).width;
      let left = x, top = y;
      if (this.textAlign === 'center') left -= w / 2;
      else if (this.textAlign === 'right' || this.textAlign === 'end') left -= w;
      if (this.textBaseline === 'middle') top -= size / 2;
      else if (this.textBaseline === 'alphabetic' || this.textBaseline === 'ideographic') top -= size * 0.85;
      else if (this.textBaseline === 'bottom') top -= size;
      const r = window.devicePixelRatio || 1;
      boxes.push({text: s, l: (m.a * left + m.e) / r, t: (m.d * top + m.f) / r,
                  r: (m.a * (left + w) + m.e) / r, b: (m.d * (top + size) + m.f) / r, px: size * m.d / r});
    }
    return orig.apply(this, arguments);
  };
  // Exactly one frame is recorded: redraw() draws synchronously.
  try {
    hsgraph.network.redraw();
  } finally {
    proto.fillText = orig;
  }
  const c = document.querySelector('#hs-network canvas').getBoundingClientRect();
  boxes.forEach(b => { b.inside = b.l >= -0.5 && b.r <= c.width + 0.5 && b.t >= -0.5 && b.b <= c.height + 0.5; });
  return boxes.filter(b => b.r > 0 && b.l < c.width && b.b > 0 && b.t < c.height);
}"""


def overlaps(boxes):
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["l"] < b["r"] - 0.5 and b["l"] < a["r"] - 0.5 and a["t"] < b["b"] - 0.5 and b["t"] < a["b"] - 0.5:
                out.append((a["text"], b["text"]))
    return out


def test_loads_offline_without_errors(pages):
    seeds = pages("seeds")
    assert seeds.errors == [] and seeds.blocked == []
    assert seeds.js("document.title").startswith("graph.ttl")


@pytest.mark.parametrize("which", ["seeds", "whole", "g2000"])
def test_labels_never_collide_at_the_opening_view(pages, which):
    page = pages(which)
    boxes = page.js(LABEL_BOXES)
    assert overlaps(boxes) == []
    assert len(boxes) >= 20, "too few labels drawn"
    assert min(b["px"] for b in boxes) >= 11.5, "labels drawn too small to read"
    assert max(b["r"] - b["l"] for b in boxes) < 300, "a long name was drawn whole"
    assert [b["text"] for b in boxes if not b["inside"]] == [], "labels cut by the edge of the view"
    centres = page.js("""() => {
        const net = hsgraph.network, ids = hsgraph.nodes.getIds({filter: n => !n.hidden});
        const pos = net.getPositions(ids);
        return ids.map(id => net.canvasToDOM(pos[id]));
    }""")
    covered = [b["text"] for b in boxes for c in centres if b["l"] < c["x"] < b["r"] and b["t"] < c["y"] < b["b"]]
    assert covered == [], "labels drawn over nodes"
    assert page.errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / f"opening_{which}.png"))


def test_big_graphs_open_grouped_by_place(pages, seeds_graph):
    seeds = pages("seeds")
    n, m = expected_counts(seeds_graph)
    groups = seeds.js("hsgraph.data.groups.map(g => [g.name, g.count])")
    assert seeds.js("hsgraph.data.mode") == "overview"
    assert seeds.js("hsgraph.nodes.length") == len(groups) and sum(c for _, c in groups) == n
    assert dict(groups)["安平县"] >= 10
    assert seeds.js("document.getElementById('hs-counts').textContent").endswith(f"· {len(groups)} 个地点分组")
    # Opening a place puts its entities in its bubble's stead; opening them all gives the whole graph.
    key = seeds.js("hsgraph.data.groups.find(g => g.name === '安平县').key")
    seeds.js("(k) => hsgraph.openGroup(k)", key)
    inside = seeds.js("(k) => hsgraph.data.nodes.filter(n => n.group === k).map(n => n.id)", key)
    assert all(seeds.js(f"hsgraph.nodes.get({i!r}) !== null") for i in inside[:20])
    assert seeds.js("(k) => hsgraph.nodes.get('hs-group:' + k)", key) is None
    seeds.js("hsgraph.data.groups.forEach(g => hsgraph.expand(g.key))")
    assert seeds.js("hsgraph.nodes.length") == n
    assert seeds.js("hsgraph.edges.getIds().filter(id => id.startsWith('e')).length") == m
    assert seeds.js("hsgraph.edges.getIds().filter(id => id.startsWith('b|')).length") == 0
    seeds.js("hsgraph.collapseAll()")
    assert seeds.js("hsgraph.nodes.length") == len(groups) and seeds.js("hsgraph.state().expanded") == []
    assert seeds.errors == []


def test_whole_view_holds_the_whole_graph(pages, seeds_graph):
    whole = pages("whole")
    n, m = expected_counts(seeds_graph)
    assert whole.js("[hsgraph.nodes.length, hsgraph.edges.length]") == [n, m]
    articles = len(set(rdflib.Graph().parse(seeds_graph).subjects(rdflib.RDF.type, HS.Article)))
    assert whole.js("document.getElementById('hs-counts').textContent") == \
        f"{n} 个节点 · {m} 条关系 · {articles} 篇文章"
    legend = whole.js("[...document.querySelectorAll('#hs-relations li')].map(li => li.textContent)")
    assert any(t.startswith("位于") for t in legend) and any(t.startswith("主导产业") for t in legend)


def test_canvas_is_drawn_and_screenshot(pages):
    seeds = pages("seeds")
    colours = seeds.js("""() => {
        const c = document.querySelector('#hs-network canvas');
        const ctx = c.getContext('2d');
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        for (let i = 0; i < px.length; i += 4 * 97) seen.add(px[i] + ',' + px[i+1] + ',' + px[i+2] + ',' + px[i+3]);
        return seen.size;
    }""")
    assert colours > 20, f"canvas looks blank ({colours} colours)"
    ARTIFACTS.mkdir(exist_ok=True)
    png = seeds.page.screenshot(path=str(ARTIFACTS / "seeds_view.png"))
    assert len(png) > 20000


def test_search_opens_the_place_and_a_miss_clears(pages):
    seeds = pages("seeds")
    target = seeds.js("hsgraph.data.nodes.find(n => n.label === '鹤煌网业股份有限公司') ? "
                      "hsgraph.data.nodes.find(n => n.label === '鹤煌网业股份有限公司').id : "
                      "hsgraph.data.nodes.find(n => n.label === '安平县').id")
    seeds.page.fill("#hs-search", seeds.js("(id) => hsgraph.data.nodes.find(n => n.id === id).label", target))
    seeds.page.press("#hs-search", "Enter")
    assert seeds.js("hsgraph.network.getSelectedNodes()") == [target]
    centre, pos, scale = seeds.js(
        "(id) => [hsgraph.network.getViewPosition(), hsgraph.network.getPosition(id), hsgraph.network.getScale()]",
        target)
    assert abs(centre["x"] - pos["x"]) < 2 and abs(centre["y"] - pos["y"]) < 2 and scale >= 1.3
    assert target in seeds.js("hsgraph.state().highlighted")
    assert target in seeds.js("hsgraph.state().labels"), "the found node's label is drawn"
    seeds.page.fill("#hs-search", "没有这个名字")
    seeds.page.press("#hs-search", "Enter")
    assert seeds.js("hsgraph.state().highlighted") is None
    assert seeds.js("hsgraph.network.getSelectedNodes()") == []
    assert seeds.js("document.getElementById('hs-search-msg').textContent") == "未找到"
    seeds.js("hsgraph.collapseAll()")


def test_keys_and_buttons_fit_and_zoom(pages):
    page = pages("whole")
    p = page.page
    fitted = page.js("hsgraph.network.getScale()")
    p.click("#hs-network")
    p.keyboard.press("+")
    assert page.js("hsgraph.network.getScale()") == pytest.approx(fitted * 1.25, rel=1e-3)
    p.keyboard.press("-")
    p.keyboard.press("-")
    assert page.js("hsgraph.network.getScale()") == pytest.approx(fitted * 1.25 * 0.64, rel=1e-3)
    p.keyboard.press("0")
    assert page.js("hsgraph.network.getScale()") == pytest.approx(fitted, rel=1e-3)
    p.click("#hs-zoom-in")
    p.keyboard.press("Escape")
    assert page.js("hsgraph.network.getScale()") == pytest.approx(fitted, rel=1e-3)
    p.click("#hs-zoom-in")
    p.click("#hs-fit")
    assert page.js("hsgraph.network.getScale()") == pytest.approx(fitted, rel=1e-3)
    p.keyboard.press("/")
    assert page.js("document.activeElement.id") == "hs-search"
    page.js("document.activeElement.blur()")
    # Zoomed in, more labels fit.
    p.keyboard.press("+")
    p.keyboard.press("+")
    p.keyboard.press("+")
    assert len(page.js("hsgraph.state().labels")) > 0
    assert overlaps(page.js(LABEL_BOXES)) == []
    p.keyboard.press("0")


def test_legend_toggles_types_and_relations(pages):
    page = pages("whole")
    policies = page.js("hsgraph.data.nodes.filter(n => n.type === 'Policy').length")
    page.page.uncheck('#hs-types input[data-type="Policy"]')
    hidden = page.js("hsgraph.nodes.get({filter: n => n.hidden}).map(n => hsgraph.data.nodes.find(d => d.id === n.id).type)")
    assert len(hidden) == policies > 0 and set(hidden) == {"Policy"}
    page.page.check('#hs-types input[data-type="Policy"]')
    assert page.js("hsgraph.nodes.get({filter: n => n.hidden}).length") == 0
    issued = page.js("hsgraph.data.edges.filter(e => e.rel === 'issuedBy').map(e => e.id).sort()")
    page.page.uncheck('#hs-relations input[data-rel="issuedBy"]')
    assert page.js("hsgraph.edges.get({filter: e => e.hidden}).map(e => e.id).sort()") == issued
    page.page.check('#hs-relations input[data-rel="issuedBy"]')
    assert page.js("hsgraph.edges.get({filter: e => e.hidden}).length") == 0
    assert page.errors == []


def test_highlight_rewrites_no_node(pages):
    """Highlight and restore draw over the frame: no DataSet change, which would cost a pass over every node."""
    page = pages("whole")
    hub = page.js("hsgraph.data.nodes.find(n => n.label === '衡水市').id")
    keep, changes, labels = page.js("""(id) => {
        let changes = 0;
        const count = () => { changes += 1; };
        hsgraph.nodes.on('*', count);
        hsgraph.edges.on('*', count);
        const keep = hsgraph.highlight(id);
        const labels = hsgraph.state().labels;
        hsgraph.restore();
        hsgraph.nodes.off('*', count);
        hsgraph.edges.off('*', count);
        return [keep, changes, labels];
    }""", hub)
    neighbours = page.js("(id) => hsgraph.network.getConnectedNodes(id)", hub)
    assert sorted(keep) == sorted(set(neighbours) | {hub}) and len(keep) > 100
    assert changes == 0
    assert set(keep) <= set(labels), "every highlighted node is labelled"
    page.js("(id) => hsgraph.highlight(id)", hub)
    assert page.js("hsgraph.state().highlighted") == sorted(keep)
    page.js("hsgraph.restore()")  # link labels of a highlight: test_link_labels_keep_off_every_other_label…
    assert page.js("hsgraph.state().highlighted") is None


def test_link_labels_keep_off_every_other_label_at_every_zoom(pages):
    page = pages("whole")
    county = page.js("hsgraph.data.nodes.find(n => n.label === '安平县').id")
    page.js("(id) => hsgraph.highlight(id)", county)
    shown = 0
    for _ in range(6):
        ids = page.js("hsgraph.state().edgeLabels")
        texts = set(page.js("(ids) => ids.map(id => hsgraph.data.edges[+id.slice(1)].label)", ids))
        boxes = page.js(LABEL_BOXES)
        drawn = [b for b in boxes if b["text"] in texts]
        assert len(drawn) >= len(ids) and all(b["inside"] for b in drawn)
        assert [o for o in overlaps(boxes) if o[0] in texts or o[1] in texts] == []
        shown = max(shown, len(ids))
        page.js("hsgraph.zoomBy(1.25)")
    assert shown >= 3, "zoomed in, the highlighted links are labelled"
    page.js("hsgraph.restore(); hsgraph.fit()")
    assert page.js("hsgraph.state().edgeLabels") == []
    assert page.errors == []


def test_focus_view_stays_local_and_marks_the_focus(pages):
    page = pages("focus")
    centre = page.js("hsgraph.data.focus.id")
    assert page.js("(id) => hsgraph.nodes.get(id).borderWidth", centre) == 4
    assert centre in page.js("hsgraph.state().labels")
    note = page.js("document.getElementById('hs-note').textContent")
    assert note.startswith("焦点：安平县") and "衡水市" in note and "--through-hubs" in note
    assert page.js("hsgraph.data.nodes.length") < 40
    assert overlaps(page.js(LABEL_BOXES)) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "focus_view.png"))


def test_png_export_of_the_current_view(pages, tmp_path):
    page = pages("whole")
    with page.page.expect_download() as info:
        page.page.click("#hs-png")
    download = info.value
    assert download.suggested_filename == "graph.png"
    path = tmp_path / "view.png"
    download.save_as(path)
    raw = path.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", raw[16:24])
    canvas = page.js("[document.querySelector('#hs-network canvas').width, "
                     "document.querySelector('#hs-network canvas').height]")
    assert [width, height] == canvas


def test_narrow_screen_folds_the_legend(pages):
    page = pages("narrow")
    p = page.page
    bar = p.locator("#hs-bar").bounding_box()
    assert bar["height"] <= 44, "the header wrapped"
    net = p.locator("#hs-network").bounding_box()
    assert net["width"] >= 395 and not p.locator("#hs-legend").is_visible()
    p.click("#hs-legend-toggle")
    assert p.locator("#hs-legend").is_visible()
    assert p.locator("#hs-network").bounding_box()["width"] >= 395, "the open legend lies over the graph"
    p.click("#hs-legend-toggle")
    assert not p.locator("#hs-legend").is_visible()
    # The tooltip is a panel along the bottom, not a box over the graph.
    page.js("hsgraph.expand(hsgraph.data.groups[0].key); hsgraph.fit()")
    node = page.js("hsgraph.data.nodes.find(n => n.group === hsgraph.data.groups[0].key).id")
    pos = page.js("(id) => hsgraph.network.canvasToDOM(hsgraph.network.getPosition(id))", node)
    p.mouse.move(net["x"] + pos["x"], net["y"] + pos["y"])
    p.wait_for_selector("div.vis-tooltip", state="visible", timeout=3000)
    tip = p.locator("div.vis-tooltip").bounding_box()
    assert tip["x"] == 0 and abs(tip["x"] + tip["width"] - 400) < 1 and abs(tip["y"] + tip["height"] - 800) < 1
    boxes = page.js(LABEL_BOXES)
    assert overlaps(boxes) == [] and len(boxes) >= 10
    assert [b["text"] for b in boxes if not b["inside"]] == []
    assert page.errors == []


def test_xss_names_stay_text(xss_page):
    page = xss_page.page
    assert xss_page.errors == [] and xss_page.blocked == []
    assert xss_page.js("hsgraph.data.mode") == "overview"
    # Place bubbles, their tooltips and labels.
    xss_page.js("hsgraph.data.groups.forEach(g => hsgraph.expand(g.key))")
    node = xss_page.js("hsgraph.data.nodes.find(n => n.label.startsWith('<img')).id")
    pos = xss_page.js("(id) => { const p = hsgraph.network.getPosition(id); return hsgraph.network.canvasToDOM(p); }", node)
    box = page.locator("#hs-network").bounding_box()
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_timeout(400)
    page.fill("#hs-search", XSS)
    page.press("#hs-search", "Enter")
    page.fill("#hs-search", "<i>长名</i>")
    page.press("#hs-search", "Enter")
    xss_page.js("hsgraph.collapseAll(); hsgraph.declutter()")
    shown = [b["text"] for b in xss_page.js(LABEL_BOXES)]
    assert "<b onclick=alert(4)>县</b> 1" in shown or any(t.startswith("<b onclick") for t in shown)
    tips = xss_page.js("hsgraph.nodes.get().map(n => n.title.textContent).join('|')")
    assert "<b onclick=alert(4)>县</b>" in tips
    name = xss_page.js("hsgraph.pngName()")
    assert name.endswith(".png") and "<" not in name and ">" not in name and " " not in name
    assert xss_page.js("document.title").startswith(XSS_FILE)
    assert xss_page.js("document.getElementById('hs-title').textContent") == XSS_FILE
    assert xss_page.js("document.querySelectorAll('img, b, i').length") == 0
    long_label = xss_page.js("hsgraph.data.nodes.find(n => n.label.startsWith('<i>')).display")
    assert long_label.endswith("…") and len(long_label) == 14
    assert xss_page.js("(id) => hsgraph.nodes.get(id) === null || true", node)
    assert xss_page.dialogs == []


def test_focus_note_is_text(browser, tmp_path):
    (tmp_path / "x.ttl").write_text(XSS_GRAPH, encoding="utf-8")
    page = open_view(browser, tmp_path, tmp_path / "x.ttl", "f.html", focus=XSS, depth=1)
    try:
        assert page.js("document.getElementById('hs-note').textContent") == "焦点：" + XSS
        assert page.js("document.querySelectorAll('img').length") == 0 and page.dialogs == []
    finally:
        page.page.close()


def test_tooltips_carry_articles_and_evidence(pages):
    page = pages("whole")
    node_text, sentence, article, edge_text = page.js("""() => {
        const n = hsgraph.data.nodes.find(n => n.articles.length && n.aliases.length);
        const e = hsgraph.data.edges.find(e => e.evidence.length);
        return [hsgraph.nodes.get(n.id).title.textContent + '|' + n.aliases[0] + '|' + n.articles[0][0],
                e.evidence[0][0], e.evidence[0][1], hsgraph.edges.get(e.id).title.textContent];
    }""")
    text, alias, ident = node_text.split("|")
    assert alias in text and ident in text
    assert sentence and sentence in edge_text and article in edge_text


def test_long_names_are_cut_and_whole_in_the_tooltip(pages):
    page = pages("g2000")
    node = page.js("hsgraph.data.nodes.find(n => n.label.length > 1000)")
    assert node["display"] == "很长的名字很长的名字很长的…"
    page.js("(k) => hsgraph.expand(k)", node["group"])
    tip = page.js("(id) => hsgraph.nodes.get(id).title.querySelector('h3').textContent", node["id"])
    assert tip.startswith("很长的名字") and tip.endswith("（共 5000 字）") and len(tip) < 230
    page.js("hsgraph.collapseAll()")
