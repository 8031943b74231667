"""hsgraph under bad input and faults: one table of cases, each with its exit code and message.

Every case runs in a fresh folder holding one small article (``in/a.txt``), a
graph built from it (``g.ttl``), its store (``store/``) and an earlier output
(``old.ttl``).  After a failing case every file that was there before must be
byte-for-byte as it was; after a passing one, every input must be.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from hsgraph.cli import cli

HSGRAPH = str(Path(sys.executable).with_name("hsgraph"))
ARTICLE = "衡水市安平县是全国丝网产业基地。安平县河北华信丝网有限公司位于安平县，主要生产丝网产品。"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The folder every case starts from, built once."""
    root = tmp_path_factory.mktemp("template")
    (root / "in").mkdir()
    (root / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    res = CliRunner().invoke(cli, ["build", str(root / "in"), "-o", str(root / "g.ttl"),
                                   "--store", str(root / "store")])
    assert res.exit_code == 0, res.output
    shutil.copy(root / "g.ttl", root / "old.ttl")
    return root


@pytest.fixture
def work(template, tmp_path):
    root = tmp_path / "w"
    shutil.copytree(template, root, symlinks=True)
    return root


def tree_hashes(root: Path) -> dict[str, str]:
    """Path -> sha256 of every regular file under ``root`` (symlinks by their target's name)."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


class Listener:
    """A TCP listener on loopback that records whether anything connected to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener():
    lis = Listener()
    yield lis
    lis.close()


@dataclass
class Case:
    """One bad input: the command line (``{w}`` is the case's folder, ``{port}`` the listener's),
    an optional setup, the exit code and a fragment of the one-line message."""
    id: str
    args: list[str]
    code: int
    message: str
    setup: Callable[[Path], None] | None = None
    stdin: bytes | None = None
    subprocess: bool = False
    created: list[str] = field(default_factory=list)   # files a passing case may add or change


def nested(n: int, left: str, right: str) -> str:
    return "SELECT * WHERE { FILTER(" + left * n + "1" + right * n + ") }" if left == "(" else \
        "SELECT * WHERE " + left * n + right * n


SERVICE = "SERVICE <http://127.0.0.1:{port}/sparql> { ?a ?b ?c }"

CASES = [
    # -- queries may not reach the network -------------------------------------------------
    Case("service-plain", ["query", "{w}/store", "SELECT * WHERE { ?s ?p ?o . " + SERVICE + " }"],
         1, "--allow-service"),
    Case("service-after-escaped-hash", ["query", "{w}/store",
         "SELECT * WHERE { ?s dcterms:x\\# ?o . " + SERVICE + " }"], 1, "--allow-service"),
    Case("service-after-escaped-quote", ["query", "{w}/store",
         "SELECT * WHERE { ?s dcterms:x\\' ?o . " + SERVICE + " FILTER(?o != 'x') }"], 1, "--allow-service"),
    Case("service-lower-case-in-optional", ["query", "{w}/g.ttl",
         "SELECT * WHERE { OPTIONAL { service <http://127.0.0.1:{port}/> { ?a ?b ?c } } }"],
         1, "--allow-service"),
    Case("service-by-variable", ["query", "{w}/store",
         "SELECT * WHERE { BIND(<http://127.0.0.1:{port}/> AS ?e) SERVICE ?e { ?a ?b ?c } }"],
         1, "--allow-service"),
    Case("viz-service-after-escaped-hash", ["viz", "{w}/g.ttl", "-o", "{w}/v.html", "--query", "{w}/q.rq"],
         1, "network", setup=lambda w: (w / "q.rq").write_text(
             "CONSTRUCT { ?s ?p ?o } WHERE { ?s dcterms:x\\# ?o . " + SERVICE + " }", encoding="utf-8")),
    Case("viz-service-after-escaped-quote", ["viz", "{w}/g.ttl", "-o", "{w}/v.html", "--query", "{w}/q.rq"],
         1, "network", setup=lambda w: (w / "q.rq").write_text(
             "CONSTRUCT { ?s ?p ?o } WHERE { ?s dcterms:x\\' ?o . " + SERVICE + " FILTER(?o != 'x') }",
             encoding="utf-8")),
    Case("viz-from-remote-graph", ["viz", "{w}/g.ttl", "-o", "{w}/v.html", "--query", "{w}/q.rq"],
         1, "FROM", setup=lambda w: (w / "q.rq").write_text(
             "CONSTRUCT { ?s ?p ?o } FROM <http://127.0.0.1:{port}/g.ttl> WHERE { ?s ?p ?o }",
             encoding="utf-8")),
    # -- runaway queries -----------------------------------------------------------------------
    Case("ten-thousand-parentheses", ["query", "{w}/store", nested(10000, "(", ")")], 1, "at most 128",
         subprocess=True),
    Case("fifty-thousand-braces", ["query", "{w}/g.ttl", nested(50000, "{", "}")], 1, "at most 128",
         subprocess=True),
    Case("viz-deep-braces", ["viz", "{w}/g.ttl", "-o", "{w}/v.html", "--query", "{w}/q.rq"], 1, "at most 128",
         setup=lambda w: (w / "q.rq").write_text("CONSTRUCT { ?s ?p ?o } WHERE " + "{" * 5000 + "}" * 5000),
         subprocess=True),
    Case("timeout-inf", ["query", "{w}/store", "--timeout", "inf", "ASK {}"], 2, "finite"),
    Case("timeout-huge", ["query", "{w}/store", "--timeout", "1e300", "ASK {}"], 2, "finite"),
    Case("timeout-zero", ["query", "{w}/store", "--timeout", "0", "ASK {}"], 2, "above 0"),
    Case("timeout-nan", ["query", "{w}/store", "--timeout", "nan", "ASK {}"], 2, "finite"),
    Case("timeout-word", ["query", "{w}/store", "--timeout", "soon", "ASK {}"], 2, "seconds"),
    Case("query-file-not-utf8", ["query", "{w}/store", "-f", "{w}/q.rq"], 1, "not UTF-8",
         setup=lambda w: (w / "q.rq").write_bytes("SELECT * { ?s ?p '安平' }".encode("gb18030"))),
    Case("viz-query-file-not-utf8", ["viz", "{w}/g.ttl", "-o", "{w}/v.html", "--query", "{w}/q.rq"],
         1, "not UTF-8", setup=lambda w: (w / "q.rq").write_bytes("CONSTRUCT {} WHERE { '安平' }".encode("gb18030"))),
]


def run_case(case: Case, work: Path, port: int):
    args = [a.replace("{w}", str(work)).replace("{port}", str(port)) for a in case.args]
    if case.subprocess:
        proc = subprocess.run([HSGRAPH, *args], input=case.stdin or b"", capture_output=True, timeout=120)
        return proc.returncode, proc.stderr.decode("utf-8", "replace"), proc.stdout
    res = CliRunner().invoke(cli, args, input=case.stdin)
    return res.exit_code, res.stderr, res.stdout_bytes


def fill_port(case: Case, work: Path, port: int) -> None:
    """Files written by a setup may name the listener's port too."""
    for path in work.glob("*.rq"):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        path.write_text(text.replace("{port}", str(port)), encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case, work, listener):
    if case.setup:
        case.setup(work)
    fill_port(case, work, listener.port)
    before = tree_hashes(work)
    code, err, _ = run_case(case, work, listener.port)
    assert code == case.code, err
    assert case.message in err, err
    if code != 0:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), err
        assert "Traceback" not in err
        assert tree_hashes(work) == before
    else:
        after = tree_hashes(work)
        assert {k: v for k, v in after.items() if k in before and k not in case.created} == \
            {k: v for k, v in before.items() if k not in case.created}
    assert listener.connections == 0
