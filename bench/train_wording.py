"""Train the weights that read passages with the rules, on real organisations' writing.

    python bench/train_wording.py          # train on the TRAIN split, write the weights
    python bench/train_wording.py --check  # exit 1 if the training inputs changed since training
    python bench/train_wording.py --cv     # cross-validation grouped by page (choose settings)

The training data are the TRAIN split of the real-text corpus (`bench/corpus.py`: real
passages kept beside the repository, never in it; the TEST split, one page in five, is never
trained on and no setting is chosen on it) plus the project's own labelled sets named under
`trained` in tests/data/sets.yaml, at a lower weight. Every real passage is kept: a passage on
which the two labellers agreed weighs 1, one on which they disagreed weighs DISAGREED (the
first labeller's band is the label), because disagreements are genuine boundary cases, not
noise, and a reader should still lean the way an assessor does on them.

Training uses scikit-learn (the `train` extra only), over the features in
`assistant/core/reading/wording.py`: for the level, one logistic regression per level (that
level against the others) over features scaled by how much more often they occur in that
level's passages than in the others' (their smoothed log-count ratio, "NB-weighted" logistic
regression); for the 0-10 score, a ridge regression. The scaling is folded into the weights,
so the shipped model is still one weight per feature and level, written as plain JSON:
reading needs no scikit-learn. Settings (C, the smoothing, the synthetic sets' weight, the
score model's regularisation) were chosen by `--cv`: five folds of the TRAIN split grouped by
page (GroupKFold), the synthetic sets always on the training side.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

from assistant.core.reading import REFERENCE_BANDS, read_rules, rubric  # noqa: E402
from assistant.core.reading.model import SIGNALS, WEIGHTS_FILE  # noqa: E402
from assistant.core.reading.rules import kinds  # noqa: E402
from assistant.core.reading.wording import features  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = yaml.safe_load((DATA / "sets.yaml").read_text(encoding="utf-8"))
SYNTHETIC: tuple[str, ...] = tuple(f"{name}.yaml" for name in SETS["trained"])
"""The project's own labelled sets trained on as extra data; sets.yaml names them."""
C = 0.1
"""Inverse regularisation strength of the level model, chosen by --cv (best band agreement)."""
NB_ALPHA = 2.0
"""Smoothing of the log-count ratios that scale the features (--cv: 0.5, 1, 2, 4)."""
RIDGE_ALPHA = 100.0
"""Regularisation of the score model, chosen by --cv (lowest mean score error)."""
SYNTHETIC_WEIGHT = 0.5
"""How much one passage written for the project weighs against one real passage (--cv)."""
DISAGREED = 0.5
"""How much a real passage weighs when its two labellers gave different bands."""
MIN_WEIGHT = 0.002
MIN_PASSAGES = 2
"""A feature must occur in this many training passages to be learnt: rarer ones are noise."""
OUT = ROOT / "assistant" / "core" / "reading" / WEIGHTS_FILE


def vectorise(items: list[dict[str, Any]], weight: float | None) -> list[dict[str, Any]]:
    """Return the items with their feature vectors and training weights."""
    out = []
    for item in items:
        reading = read_rules(item["text"])
        vector = features(item["text"], [c.kind for c in reading.cues])
        w = weight if weight is not None else (1.0 if item.get("agreed", True) else DISAGREED)
        counts = kinds(list(reading.cues))
        out.append(
            {"band": item["band"], "score": item["score"], "x": vector, "w": w, "counts": counts}
            | _group(item)
        )
    return out


def _group(item: dict[str, Any]) -> dict[str, Any]:
    return {"group": item.get("source_url", ""), "agreed": item.get("agreed", True)}


def synthetic(weight: float) -> list[dict[str, Any]]:
    """Return the project's own training sets, vectorised at `weight`."""
    items = []
    for name in SYNTHETIC:
        items += yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    return vectorise(items, weight)


def fit(
    items: list[dict[str, Any]], c: float = C, nb_alpha: float | None = NB_ALPHA
) -> dict[str, Any]:
    """Fit the level and score models; return the weights in their JSON form.

    With `nb_alpha`, each level's model is a logistic regression of that level against the
    others over features scaled by their log-count ratio (smoothed by `nb_alpha`); the
    scaling is folded into the shipped weights. Without it, one multinomial logistic
    regression (the reader before 2026-12-06).
    """
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression, Ridge

    seen: dict[str, int] = {}
    for item in items:
        for name in item["x"]:
            seen[name] = seen.get(name, 0) + 1
    kept = [{k: v for k, v in i["x"].items() if seen[k] >= MIN_PASSAGES} for i in items]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(kept).tocsr()
    y = np.array([SIGNALS.index(corpus.BAND_SIGNAL[i["band"]]) for i in items])
    w = np.array([i["w"] for i in items])
    if nb_alpha is None:
        level = LogisticRegression(C=c, max_iter=5000).fit(x, y, sample_weight=w)
        coef, intercepts = level.coef_, level.intercept_
    else:
        coef = np.zeros((len(SIGNALS), x.shape[1]))
        intercepts = np.zeros(len(SIGNALS))
        for k in range(len(SIGNALS)):
            ratio = _log_count_ratio(x, y == k, w, nb_alpha)
            one = LogisticRegression(C=c, max_iter=5000)
            one.fit(x.multiply(ratio).tocsr(), (y == k).astype(int), sample_weight=w)
            coef[k] = one.coef_[0] * ratio
            intercepts[k] = one.intercept_[0]
    score = Ridge(alpha=RIDGE_ALPHA).fit(x, [float(i["score"]) for i in items], sample_weight=w)
    weights = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        row = [float(coef[k][j]) for k in range(len(SIGNALS))] + [float(score.coef_[j])]
        if max(abs(v) for v in row) >= MIN_WEIGHT:
            weights[str(name)] = [round(v, 4) for v in row]
    return {
        "classes": list(SIGNALS),
        "intercepts": [round(float(v), 4) for v in intercepts],
        "score_intercept": round(float(score.intercept_), 4),
        "weights": weights,
    }


def _log_count_ratio(x: Any, positive: Any, w: Any, alpha: float) -> Any:
    """Return each feature's smoothed log ratio of its (weighted) share in one level's passages
    to its share in the other levels' passages."""
    import numpy as np

    p = alpha + np.asarray(x[positive].T @ w[positive]).ravel()
    q = alpha + np.asarray(x[~positive].T @ w[~positive]).ravel()
    return np.log((p / p.sum()) / (q / q.sum()))


def digest() -> str:
    """Return a SHA-256 over every training input: the corpus, the synthetic sets, the split."""
    h = hashlib.sha256(corpus.digest().encode())
    for name in SYNTHETIC:
        h.update((DATA / name).read_bytes())
    h.update((ROOT / "bench" / "corpus.py").read_bytes())
    return h.hexdigest()


def train() -> dict[str, Any]:
    """Train on the corpus's TRAIN split and the synthetic sets; return the JSON to ship."""
    real, test = corpus.load()
    items = vectorise(real, None) + synthetic(SYNTHETIC_WEIGHT)
    doc = fit(items)
    doc["trained_on"] = {
        "corpus": "scoring-corpus/passages.yaml, TRAIN split (bench/corpus.py)",
        "real_passages": len(real),
        "held_out_test_passages": len(test),
        "synthetic_files": [f"tests/data/{n}" for n in SYNTHETIC],
        "synthetic_weight": SYNTHETIC_WEIGHT,
        "disagreed_weight": DISAGREED,
        "sha256": digest(),
        "C": C,
        "nb_alpha": NB_ALPHA,
        "ridge_alpha": RIDGE_ALPHA,
    }
    return doc


def predict(
    doc: dict[str, Any], item: dict[str, Any], with_rubric: bool = True
) -> tuple[str, int]:
    """Return the band and clipped score the weights give one item, after the rubric's rules
    as `read_passage` applies them (or without them)."""
    from assistant.core.reading.model import judge, parse_weights

    verdict = judge(item["x"], parse_weights(doc))
    signal, score = verdict.signal, verdict.score
    if with_rubric:
        ruling = rubric.apply(signal, score, item["counts"])
        signal, score = ruling.signal, ruling.score
    lo, hi = REFERENCE_BANDS[signal]
    band = next(b for b, s in corpus.BAND_SIGNAL.items() if s == signal)
    return band, int(min(hi, max(lo, round(score))))


CANDIDATES: tuple[tuple[str, float, float | None], ...] = (
    ("one multinomial logistic regression (before)", 0.1, None),
    ("NB-weighted, smoothing 1", 0.1, 1.0),
    ("NB-weighted, smoothing 2 (shipped)", C, NB_ALPHA),
    ("NB-weighted, smoothing 4", 0.1, 4.0),
    ("NB-weighted, smoothing 2, C 0.03", 0.03, 2.0),
)
"""The settings --cv compares, each as (name, C, smoothing or None for plain logistic)."""


def cross_validate() -> None:
    """Print grouped five-fold agreement on the TRAIN split for each candidate setting."""
    from sklearn.model_selection import GroupKFold

    real, _ = corpus.load()
    items = vectorise(real, None)
    groups = [i["group"] for i in items]
    folds = list(GroupKFold(n_splits=5).split(items, groups=groups))
    extra = synthetic(SYNTHETIC_WEIGHT)
    print(f"grouped 5-fold cross-validation on {len(items)} real TRAIN passages")
    print("(with the rubric's rules, as read_passage reads; in brackets: the weights alone)")
    for name, c, nb_alpha in CANDIDATES:
        got: list[tuple[str, int]] = [("", 0)] * len(items)
        alone: list[tuple[str, int]] = [("", 0)] * len(items)
        for train_idx, held_idx in folds:
            doc = fit([items[i] for i in train_idx] + extra, c, nb_alpha)
            for i in held_idx:
                got[i] = predict(doc, items[i])
                alone[i] = predict(doc, items[i], with_rubric=False)
        print(f"{name:48s} {_figures(items, got)}  [{_figures(items, alone, False)}]", flush=True)


def _figures(items: list[dict[str, Any]], got: list[tuple[str, int]], full: bool = True) -> str:
    gold = [i["band"] for i in items]
    pairs = list(zip(gold, [g[0] for g in got], strict=True))
    hits = sum(g == r for g, r in pairs) / len(pairs)
    err = sum(abs(g[1] - i["score"]) for g, i in zip(got, items, strict=True)) / len(items)
    if not full:
        return f"band {hits:.1%}"
    recall = "  ".join(
        f"{b[:5]} {sum(g == r == b for g, r in pairs) / gold.count(b):.0%}" for b in corpus.BANDS
    )
    return f"band {hits:6.1%}  mae {err:.2f}  {recall}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--cv", action="store_true")
    args = parser.parse_args()
    if corpus.corpus_file() is None:
        done = "checked" if args.check else "trained"
        print(f"Not {done}: {corpus.absent_message()}. The shipped weights stay as they are.")
        return 0 if args.check else 2
    if args.cv:
        cross_validate()
        return 0
    if args.check:
        shipped = json.loads(OUT.read_text(encoding="utf-8"))
        if shipped.get("trained_on", {}).get("sha256") != digest():
            print(f"{OUT.name} was trained on other data: run make train")
            return 1
        print(f"{OUT.name} matches its training inputs")
        return 0
    doc = train()
    text = json.dumps(doc, sort_keys=True, separators=(",", ":")).replace("],", "],\n") + "\n"
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(doc['weights'])} features, {len(text):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
