"""Build the urgency backstop (``triage/urgency_model.json``) from the labelled letters.

Run from the project root::

    python -m triage.train            # cross-validate, choose the threshold, write the model
    python -m triage.train --cv-only  # only print the cross-validated figures

Training files: the dev set (``../shared/data/triage_dev.jsonl`` beside the repository, or ``--dev PATH``) and the
test files ``triage/tests/data/heldout.jsonl`` and ``fresh.jsonl``. ``unseen.jsonl`` is never
used here: it is the honest check of what the backstop adds.

The model is an L2-regularised logistic regression over binary character 3-5-grams of the
folded text (see :mod:`triage.model`), trained by AdaGrad on a fixed-seed shuffle, so the
output is deterministic. The threshold is chosen on out-of-fold probabilities (stratified
k-fold): the lowest threshold whose out-of-fold precision is at least ``--min-precision``,
among the letters the rules do not already call urgent too, so the letters it raises are
mostly truly urgent. Pure Python, standard library only.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make "triage" importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "triage"

from triage.model import (  # noqa: E402
    MIN_WORDS,
    MODEL_PATH,
    NGRAM_MAX,
    NGRAM_MIN,
    ngrams,
    word_count,
)
from triage.normalize import tokens  # noqa: E402

HERE = Path(__file__).resolve().parent
DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "triage_dev.jsonl"
TEST_FILES = (HERE / "tests" / "data" / "heldout.jsonl", HERE / "tests" / "data" / "fresh.jsonl")

MIN_DF = 2
EPOCHS = 40
L2 = 1e-3
LEARNING_RATE = 0.5
SEED = 20240611
FOLDS = 5


def load(paths) -> list[dict]:
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def fit(docs: list[set[str]], labels: list[int], *, epochs=EPOCHS, l2=L2, lr=LEARNING_RATE):
    """Weights {n-gram: w} and a bias for binary n-gram sets (scaled by 1/sqrt(len))."""
    df = Counter(g for d in docs for g in d)
    vocab = {g for g, c in df.items() if c >= MIN_DF}
    feats = []
    for d in docs:
        scale = 1.0 / math.sqrt(len(d)) if d else 0.0
        feats.append((sorted(g for g in d if g in vocab), scale))
    w: dict[str, float] = dict.fromkeys(sorted(vocab), 0.0)
    g2: dict[str, float] = dict.fromkeys(w, 1e-8)
    b = 0.0
    b2 = 1e-8
    pos = sum(labels)
    b = math.log((pos + 1) / (len(labels) - pos + 1))
    order = list(range(len(docs)))
    rng = random.Random(SEED)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            grams, scale = feats[i]
            z = b + scale * sum(w[g] for g in grams)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            err = p - labels[i]
            b2 += err * err
            b -= lr * err / math.sqrt(b2)
            ge = err * scale
            for g in grams:
                grad = ge + l2 * w[g]
                g2[g] += grad * grad
                w[g] -= lr * grad / math.sqrt(g2[g])
    return w, b


def predict(grams: set[str], w: dict[str, float], b: float) -> float:
    from triage.model import score_grams

    return score_grams(grams, w, b)


def folds_of(labels: list[int], k: int = FOLDS) -> list[int]:
    """Stratified fold number per row, deterministic."""
    fold = [0] * len(labels)
    rng = random.Random(SEED)
    for cls in (0, 1):
        idx = [i for i, y in enumerate(labels) if y == cls]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            fold[i] = j % k
    return fold


def out_of_fold(docs, labels, k: int = FOLDS) -> list[float]:
    fold = folds_of(labels, k)
    probs = [0.0] * len(docs)
    for f in range(k):
        train = [i for i in range(len(docs)) if fold[i] != f]
        w, b = fit([docs[i] for i in train], [labels[i] for i in train])
        for i in range(len(docs)):
            if fold[i] == f:
                probs[i] = predict(docs[i], w, b)
    return probs


def figures(pred: list[bool], labels: list[int]) -> dict:
    tp = sum(1 for p, y in zip(pred, labels, strict=True) if p and y)
    fp = sum(1 for p, y in zip(pred, labels, strict=True) if p and not y)
    fn = sum(1 for p, y in zip(pred, labels, strict=True) if not p and y)
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "recall": tp / (tp + fn) if tp + fn else None,
        "precision": tp / (tp + fp) if tp + fp else None,
    }


def rules_urgent(rows) -> list[bool]:
    from triage.engine import classify

    return [classify(r["text"], backstop=False).is_urgent for r in rows]


def backstop_allowed(rows) -> list[bool]:
    from triage.engine import backstop_allowed as allowed

    return [allowed(r["text"]) for r in rows]


def choose_threshold(probs, labels, min_precision: float, max_false_rate: float) -> float:
    """The lowest threshold at which, out of fold, the model alone is at least
    ``min_precision`` precise and raises at most ``max_false_rate`` of the non-urgent letters.

    (The rules were tuned on these same files, so "letters the rules miss" cannot be measured
    here; the false-alarm rate on non-urgent letters is what the backstop adds to the rules'
    false alarms on new letters.) Falls back to a threshold no letter reaches."""
    negatives = len(labels) - sum(labels)
    grid = [round(0.30 + 0.01 * i, 2) for i in range(70)]
    for t in grid:
        fig = figures([p >= t for p in probs], labels)
        if fig["precision"] is None or fig["precision"] < min_precision:
            continue
        if negatives and fig["fp"] / negatives > max_false_rate:
            continue
        return t
    return 1.01


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--min-precision", type=float, default=0.9)
    ap.add_argument("--max-false-rate", type=float, default=0.02)
    ap.add_argument("--cv-only", action="store_true")
    args = ap.parse_args(argv)

    rows = load([args.dev, *TEST_FILES])
    labels = [1 if r.get("urgent") else 0 for r in rows]
    docs = [ngrams(r["text"]) for r in rows]
    print(f"training letters: {len(rows)} ({sum(labels)} urgent)")

    probs = out_of_fold(docs, labels)
    # As at run time, letters under MIN_WORDS words are left to the rules.
    short = [word_count(tokens(r["text"])) < MIN_WORDS for r in rows]
    probs = [0.0 if s else p for p, s in zip(probs, short, strict=True)]
    rules = rules_urgent(rows)
    print(f"{FOLDS}-fold cross-validated, model alone:")
    for t in (0.5, 0.6, 0.7, 0.8, 0.9):
        f = figures([p >= t for p in probs], labels)
        print(
            f"  threshold {t:.2f}: recall {f['recall']:.3f} precision {f['precision'] or 0:.3f}"
            f" (tp {f['tp']} fp {f['fp']} fn {f['fn']})"
        )
    threshold = choose_threshold(probs, labels, args.min_precision, args.max_false_rate)
    f = figures([p >= threshold for p in probs], labels)
    comb = figures([r or p >= threshold for r, p in zip(rules, probs, strict=True)], labels)
    base = figures(rules, labels)
    raised = [i for i, p in enumerate(probs) if p >= threshold and not rules[i]]
    print(
        f"chosen threshold {threshold:.2f} (out of fold: precision >= {args.min_precision},"
        f" false alarms on <= {args.max_false_rate:.0%} of non-urgent letters)"
    )
    print(
        f"  model alone:    recall {f['recall']:.3f} precision {f['precision'] or 0:.3f}"
        f" (tp {f['tp']} fp {f['fp']})"
    )
    print(
        f"  rules (tuned on these files, so optimistic): recall {base['recall']:.3f}"
        f" precision {base['precision']:.3f}"
    )
    print(
        f"  rules + model:  recall {comb['recall']:.3f} precision {comb['precision']:.3f};"
        f" raised {len(raised)} letters, {sum(labels[i] for i in raised)} truly urgent"
    )
    # As at run time: the model does not look at letters the rules explained as thanks, a
    # proposal or a study matter with no distress word (triage.engine._backstop_may_raise).
    allowed = backstop_allowed(rows)
    guarded = [a and p >= threshold for a, p in zip(allowed, probs, strict=True)]
    alone = figures(guarded, labels)
    gcomb = figures([r or g for r, g in zip(rules, guarded, strict=True)], labels)
    print(
        f"  model, guarded: recall {alone['recall']:.3f} precision {alone['precision'] or 0:.3f}"
        f" (tp {alone['tp']} fp {alone['fp']}; not looked at: {allowed.count(False)} letters)"
    )
    print(
        f"  rules + guarded model: recall {gcomb['recall']:.3f} precision {gcomb['precision']:.3f}"
    )
    if args.cv_only:
        return

    w, b = fit(docs, labels)
    kept = {g: round(v, 4) for g, v in sorted(w.items()) if abs(v) >= 5e-4}
    data = {
        "format": "triage-urgency-ngram-lr/1",
        "about": "Urgency backstop for triage; built by python -m triage.train. "
        "Only raises a letter the rules do not call urgent.",
        "ngram_min": NGRAM_MIN,
        "ngram_max": NGRAM_MAX,
        "training_letters": len(rows),
        "threshold": threshold,
        "min_words": MIN_WORDS,
        "bias": round(b, 6),
        "weights": kept,
    }
    args.out.write_text(
        json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out} ({len(kept)} n-grams, {args.out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
