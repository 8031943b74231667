"""Command-line entry point: a click group whose commands live in ``hsgraph.commands``.

Commands are imported on first use so ``hsgraph --help`` stays fast and a
command's heavy dependencies (the browser view, the SPARQL store) load only
when that command runs.  Library errors become one-line ``Error: …`` messages
here and nowhere else.
"""
from __future__ import annotations

import importlib
import os
import sys

import click

from .errors import HsgraphError, printable

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
        """The one error boundary: whatever fails ends in one ``Error:`` line, never a traceback."""
        try:
            return super().invoke(ctx)
        except HsgraphError as exc:
            raise _failure(str(exc), exc.exit_code) from None
        except click.UsageError as exc:
            hint = f" (see {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
            raise _failure(exc.format_message() + hint, exc.exit_code) from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)
        except KeyboardInterrupt:
            raise _failure("interrupted", 130) from None
        except OSError as exc:
            raise _failure(_os_message(exc)) from None
        except MemoryError:
            raise _failure("out of memory") from None
        except RecursionError:
            raise _failure("input nested too deeply to process") from None
        except (SystemExit, GeneratorExit):
            raise
        except BaseException as exc:  # includes Rust panics from the store, which are no Exception
            if os.environ.get("HSGRAPH_DEBUG"):
                raise
            raise _failure(f"unexpected {type(exc).__name__}: {exc} (set HSGRAPH_DEBUG=1 for details)") from None


def _failure(message: str, code: int = 1) -> click.ClickException:
    exc = click.ClickException(printable(" ".join(message.split()), keep_newlines=False))
    exc.exit_code = code
    return exc


def _os_message(exc: OSError) -> str:
    """``<file>: <problem>`` from an OSError, as the shell would say it."""
    problem = exc.strerror or str(exc)
    name = exc.filename if exc.filename is not None else None
    return f"{os.fsdecode(name)}: {problem}" if name is not None else problem


@click.group(cls=LazyGroup)
@click.version_option(package_name="hsgraph")
def cli():
    """Build, query, export and view knowledge graphs of Chinese regional-economy news."""


def main():
    cli(prog_name="hsgraph")
