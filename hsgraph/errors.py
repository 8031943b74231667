"""The one exception family the library raises; the CLI turns it into a one-line error."""
from __future__ import annotations


class HsgraphError(Exception):
    """A problem the user can fix: bad input, a bad query, a missing file.

    ``where`` names the file (or other source) so the message can say
    ``<file>: <problem>`` in one line.
    """

    def __init__(self, message: str, where: str | None = None):
        super().__init__(message)
        self.where = where

    def __str__(self) -> str:
        msg = super().__str__()
        return f"{self.where}: {msg}" if self.where else msg


class InputError(HsgraphError):
    """An article that cannot be read or decoded."""


class QueryError(HsgraphError):
    """A SPARQL query that is malformed, refused or too slow."""
