"""Run Debian's Virtuoso (virtuoso-opensource-7) for a test or benchmark, on loopback ports only.

Each run gets a fresh database in its own folder from an INI written here,
so nothing outside that folder is touched.  ``VirtuosoUnavailable`` says
why a server could not be had, for a clear skip.
"""
from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

from servers import free_port, stop

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = ., {d}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = {threads}
MaxClientConnections = {threads}
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""
PASSWORD = "dba"  # a fresh database's administrator password


class VirtuosoUnavailable(Exception):
    """Virtuoso is not installed here or did not come up."""


@contextlib.contextmanager
def virtuoso(buffers: int = 20000, threads: int = 10, limit: float = 60):
    """Yield the base URL of a fresh Virtuoso; stop it and remove its database afterwards."""
    exe = shutil.which("virtuoso-t")
    if exe is None:
        raise VirtuosoUnavailable("virtuoso-t not found: Debian's virtuoso-opensource-7 is not installed "
                                  "(.ci/run installs it)")
    d = Path(tempfile.mkdtemp(prefix="hsgraph-virtuoso-"))
    http = free_port()
    (d / "virtuoso.ini").write_text(INI.format(d=d, sql=free_port(), http=http, buffers=buffers,
                                               dirty=buffers * 3 // 4, threads=threads))
    log = open(d / "stdout.log", "wb")
    proc = subprocess.Popen([exe, "-f", "-c", str(d / "virtuoso.ini")], cwd=d, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http}"
    try:
        _wait(base, proc, d, limit)
        yield base
    finally:
        stop(proc, 30)
        log.close()
        shutil.rmtree(d, ignore_errors=True)


def _wait(base: str, proc: subprocess.Popen, d: Path, limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = (d / "stdout.log").read_text(errors="replace").strip().splitlines()[-3:]
            raise VirtuosoUnavailable(f"virtuoso-t exited with {proc.returncode}: {' | '.join(tail)}")
        try:
            if httpx.get(base + "/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise VirtuosoUnavailable(f"virtuoso-t did not answer on {base} within {limit:g} s")
