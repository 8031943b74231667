"""The one exception family the library raises; the CLI turns it into a one-line error."""
from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, lone surrogates (undecodable file-name bytes)
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str, keep_newlines: bool = True) -> str:
    """``text`` with every character a terminal would act on shown as an escape (``\\x1b``).

    Article text and file names reach the terminal in messages, tables and
    explanations; an escape sequence or BEL in them must be seen, not obeyed.
    A byte that was not valid UTF-8 in a file name (a lone surrogate here)
    is shown as the byte it was.
    """
    def escape(m):
        code = ord(m.group(0))
        if 0xDC80 <= code <= 0xDCFF:
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
    text = _UNSAFE.sub(escape, text)
    return text if keep_newlines else text.replace("\n", "\\n").replace("\t", "\\t")


class HsgraphError(Exception):
    """A problem the user can fix: bad input, a bad query, a missing file.

    ``where`` names the file (or other source) so the message can say
    ``<file>: <problem>`` in one line.
    """

    exit_code = 1

    def __init__(self, message: str, where: str | None = None):
        super().__init__(message)
        self.where = where

    def __str__(self) -> str:
        msg = super().__str__()
        text = f"{self.where}: {msg}" if self.where else msg
        return printable(text, keep_newlines=False)


class UsageProblem(HsgraphError):
    """Options that contradict each other or the file system (an output that is an input)."""

    exit_code = 2


class InputError(HsgraphError):
    """An article that cannot be read or decoded."""


class QueryError(HsgraphError):
    """A SPARQL query that is malformed, refused or too slow."""
