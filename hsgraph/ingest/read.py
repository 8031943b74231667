"""Turn article files into text, detecting the encoding and refusing what is not text.

Chinese news files arrive as UTF-8 (with or without a BOM), UTF-16, or
GB18030/GBK and Big5 from older systems.  UTF-8 is decoded strictly first:
legacy Chinese bytes are almost never valid UTF-8.  The legacy encodings are
the hard part, because nearly any run of high bytes is *valid* GB18030 (Big5
bytes too, as nonsense): so each candidate, with charset-normalizer's guess
among them, is decoded strictly and must then read as Chinese, that is,
nearly all of its Chinese characters must be common ones.  Real text scores
above 99 %, Big5 read as GB18030 (or the reverse) and random bytes below
50 %.  Below the threshold the file is refused, naming the likely encoding,
and ``--encoding NAME`` forces one.

Only regular files and standard input are read, and at most ``max_bytes``:
a FIFO without a writer would hang, ``/dev/zero`` would fill the memory.
Characters XML 1.0 forbids (and the C1 controls, which terminals obey) are
removed here, at extraction time, so that every output format agrees.
"""
from __future__ import annotations

import codecs
import functools
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
MAX_BYTES = 50 * 1024 * 1024
COMMON_SHARE = 0.8
LEGACY = ("gb18030", "big5")
# detector answers worth decoding with: Chinese and Unicode encodings (others only name the likely one)
_CHINESE = re.compile(r"gb2312|gbk|gb18030|hz|big5|big5hkscs|cp950|cp936|utf_(?:16|32)(?:_[bl]e)?")

# forbidden in XML 1.0, plus DEL and C1 controls; page and line feeds become line breaks
_XML_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


@dataclass(frozen=True)
class RawArticle:
    doc_id: str       # the file's base name, as the graph's dcterms:identifier
    text: str
    encoding: str


def check_encoding(name: str) -> str:
    """The codec's canonical name, or an error for a name Python does not know."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError(f"unknown encoding {name!r} (try utf-8, gb18030, big5 or utf-16)",
                         where="--encoding") from None


def decode(data: bytes, where: str, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming ``where``."""
    if not data.strip():
        raise InputError("empty file", where=where)
    if encoding:
        return _forced(data, where, encoding)
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked(data.decode(enc), where), enc
            except UnicodeDecodeError:
                raise InputError(f"not valid {enc} text despite its byte-order mark", where=where) from None
    if b"\x00" not in data:
        try:
            return _checked(data.decode("utf-8"), where), "utf-8"
        except UnicodeDecodeError:
            pass
    return _legacy(data, where)


def _forced(data: bytes, where: str, encoding: str) -> tuple[str, str]:
    name = check_encoding(encoding)
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid {encoding} text (byte {exc.start})", where=where) from None
    return _checked(text.lstrip("\ufeff"), where), name


def _legacy(data: bytes, where: str) -> tuple[str, str]:
    """The legacy encoding under which ``data`` reads as Chinese, or a clear refusal."""
    guess = detector_guess(data)
    if b"\x00" in data and not (guess or "").startswith("utf_16"):
        raise InputError("binary file, not text", where=where)
    scored = []
    usable = [guess] if guess and _CHINESE.fullmatch(guess) else []
    for enc in dict.fromkeys(usable + list(LEGACY)):
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        share = common_share(text)
        if share is not None:
            scored.append((share, enc, text))
    if not scored:
        likely = f" (it looks like {guess})" if guess else ""
        raise InputError(f"cannot decode as UTF-8, GB18030 or Big5 Chinese text{likely}; "
                         "use --encoding NAME to force one", where=where)
    share, enc, text = max(scored, key=lambda s: s[0])
    if share < COMMON_SHARE:
        likely = guess or enc
        raise InputError(f"cannot tell the encoding: as {enc} only {share:.0%} of its characters are "
                         f"common Chinese ones (likely {likely}, or not Chinese text); "
                         "use --encoding NAME to force one", where=where)
    return _checked(text, where), enc


def detector_guess(data: bytes) -> str | None:
    """charset-normalizer's best encoding for ``data`` (a Python codec name), if it has one."""
    from charset_normalizer import from_bytes
    best = from_bytes(data[:1 << 20]).best()
    return best.encoding if best is not None else None


@functools.lru_cache(maxsize=1)
def common_characters() -> frozenset[str]:
    """The level-1 characters of GB2312 (3755 simplified) and Big5 (5401 traditional).

    Together they cover more than 99.5 % of the characters in news of either
    script, while text decoded with the wrong table lands mostly elsewhere.
    """
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if (lead, trail) > (0xC6, 0x7E):
                break
            try:
                chars.add(bytes([lead, trail]).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _punctuation(code: int) -> bool:
    return 0x2000 <= code <= 0x206F or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF


def common_share(text: str) -> float | None:
    """Share of common characters among the non-ASCII letters of ``text`` (None: there are none)."""
    common = common_characters()
    letters = [ch for ch in text if ord(ch) > 0x7F and not _punctuation(ord(ch)) and not ch.isspace()]
    if not letters:
        return None
    return sum(ch in common for ch in letters) / len(letters)


def _checked(text: str, where: str) -> str:
    if not text.strip():
        raise InputError("empty file", where=where)
    controls = sum(1 for ch in text if ord(ch) in _CONTROL)
    if controls > max(2, len(text) // 200):
        raise InputError("binary file, not text", where=where)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return xml_safe(text)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (and C1 controls); form feeds become line breaks."""
    return _XML_ILLEGAL.sub("", text.translate(_BREAKS))


def read_limited(fd: int, limit: int, where: str) -> bytes:
    """Read at most ``limit`` bytes from ``fd``; more is an error, not a truncation."""
    chunks, size = [], 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InputError(f"larger than --max-bytes ({limit} bytes); raise it to read this article",
                             where=where)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, refusing FIFOs, devices and sockets without blocking on them."""
    where = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError:
        raise InputError("is a folder, not an article file", where=where) from None
    except FileNotFoundError:
        raise InputError("no such file" + (" (a dangling symlink)" if os.path.islink(path) else ""),
                         where=where) from None
    except PermissionError:
        raise InputError("permission denied", where=where) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where=where) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a folder, not an article file", where=where)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"is {_kind(st.st_mode)}; only regular files and - (standard input) are read",
                             where=where)
        if st.st_size > max_bytes:
            raise InputError(f"larger than --max-bytes ({max_bytes} bytes); raise it to read this article",
                             where=where)
        return read_limited(fd, max_bytes, where)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", where=where) from None
    finally:
        os.close(fd)


def article_id(path: Path) -> str:
    """The file's base name, which must be text: it becomes the article's identifier."""
    name = Path(path).name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("file name is not valid UTF-8; rename the file", where=str(path)) from None
    return name


def read_article(path: Path, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> RawArticle:
    doc_id = article_id(path)
    data = read_bytes(Path(path), max_bytes)
    text, enc = decode(data, str(path), encoding)
    return RawArticle(doc_id, text, enc)


def read_stdin(data: bytes, name: str = "stdin.txt", encoding: str | None = None) -> RawArticle:
    text, enc = decode(data, "<stdin>", encoding)
    return RawArticle(name, text, enc)


def read_all(items, stdin, on_error=None, encoding: str | None = None,
             max_bytes: int = MAX_BYTES) -> list[RawArticle]:
    """Read every input (``-`` through ``stdin(limit)``); with ``on_error`` a bad one is reported and skipped.

    Two inputs with the same file name would be one article in the graph, so
    the second is refused.
    """
    out: list[RawArticle] = []
    seen: set[str] = set()
    for item in items:
        try:
            if item == "-":
                raw = read_stdin(stdin(max_bytes), encoding=encoding)
            else:
                raw = read_article(Path(item), encoding=encoding, max_bytes=max_bytes)
            if raw.doc_id in seen:
                raise InputError(f"another input has the same file name {raw.doc_id!r}; "
                                 "article identifiers must be unique", where=str(item))
            seen.add(raw.doc_id)
            out.append(raw)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
    return out


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
