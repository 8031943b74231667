import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def hsgraph_script() -> str:
    """The installed console script, beside the interpreter running the tests."""
    here = Path(sys.executable).with_name("hsgraph")
    return str(here) if here.exists() else (shutil.which("hsgraph") or "hsgraph")


@pytest.fixture(scope="session")
def seeds_graph(tmp_path_factory):
    from click.testing import CliRunner

    from hsgraph.cli import cli
    out = tmp_path_factory.mktemp("seeds") / "graph.ttl"
    result = CliRunner().invoke(cli, ["build", str(ROOT / "seeds"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def seeds_store(seeds_graph):
    """The seeds graph in an Oxigraph store: what a local query sees, to compare remote answers with."""
    import pyoxigraph
    store = pyoxigraph.Store()
    with open(seeds_graph, "rb") as fh:
        store.bulk_load(fh, format=pyoxigraph.RdfFormat.TURTLE)
    return store


CHROMIUM = Path("/usr/bin/chromium")


def _missing(what: str, how: str):
    """A missing browser part fails on CI, where .ci/run installs it, and skips elsewhere."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing on CI ({how})")
    pytest.skip(f"{what} is not installed ({how})")


@pytest.fixture(scope="module")
def browser():
    """Debian's headless chromium through Playwright, with background networking off."""
    if not CHROMIUM.exists():
        _missing("/usr/bin/chromium", "apt-get install chromium")
    try:
        from playwright import sync_api
    except ImportError:
        _missing("playwright", "pip install -e '.[test]'")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM),
                               args=["--headless", "--no-sandbox", "--disable-gpu",
                                     "--disable-background-networking"])
        yield b
        b.close()
