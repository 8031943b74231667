"""Sentence segmentation with character offsets into the repaired text."""
from __future__ import annotations

import re

from ..model import Sentence

# a sentence ends at 。！？!? or ；; (closing quotes stay with it) or at a line break
_END = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』)）]*|\n|$)")


def split_sentences(text: str, original: str) -> list[Sentence]:
    out: list[Sentence] = []
    for m in _END.finditer(text):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append(Sentence(len(out), a, b, text[a:b], original[a:b]))
    return out
