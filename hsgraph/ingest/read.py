"""Turn article files into text, detecting the encoding and refusing what is not text.

Chinese news files arrive as UTF-8 (with or without a BOM), UTF-16 with a
BOM, or GB18030/GBK from older systems.  Strict decoding in that order is
reliable because GB18030-encoded Chinese is almost never valid UTF-8, while
binary data fails both or betrays itself with NUL bytes and control codes.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


@dataclass(frozen=True)
class RawArticle:
    doc_id: str       # the file's base name, as the graph's dcterms:identifier
    text: str
    encoding: str


def decode(data: bytes, where: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming ``where``."""
    if not data.strip():
        raise InputError("empty file", where=where)
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc), where), enc
            except UnicodeDecodeError:
                raise InputError(f"not valid {enc} text despite its byte-order mark", where=where) from None
    if b"\x00" in data:
        raise InputError("binary file, not text", where=where)
    for enc in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(enc), where), enc
        except UnicodeDecodeError:
            continue
    raise InputError("cannot decode as UTF-8 or GB18030 text", where=where)


def _checked(text: str, where: str) -> str:
    if not text.strip():
        raise InputError("empty file", where=where)
    controls = sum(1 for ch in text if ord(ch) in _CONTROL)
    if controls > max(2, len(text) // 200):
        raise InputError("binary file, not text", where=where)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article(path: Path) -> RawArticle:
    where = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError("is a folder, not an article file", where=where) from None
    except FileNotFoundError:
        raise InputError("no such file", where=where) from None
    except PermissionError:
        raise InputError("permission denied", where=where) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where=where) from None
    text, enc = decode(data, where)
    return RawArticle(Path(path).name, text, enc)


def read_stdin(data: bytes, name: str = "stdin.txt") -> RawArticle:
    text, enc = decode(data, "<stdin>")
    return RawArticle(name, text, enc)


def expand_inputs(inputs: list[str]) -> list[Path | str]:
    """Files stay files, folders give their ``.txt`` files in sorted order, ``-`` is stdin."""
    out: list[Path | str] = []
    for item in inputs:
        if item == "-":
            out.append("-")
            continue
        p = Path(item)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*.txt") if q.is_file())
            if not found:
                raise InputError("folder holds no .txt articles", where=str(p))
            out.extend(found)
        else:
            out.append(p)
    return out
