"""How much the triage model gains from more real texts: a learning curve, held out by page.

Run: python bench/triage_learning_curve.py [--fractions 0.25,0.5,0.75,1]

For each fraction, the model of ``manage.py triage_train`` (:func:`triage.train.fit`, same
features, same constructed letters) is fitted on that share of the pages of the real train and
dev splits and rates the pages it was not fitted on (5 folds by page, as the thresholds are
chosen). It prints, per language, the area under the ROC curve for urgency and what the goals
ask of it: the model's urgent precision at the rating where its own recall reaches 0.92.

It answers "would more data of the same kind reach the precision goal?": each doubling of the
pages has added well under a hundredth of area, while an urgent precision of 0.80 at recall
0.92 needs an area near 0.96 (Russian) and 0.98 (Kyrgyz, whose urgent texts are rarer).
The real test split is never read.
"""

import argparse
import hashlib
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ishenim.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from triage.corpus import base_lang, load_real, split_rows  # noqa: E402
from triage.train import FOLDS, fit, page_fold, with_constructed  # noqa: E402

RECALL = 0.92


def kept(source: str, fraction: float) -> bool:
    """Whether a page is in the share ``fraction`` (by a hash of its address: nested shares)."""
    digest = hashlib.sha256(f"learning-curve|{source}".encode()).hexdigest()
    return int(digest[:8], 16) / 0xFFFFFFFF < fraction


def precision_at_recall(gold: np.ndarray, score: np.ndarray, recall: float) -> float:
    """Urgent precision at the highest rating whose urgent recall reaches ``recall``."""
    order = np.argsort(-score, kind="stable")
    hits = np.cumsum(gold[order])
    need = int(np.ceil(recall * gold.sum()))
    k = int(np.searchsorted(hits, need)) + 1
    return float(hits[k - 1] / k)


def curve(fraction: float, real: list[dict]) -> dict:
    from sklearn.metrics import roc_auc_score

    source = [r.get("source") or r.get("id", "") for r in real]
    folds = np.array([page_fold(s) for s in source])
    share = np.array([kept(s, fraction) for s in source])
    score = np.zeros(len(real))
    for k in range(FOLDS):
        fit_rows = [r for r, f, s in zip(real, folds, share, strict=True) if f != k and s]
        rows, constructed = with_constructed(fit_rows)
        vec, urgent, _ = fit(rows, constructed)
        held = np.flatnonzero(folds == k)
        score[held] = urgent.predict_proba(vec.transform([real[i]["text"] for i in held]))[:, 1]
    gold = np.array([bool(r.get("urgent")) for r in real])
    langs = np.array([base_lang(r.get("lang")) for r in real])
    out = {"pages": int(len(set(s for s, keep in zip(source, share, strict=True) if keep)))}
    for lang in ("ky", "ru"):
        m = langs == lang
        out[lang] = (
            roc_auc_score(gold[m], score[m]),
            precision_at_recall(gold[m], score[m], RECALL),
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fractions", default="0.25,0.5,0.75,1")
    args = parser.parse_args()
    parts = split_rows(load_real())
    real = parts["train"] + parts["dev"]
    print(f"{len(real)} real train and dev texts, rated held out by page ({FOLDS} folds)")
    print("share  pages  | ky: area  precision@0.92 | ru: area  precision@0.92")
    for fraction in (float(f) for f in args.fractions.split(",")):
        row = curve(min(fraction, 1.0 + 1e-9), real)
        print(
            f"{fraction:5.2f}  {row['pages']:5d}  |     {row['ky'][0]:.3f}  {row['ky'][1]:.3f}"
            f"          |     {row['ru'][0]:.3f}  {row['ru'][1]:.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
