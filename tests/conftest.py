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
