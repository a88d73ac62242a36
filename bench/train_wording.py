"""Train the weights that read passages with the rules, on real organisations' writing.

    python bench/train_wording.py          # train on the TRAIN split, write the weights
    python bench/train_wording.py --check  # exit 1 if the inputs or feature code changed since
    python bench/train_wording.py --cv     # cross-validation grouped by page (choose settings)
    python bench/train_wording.py --curve  # the same folds with a quarter to all of the pages

The training data are the TRAIN split of the real-text corpus (`bench/corpus.py`: real
passages kept beside the repository, never in it; the TEST split, one page in five, is never
trained on and no setting is chosen on it) plus the project's own labelled sets named under
`trained` in tests/data/sets.yaml, at a lower weight. Every real passage is kept: a passage on
which the two labellers agreed weighs 1, one on which they disagreed weighs DISAGREED (the
first labeller's band is the label), because disagreements are genuine boundary cases, not
noise, and a reader should still lean the way an assessor does on them.

Training uses scikit-learn (the `train` extra only): a multinomial logistic regression for the
level and a ridge regression for the 0-10 score, over the features in
`assistant/core/reading/wording.py`. The weights are written as plain JSON, so reading needs no
scikit-learn. Settings (C, the synthetic sets' weight) were chosen by `--cv`: five folds of the
TRAIN split grouped by page (GroupKFold), the synthetic sets always on the training side.
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
from assistant.core.reading.reader import says_nothing  # noqa: E402
from assistant.core.reading.rules import kinds  # noqa: E402
from assistant.core.reading.wording import features  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = yaml.safe_load((DATA / "sets.yaml").read_text(encoding="utf-8"))
SYNTHETIC: tuple[str, ...] = tuple(f"{name}.yaml" for name in SETS["trained"])
"""The project's own labelled sets trained on as extra data; sets.yaml names them."""
C = 0.1
"""Inverse regularisation strength, chosen by --cv: the best band agreement, a tie (within
half a point) going to the lower score error."""
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
        out.append(
            {"band": item["band"], "score": item["score"], "x": vector, "w": w, **_group(item)}
            | {"text": item["text"], "rules": reading.signal, "counts": kinds(list(reading.cues))}
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


def fit(items: list[dict[str, Any]], c: float = C) -> dict[str, Any]:
    """Fit the level and score models; return the weights in their JSON form."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression, Ridge

    seen: dict[str, int] = {}
    for item in items:
        for name in item["x"]:
            seen[name] = seen.get(name, 0) + 1
    kept = [{k: v for k, v in i["x"].items() if seen[k] >= MIN_PASSAGES} for i in items]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform(kept)
    y = [SIGNALS.index(corpus.BAND_SIGNAL[i["band"]]) for i in items]
    w = [i["w"] for i in items]
    level = LogisticRegression(C=c, max_iter=5000).fit(x, y, sample_weight=w)
    score = Ridge(alpha=1.0 / c).fit(x, [float(i["score"]) for i in items], sample_weight=w)
    weights = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        row = [float(level.coef_[k][j]) for k in range(len(SIGNALS))] + [float(score.coef_[j])]
        if max(abs(v) for v in row) >= MIN_WEIGHT:
            weights[str(name)] = [round(v, 4) for v in row]
    return {
        "classes": list(SIGNALS),
        "intercepts": [round(float(v), 4) for v in level.intercept_],
        "score_intercept": round(float(score.intercept_), 4),
        "weights": weights,
    }


FEATURE_CODE = ("cues.py", "signs.py", "rules.py", "wording.py")
"""The reader's modules whose output the weights are trained on (the rules' cues are features)."""


def digest() -> str:
    """Return a SHA-256 over every training input: the corpus, the synthetic sets, the split,
    and the code that turns a passage into features (a rule change needs retraining too)."""
    h = hashlib.sha256(corpus.digest().encode())
    for name in SYNTHETIC:
        h.update((DATA / name).read_bytes())
    h.update((ROOT / "bench" / "corpus.py").read_bytes())
    for name in FEATURE_CODE:
        h.update((ROOT / "assistant" / "core" / "reading" / name).read_bytes())
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
    }
    return doc


def predict(doc: dict[str, Any], vector: dict[str, float]) -> tuple[str, int]:
    """Return the band and clipped score the weights give one vector (no rubric rules)."""
    from assistant.core.reading.model import judge, parse_weights

    verdict = judge(vector, parse_weights(doc))
    lo, hi = REFERENCE_BANDS[verdict.signal]
    band = next(b for b, s in corpus.BAND_SIGNAL.items() if s == verdict.signal)
    return band, int(min(hi, max(lo, round(verdict.score))))


def read_like_the_reader(doc: dict[str, Any], item: dict[str, Any]) -> tuple[str, int]:
    """Return the band and score `read_passage` would give with these weights: small talk
    says nothing (band "none"), then the rubric's rules apply."""
    from assistant.core.reading.model import judge, parse_weights

    verdict = judge(item["x"], parse_weights(doc))
    if item["rules"] is None and says_nothing(item["text"], verdict):
        return "none", 0
    ruling = rubric.apply(verdict.signal, verdict.score, item["counts"])
    lo, hi = REFERENCE_BANDS[ruling.signal]
    band = next(b for b, s in corpus.BAND_SIGNAL.items() if s == ruling.signal)
    return band, int(min(hi, max(lo, round(ruling.score))))


def cross_validate() -> None:
    """Print grouped five-fold agreement on the TRAIN split for each candidate setting."""
    from sklearn.model_selection import GroupKFold

    real, _ = corpus.load()
    items = vectorise(real, None)
    groups = [i["group"] for i in items]
    folds = list(GroupKFold(n_splits=5).split(items, groups=groups))
    print(f"grouped 5-fold cross-validation on {len(items)} real TRAIN passages")
    for syn_w in (0.5, 1.0):
        extra = synthetic(syn_w)
        for c in (0.1, 0.3, 1.0):
            gold: list[str] = []
            got: list[str] = []
            live: list[tuple[str, int]] = []
            err = 0.0
            for train_idx, held_idx in folds:
                doc = fit([items[i] for i in train_idx] + extra, c)
                for i in held_idx:
                    band, score = predict(doc, items[i]["x"])
                    gold.append(items[i]["band"])
                    got.append(band)
                    err += abs(score - items[i]["score"])
                    live.append(read_like_the_reader(doc, items[i]))
            pairs = list(zip(gold, got, strict=True))
            hits = sum(g == r for g, r in pairs)
            recall = "  ".join(
                f"{b[:5]} {sum(g == r == b for g, r in pairs) / gold.count(b):.0%}"
                for b in corpus.BANDS
            )
            print(
                f"C={c:<4} synthetic weight {syn_w:<4} band {hits / len(gold):6.1%}  "
                f"mae {err / len(gold):.2f}  {recall}",
                flush=True,
            )
            hits = sum(g == r[0] for g, r in zip(gold, live, strict=True))
            none = sum(r[0] == "none" for r in live)
            print(
                f"  as read_passage reads (small-talk gate, rubric rules): band "
                f"{hits / len(gold):6.1%}, {none} passages said to say nothing",
                flush=True,
            )


def learning_curve() -> None:
    """Print grouped five-fold agreement (read as `read_passage` reads) when each fold trains on
    a quarter, half, three quarters or all of its pages, each part drawn three times."""
    import random

    from sklearn.model_selection import GroupKFold

    real, _ = corpus.load()
    items = vectorise(real, None)
    extra = synthetic(SYNTHETIC_WEIGHT)
    folds = list(GroupKFold(n_splits=5).split(items, groups=[i["group"] for i in items]))
    print(f"learning curve: grouped 5-fold cross-validation on {len(items)} real TRAIN passages")
    for share in (0.25, 0.5, 0.75, 1.0):
        figures = []
        for seed in (1, 2, 3) if share < 1 else (1,):
            draw = random.Random(seed)
            hits = used = 0
            for train_idx, held_idx in folds:
                pages = sorted({items[i]["group"] for i in train_idx})
                draw.shuffle(pages)
                kept = set(pages[: int(len(pages) * share)])
                part = [items[i] for i in train_idx if items[i]["group"] in kept]
                used += len(part)
                doc = fit(part + extra)
                hits += sum(
                    read_like_the_reader(doc, items[i])[0] == items[i]["band"] for i in held_idx
                )
            figures.append(hits / len(items))
        print(
            f"{share:4.0%} of the pages (about {used // len(folds)} real passages a fold): band "
            + ", ".join(f"{f:.1%}" for f in figures),
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--curve", action="store_true")
    args = parser.parse_args()
    if corpus.corpus_file() is None:
        done = "checked" if args.check else "trained"
        print(f"Not {done}: {corpus.absent_message()}. The shipped weights stay as they are.")
        return 0 if args.check else 2
    if args.cv:
        cross_validate()
        return 0
    if args.curve:
        learning_curve()
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
