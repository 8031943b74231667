"""Length-preserving normalisation: the extraction text and the original stay aligned.

Every function maps one character to one character, so an offset found in
the normalised text is also an offset in the article's own text, and the
evidence can quote the original script.
"""
from __future__ import annotations

import functools

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# keep the Chinese full-width punctuation that sentence splitting and patterns rely on
for _ch in "，。！？；：（）“”、《》":
    _FULLWIDTH.pop(ord(_ch), None)
_FULLWIDTH[0x3000] = 0x20  # ideographic space


def fold_width(text: str) -> str:
    """Full-width Latin letters and digits to ASCII (１５亿元 → 15亿元)."""
    return text.translate(_FULLWIDTH)


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional to simplified script, one character for one.

    OpenCC's phrase tables occasionally change a phrase's length; where they
    do, the text is converted character by character instead so offsets hold.
    """
    conv = _t2s().convert
    out = conv(text)
    if len(out) == len(text):
        return out
    chars = []
    for ch in text:
        c = conv(ch)
        chars.append(c if len(c) == 1 else ch)
    return "".join(chars)


def looks_traditional(text: str) -> bool:
    sample = text[:4000]
    simplified = to_simplified(sample)
    changed = sum(1 for a, b in zip(sample, simplified) if a != b)
    return changed > max(3, len(sample) // 200)


def normalise(text: str) -> str:
    text = fold_width(text)
    return to_simplified(text) if looks_traditional(text) else text
