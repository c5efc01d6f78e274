"""Scoring the triage against labelled appeals (used by the triage_eval command and the tests)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .engine import CATEGORIES, MODEL_LOWERED, MODEL_RULE, classify


class EvaluationError(ValueError):
    pass


def load_jsonl(path: str | Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationError(f"line {number}: not JSON ({exc.msg})") from exc
            if not isinstance(row, dict) or "text" not in row:
                raise EvaluationError(f"line {number}: needs an object with a 'text' key")
            rows.append(row)
    return rows


def _lang(row: dict) -> str:
    lang = str(row.get("lang") or "").lower()
    return "ky" if lang.startswith("ky") else lang


def evaluate(rows: Iterable[dict]) -> dict:
    """n, urgent recall/precision (only "urgent" counts as urgent), top-1 category accuracy,
    the confusion of categories as {gold: {predicted: count}}, the same figures per language
    (``by_lang``: "ky" for ky, ky-plain, ky-latin; others as labelled), the ids of the urgent
    letters missed (``misses``) and of the false alarms (``false_alarms``), what the model
    changed in each direction (``model_raised``, ``model_lowered``: {"right", "wrong"}), and
    each wrong row's detail under ``errors``."""
    rows = list(rows)
    results = [classify(row.get("text") or "") for row in rows]
    report = _figures(rows, results)
    by_lang: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_lang.setdefault(_lang(row), []).append(i)
    report["by_lang"] = {
        lang: _figures([rows[i] for i in idx], [results[i] for i in idx], detail=False)
        for lang, idx in sorted(by_lang.items())
        if lang in ("ky", "ru")
    }
    return report


def _figures(rows: list[dict], results: list, *, detail: bool = True) -> dict:
    n = tp = fp = fn = correct = 0
    confusion: dict[str, dict[str, int]] = {}
    errors: list[dict] = []
    misses: list[str] = []
    false_alarms: list[str] = []
    raised = {"right": 0, "wrong": 0}
    lowered = {"right": 0, "wrong": 0}
    for row, result in zip(rows, results, strict=True):
        n += 1
        row_id = str(row.get("id", n))
        gold_urgent = bool(row.get("urgent"))
        predicted_urgent = result.urgency == "urgent"
        tp += gold_urgent and predicted_urgent
        fp += predicted_urgent and not gold_urgent
        fn += gold_urgent and not predicted_urgent
        if gold_urgent and not predicted_urgent:
            misses.append(row_id)
        if predicted_urgent and not gold_urgent:
            false_alarms.append(row_id)
        if MODEL_RULE in result.rules:
            raised["right" if gold_urgent else "wrong"] += 1
        if MODEL_LOWERED in result.rules:
            lowered["wrong" if gold_urgent else "right"] += 1
        gold_cat = row.get("category")
        if gold_cat == result.category:
            correct += 1
        if gold_cat is not None:
            confusion.setdefault(gold_cat, {}).setdefault(result.category, 0)
            confusion[gold_cat][result.category] += 1
        if detail and (gold_urgent != predicted_urgent or gold_cat != result.category):
            errors.append(
                {
                    "id": row_id,
                    "gold_urgent": gold_urgent,
                    "gold_category": gold_cat,
                    "urgency": result.urgency,
                    "category": result.category,
                    "rules": list(result.rules),
                }
            )
    report = {
        "n": n,
        "urgent_recall": (tp / (tp + fn)) if (tp + fn) else None,
        "urgent_precision": (tp / (tp + fp)) if (tp + fp) else None,
        "category_accuracy": (correct / n) if n else None,
        "urgent_true_positives": tp,
        "urgent_false_positives": fp,
        "urgent_false_negatives": fn,
        "confusion": confusion,
        "misses": misses,
        "false_alarms": false_alarms,
        "model_raised": raised,
        "model_lowered": lowered,
    }
    if detail:
        report["errors"] = errors
    return report


def format_report(report: dict) -> str:
    def pct(v):
        return "n/a" if v is None else f"{v:.3f}"

    lines = [
        f"n                  {report['n']}",
        f"urgent recall      {pct(report['urgent_recall'])}"
        f"  (missed {report['urgent_false_negatives']})",
        f"urgent precision   {pct(report['urgent_precision'])}"
        f"  (false alarms {report['urgent_false_positives']})",
        f"category accuracy  {pct(report['category_accuracy'])}",
        "",
        "confusion (rows: labelled category, columns: predicted)",
    ]
    confusion = report["confusion"]
    cats = [c for c in CATEGORIES if c in confusion or any(c in r for r in confusion.values())]
    short = {c: c[:6] for c in cats}
    lines.append(" " * 16 + " ".join(f"{short[c]:>6}" for c in cats))
    for gold in cats:
        row = confusion.get(gold, {})
        lines.append(f"{gold:<16}" + " ".join(f"{row.get(c, 0) or '.':>6}" for c in cats))
    by_lang = report.get("by_lang") or {}
    if by_lang:
        lines += ["", "language   n     recall  precision  category"]
        for lang, r in by_lang.items():
            lines.append(
                f"{lang:<8} {r['n']:>5}   {pct(r['urgent_recall']):>6}  "
                f"{pct(r['urgent_precision']):>9}  {pct(r['category_accuracy']):>8}"
            )
    lines += [
        "",
        f"model raised to urgent: {report['model_raised']['right']} right, "
        f"{report['model_raised']['wrong']} wrong; lowered to attention: "
        f"{report['model_lowered']['right']} right, {report['model_lowered']['wrong']} wrong",
    ]
    if report.get("errors"):
        lines += ["", "errors (id: labelled -> predicted, rules)"]
        for m in report["errors"]:
            gold = ("urgent " if m["gold_urgent"] else "") + str(m["gold_category"])
            lines.append(
                f"  {m['id']}: {gold} -> {m['urgency']} {m['category']}  [{', '.join(m['rules'])}]"
            )
    return "\n".join(lines)
