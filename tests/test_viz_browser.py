"""`hsgraph viz` pages in a real browser (Debian's chromium, driven by Playwright)."""
import os
from pathlib import Path

import pytest
import rdflib

from hsgraph.rdf.namespace import ENTITY_TYPES, HS, RELATIONS
from hsgraph.view import build_view

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
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


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("/usr/bin/chromium is missing on CI (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    try:
        from playwright import sync_api
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("playwright is missing on CI (pip install -e '.[test]')")
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM),
                               args=["--headless", "--no-sandbox", "--disable-gpu",
                                     "--disable-background-networking"])
        yield b
        b.close()


class Page:
    """A page opened offline: anything but file: and data: is aborted and recorded."""

    def __init__(self, browser, path):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
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


@pytest.fixture(scope="module")
def seeds_page(browser, seeds_graph, tmp_path_factory):
    out = tmp_path_factory.mktemp("vizb") / "seeds.html"
    out.write_bytes(build_view(seeds_graph).encode("utf-8"))
    page = Page(browser, out)
    yield page
    page.page.close()


@pytest.fixture(scope="module")
def xss_page(browser, tmp_path_factory):
    d = tmp_path_factory.mktemp("vizx")
    (d / "xss.ttl").write_text(XSS_GRAPH, encoding="utf-8")
    out = d / "xss.html"
    out.write_bytes(build_view(d / "xss.ttl").encode("utf-8"))
    page = Page(browser, out)
    yield page
    page.page.close()


def expected_counts(path):
    """Entities and distinct relation triples between them, straight from the RDF."""
    g = rdflib.Graph().parse(path)
    entities = {s for t in ENTITY_TYPES for s in g.subjects(rdflib.RDF.type, HS[t])}
    edges = {(s, p, o) for r in RELATIONS for s, p, o in g.triples((None, HS[r], None))
             if s in entities and o in entities}
    return len(entities), len(edges)


def test_loads_offline_without_errors(seeds_page):
    assert seeds_page.errors == []
    assert seeds_page.blocked == []
    assert seeds_page.js("document.title").startswith("graph.ttl")


def test_datasets_hold_the_whole_graph(seeds_page, seeds_graph):
    n, m = expected_counts(seeds_graph)
    assert seeds_page.js("[hsgraph.nodes.length, hsgraph.edges.length]") == [n, m]
    articles = len(set(rdflib.Graph().parse(seeds_graph).subjects(rdflib.RDF.type, HS.Article)))
    assert seeds_page.js("document.getElementById('hs-counts').textContent") == \
        f"{n} 个节点 · {m} 条关系 · {articles} 篇文章"
    legend = seeds_page.js("[...document.querySelectorAll('#hs-relations li')].map(li => li.textContent)")
    assert any(t.startswith("位于") for t in legend) and any(t.startswith("主导产业") for t in legend)


def test_canvas_is_drawn_and_screenshot(seeds_page):
    colours = seeds_page.js("""() => {
        const c = document.querySelector('#hs-network canvas');
        const ctx = c.getContext('2d');
        const px = ctx.getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        for (let i = 0; i < px.length; i += 4 * 97) seen.add(px[i] + ',' + px[i+1] + ',' + px[i+2] + ',' + px[i+3]);
        return seen.size;
    }""")
    assert colours > 20, f"canvas looks blank ({colours} colours)"
    ARTIFACTS.mkdir(exist_ok=True)
    png = seeds_page.page.screenshot(path=str(ARTIFACTS / "seeds_view.png"))
    assert len(png) > 20000


def test_search_selects_and_focuses(seeds_page):
    target = seeds_page.js("hsgraph.data.nodes.find(n => n.label === '安平县').id")
    seeds_page.page.fill("#hs-search", "安平")
    seeds_page.page.press("#hs-search", "Enter")
    assert seeds_page.js("hsgraph.network.getSelectedNodes()") == [target]
    centre, pos, scale = seeds_page.js(
        "(id) => [hsgraph.network.getViewPosition(), hsgraph.network.getPosition(id), hsgraph.network.getScale()]",
        target)
    assert abs(centre["x"] - pos["x"]) < 2 and abs(centre["y"] - pos["y"]) < 2 and scale > 1
    assert seeds_page.js("document.getElementById('hs-search-msg').textContent") == "安平县"
    seeds_page.js("hsgraph.restore()")


def test_type_checkbox_hides_nodes(seeds_page):
    policies = seeds_page.js("hsgraph.data.nodes.filter(n => n.type === 'Policy').length")
    assert policies > 0
    seeds_page.page.uncheck('#hs-types input[data-type="Policy"]')
    hidden = seeds_page.js("hsgraph.nodes.get({filter: n => n.hidden}).map(n => hsgraph.data.nodes.find(d => d.id === n.id).type)")
    assert len(hidden) == policies and set(hidden) == {"Policy"}
    seeds_page.page.check('#hs-types input[data-type="Policy"]')
    assert seeds_page.js("hsgraph.nodes.get({filter: n => n.hidden}).length") == 0
    assert seeds_page.errors == []


def test_xss_names_stay_text(xss_page):
    page = xss_page.page
    assert xss_page.errors == [] and xss_page.blocked == []
    node = xss_page.js("hsgraph.data.nodes.find(n => n.label.startsWith('<img')).id")
    # Hover the node so its tooltip is built into the page, then search for it.
    pos = xss_page.js("(id) => { const p = hsgraph.network.getPosition(id); return hsgraph.network.canvasToDOM(p); }", node)
    box = page.locator("#hs-network").bounding_box()
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_timeout(400)
    xss_page.js("(id) => hsgraph.network.selectNodes([id])", node)
    page.fill("#hs-search", XSS)
    page.press("#hs-search", "Enter")
    page.wait_for_timeout(200)
    assert xss_page.js("document.querySelectorAll('img').length") == 0
    assert xss_page.js("document.querySelectorAll('#hs-legend b, .vis-tooltip b').length") == 0
    assert xss_page.js("(id) => hsgraph.nodes.get(id).title.querySelector('h3').textContent", node) == XSS
    assert xss_page.js("document.getElementById('hs-search-msg').textContent") == XSS
    tip = xss_page.js("(document.querySelector('.vis-tooltip') || {}).textContent || ''")
    assert XSS in tip
    assert xss_page.dialogs == []


def test_tooltips_carry_articles_and_evidence(seeds_page):
    node_text, sentence, article, edge_text = seeds_page.js("""() => {
        const n = hsgraph.data.nodes.find(n => n.articles.length && n.aliases.length);
        const e = hsgraph.data.edges.find(e => e.evidence.length);
        return [hsgraph.nodes.get(n.id).title.textContent + '|' + n.aliases[0] + '|' + n.articles[0][0],
                e.evidence[0][0], e.evidence[0][1], hsgraph.edges.get(e.id).title.textContent];
    }""")
    text, alias, ident = node_text.split("|")
    assert alias in text and ident in text
    assert sentence and sentence in edge_text and article in edge_text
