"""The query page of `hsgraph serve` in a real browser (Debian's chromium, driven by Playwright).

Only requests to the test's own server are let through, so the page is
proven to work offline.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from servers import hsgraph_server

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def base(seeds_graph):
    with hsgraph_server(seeds_graph) as url:
        yield url


@pytest.fixture
def page(browser, base):
    p = browser.new_page(viewport={"width": 1400, "height": 900})
    p.errors, p.elsewhere = [], []
    p.on("pageerror", lambda e: p.errors.append(str(e)))

    def route(r):
        if r.request.url.startswith(base + "/") or r.request.url.startswith(("data:", "about:")):
            r.continue_()
        else:
            p.elsewhere.append(r.request.url)
            r.abort()
    p.route("**/*", route)
    p.goto(base + "/")
    p.wait_for_selector(".yasqe .CodeMirror")
    yield p
    p.close()


def run_editor_query(page, text):
    page.evaluate("t => { const tab = window.yasgui.getTab(); tab.setQuery(t); tab.query(); }", text)


def test_the_page_runs_a_query_into_a_table(page):
    editor = page.evaluate("() => window.yasgui.getTab().getQuery()")
    assert "PREFIX hs: <https://w3id.org/hsgraph/ontology#>" in editor
    run_editor_query(page, page.evaluate("() => window.yasgui.getTab().getQuery()"))
    page.wait_for_selector(".yasr table.dataTable tbody tr")
    text = page.inner_text(".yasr table.dataTable")
    assert "County" in text and "Enterprise" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-page.png"))
    assert page.errors == [] and page.elsewhere == []


def test_a_bundled_question_opens_with_its_parameter(page):
    page.select_option("#question", "enterprises_by_county")
    assert page.input_value("#params input[name=county]") == "武邑县"
    page.click("#questions button")
    page.wait_for_function("() => window.yasgui.getTab().getQuery().includes('\"武邑县\"@zh')")
    page.wait_for_selector(".yasr table.dataTable tbody tr")
    assert "河北现代钢木制品有限公司" in page.inner_text(".yasr table.dataTable")
    assert page.errors == [] and page.elsewhere == []


def test_a_construct_result_shows_as_a_network(page):
    run_editor_query(page, "PREFIX hs: <https://w3id.org/hsgraph/ontology#>\n"
                           "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                           "CONSTRUCT { ?e hs:locatedIn ?c } WHERE { ?e hs:locatedIn ?c . ?c rdfs:label \"武邑县\"@zh }")
    page.wait_for_selector(".hs-network iframe")
    frame = page.frame_locator(".hs-network iframe")
    frame.locator("canvas").first.wait_for()
    nodes = page.frames[-1].evaluate("() => JSON.parse(document.querySelector('script[type=\"application/json\"]').textContent).nodes.map(n => n.label)")
    assert "武邑县" in nodes and any("钢木" in n for n in nodes)
    page.screenshot(path=str(ARTIFACTS / "serve-network.png"))
    assert page.errors == [] and page.elsewhere == []
