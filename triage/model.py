"""The learned partner of the rules: a linear model over word heads, stems and what the rules
found, that rates both urgency (a calibrated probability) and category.

It is trained with scikit-learn by ``python manage.py triage_train`` (see :mod:`triage.train`)
and exported as a vocabulary, idf weights and coefficients (``triage/model_weights.npz``), so
applying it needs only numpy: one process loads it once (a few MB), one letter takes well under
a millisecond. How its rating combines with the rules is decided in :func:`triage.engine.classify`.

Features of a letter (:func:`features`), each counted once:
* the head of each folded word (its first four letters, or the whole word when shorter): a
  crude stem that survives Kyrgyz suffixes and Russian endings the stemmer misses;
* stems and lemmas with negation marked (``triage.morph``);
* markers of time and person (long ago, an adult, a parent, a child, news, a leaflet, hearsay);
* what the lexicon rules found (:func:`rule_features`), so the model weighs the rules.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from threading import Lock

import numpy as np

from .morph import analyse
from .normalize import Token, tokens

MODEL_PATH = Path(__file__).resolve().parent / "model_weights.npz"
FORMAT = "triage-linear/4"
# Held out on the real corpus (5 folds by page, December 2026), character 3-5-grams from every
# position of a word and word bigrams only added noise: with the word heads and stems alone the
# area under the ROC curve for urgency rose from 0.80 to 0.82 (Kyrgyz) and 0.85 to 0.88
# (Russian), and the model's category accuracy from 0.50 to 0.54, with a tenth of the features.
HEAD = 4
# Letters shorter than this (in words) are too little evidence for the model to raise them.
MIN_WORDS = 8
# Bounds on what the model reads, so any input takes bounded time.
MAX_TOKENS = 800
MAX_WORD = 40


# The school's own staff that every letter may address ("Социалдык педагог эжеке, …"). In the
# real corpus they are named in news about incidents, so the model learnt them as danger; in a
# letter to the mailbox they say nothing. The model does not read them (folded spelling).
ADDRESSEE_STEMS = ("сотсиал", "сотспедагог", "педагог")


def _content(toks: list[Token]) -> list[Token]:
    """The letter's words without the addressee (:data:`ADDRESSEE_STEMS`)."""
    return [t for t in toks if not t.text.startswith(ADDRESSEE_STEMS)]


def _bounded(toks: list[Token]) -> list[Token]:
    """A very long letter: its head and tail, as in the rules."""
    if len(toks) > MAX_TOKENS:
        return toks[: MAX_TOKENS - MAX_TOKENS // 4] + toks[-(MAX_TOKENS // 4) :]
    return toks


def word_features(text: str, toks: list[Token], marks: list[str] | None = None) -> list[str]:
    """Stems and lemmas ("w:") and the markers of a letter."""
    return ["w:" + w for w in analyse(text, toks, marks)]


def rule_features(fired, rules: dict, level: int, marks, lang: str = "") -> list[str]:
    """What the rules found, as features: each fired rule ("r:"), its category and level
    ("rc:"), the rules' level ("lv:") and the reading's marks ("m:"). So the model learns when
    the lexicon is right on real letters, instead of each phrase again.

    In a Kyrgyz letter (``lang`` "ky") each of them comes twice, once as is and once marked
    "ky|": the model learns what a rule is worth in either language and, apart, what it is
    worth in Kyrgyz news and letters, where the same rule may be more or less often right (held
    out, area under the ROC curve for Kyrgyz urgency 0.877 -> 0.887)."""
    out = [f"lv:{level}"] + ["m:" + m for m in marks]
    for rid in fired:
        rule = rules[rid]
        out += ["r:" + rid, "rc:" + rule.category + ":" + rule.level]
    if lang == "ky":
        out += ["ky|" + f for f in out]
    return out


def features(text: str, toks: list[Token] | None = None, rules: list[str] = ()) -> set[str]:
    """The distinct features of a letter (see the module docstring); ``rules`` adds
    :func:`rule_features`."""
    toks = _bounded(_content(tokens(text) if toks is None else toks))
    out: set[str] = set(rules)
    for t in toks:
        out.update(word_grams(t.text[:MAX_WORD]))
    out.update(word_features(text, toks))
    return out


@lru_cache(maxsize=200_000)
def word_grams(word: str) -> tuple[str, ...]:
    """The head of one folded word, marked by a leading space (« саба » of «сабашты»; a word of
    three letters whole, closed by a space: « мен »). Shorter words are in the stems."""
    return ((" " + word + " ")[: HEAD + 1],) if len(word) >= HEAD - 1 else ()


def word_count(toks: list[Token]) -> int:
    """Words (not emoji or other symbols) among the tokens."""
    return sum(1 for t in toks if t.text[:1].isalnum())


class Rating:
    """The model's view of one letter: P(urgent) and the category probabilities."""

    __slots__ = ("urgent", "categories")

    def __init__(self, urgent: float, categories: dict[str, float]):
        self.urgent = urgent
        self.categories = categories

    @property
    def category(self) -> str:
        return max(self.categories, key=self.categories.get)


class LinearModel:
    """Weights exported from scikit-learn: vocabulary → column, idf, one matrix of coefficients
    (column 0 urgency, then one per category), a sigmoid calibration for urgency, thresholds."""

    def __init__(self, path: Path):
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta.get("format") != FORMAT:
                raise ValueError("unknown triage model format")
            vocab = str(data["vocab"]).split("\n")
            self.idf = data["idf"].astype(np.float32)
            self.coef = data["coef"].astype(np.float32)
            self.intercept = data["intercept"].astype(np.float32)
        self.index = {f: i for i, f in enumerate(vocab)}
        self._cache: dict[str, tuple[int, ...]] = {}
        self.categories: list[str] = meta["categories"]
        self.cal_a = float(meta["calibration"][0])
        self.cal_b = float(meta["calibration"][1])
        self.thresholds: dict[str, float] = meta["thresholds"]
        self.meta = meta

    def _gram_cols(self, word: str) -> tuple[int, ...]:
        """The columns of one word's head, cached per word."""
        cols = self._cache.get(word)
        if cols is None:
            get = self.index.get
            cols = tuple(i for i in map(get, word_grams(word)) if i is not None)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[word] = cols
        return cols

    def rate(self, text: str, toks=None, marks=None, rules: list[str] = ()) -> Rating:
        """Rate a letter; ``marks`` may pass its markers (:func:`triage.morph.markers`),
        ``rules`` the :func:`rule_features` of what the lexicon found."""
        toks = _bounded(_content(tokens(text) if toks is None else toks))
        get = self.index.get
        found: set[int] = {i for i in map(get, rules) if i is not None}
        for t in toks:
            found.update(self._gram_cols(t.text[:MAX_WORD]))
        found.update(i for i in map(get, word_features(text, toks, marks)) if i is not None)
        idx = found
        if idx:
            cols = np.fromiter(idx, dtype=np.int64, count=len(idx))
            x = self.idf[cols]
            x /= float(np.sqrt(x @ x))
            z = x @ self.coef[cols] + self.intercept
        else:
            z = self.intercept.copy()
        urgent = 1.0 / (1.0 + float(np.exp(np.clip(self.cal_a * z[0] + self.cal_b, -30, 30))))
        logits = z[1:] - z[1:].max()
        probs = np.exp(logits)
        probs /= probs.sum()
        return Rating(urgent, dict(zip(self.categories, map(float, probs), strict=True)))

    # The old backstop's interface, kept for callers that only ask "urgent or not".
    def probability(self, text: str, toks: list[Token] | None = None) -> float:
        return self.rate(text, toks).urgent

    def is_urgent(self, text: str, toks: list[Token] | None = None) -> bool:
        return self.probability(text, toks) >= self.thresholds["raise"]


_MODEL: LinearModel | None = None
_MISSING = False
_LOCK = Lock()


def get_model() -> LinearModel | None:
    """The model, loaded once per process; ``None`` when the weights file is absent."""
    global _MODEL, _MISSING
    if _MODEL is None and not _MISSING:
        with _LOCK:
            if _MODEL is None and not _MISSING:
                if not MODEL_PATH.exists():
                    _MISSING = True
                    return None
                _MODEL = LinearModel(MODEL_PATH)
    return _MODEL


def reload_model(path: Path | None = None) -> LinearModel | None:
    """Re-read the weights (after ``manage.py triage_train`` rebuilt them)."""
    global _MODEL, _MISSING
    with _LOCK:
        p = path or MODEL_PATH
        if not p.exists():
            _MODEL, _MISSING = None, True
        else:
            _MODEL = LinearModel(p)
            _MISSING = False
    return _MODEL
