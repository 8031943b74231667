"""Start and stop servers for tests: always on a free port of 127.0.0.1, always stopped afterwards."""
from __future__ import annotations

import contextlib
import socket
import subprocess
import time

import httpx

from conftest import hsgraph_script


def free_port() -> int:
    """A port on the loopback address that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen | None = None, limit: float = 30) -> None:
    """Poll ``url`` until it answers; fail early when the server process dies."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {proc.stderr.read().decode()[-2000:]}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {limit} s")


@contextlib.contextmanager
def hsgraph_server(source, *args):
    """Run ``hsgraph serve SOURCE`` on a free loopback port; yield its base URL."""
    port = free_port()
    proc = subprocess.Popen([hsgraph_script(), "serve", str(source), "--port", str(port), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/sparql", proc)
        yield base
    finally:
        stop(proc, 10)


def stop(proc: subprocess.Popen, grace: float) -> None:
    """End a server the test started: politely, then for good after ``grace`` seconds."""
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
