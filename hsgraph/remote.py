"""HTTP plumbing shared by ``hsgraph push`` and ``hsgraph query --endpoint``.

Credentials are offered the way the server asks for them: servers such as
Virtuoso challenge with Digest, others (Fuseki, GraphDB) with Basic, so a
cheap HEAD request finds out which before any large body is sent.
"""
from __future__ import annotations

import os

import httpx

from .errors import HsgraphError


class RemoteError(HsgraphError):
    """A remote endpoint that cannot be reached, refuses us or answers with an error."""


def password_from_env(var: str | None) -> str | None:
    """The password kept in environment variable ``var`` (never on the command line, where `ps` shows it)."""
    if not var:
        return None
    value = os.environ.get(var)
    if value is None:
        raise RemoteError(f"--password-env names {var}, but no such environment variable is set")
    return value


def choose_auth(client: httpx.Client, url: str, user: str | None, password: str | None):
    """Digest or Basic credentials for ``url``, as its 401 challenge asks; None without a user."""
    if not user:
        return None
    try:
        probe = client.head(url)
    except httpx.HTTPError:
        probe = None
    challenge = probe.headers.get("www-authenticate", "") if probe is not None else ""
    if challenge.split(" ", 1)[0].lower() == "digest":
        return httpx.DigestAuth(user, password or "")
    return httpx.BasicAuth(user, password or "")


def first_line(response: httpx.Response) -> str:
    """The first non-blank line of an error body, cut short: servers send whole HTML pages."""
    text = response.text if response.content else ""
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("<"):
            return line[:300]
    return response.reason_phrase or "no reason given"


def http_failure(url: str, response: httpx.Response) -> RemoteError:
    """A one-line error for an unsuccessful answer, saying plainly when credentials were refused."""
    status = response.status_code
    if status in (401, 403):
        return RemoteError(f"{url}: credentials refused (HTTP {status}); check --user and --password-env")
    return RemoteError(f"{url}: HTTP {status}: {first_line(response)}")


def transport_failure(url: str, exc: Exception) -> RemoteError:
    """A one-line error for a host that cannot be reached or stops answering."""
    if isinstance(exc, httpx.TimeoutException):
        return RemoteError(f"{url}: no answer in time ({type(exc).__name__})")
    reason = str(exc) or type(exc).__name__
    return RemoteError(f"{url}: cannot reach the server: {reason}")
