"""The real labelled corpus (``triage/data/real/*.jsonl``) and its split by source page.

Rows are split by a hash of their ``source`` address, never row by row, so two passages of one
page always land together (a test text never shares a page with a training text) and a row
added later lands where its page already is. Kyrgyz pages get a larger test share because
urgent Kyrgyz texts are scarce; the language of a page is Kyrgyz when any row of it is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
REAL_DIR = DATA_DIR / "real"
SPLIT_DIR = DATA_DIR / "split"
SPLITS = ("train", "dev", "test")
# (test, dev) shares of the pages of each language; the rest is train.
FRACTIONS = {"ky": (0.45, 0.15), "ru": (0.25, 0.15)}
SALT = "ishenim-triage-split-v1"


def load_real(directory: Path = REAL_DIR) -> list[dict]:
    """Every row of every ``*.jsonl`` file in the folder, files in name order."""
    rows: list[dict] = []
    for path in sorted(directory.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def base_lang(lang: str | None) -> str:
    """ "ky", "ky-plain", "ky-latin" → "ky"; "ru" → "ru"; anything else as given."""
    lang = (lang or "").lower()
    return "ky" if lang.startswith("ky") else lang


def page_position(source: str) -> float:
    """A stable number in [0, 1) for a source address."""
    digest = hashlib.sha256(f"{SALT}|{source}".encode()).hexdigest()
    return int(digest[:13], 16) / 16**13


def page_languages(rows: Iterable[dict]) -> dict[str, str]:
    langs: dict[str, str] = {}
    for row in rows:
        source = row.get("source") or row.get("id", "")
        if base_lang(row.get("lang")) == "ky":
            langs[source] = "ky"
        else:
            langs.setdefault(source, "ru")
    return langs


def split_of(source: str, lang: str) -> str:
    """ "train", "dev" or "test" for a page whose language is ``lang``."""
    test, dev = FRACTIONS.get(lang, FRACTIONS["ru"])
    x = page_position(source)
    if x < test:
        return "test"
    if x < test + dev:
        return "dev"
    return "train"


def split_rows(rows: list[dict]) -> dict[str, list[dict]]:
    """The rows of each split, in the corpus order."""
    langs = page_languages(rows)
    out: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for row in rows:
        source = row.get("source") or row.get("id", "")
        out[split_of(source, langs[source])].append(row)
    return out


def load_split(name: str) -> list[dict]:
    """One split of the real corpus, computed from the files as they are now."""
    return split_rows(load_real())[name]
