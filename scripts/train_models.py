"""Train the candidate typer from gold annotations and report cross-validated scores.

    python scripts/train_typer.py [--shared ../shared] [--folds 5] [--write]

Every candidate the recognisers propose for a gold article is labelled with
the gold type whose name or alias it equals (after the scorer's
normalisation), or ``none``.  A multinomial logistic model is fitted to those
labels.  Quality is reported only as leave-articles-out cross-validation:
the articles are split into folds, each fold is built with a model trained on
the other folds, and the scorer's figures are summed over the folds.  With
``--write`` the model trained on all articles is written to
``hsgraph/data/models/typer.json`` (sorted keys, rounded weights: rebuilding
from the same data gives the same file).

Needs scikit-learn (``pip install scikit-learn``); the built package does not.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from hsgraph.pipeline import build_corpus, make_document, read_inputs  # noqa: E402
from hsgraph.recognise import annotate  # noqa: E402
from hsgraph.recognise.features import DocContext, features  # noqa: E402
from hsgraph.recognise.typer import NONE, Model, Typer  # noqa: E402
from hsgraph.relate import pairs  # noqa: E402
from hsgraph.relate.pairs import PairClassifier  # noqa: E402

SYMMETRIC = {"cooperatesWith"}
from hsgraph.rdf.to_rdf import corpus_to_graph, serialize  # noqa: E402

C = 0.5
# a rule's own finding is dropped only when the typer is this sure it names nothing
DROP = 0.8
SAVE_DIR: Path | None = None   # --graphs: keep each fold's graph for a closer look


def load_scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("kgscore", shared / "tools" / "kgscore.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def articles(shared: Path) -> list[tuple[Path, Path]]:
    out = []
    for sub in ("seeds", "dev2"):
        for gold in sorted((shared / "gold" / sub).glob("*.json")):
            name = json.loads(gold.read_text(encoding="utf-8"))["file"]
            src = shared / sub / name
            if src.exists():
                out.append((src, gold))
    return out


def examples(src: Path, gold: Path, norm) -> tuple[list[list[str]], list[str]]:
    g = json.loads(gold.read_text(encoding="utf-8"))
    names: dict[str, set[str]] = {}
    for e in g["entities"]:
        for n in [e["name"], *e.get("aliases", [])]:
            names.setdefault(norm(n, e["type"]), set()).add(e["type"])
    doc = make_document(read_inputs([src])[0])
    cands = annotate.candidates(doc)
    ctx = DocContext.of(doc, cands)
    place_end = {}
    for m in cands.places:
        place_end[m.start] = max(place_end.get(m.start, 0), m.end)
    X, y = [], []
    for c in cands.primary + cands.statistical + cands.industries:
        forms = [c.name]
        if c.start in place_end and place_end[c.start] < c.end - 1:  # 武强县周窝音乐小镇 is 周窝音乐小镇 there
            forms.append(doc.text[place_end[c.start]:c.end])
        types = set()
        for form in forms:
            types |= names.get(norm(form, c.type), set()) | (names.get(norm(form, "Industry"), set()) & {"Industry"})
        label = c.type if c.type in types else (sorted(types)[0] if types else NONE)
        X.append(features(ctx, c))
        y.append(label)
    return X, y


def fit(X: list[list[str]], y: list[str], threshold: float, drop: float = 1.0, c: float | None = None) -> Model:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    M = vec.fit_transform([{f: 1 for f in fs} for fs in X])
    clf = LogisticRegression(C=C if c is None else c, max_iter=3000)
    clf.fit(M, y)
    classes = [str(c) for c in clf.classes_]
    coef, intercept = clf.coef_, list(clf.intercept_)
    if len(classes) == 2:  # a binary model scores the second class; softmax over (0, s) is its sigmoid
        coef = [[0.0] * coef.shape[1], list(coef[0])]
        intercept = [0.0, intercept[0]]
    weights = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        col = [round(float(coef[k][j]), 4) for k in range(len(classes))]
        if any(abs(w) >= 0.005 for w in col):
            weights[str(name)] = col
    return Model(tuple(classes), tuple(round(float(b), 4) for b in intercept), weights, threshold, drop)


def model_json(model: Model) -> str:
    data = {"classes": list(model.classes), "intercept": list(model.intercept), "threshold": model.threshold,
            "drop": model.drop,
            "weights": {k: list(v) for k, v in sorted(model.weights.items())}}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def fold_of(i: int, folds: int) -> int:
    return i % folds


def pair_examples(corpus, gold_files, norm) -> tuple[list[list[str]], list[str], list[tuple]]:
    """Every candidate pair of every sentence, labelled 1 where the gold states that relation."""
    gold_by_file = {}
    for g in gold_files:
        data = json.loads(g.read_text(encoding="utf-8"))
        gold_by_file[data["file"]] = data
    X, y, keys = [], [], []
    for doc in corpus.documents:
        gold = gold_by_file[doc.doc_id]
        alias = {e["name"]: {norm(x, e["type"]) for x in [e["name"], *e.get("aliases", [])]} for e in gold["entities"]}
        rels = [(s, p, o) for s, p, o in gold["relations"] if s in alias and o in alias]

        def labels(m):
            ent = corpus.entities.get((m.type, m.key))
            names = {m.name, m.surface} | ({ent.label} | ent.aliases if ent else set())
            return {norm(n, m.type) for n in names}

        def stated(s, r, o) -> bool:
            ls, lo = labels(s), labels(o)
            return any(p == r and bool(ls & alias[gs] and lo & alias[go]
                                       or r in SYMMETRIC and ls & alias[go] and lo & alias[gs])
                       for gs, p, go in rels)

        by_sent: dict[int, list] = {}
        for m in doc.mentions:
            by_sent.setdefault(m.sentence, []).append(m)
        fired: dict[tuple, set[str]] = {}
        for rel in corpus.relations:
            if rel.evidence is not None and rel.evidence.doc_id == doc.doc_id:
                key = (rel.evidence.sentence, rel.subject, rel.predicate, rel.object)
                fired.setdefault(key, set()).add(rel.evidence.rule)
        for sent in doc.sentences:
            ms = sorted(by_sent.get(sent.index, []), key=lambda m: (m.start, -m.end))
            seen = set()
            for p in pairs.candidate_pairs(doc, sent, ms):
                key = ((p.subject.type, p.subject.key), p.relation, (p.object.type, p.object.key))
                if key in seen:
                    continue
                seen.add(key)
                X.append(pairs.pair_features(doc, p, ms, fired.get((sent.index,) + key, set())))
                y.append("1" if stated(p.subject, p.relation, p.object) else "0")
                keys.append((doc.doc_id,) + key)
    return X, y, keys


def cross_validate(items, data, folds: int, threshold: float, pair_threshold: float, scorer):
    """Two-stage leave-articles-out cross-validation.

    Stage 1 builds each fold with a typer that never saw it and collects the
    pair examples from those out-of-fold mentions; stage 2 trains the pair
    classifier on the other folds' examples and builds each fold with both
    out-of-fold models.  The scorer's counts are summed over the folds."""
    typers, pair_data = {}, {}
    for k in range(folds):
        train = [i for i in range(len(items)) if fold_of(i, folds) != k]
        typers[k] = Typer(fit([x for i in train for x in data[i][0]], [v for i in train for v in data[i][1]],
                              threshold, DROP))
        with _models(typers[k], PairClassifier(None)):
            test = [items[i] for i in range(len(items)) if fold_of(i, folds) == k]
            corpus = build_corpus(read_inputs([src for src, _ in test]))
            pair_data[k] = pair_examples(corpus, [g for _, g in test], scorer.norm)
    totals: dict = {}
    for k in range(folds):
        X = [x for j in range(folds) if j != k for x in pair_data[j][0]]
        y = [v for j in range(folds) if j != k for v in pair_data[j][1]]
        clf = PairClassifier(fit(X, y, pair_threshold))
        test = [items[i] for i in range(len(items)) if fold_of(i, folds) == k]
        with _models(typers[k], clf):
            totals = _add(totals, _score_fold(test, scorer))
    return totals, pair_data


class _models:
    """Use these models in the pipeline for the duration of a with-block."""

    def __init__(self, typer, classifier):
        self.typer, self.classifier = typer, classifier

    def __enter__(self):
        self.saved = annotate.default_typer, pairs.default_classifier
        annotate.default_typer = lambda: self.typer
        pairs.default_classifier = lambda: self.classifier

    def __exit__(self, *exc):
        annotate.default_typer, pairs.default_classifier = self.saved


def _score_fold(items, scorer):
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus(read_inputs([src for src, _ in items]))
        graph = Path(tmp) / "graph.ttl"
        graph.write_bytes(serialize(corpus_to_graph(corpus)))
        if SAVE_DIR is not None:
            SAVE_DIR.mkdir(parents=True, exist_ok=True)
            shutil.copy(graph, SAVE_DIR / f"fold-{items[0][1].stem}.ttl")
        out = {}
        for sub in sorted({gold.parent.name for _, gold in items}):
            sub_dir = Path(tmp) / sub
            sub_dir.mkdir()
            for _, gold in items:
                if gold.parent.name == sub:
                    shutil.copy(gold, sub_dir / gold.name)
            ent, rel, admin, he, hr, _ = scorer.score(str(graph), str(sub_dir))
            out[sub] = {"entities": ent, "relations": rel, "admin": {"county->city": admin},
                        "headline": {"ENTITIES": he, "RELATIONS": hr},
                        "bands": confidence_bands(graph, sub_dir, scorer)}
        return out


BANDS = ((0.9, "≥ 0.9"), (0.7, "0.7–0.9"), (0.0, "< 0.7"))


def confidence_bands(graph_path: Path, gold_dir: Path, scorer) -> dict:
    """Correct and stated evidence-bearing relations per (relation, confidence band)."""
    import rdflib
    from rdflib import RDF
    from rdflib.namespace import DCTERMS
    g = scorer.load_graph(str(graph_path))
    HS = scorer.HS
    counts: dict = {}
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        alias = {e["name"]: {scorer.norm(x, e["type"]) for x in [e["name"], *e.get("aliases", [])]}
                 for e in gold["entities"]}
        rels = [(a, p, b) for a, p, b in gold["relations"] if a in alias and b in alias]
        art = next((a for a in g.subjects(DCTERMS.identifier, rdflib.Literal(gold["file"]))), None)
        if art is None:
            continue
        seen = {}
        for ev in g.subjects(HS.source, art):
            if (ev, RDF.type, HS.Evidence) not in g:
                continue
            sub, pred, obj = g.value(ev, RDF.subject), g.value(ev, RDF.predicate), g.value(ev, RDF.object)
            if pred is None or not str(pred).startswith(str(HS)):
                continue
            name = str(pred)[len(str(HS)):]
            conf = float(g.value(ev, HS.confidence) or 0)
            key = (sub, name, obj)
            seen[key] = max(seen.get(key, 0.0), conf)
        for (sub, name, obj), conf in seen.items():
            ls = set().union(*[scorer.labels(g, sub, t) for t in scorer.types_of(g, sub) or {None}])
            lo = set().union(*[scorer.labels(g, obj, t) for t in scorer.types_of(g, obj) or {None}])
            ok = any(p == name and (ls & alias[a] and lo & alias[b]
                                    or name in SYMMETRIC and ls & alias[b] and lo & alias[a]) for a, p, b in rels)
            band = next(label for floor, label in BANDS if conf >= floor)
            c = counts.setdefault((name, band), [0, 0])
            c[0] += bool(ok)
            c[1] += 1
    return counts


def _add(a, b):
    for sub, figs in b.items():
        if sub not in a:
            a[sub] = figs
            continue
        for group in figs:
            if group == "bands":
                for k, (ok, n) in figs[group].items():
                    c = a[sub][group].setdefault(k, [0, 0])
                    c[0] += ok
                    c[1] += n
                continue
            for k in figs[group]:
                a[sub][group][k].add(figs[group][k])
    return a


def report(title: str, figures) -> None:
    for sub, figs in figures.items():
        print(f"== {sub}: {title}")
        for group in ("entities", "relations", "admin", "headline"):
            for name, prf in figs[group].items():
                print(prf.row(name))
        print(f"-- precision per confidence band ({sub}, relations with evidence)")
        for name in sorted({k[0] for k in figs["bands"]}):
            cells = []
            for _, band in BANDS:
                ok, n = figs["bands"].get((name, band), (0, 0))
                cells.append(f"{band} {ok / n:.2f} ({ok}/{n})" if n else f"{band}   -   (0/0)")
            print(f"{name:<16} " + "   ".join(cells))


def write_model(model: Model, name: str) -> None:
    out = REPO / "hsgraph" / "data" / "models" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(model_json(model), encoding="utf-8")
    print(f"wrote {out.relative_to(REPO)}")


def main(argv=None) -> int:
    global SAVE_DIR, C
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--threshold", type=float, default=0.45, help="the typer's acceptance threshold")
    ap.add_argument("--pair-threshold", type=float, default=0.5, help="the pair classifier's threshold")
    ap.add_argument("--write", action="store_true", help="write the models trained on all articles")
    ap.add_argument("--C", type=float, default=C, help="inverse regularisation strength of both models")
    ap.add_argument("--graphs", type=Path, default=None, help="keep each fold's graph in this folder")
    args = ap.parse_args(argv)
    SAVE_DIR, C = args.graphs, args.C
    scorer = load_scorer(args.shared)
    items = articles(args.shared)
    data = [examples(src, gold, scorer.norm) for src, gold in items]
    print(f"{len(items)} articles, {sum(len(d[1]) for d in data)} candidates, "
          f"{sum(v != NONE for d in data for v in d[1])} labelled with a gold type")
    figs, pair_data = cross_validate(items, data, args.folds, args.threshold, args.pair_threshold, scorer)
    report(f"leave-articles-out cross-validation, {args.folds} folds", figs)
    if args.write:
        write_model(fit([x for d in data for x in d[0]], [v for d in data for v in d[1]], args.threshold, DROP),
                    "typer.json")
        X = [x for k in pair_data for x in pair_data[k][0]]
        y = [v for k in pair_data for v in pair_data[k][1]]
        write_model(fit(X, y, args.pair_threshold), "pairs.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
