"""Command-line entry point: a click group whose commands live in ``hsgraph.commands``.

Commands are imported on first use so ``hsgraph --help`` stays fast and a
command's heavy dependencies (the browser view, the SPARQL store) load only
when that command runs.  Library errors become one-line ``Error: …`` messages
here and nowhere else.
"""
from __future__ import annotations

import importlib
import sys

import click

from .errors import HsgraphError

# name -> "module:function" inside hsgraph.commands
COMMANDS = {
    "build": "build:build",
    "explain": "explain:explain",
    "query": "query:query",
    "export": "export:export",
    "stats": "stats:stats",
    "validate": "validate:validate",
    "serve": "serve:serve",
    "push": "push:push",
    "viz": "viz:viz",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(n for n in COMMANDS if self._available(n))

    @staticmethod
    def _available(name):
        from importlib.util import find_spec
        return find_spec(f"hsgraph.commands.{COMMANDS[name].split(':')[0]}") is not None

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None or not self._available(name):
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(f"hsgraph.commands.{module}"), attr)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except HsgraphError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)


@click.group(cls=LazyGroup)
@click.version_option(package_name="hsgraph")
def cli():
    """Build, query, export and view knowledge graphs of Chinese regional-economy news."""


def main():
    cli(prog_name="hsgraph")
