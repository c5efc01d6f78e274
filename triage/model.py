"""A small statistical backstop for urgency: character n-gram logistic regression.

The rules in ``triage/lexicon`` decide urgency and category. They miss wordings nobody has
written into them yet; this model, trained on the labelled letters by ``triage/train.py``,
only ever *raises* a letter the rules call "normal" or "attention" to "urgent" when it is
confident and the letter has at least ``MIN_WORDS`` words (see :func:`triage.engine.classify`). It never lowers a rule-based "urgent" and never
changes the category.

Features: the set of character 3-, 4- and 5-grams of the folded text (``triage.normalize``),
words padded with spaces, each present n-gram weighing 1/sqrt(number of n-grams), so long and
short letters score on one scale. The weights live in ``urgency_model.json`` next to this file,
read once on first use. Pure Python, standard library only; no network.
"""

from __future__ import annotations

import json
import math
from itertools import repeat
from pathlib import Path
from threading import Lock

from .normalize import Token, tokens

MODEL_PATH = Path(__file__).resolve().parent / "urgency_model.json"
NGRAM_MIN = 3
NGRAM_MAX = 5
# Letters shorter than this (in words) are left to the rules: a few n-grams are too little
# evidence, and a bare plea for help is a rule of its own.
MIN_WORDS = 8


def folded_text(toks: list[Token]) -> str:
    """The folded words joined by single spaces, padded with a space each side."""
    return " " + " ".join(t.text for t in toks) + " "


def ngrams(text: str, toks: list[Token] | None = None) -> set[str]:
    """The distinct character n-grams (NGRAM_MIN..NGRAM_MAX) of the folded text.

    ``toks`` may pass the tokens of ``text`` when the caller already has them."""
    s = folded_text(tokens(text) if toks is None else toks)
    n = len(s)
    out = {s[i : i + NGRAM_MIN] for i in range(n - NGRAM_MIN + 1)}
    for k in range(NGRAM_MIN + 1, NGRAM_MAX + 1):
        out.update([s[i : i + k] for i in range(n - k + 1)])
    return out


def word_count(toks: list[Token]) -> int:
    """Words (not emoji or other symbols) among the tokens."""
    return sum(1 for t in toks if t.text[:1].isalnum())


def score_grams(grams: set[str], weights: dict[str, float], bias: float) -> float:
    """Probability of "urgent" for a set of n-grams under a weight table."""
    if not grams:
        return 1.0 / (1.0 + math.exp(-bias))
    total = sum(map(weights.get, grams, repeat(0.0)))
    z = bias + total / math.sqrt(len(grams))
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


class UrgencyModel:
    def __init__(self, data: dict):
        if data.get("format") != "triage-urgency-ngram-lr/1":
            raise ValueError("unknown urgency model format")
        if (data.get("ngram_min"), data.get("ngram_max")) != (NGRAM_MIN, NGRAM_MAX):
            raise ValueError("urgency model was built with other n-gram sizes")
        self.bias = float(data["bias"])
        self.threshold = float(data["threshold"])
        self.min_words = int(data.get("min_words", MIN_WORDS))
        self.weights: dict[str, float] = {k: float(v) for k, v in data["weights"].items()}

    def probability(self, text: str, toks: list[Token] | None = None) -> float:
        return score_grams(ngrams(text, toks), self.weights, self.bias)

    def is_urgent(self, text: str, toks: list[Token] | None = None) -> bool:
        if toks is None:
            toks = tokens(text)
        if word_count(toks) < self.min_words:
            return False
        return self.probability(text, toks) >= self.threshold


_MODEL: UrgencyModel | None = None
_MISSING = False
_LOCK = Lock()


def get_model() -> UrgencyModel | None:
    """The model, loaded once; ``None`` when the weights file is absent (rules only)."""
    global _MODEL, _MISSING
    if _MODEL is None and not _MISSING:
        with _LOCK:
            if _MODEL is None and not _MISSING:
                try:
                    raw = MODEL_PATH.read_text(encoding="utf-8")
                except FileNotFoundError:
                    _MISSING = True
                    return None
                _MODEL = UrgencyModel(json.loads(raw))
    return _MODEL


def reload_model(path: Path | None = None) -> UrgencyModel | None:
    """Re-read the weights (after ``python -m triage.train`` rebuilt them)."""
    global _MODEL, _MISSING
    with _LOCK:
        p = path or MODEL_PATH
        if not p.exists():
            _MODEL, _MISSING = None, True
        else:
            _MODEL = UrgencyModel(json.loads(p.read_text(encoding="utf-8")))
            _MISSING = False
    return _MODEL
