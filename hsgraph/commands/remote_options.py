"""``hsgraph query --endpoint``: the options that send a query to a remote SPARQL endpoint."""
from __future__ import annotations

import functools

import click


def remote_options(command):
    """Add --endpoint, --graph, --user and --password-env, gathered into one ``remote`` argument."""
    @click.option("--endpoint", metavar="URL",
                  help="Run the query at this SPARQL endpoint instead of on a local SOURCE.")
    @click.option("--graph", "default_graph", metavar="IRI",
                  help="With --endpoint: query this named graph as the default graph (default-graph-uri).")
    @click.option("--user", help="With --endpoint: user name, if the endpoint asks for one.")
    @click.option("--password-env", metavar="VAR", help="With --endpoint: environment variable holding the password.")
    @functools.wraps(command)
    def wrapper(*args, endpoint, default_graph, user, password_env, **kwargs):
        remote = {"endpoint": endpoint, "default_graph": default_graph, "user": user, "password_env": password_env}
        if not endpoint and any(v for k, v in remote.items()):
            raise click.UsageError("--graph, --user and --password-env go with --endpoint")
        return command(*args, remote=remote, **kwargs)
    return wrapper


def run_remote(text, *, endpoint, default_graph, user, password_env, **kwargs):
    from ..query.remote import run_remote_query
    from ..remote import password_from_env
    return run_remote_query(endpoint, text, default_graph=default_graph, user=user,
                            password=password_from_env(password_env), **kwargs)
