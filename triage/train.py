"""Train the learned model (``triage/model_weights.npz``) with scikit-learn.

Run ``python manage.py triage_train`` from the project root. Reproducible: the data are the
files in the repository (the real corpus's train and dev splits, see :mod:`triage.corpus`,
plus the constructed letters ``triage/tests/data/heldout.jsonl`` and ``fresh.jsonl``), every
solver is deterministic and seeded. The ``unseen*.jsonl`` files and the real test split are
never read here: they measure what the model adds.

Steps: fit on train (+ constructed) → choose the thresholds on dev, recall first (the lowest
"raise" threshold whose dev urgent recall of the combined triage stays highest at a precision
floor; the "lower" threshold below which a non-must-never-miss rule hit may drop to
"attention") → refit on train + dev with the same settings → export vocabulary, idf and
coefficients as float16 so applying it needs only numpy.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from .corpus import load_real, split_rows
from .engine import CATEGORIES
from .evaluation import load_jsonl
from .model import FORMAT, MODEL_PATH, features

HERE = Path(__file__).resolve().parent
CONSTRUCTED = (HERE / "tests" / "data" / "heldout.jsonl", HERE / "tests" / "data" / "fresh.jsonl")
SEED = 20240611
MIN_DF = 2
C_URGENT = 4.0
C_CATEGORY = 8.0
CONSTRUCTED_WEIGHT = 0.5


def _analyzer(doc):
    return sorted(features(doc))


def fit(rows: list[dict], weights: list[float]):
    """A fitted (vectorizer, calibrated urgency classifier, category classifier)."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    vec = TfidfVectorizer(
        analyzer=_analyzer, binary=True, min_df=MIN_DF, norm="l2", dtype=np.float32
    )
    X = vec.fit_transform([r["text"] for r in rows])
    w = np.asarray(weights, dtype=np.float64)
    y = np.array([int(bool(r.get("urgent"))) for r in rows])
    urgent = CalibratedClassifierCV(
        LogisticRegression(C=C_URGENT, class_weight="balanced", max_iter=5000, random_state=SEED),
        method="sigmoid",
        cv=StratifiedKFold(5, shuffle=True, random_state=SEED),
        ensemble=False,
    )
    urgent.fit(X, y, sample_weight=w)
    cats = np.array([r.get("category") or "other" for r in rows])
    category = LogisticRegression(
        C=C_CATEGORY, class_weight="balanced", max_iter=5000, random_state=SEED
    )
    category.fit(X, cats, sample_weight=w)
    return vec, urgent, category


def export(vec, urgent, category, thresholds: dict, info: dict, path: Path = MODEL_PATH) -> None:
    """Write the weights for :class:`triage.model.LinearModel` (numpy only at run time)."""
    cal = urgent.calibrated_classifiers_[0]
    base = cal.estimator
    sig = cal.calibrators[0]
    vocab = vec.get_feature_names_out()
    coef = np.zeros((len(vocab), 1 + len(CATEGORIES)), dtype=np.float32)
    intercept = np.zeros(1 + len(CATEGORIES), dtype=np.float32)
    coef[:, 0] = base.coef_[0]
    intercept[0] = base.intercept_[0]
    classes = list(category.classes_)
    for j, cat in enumerate(CATEGORIES):
        if cat in classes:
            k = classes.index(cat)
            coef[:, 1 + j] = category.coef_[k]
            intercept[1 + j] = category.intercept_[k]
        else:
            intercept[1 + j] = -30.0
    # Features whose every weight rounds to zero cost memory and time for nothing.
    keep = np.abs(coef).max(axis=1) * vec.idf_ > 1e-3
    meta = {
        "format": FORMAT,
        "categories": list(CATEGORIES),
        "calibration": [float(sig.a_), float(sig.b_)],
        "thresholds": thresholds,
        "training": info,
    }
    np.savez_compressed(
        path,
        meta=np.array(json.dumps(meta, ensure_ascii=False)),
        vocab=np.array("\n".join(v for v, k in zip(vocab, keep, strict=True) if k)),
        idf=vec.idf_[keep].astype(np.float16),
        coef=coef[keep].astype(np.float16),
        intercept=intercept,
    )


def training_rows(parts: dict, include_dev: bool) -> tuple[list[dict], list[float]]:
    rows = list(parts["train"]) + (list(parts["dev"]) if include_dev else [])
    weights = [1.0] * len(rows)
    for path in CONSTRUCTED:
        extra = load_jsonl(path)
        rows += extra
        weights += [CONSTRUCTED_WEIGHT] * len(extra)
    return rows, weights


def choose_thresholds(dev: list[dict], log) -> dict:
    """Thresholds for the combined triage, on dev, recall first (see the module docstring)."""
    from .engine import classify_detail

    details = [classify_detail(r["text"]) for r in dev]
    gold = [bool(r.get("urgent")) for r in dev]

    def score(raise_at: float, lower_at: float):
        tp = fp = fn = 0
        for (rules_level, never_miss, p, may_raise), g in zip(details, gold, strict=True):
            urgent = rules_level == 2 and (never_miss or p >= lower_at)
            urgent = urgent or (may_raise and p >= raise_at)
            tp += urgent and g
            fp += urgent and not g
            fn += g and not urgent
        recall = tp / (tp + fn) if tp + fn else 1.0
        precision = tp / (tp + fp) if tp + fp else 1.0
        return recall, precision

    best = None
    for raise_at in np.arange(0.20, 0.91, 0.02):
        for lower_at in (0.0, 0.05, 0.10, 0.15, 0.20):
            recall, precision = score(raise_at, lower_at)
            # Recall first: the highest recall whose precision stays at 0.85 or more, then
            # the higher precision, then the more cautious (higher) raise threshold.
            key = (precision >= 0.85, round(recall, 3), round(precision, 3), raise_at, -lower_at)
            if best is None or key > best[0]:
                best = (key, float(raise_at), float(lower_at), recall, precision)
    _, raise_at, lower_at, recall, precision = best
    log(f"dev: raise at {raise_at:.2f}, lower below {lower_at:.2f}: recall {recall:.3f} "
        f"precision {precision:.3f}")  # fmt: skip
    return {"raise": round(raise_at, 3), "lower": round(lower_at, 3)}


def train(log=print, path: Path = MODEL_PATH) -> dict:
    from . import model as model_module

    parts = split_rows(load_real())
    rows, weights = training_rows(parts, include_dev=False)
    log(f"fit on {len(rows)} rows (real train {len(parts['train'])} + constructed)")
    vec, urgent, category = fit(rows, weights)
    export(vec, urgent, category, {"raise": 0.5, "lower": 0.0}, {}, path)
    model_module.reload_model(path)
    thresholds = choose_thresholds(parts["dev"], log)
    rows, weights = training_rows(parts, include_dev=True)
    log(f"refit on {len(rows)} rows (real train + dev + constructed)")
    vec, urgent, category = fit(rows, weights)
    info = {
        "rows": len(rows),
        "real_train": len(parts["train"]),
        "real_dev": len(parts["dev"]),
        "constructed": [p.name for p in CONSTRUCTED],
        "seed": SEED,
    }
    export(vec, urgent, category, thresholds, info, path)
    loaded = model_module.reload_model(path)
    log(f"wrote {path.name}: {len(loaded.index)} features, {path.stat().st_size // 1024} KB")
    return thresholds
