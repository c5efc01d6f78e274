"""Triage speed and memory with the model loaded: what the issue measures.

Run: python bench/triage_bench.py [--texts 6000]

* throughput of ``triage_eval``'s path (:func:`triage.evaluation.evaluate`) over N texts of
  about 300 characters (the real corpus and the constructed letters, cut or repeated to 300
  characters, each with a fresh random word so per-word caches cannot hide new words);
* milliseconds for one letter at submission (median and 95th percentile of single calls);
* the process's resident memory (RSS) after loading the lexicon, the model and the Russian
  dictionaries and triaging everything.

Pins itself to one CPU core and one numpy thread. Needs no Django settings.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from triage.corpus import load_real  # noqa: E402
from triage.engine import classify, get_lexicon  # noqa: E402
from triage.evaluation import evaluate, load_jsonl  # noqa: E402
from triage.model import get_model  # noqa: E402

LETTERS = "абвгдежзийклмнопрстуфхчшыэюяөүң"


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def texts_300(n: int, rng: random.Random) -> list[dict]:
    rows = load_real()
    for name in ("heldout.jsonl", "fresh.jsonl"):
        rows += load_jsonl(ROOT / "triage" / "tests" / "data" / name)
    out = []
    while len(out) < n:
        for row in rows:
            t = row["text"]
            while len(t) < 292:
                t = t + " " + t
            novel = "".join(rng.choice(LETTERS) for _ in range(7))
            out.append({**row, "text": t[:292] + " " + novel})
            if len(out) == n:
                break
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=6000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    rss0 = rss_mb()
    t0 = time.perf_counter()
    get_lexicon()
    get_model()
    classify("Меня обижают в классе, мени класста шылдыңдашат")  # Russian dictionaries
    load_s = time.perf_counter() - t0
    rng = random.Random(1)
    rows = texts_300(args.texts, rng)
    start, cpu = time.perf_counter(), time.process_time()
    evaluate(rows)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    singles = []
    for row in rows[:500]:
        text = row["text"][:280] + " " + "".join(rng.choice(LETTERS) for _ in range(9))
        a = time.perf_counter()
        classify(text)
        singles.append((time.perf_counter() - a) * 1000)
    singles.sort()
    print(f"load (lexicon, model, dictionaries): {load_s * 1000:.0f} ms")
    print(f"triage_eval path: {len(rows)} texts of ~300 characters in {elapsed:.2f} s "
          f"= {len(rows) / elapsed:.0f} texts/s on one core; CPU time {cpu:.2f} s "
          f"= {len(rows) / cpu:.0f} texts per CPU-second (other load on the machine only "
          "lowers the first figure)")  # fmt: skip
    print(f"one letter: median {statistics.median(singles):.2f} ms, "
          f"95th percentile {singles[int(0.95 * len(singles))]:.2f} ms")  # fmt: skip
    print(f"process RSS: {rss_mb():.0f} MB (at start {rss0:.0f} MB)")


if __name__ == "__main__":
    main()
