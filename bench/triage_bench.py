"""Triage throughput on one core: appeals per second for ~300-character texts.

Run: python bench/triage_bench.py [--seconds 3]
Uses the pure engine (no Django settings needed). The texts are built from the labelled dev
and held-out files (cut or padded to about 300 characters), with a fresh random suffix word per
call so the per-word caches cannot hide the cost of new words entirely.
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from triage.engine import classify, get_lexicon  # noqa: E402

SOURCES = [
    Path("/work/shared/data/triage_dev.jsonl"),
    ROOT / "triage" / "tests" / "data" / "heldout.jsonl",
]


def texts_300() -> list[str]:
    texts = []
    for path in SOURCES:
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(json.loads(line)["text"])
    if not texts:
        texts = ["Мени класстагы балдар ар күнү шылдыңдап, сумкамды ыргытып салышат."]
    out = []
    for t in texts:
        while len(t) < 300:
            t = t + " " + t
        out.append(t[:300])
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    t0 = time.perf_counter()
    get_lexicon()
    load_ms = (time.perf_counter() - t0) * 1000
    texts = texts_300()
    rng = random.Random(1)
    letters = "абвгдежзийклмнопрстуфхчшыэюяөүң"
    n = 0
    start = time.perf_counter()
    deadline = start + args.seconds
    while time.perf_counter() < deadline:
        for t in texts:
            novel = "".join(rng.choice(letters) for _ in range(7))
            classify(t[:292] + " " + novel)
            n += 1
    elapsed = time.perf_counter() - start
    print(f"lexicon load: {load_ms:.0f} ms")
    print(f"texts: {len(texts)} distinct, ~300 characters each")
    print(f"{n / elapsed:.0f} appeals/s on one core ({n} in {elapsed:.2f} s)")


if __name__ == "__main__":
    main()
