"""jieba with the domain dictionary, returning tokens with character offsets.

The user dictionary is built from the gazetteer and the industry and suffix
vocabularies, so place names and suffixes such as 产业园 come out as single
tokens and name boundaries fall where the rules expect them.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from .data import rows, words


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str
    pos: str


@functools.lru_cache(maxsize=1)
def _jieba():
    import jieba
    import jieba.posseg
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    from .gazetteer import gazetteer
    for name in sorted(gazetteer().all_names()):
        tk.add_word(name, 2000, "ns")
    for w in sorted(words("industries.txt")):
        tk.add_word(w, 1000, "n")
    for row in rows("patterns.tsv"):
        tk.add_word(row[2], 1000, "n")
    return tk, jieba.posseg.POSTokenizer(tk)


def tokens(text: str) -> list[Token]:
    _, pos = _jieba()
    out, i = [], 0
    for pair in pos.cut(text, HMM=True):
        w, f = pair.word, pair.flag
        out.append(Token(i, i + len(w), w, f))
        i += len(w)
    return out


def is_word(text: str) -> bool:
    tk, _ = _jieba()
    return tk.FREQ.get(text, 0) > 0
