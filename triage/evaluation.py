"""Scoring the triage against labelled appeals (used by the triage_eval command and the tests)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from .engine import CATEGORIES, classify


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


def evaluate(rows: Iterable[dict]) -> dict:
    """n, urgent recall/precision (only "urgent" counts as urgent), top-1 category accuracy,
    and the confusion of categories as {gold: {predicted: count}}."""
    n = tp = fp = fn = correct = 0
    confusion: dict[str, dict[str, int]] = {}
    misses: list[dict] = []
    for row in rows:
        n += 1
        result = classify(row.get("text") or "")
        gold_urgent = bool(row.get("urgent"))
        predicted_urgent = result.urgency == "urgent"
        tp += gold_urgent and predicted_urgent
        fp += predicted_urgent and not gold_urgent
        fn += gold_urgent and not predicted_urgent
        gold_cat = row.get("category")
        if gold_cat == result.category:
            correct += 1
        if gold_cat is not None:
            confusion.setdefault(gold_cat, {}).setdefault(result.category, 0)
            confusion[gold_cat][result.category] += 1
        if gold_urgent != predicted_urgent or gold_cat != result.category:
            misses.append(
                {
                    "id": row.get("id", str(n)),
                    "gold_urgent": gold_urgent,
                    "gold_category": gold_cat,
                    "urgency": result.urgency,
                    "category": result.category,
                    "rules": list(result.rules),
                }
            )
    return {
        "n": n,
        "urgent_recall": (tp / (tp + fn)) if (tp + fn) else None,
        "urgent_precision": (tp / (tp + fp)) if (tp + fp) else None,
        "category_accuracy": (correct / n) if n else None,
        "urgent_true_positives": tp,
        "urgent_false_positives": fp,
        "urgent_false_negatives": fn,
        "confusion": confusion,
        "misses": misses,
    }


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
    if report["misses"]:
        lines += ["", "misses (id: labelled -> predicted, rules)"]
        for m in report["misses"]:
            gold = ("urgent " if m["gold_urgent"] else "") + str(m["gold_category"])
            lines.append(
                f"  {m['id']}: {gold} -> {m['urgency']} {m['category']}  [{', '.join(m['rules'])}]"
            )
    return "\n".join(lines)
