"""Train the wording model that reads passages alongside the rules, and measure it honestly.

    python bench/train_wording.py          # train on the training sets, write the weights
    python bench/train_wording.py --check  # exit 1 if the training sets changed since training
    python bench/train_wording.py --cv     # leave-one-writer-out agreement (choose settings here)

Training uses scikit-learn (a development dependency only): a multinomial logistic regression
for the level and a ridge regression for the score, over the features in
`assistant/core/wording.py`. The weights are written as plain JSON so that reading needs no
scikit-learn. Only the TRAIN sets are ever trained on. The blind sets (`passages_final.yaml`,
`passages_fresh_*.yaml`) were written by people who saw no rules and no other set; they are
measured by `bench/bench_reading.py` and never read item by item.
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

from assistant.core.reading import REFERENCE_BANDS, read_rules  # noqa: E402
from assistant.core.wording import features  # noqa: E402
from assistant.core.wording_model import SIGNALS, WEIGHTS_FILE  # noqa: E402

DATA = ROOT / "tests" / "data"
SETS = yaml.safe_load((DATA / "sets.yaml").read_text(encoding="utf-8"))
TRAIN: tuple[str, ...] = tuple(f"{name}.yaml" for name in SETS["trained"])
"""The sets trained on; `tests/data/sets.yaml` names them, and the blind sets."""
BAND_SIGNAL = {"intention": "plan", "implementation": "practice", "integration": "improvement"}
C = 1.0
"""Inverse regularisation strength, chosen by --cv (leave one writer out)."""
MIN_WEIGHT = 0.002
MIN_PASSAGES = 2
"""A feature must occur in this many training passages to be learnt: rarer ones are noise."""
OUT = ROOT / "assistant" / "core" / WEIGHTS_FILE


def load(name: str) -> list[dict[str, Any]]:
    """Return a labelled set's items with their feature vectors."""
    items = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    out = []
    for item in items:
        reading = read_rules(item["text"])
        vector = features(item["text"], [c.kind for c in reading.cues])
        out.append({**item, "x": vector, "set": name})
    return out


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
    y = [SIGNALS.index(BAND_SIGNAL[i["band"]]) for i in items]
    level = LogisticRegression(C=c, max_iter=5000).fit(x, y)
    score = Ridge(alpha=1.0 / c).fit(x, [float(i["score"]) for i in items])
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


def digest(names: tuple[str, ...]) -> str:
    """Return a SHA-256 over the training files, so stale weights can be detected."""
    h = hashlib.sha256()
    for name in names:
        h.update((DATA / name).read_bytes())
    return h.hexdigest()


def train() -> dict[str, Any]:
    """Train on every TRAIN set and return the JSON document to ship."""
    items = [i for name in TRAIN for i in load(name)]
    doc = fit(items)
    doc["trained_on"] = {
        "files": [f"tests/data/{n}" for n in TRAIN],
        "passages": len(items),
        "sha256": digest(TRAIN),
        "C": C,
    }
    return doc


def cross_validate() -> None:
    """Print agreement for each training set when the model is trained on all the others."""
    from assistant.core.wording_model import judge, parse_weights

    sets = {name: load(name) for name in TRAIN}
    for c in (0.1, 0.25, 0.5, 1.0, 2.0):
        total = hits = 0
        err = 0.0
        rows = []
        for name, held in sets.items():
            rest = [i for n, s in sets.items() if n != name for i in s]
            weights = parse_weights(fit(rest, c))
            h = 0
            for item in held:
                verdict = judge(item["x"], weights)
                h += verdict.signal == BAND_SIGNAL[item["band"]]
                lo, hi = REFERENCE_BANDS[verdict.signal]
                err += abs(min(hi, max(lo, round(verdict.score))) - item["score"])
            rows.append(f"{name.split('/')[-1][:-5]} {h / len(held):.0%}")
            hits += h
            total += len(held)
        print(f"C={c:<5} {hits / total:6.1%}  mae {err / total:.2f}  " + "  ".join(rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--cv", action="store_true")
    args = parser.parse_args()
    if args.cv:
        cross_validate()
        return 0
    if args.check:
        shipped = json.loads(OUT.read_text(encoding="utf-8"))
        if shipped.get("trained_on", {}).get("sha256") != digest(TRAIN):
            print(f"{OUT.name} was trained on other data: run make train")
            return 1
        print(f"{OUT.name} matches the training sets")
        return 0
    doc = train()
    text = json.dumps(doc, sort_keys=True, separators=(",", ":")).replace("],", "],\n") + "\n"
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(doc['weights'])} features, {len(text):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
