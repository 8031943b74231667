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
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            if self._stop.is_set():  # the wake-up call from close()
                conn.close()
                return
            self.connections += 1
            conn.close()

    def close(self):
        """Stop at once: a last connection of our own wakes the accepting thread."""
        self._stop.set()
        with socket.create_connection(("127.0.0.1", self.port), timeout=5):
            pass
        self._thread.join(5)
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
    Case("service-glued-to-a-number", ["query", "{w}/store",
         "SELECT * WHERE { ?s ?p 1e5" + SERVICE + " }"], 1, "--allow-service"),
    Case("service-glued-to-a-keyword", ["query", "{w}/store",
         "SELECT * WHERE { ?s ?p true" + SERVICE + " }"], 1, "--allow-service"),
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
    *[Case(f"update-{i}", ["query", "{w}/store", text], 1, "SPARQL update")
      for i, text in enumerate(["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }",
                                "LOAD <http://127.0.0.1:{port}/x.ttl>", "drop all"])],
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


def symlink(name: str, target: str):
    return lambda w: (w / name).symlink_to(w / target)


def hardlink(name: str, target: str):
    return lambda w: os.link(w / target, w / name)


CASES += [
    # -- inputs are never outputs ---------------------------------------------------------------
    Case("output-is-the-input", ["build", "{w}/in/a.txt", "-o", "{w}/in/a.txt"], 2, "is the input"),
    Case("output-inside-input-folder", ["build", "{w}/in", "-o", "{w}/in/g.ttl"], 2, "inside the input folder"),
    Case("output-symlink-to-input", ["build", "{w}/in/a.txt", "-o", "{w}/link.ttl"], 2, "is the input",
         setup=symlink("link.ttl", "in/a.txt")),
    Case("output-hard-link-to-input", ["build", "{w}/in/a.txt", "-o", "{w}/hard.ttl"], 2, "is the input",
         setup=hardlink("hard.ttl", "in/a.txt")),
    Case("output-through-symlinked-folder", ["build", "{w}/in", "-o", "{w}/inlink/g.ttl"], 2,
         "inside the input folder", setup=symlink("inlink", "in")),
    Case("store-is-the-input-folder", ["build", "{w}/in", "--store", "{w}/in"], 2, "input folder"),
    Case("store-holds-the-input", ["build", "{w}/in/a.txt", "--store", "{w}/in"], 2, "holding the input"),
    Case("store-is-an-input-file", ["build", "{w}/in/a.txt", "--store", "{w}/in/a.txt"], 2, "is a file"),
    Case("output-inside-the-store", ["build", "{w}/in", "-o", "{w}/store/g.ttl", "--store", "{w}/store"], 2,
         "inside the store"),
    Case("viz-page-over-its-graph", ["viz", "{w}/g.ttl", "-o", "{w}/g.ttl"], 2, "is the input"),
    Case("viz-page-inside-its-store", ["viz", "{w}/store", "-o", "{w}/store/v.html"], 2, "inside the input folder"),
    Case("export-over-its-graph", ["export", "{w}/g.ttl", "-f", "nt", "-o", "{w}/g.ttl"], 2, "is the input"),
    # -- output paths are checked before the work starts -------------------------------------
    Case("output-folder-missing", ["build", "{w}/in", "-o", "{w}/nowhere/g.ttl"], 2, "nowhere does not exist"),
    Case("output-under-proc", ["build", "{w}/in", "-o", "/proc/hsgraph-test/g.ttl"], 2, "does not exist"),
    Case("output-in-proc", ["build", "{w}/in", "-o", "/proc/g.ttl"], 1, "cannot write in folder /proc"),
    Case("store-under-proc", ["build", "{w}/in", "-o", "{w}/old.ttl", "--store", "/proc/hsgraph-store"], 1,
         "cannot create the store"),
    Case("output-is-a-folder", ["build", "{w}/in", "-o", "{w}/store"], 2, "is a directory"),
    Case("store-is-a-file", ["build", "{w}/in", "-o", "{w}/x.ttl", "--store", "{w}/old.ttl"], 2,
         "is a file"),
    Case("store-is-a-foreign-folder", ["build", "{w}/in", "--store", "{w}/mine"], 1, "not an hsgraph store",
         setup=lambda w: ((w / "mine").mkdir(), (w / "mine" / "keep.txt").write_text("mine"))),
    Case("viz-page-folder-missing", ["viz", "{w}/g.ttl", "-o", "{w}/nowhere/v.html"], 2, "does not exist"),
    Case("export-folder-missing", ["export", "{w}/g.ttl", "-f", "graphml", "-o", "{w}/nowhere/g.graphml"], 2,
         "does not exist"),
    Case("viz-page-to-a-full-device", ["viz", "{w}/g.ttl", "-o", "/dev/full"], 1,
         "/dev/full: cannot write: No space left on device"),
    Case("export-to-a-full-device", ["export", "{w}/g.ttl", "-f", "nt", "-o", "/dev/full"], 1,
         "/dev/full: cannot write: No space left on device"),
    Case("mkdir-creates-the-folder", ["build", "{w}/in", "-o", "{w}/new/deeper/g.ttl", "--mkdir"], 0, ""),
]


TRADITIONAL = "衡水市安平縣是全國絲網產業基地。安平縣河北華信絲網有限公司位於安平縣，主要生產絲網產品。"


def article(name: str, data: bytes):
    def make(w):
        (w / "x").mkdir(exist_ok=True)
        (w / "x" / name).write_bytes(data)
    return make


def fifo(w):
    (w / "x").mkdir()
    os.mkfifo(w / "x" / "pipe.txt")


def random_high_bytes(n: int = 3000) -> bytes:
    import random
    rng = random.Random(11)
    return bytes(rng.choice([*range(0x81, 0xFF)]) for _ in range(n))


def odd_name(w):
    (w / "x").mkdir()
    (w / "x" / os.fsdecode(b"\xff\xfe.txt")).write_text(ARTICLE, encoding="utf-8")


BUILD_X = ["build", "{w}/x", "-o", "{w}/out.ttl"]
OK = {"code": 0, "message": "", "created": ["out.ttl"]}

CASES += [
    # -- encodings: detected when sure, refused with a hint when not ---------------------------
    Case("big5-detected", BUILD_X, **OK, setup=article("a.txt", TRADITIONAL.encode("big5"))),
    Case("shift-jis-is-not-read-as-chinese", BUILD_X, 1, "use --encoding NAME",
         setup=article("a.txt", "東京都の中小企業は、新しい工場を建設するために大阪府と協定を結んだ。".encode("shift_jis") * 3)),
    Case("big5-forced", BUILD_X + ["--encoding", "big5"], **OK, setup=article("a.txt", TRADITIONAL.encode("big5"))),
    Case("random-high-bytes", BUILD_X, 1, "cannot", setup=article("a.txt", random_high_bytes())),
    Case("forced-encoding-that-does-not-fit", BUILD_X + ["--encoding", "utf-8"], 1, "not valid utf-8 text",
         setup=article("a.txt", ARTICLE.encode("gb18030"))),
    Case("unknown-encoding", BUILD_X + ["--encoding", "klingon"], 1, "unknown encoding",
         setup=article("a.txt", ARTICLE.encode("utf-8"))),
    Case("gbk", BUILD_X, **OK, setup=article("a.txt", ARTICLE.encode("gbk"))),
    Case("gb18030", BUILD_X, **OK, setup=article("a.txt", ARTICLE.encode("gb18030"))),
    Case("utf-16-with-bom", BUILD_X, **OK, setup=article("a.txt", ARTICLE.encode("utf-16"))),
    Case("utf-8-with-bom", BUILD_X, **OK, setup=article("a.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))),
    Case("traditional-utf-8", BUILD_X, **OK, setup=article("a.txt", TRADITIONAL.encode("utf-8"))),
    Case("crlf", BUILD_X, **OK, setup=article("a.txt", ARTICLE.replace("。", "。\r\n").encode("utf-8"))),
    Case("empty", BUILD_X, 1, "empty file", setup=article("a.txt", b"")),
    Case("binary", BUILD_X, 1, "binary", setup=article("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)),
    # -- only regular files, and not too much of them ---------------------------------------------
    Case("fifo-without-writer", ["build", "{w}/x/pipe.txt", "-o", "{w}/out.ttl"], 1, "named pipe",
         setup=fifo, subprocess=True),
    Case("dev-zero", ["build", "/dev/zero", "-o", "{w}/out.ttl"], 1, "a device"),
    Case("dev-zero-on-stdin", ["build", "-", "-o", "{w}/out.ttl", "--max-bytes", "4096"], 1, "--max-bytes",
         stdin=b"\0" * 10000),
    Case("too-many-bytes", BUILD_X + ["--max-bytes", "100"], 1, "larger than --max-bytes",
         setup=article("a.txt", ARTICLE.encode("utf-8") * 2)),
    Case("stdin", ["build", "-", "-o", "{w}/out.ttl"], **OK, stdin=ARTICLE.encode("gb18030")),
    Case("file-name-not-utf-8", BUILD_X, 1, "not valid UTF-8", setup=odd_name, subprocess=True),
    Case("dangling-symlink", ["build", "{w}/gone.txt", "-o", "{w}/out.ttl"], 1, "dangling symlink",
         setup=symlink("gone.txt", "nothing.txt")),
    Case("duplicate-file-names", ["build", "{w}/in/a.txt", "{w}/x/a.txt", "-o", "{w}/out.ttl"], 1,
         "same file name", setup=article("a.txt", ARTICLE.encode("utf-8"))),
]


def write(name: str, data: bytes | str):
    def make(w):
        (w / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        (w / "old.html").write_text("<p>an earlier page</p>")
    return make


def damage(how: Callable[[Path], None]):
    """Copy the store to ``bad`` and damage the copy."""
    def make(w):
        shutil.copytree(w / "store", w / "bad")
        how(w / "bad")
    return make


def each(pattern: str, change: Callable[[Path], None]):
    return lambda folder: [change(p) for p in sorted(folder.glob(pattern))]


def truncate(size: int):
    def cut(path: Path):
        with open(path, "r+b") as fh:
            fh.truncate(size)
    return cut


def scribble(path: Path):
    data = bytearray(path.read_bytes())
    data[-64:] = bytes(range(64))
    path.write_bytes(bytes(data))


HTML = "<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>hello</p></body></html>\n"
XHTML = '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>hello</p></body></html>'
BAD_TURTLE = "@prefix hs: <https://w3id.org/hsgraph/ontology#> .\n" + "hs:a hs:b hs:c .\n" * 350 + "hs:a hs:b .\n"
UNKNOWN_PREFIX = "@prefix hs: <https://w3id.org/hsgraph/ontology#> .\nhs:a hs:b foo:c .\n"

CASES += [
    # -- an RDF file must be what its name claims ---------------------------------------------------
    *[Case(f"{cmd}-html-named-rdf", [cmd, "{w}/page.rdf", *extra], 1, "not RDF/XML", setup=write("page.rdf", HTML))
      for cmd, extra in (("viz", ["-o", "{w}/old.html"]), ("validate", []), ("export", ["-f", "nt", "-o", "{w}/old.ttl"]),
                         ("stats", []), ("query", ["ASK {}"]), ("explain", ["安平县"]))],
    Case("xhtml-named-rdf", ["export", "{w}/page.rdf", "-f", "turtle", "-o", "{w}/old.ttl"], 1, "not RDF/XML",
         setup=write("page.rdf", XHTML)),
    Case("json-that-is-not-json-ld", ["viz", "{w}/x.jsonld", "-o", "{w}/old.html"], 1, "holds no RDF statements",
         setup=write("x.jsonld", '{"a": 1}')),
    Case("json-ld-with-remote-context", ["export", "{w}/x.jsonld", "-f", "nt", "-o", "{w}/old.ttl"], 1,
         "not a valid RDF file", setup=write("x.jsonld", '{"@context": "http://127.0.0.1:{port}/c", "@id": "urn:a"}')),
    Case("turtle-of-prefixes-only", ["validate", "{w}/p.ttl"], 1, "holds no RDF statements",
         setup=write("p.ttl", "@prefix hs: <https://w3id.org/hsgraph/ontology#> .\n")),
    Case("empty-turtle", ["export", "{w}/e.ttl", "-f", "nt", "-o", "{w}/old.ttl"], 1, "empty file",
         setup=write("e.ttl", "")),
    Case("turtle-syntax-error", ["viz", "{w}/bad.ttl", "-o", "{w}/old.html"], 1, "line 352",
         setup=write("bad.ttl", BAD_TURTLE)),
    Case("turtle-unknown-prefix", ["explain", "{w}/bad.ttl", "x"], 1, "prefix foo: has not been declared",
         setup=write("bad.ttl", UNKNOWN_PREFIX)),
    *[Case(f"xml-illegal-character-to-{fmt}", ["export", "{w}/c.ttl", "-f", fmt, "-o", "{w}/old.ttl"], 1,
           "XML 1.0 cannot carry", setup=write("c.ttl", '<urn:a> <urn:b> "bell\\u0007" .\n'))
      for fmt in ("rdfxml", "graphml", "gexf")],
    Case("fifo-as-graph", ["stats", "{w}/f.ttl"], 1, "not a regular file", setup=lambda w: os.mkfifo(w / "f.ttl"),
         subprocess=True),
    Case("fifo-as-query-file", ["query", "{w}/g.ttl", "-f", "{w}/q.rq"], 1, "not a regular file",
         setup=lambda w: os.mkfifo(w / "q.rq"), subprocess=True),
    Case("unknown-suffix", ["stats", "{w}/g.txt"], 1, "cannot tell the RDF format", setup=write("g.txt", "x")),
    # -- damaged store folders ------------------------------------------------------------------
    *[Case(f"damaged-store-{name}-{cmd}", [cmd, "{w}/bad", *extra], 1, "damaged store folder", setup=damage(how))
      for name, how in (("no-current", each("CURRENT", os.unlink)),
                        ("garbage-current", each("CURRENT", lambda p: p.write_text("garbage\n"))),
                        ("garbage-manifest", each("MANIFEST-*", lambda p: p.write_text("junk"))),
                        ("truncated-tables", each("*.sst", truncate(100))),
                        ("scribbled-tables", each("*.sst", scribble)),
                        ("no-tables", each("*.sst", os.unlink)),
                        ("only-the-marker", each("[!H]*", os.unlink)))
      for cmd, extra in (("query", ["ASK {}"]), ("stats", []), ("viz", ["-o", "{w}/old.html"]))],
    Case("store-marker-missing", ["stats", "{w}/bad"], 1, "not an hsgraph store folder",
         setup=damage(each("HSGRAPH_STORE", os.unlink))),
    Case("store-marker-is-a-folder", ["query", "{w}/bad", "ASK {}"], 1, "not an hsgraph store folder",
         setup=damage(each("HSGRAPH_STORE", lambda p: (p.unlink(), p.mkdir())))),
]


def run_case(case: Case, work: Path, port: int):
    args = [a.replace("{w}", str(work)).replace("{port}", str(port)) for a in case.args]
    if case.subprocess:
        proc = subprocess.run([HSGRAPH, *args], input=case.stdin or b"", capture_output=True, timeout=60)
        return proc.returncode, proc.stderr.decode("utf-8", "replace"), proc.stdout
    res = CliRunner().invoke(cli, args, input=case.stdin)
    return res.exit_code, res.stderr, res.stdout_bytes


def fill_port(case: Case, work: Path, port: int) -> None:
    """Files written by a setup may name the listener's port too."""
    for path in [*work.glob("*.rq"), *work.glob("*.jsonld")]:
        if not path.is_file():
            continue
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


# -- outputs: permissions, links, standard output, leftovers, all-or-nothing --------------------

def build_cli(*args):
    return CliRunner().invoke(cli, ["build", *map(str, args)])


def test_big5_article_reads_as_its_own_text(work):
    from hsgraph.ingest.read import read_article
    (work / "t.txt").write_bytes(TRADITIONAL.encode("big5"))
    raw = read_article(work / "t.txt")
    assert (raw.text, raw.encoding) == (TRADITIONAL, "big5")
    res = build_cli(work / "t.txt", "-o", work / "out.ttl")
    assert res.exit_code == 0, res.output
    assert '"安平县"@zh' in (work / "out.ttl").read_text(encoding="utf-8")


def test_closed_standard_input_is_an_error(work):
    proc = subprocess.run(["bash", "-c", f'exec "{HSGRAPH}" build - -o "{work}/out.ttl" 0<&-'],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip() == "Error: <stdin>: standard input is closed"
    assert not (work / "out.ttl").exists()


def test_a_replaced_output_keeps_its_mode(work):
    os.chmod(work / "old.ttl", 0o600)
    res = build_cli(work / "in", "-o", work / "old.ttl")
    assert res.exit_code == 0, res.output
    assert (os.stat(work / "old.ttl").st_mode & 0o777) == 0o600


def test_output_through_a_symlink_replaces_its_target(work):
    (work / "link.ttl").symlink_to(work / "old.ttl")
    (work / "old.ttl").write_text("# stale\n")
    res = build_cli(work / "in", "-o", work / "link.ttl")
    assert res.exit_code == 0, res.output
    assert (work / "link.ttl").is_symlink()
    assert (work / "old.ttl").read_bytes() == (work / "g.ttl").read_bytes()


def test_output_to_standard_output(work, monkeypatch):
    monkeypatch.chdir(work)
    res = build_cli(work / "in", "-o", "-")
    assert res.exit_code == 0, res.output
    assert res.stdout_bytes == (work / "g.ttl").read_bytes()
    assert not (work / "-").exists()
    proc = subprocess.run([HSGRAPH, "build", str(work / "in"), "-o", "/dev/stdout"], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (work / "g.ttl").read_bytes()


def test_leftovers_of_a_dead_writer_are_removed(work):
    dead = work / ".old.ttl.999999999.abcd.tmp"
    live = work / f".old.ttl.{os.getpid()}.abcd.tmp"
    dead_store = work / ".store.999999999.efgh.old"
    dead.write_text("half")
    live.write_text("in progress")
    dead_store.mkdir()
    res = build_cli(work / "in", "-o", work / "old.ttl", "--store", work / "store")
    assert res.exit_code == 0, res.output
    assert not dead.exists() and not dead_store.exists()
    assert live.exists()
    assert not [p for p in work.iterdir() if p.name.endswith(".tmp") and p != live]


def test_sigkill_mid_build_leaves_nothing_the_next_run_keeps(work):
    import signal
    import time
    proc = subprocess.Popen([HSGRAPH, "build", str(work / "in"), "-o", str(work / "old.ttl"),
                             "--store", str(work / "store")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            if any(p.name.endswith(".tmp") for p in work.iterdir()) or proc.poll() is not None:
                break
            time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert (work / "old.ttl").read_bytes() == (work / "g.ttl").read_bytes()  # never half-written
    res = build_cli(work / "in", "-o", work / "old.ttl", "--store", work / "store")
    assert res.exit_code == 0, res.output
    assert not [p for p in work.iterdir() if p.name.startswith(".")]
    assert (work / "old.ttl").read_bytes() == (work / "g.ttl").read_bytes()


def test_store_and_file_are_committed_together(work, monkeypatch):
    from hsgraph.commands import options
    (work / "in" / "b.txt").write_text("邯郸市曲周县把羊绒产业作为特色产业来抓。", encoding="utf-8")
    before = tree_hashes(work)

    def fail(self):
        raise OSError(28, "No space left on device", str(self.path))
    monkeypatch.setattr(options.StagedFile, "commit", fail)
    res = build_cli(work / "in", "-o", work / "old.ttl", "--store", work / "store")
    assert res.exit_code == 1
    assert "No space left on device" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert tree_hashes(work) == before
    assert not [p for p in work.iterdir() if p.name.startswith(".")]


def test_two_builds_into_one_output_both_finish_whole(work):
    procs = [subprocess.Popen([HSGRAPH, "build", str(work / "in"), "-o", str(work / "old.ttl"),
                               "--store", str(work / "store")], stderr=subprocess.PIPE) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert (work / "old.ttl").read_bytes() == (work / "g.ttl").read_bytes()
    assert not [p for p in work.iterdir() if p.name.startswith(".")]
    res = CliRunner().invoke(cli, ["stats", str(work / "store")])
    assert res.exit_code == 0 and res.output == CliRunner().invoke(cli, ["stats", str(work / "g.ttl")]).output


# -- exports of awkward text read back the same ----------------------------------------------------

AWKWARD = ("衡水市安平县\x01是全国丝网产业基地\x1b[31m。安平县河北华信丝网有限公司<位于>安平县&“丝|网;”\"\"\"，"
           "主要生产丝网产品\x07。\n\n邯郸市曲周县把羊绒产业作为特色产业来抓\x0c。\n" + ARTICLE * 12)


def test_an_article_of_control_characters_exports_to_well_formed_xml(work):
    import networkx as nx
    import rdflib
    (work / "x").mkdir()
    (work / "x" / "odd.txt").write_text(AWKWARD, encoding="utf-8")
    res = build_cli(work / "x", "-o", work / "odd.ttl")
    assert res.exit_code == 0, res.output
    ttl = rdflib.Graph().parse(work / "odd.ttl")
    assert not any(ch in str(term) for t in ttl for term in t for ch in "\x01\x1b\x07\x0c")
    from rdflib.compare import isomorphic
    for fmt in ("rdfxml", "nt", "nq", "trig", "jsonld", "graphml", "gexf"):
        res = CliRunner().invoke(cli, ["export", str(work / "odd.ttl"), "-f", fmt, "-o", str(work / f"odd.{fmt}")])
        assert res.exit_code == 0, res.output
    for fmt, rdflib_format, rapper in (("rdfxml", "xml", "rdfxml"), ("nt", "nt", "ntriples"),
                                       ("nq", "nquads", "nquads"), ("trig", "trig", "trig"),
                                       ("jsonld", "json-ld", None)):
        back, merged = rdflib.Dataset().parse(work / f"odd.{fmt}", format=rdflib_format), rdflib.Graph()
        for s, p, o, _ in back.quads():
            merged.add((s, p, o))
        assert isomorphic(merged, ttl), fmt
        if rapper and shutil.which("rapper"):
            proc = subprocess.run(["rapper", "-i", rapper, "-c", str(work / f"odd.{fmt}")],
                                  capture_output=True, text=True)
            assert proc.returncode == 0 and f"returned {len(ttl)} triples" in proc.stderr, proc.stderr
    labels = {str(o) for o in ttl.objects(None, rdflib.RDFS.label)}
    for path, reader in ((work / "odd.graphml", nx.read_graphml), (work / "odd.gexf", nx.read_gexf)):
        assert {d["label"] for d in reader(path).nodes.values()} <= labels
    res = CliRunner().invoke(cli, ["explain", str(work / "odd.ttl"), "安平县"])
    assert res.exit_code == 0 and "\x1b" not in res.output and "\x07" not in res.output


ALIASES = ["丝|网", "a;b", "back\\slash", 'quote"s', '"""', "<&>", "逗,号", "two\nlines", "\\;", ";"]


def test_multi_valued_aliases_read_back_exactly(work):
    import csv
    import json

    import networkx as nx
    import rdflib
    from rdflib.namespace import SKOS

    from hsgraph.export import split_array
    from hsgraph.rdf.namespace import HS
    g = rdflib.Graph()
    node = rdflib.URIRef("https://w3id.org/hsgraph/id/enterprise/1")
    g.add((node, rdflib.RDF.type, HS.Enterprise))
    g.add((node, rdflib.RDFS.label, rdflib.Literal("华信", lang="zh")))
    for alias in ALIASES:
        g.add((node, SKOS.altLabel, rdflib.Literal(alias, lang="zh")))
    g.serialize(work / "aliases.ttl", format="turtle")
    for fmt in ("graphml", "gexf", "csv"):
        res = CliRunner().invoke(cli, ["export", str(work / "aliases.ttl"), "-f", fmt, "-o", str(work / f"a.{fmt}")])
        assert res.exit_code == 0, res.output
    for path, reader in ((work / "a.graphml", nx.read_graphml), (work / "a.gexf", nx.read_gexf)):
        (attrs,) = reader(path).nodes.values()
        assert json.loads(attrs["aliases"]) == sorted(ALIASES)
    with open(work / "a_nodes.csv", encoding="utf-8", newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert split_array(row["aliases:string[]"]) == sorted(ALIASES)


def test_rdf_outputs_are_identical_across_hash_seeds(work):
    script = (
        "import sys\nfrom click.testing import CliRunner\nfrom hsgraph.cli import cli\n"
        "w, tag = sys.argv[1], sys.argv[2]\n"
        "for fmt in ('nt', 'jsonld'):\n"
        "    r = CliRunner().invoke(cli, ['build', w + '/in', '--format', fmt, '-o', f'{w}/b{tag}.{fmt}'])\n"
        "    assert r.exit_code == 0, r.output\n"
        "for fmt in ('nt', 'jsonld', 'rdfxml', 'nq', 'trig'):\n"
        "    r = CliRunner().invoke(cli, ['export', w + '/g.ttl', '-f', fmt, '-o', f'{w}/e{tag}.{fmt}'])\n"
        "    assert r.exit_code == 0, r.output\n")
    for seed in ("1", "2"):
        proc = subprocess.run([sys.executable, "-c", script, str(work), seed], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, timeout=120)
        assert proc.returncode == 0, proc.stderr
    for name in ("b{}.nt", "b{}.jsonld", "e{}.nt", "e{}.jsonld", "e{}.rdfxml", "e{}.nq", "e{}.trig"):
        assert (work / name.format(1)).read_bytes() == (work / name.format(2)).read_bytes(), name


def test_explain_and_tables_show_control_characters_instead_of_obeying_them(work):
    (work / "esc.ttl").write_text(
        '@prefix hs: <https://w3id.org/hsgraph/ontology#> .\n'
        '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
        '<https://w3id.org/hsgraph/id/enterprise/1> a hs:Enterprise ; rdfs:label "华信" ;\n'
        '    skos:altLabel "\\u001B]0;owned\\u0007\\u009B2J" .\n', encoding="utf-8")
    res = CliRunner().invoke(cli, ["explain", str(work / "esc.ttl"), "华信"])
    assert res.exit_code == 0, res.output
    assert "\\x1b]0;owned\\x07\\x9b2J" in res.output
    assert not any(ch in res.output for ch in "\x1b\x07\x9b")
    res = CliRunner().invoke(cli, ["query", str(work / "esc.ttl"), "--format", "table",
                                   "SELECT ?a WHERE { ?s skos:altLabel ?a }"])
    assert res.exit_code == 0, res.output
    assert "\\x1b]0;owned\\x07\\x9b2J" in res.output and "\x1b" not in res.output


@pytest.mark.parametrize("text, service", [
    ("SELECT * WHERE { ?s ?p ?o . SERVICE <http://h/> { ?a ?b ?c } }", True),
    ("SELECT * WHERE { ?s dcterms:x\\# ?o . SeRvIcE <http://h/> { ?a ?b ?c } }", True),
    ("SELECT * WHERE { ?s ?p 'it\\'s' . SERVICE SILENT ?e { ?a ?b ?c } }", True),
    ("SELECT * WHERE { ?s ?p ?o } # SERVICE <http://h/> { }", False),
    ('SELECT * WHERE { ?s ?p "SERVICE <http://h/> {}" }', False),
    ("SELECT * WHERE { ?s ?p \"\"\"a\"b\nSERVICE\"\"\" }", False),
    ("SELECT ?service WHERE { ?service hs:SERVICE <http://x/SERVICE> }", False),
])
def test_service_is_found_by_parsing_not_by_searching(text, service):
    from hsgraph.errors import QueryError
    from hsgraph.query.run import prepare_query
    if service:
        with pytest.raises(QueryError, match="--allow-service"):
            prepare_query(text)
    else:
        prepare_query(text)


def test_the_listener_does_hear_a_permitted_service_call(template, listener):
    """The guard cases above prove something only if a real SERVICE call would reach the listener."""
    res = CliRunner().invoke(cli, ["query", str(template / "store"), "--allow-service",
                                   "SELECT * WHERE { " + SERVICE.replace("{port}", str(listener.port)) + " }"])
    assert res.exit_code == 1 and res.stderr.startswith("Error: ")
    assert listener.connections >= 1
