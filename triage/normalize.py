"""Text folding for triage: one canonical spelling for every way a pupil may type a word.

Pupils write Kyrgyz in Cyrillic with ө/ү/ң, without them (о/у/н, sometimes "нг"), in informal
Latin letters ("sh", "ch", "j", "o" for ө, "u" for ү), Russian with typos, and Uzbek in either
script. The lexicon patterns and the letter are both passed through :func:`fold_word`, so one
pattern matches every spelling.

The canonical ("folded") form is lowercase Cyrillic where:

* ө→о, ү→у, ң→н (and "нг"→н), ё→е, э→е, ы→и, щ→ш, ц→тс, я→йа, ю→йу, ъ→ь
  (ь is kept: "бьёт" must not read as Kyrgyz "бет");
* Uzbek/Kazakh letters fold the same way: ў→у, қ→к, ғ→г, ҳ→х, ә→а, і→и, ұ→у, һ→х;
* a letter typed twice or more in a row counts once ("ооруп"→"оруп", "помогииите"→"помогите");
* Latin words are transliterated (sh→ш, ch→ч, j→ж, zh→ж, ts→тс, ya→йа, yu→йу, q→к, x→х,
  o'→у, g'→г, ng→н; "y" is й next to a vowel, otherwise ы→и);
* in a word that mixes scripts, Latin look-alikes (a, e, o, p, c, x, y, k, m, t, h, b) are read
  as the Cyrillic letters they imitate;
* the Russian forms of "быть" (был, была, были, было) keep their ы: folded to "бил" they would
  read as "бил" ("hit"), and "она была дома" would sound like a beating.

:func:`tokens` returns the folded words with their (start, end) offsets in the ORIGINAL text,
so matches can be highlighted where the pupil wrote them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# How much of a letter is analysed. Longer letters are analysed on the head and the tail
# (the start usually says what happened, the end often says what the writer will do).
MAX_HEAD = 6000
MAX_TAIL = 2000

_CYR_FOLD = str.maketrans(
    {
        "ө": "о",
        "ү": "у",
        "ң": "н",
        "ё": "е",
        "э": "е",
        "ы": "и",
        "щ": "ш",
        "ц": "тс",
        "я": "йа",
        "ю": "йу",
        "ъ": "ь",
        "ў": "у",
        "қ": "к",
        "ғ": "г",
        "ҳ": "х",
        "ә": "а",
        "і": "и",
        "ұ": "у",
        "һ": "х",
        "ӊ": "н",
        "ҥ": "н",
        "ӧ": "о",
        "ӱ": "у",
    }
)

# Latin look-alikes inside a Cyrillic word ("пoмoгите" typed with Latin o).
_HOMOGLYPH = str.maketrans(
    {
        "a": "а",
        "e": "е",
        "o": "о",
        "p": "р",
        "c": "с",
        "x": "х",
        "y": "у",
        "k": "к",
        "m": "м",
        "t": "т",
        "h": "н",
        "b": "в",
        "i": "і",
    }
)

_LATIN_MULTI = {
    "sh": "ш",
    "ch": "ч",
    "zh": "ж",
    "kh": "х",
    "gh": "г",
    "ts": "тс",
    "ya": "йа",
    "yu": "йу",
    "yo": "йо",
    "ye": "е",
    "ng": "н",
}
_LATIN_SINGLE = {
    "a": "а",
    "b": "б",
    "c": "с",
    "d": "д",
    "e": "е",
    "f": "ф",
    "g": "г",
    "h": "х",
    "i": "и",
    "j": "ж",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "q": "к",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "v": "в",
    "w": "в",
    "x": "х",
    "z": "з",
    "ö": "о",
    "ü": "у",
    "ñ": "н",
    "ı": "и",
    "ç": "ч",
    "ş": "ш",
    "ğ": "г",
    "é": "е",
    "ŭ": "у",
}
_VOWELS_LAT = set("aeiouöüŭ")
_APOSTROPHES = "'ʼ’‘`ʻ"

# A word: letters/digits, possibly joined by apostrophes (Uzbek o'g'il, Minecraft'та).
# No nested quantifiers over the same characters, so matching is linear.
_WORD_RE = re.compile(r"[^\W_]+(?:[" + _APOSTROPHES + r"][^\W_]+)*")
# Letters typed twice or more for stress («пооомогите») fold to one; digits never do: «22
# жаштагы» is a grown woman, «2 жаштагы» a baby.
_DOUBLE_RE = re.compile(r"(\D)\1+")
_NG_RE = re.compile(r"нг")


class Token(NamedTuple):
    """One folded word (or symbol such as an emoji) and where it is in the original text."""

    text: str
    start: int
    end: int
    gap: str  # the raw characters between this token and the next one (punctuation, spaces)


def _is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha() or ch in "öüñıçşğé"


_UZ_APOS_RE = re.compile(r"([og])[" + _APOSTROPHES + r"]")


def _latin_to_cyr(word: str) -> str:
    if "o" in word or "g" in word:
        # Uzbek o' (ў) and g' (ғ) first, so "yo'q" reads as йўқ, not "yo" + "q".
        word = _UZ_APOS_RE.sub(lambda m: "ŭ" if m.group(1) == "o" else "ğ", word)
    out: list[str] = []
    i = 0
    n = len(word)
    while i < n:
        ch = word[i]
        if ch in _APOSTROPHES:
            i += 1
            continue
        nxt = word[i + 1] if i + 1 < n else ""
        pair = word[i : i + 2]
        if pair in _LATIN_MULTI:
            out.append(_LATIN_MULTI[pair])
            i += 2
            continue
        prev = word[i - 1] if i else ""
        if ch == "y":
            out.append("й" if (prev in _VOWELS_LAT or (nxt in _VOWELS_LAT and not prev)) else "и")
        elif ch == "i" and prev in "aoue" and prev and (not nxt or nxt not in _VOWELS_LAT):
            # "ai", "oi", "ui" in informal Kyrgyz Latin is ай/ой/уй ("aitsan", "oinoshot").
            out.append("й")
        elif ch == "i" and prev == "y" and out and out[-1] == "и" and nxt not in _VOWELS_LAT:
            # "yi" after a consonant is ый ("kyikyr" = кыйкыр, "kyiyn" = кыйын).
            out.append("й")
        elif ch.isdigit():
            out.append(ch)
        else:
            out.append(_LATIN_SINGLE.get(ch, ch))
        i += 1
    return "".join(out)


# Russian "to be": folding ы→и would make it "hit" (бил, била, били). Kept as written.
_KEEP_AS_IS = frozenset(("был", "была", "были", "было", "быть"))


def _fold_uncached(word: str) -> str:
    w = word.lower()
    if w in _KEEP_AS_IS:
        return w
    has_cyr = False
    has_lat = False
    for ch in w:
        if _is_cyr(ch):
            has_cyr = True
        elif _is_latin(ch):
            has_lat = True
    if has_lat and not has_cyr:
        w = _latin_to_cyr(w)
    else:
        if has_lat:
            w = w.translate(_HOMOGLYPH)
            if any(_is_latin(ch) for ch in w):
                # Remaining real Latin letters in a mixed word: transliterate them one by one.
                w = "".join(_latin_to_cyr(ch) if _is_latin(ch) else ch for ch in w)
        for a in _APOSTROPHES:
            if a in w:
                w = w.replace(a, "")
        # "нг" typed for ң — but not across a soft sign ("деньги" keeps its г). ң goes first, so
        # that «баңгизат» and «бангизат» (ңг typed as нг) fold to one word.
        if "ң" in w:
            w = w.replace("ң", "н")
        if "нг" in w:
            w = _NG_RE.sub("н", w)
        w = w.translate(_CYR_FOLD)
    return _DOUBLE_RE.sub(r"\1", w)


_CACHE: dict[str, str] = {}
_CACHE_MAX = 100_000


def fold_word(word: str) -> str:
    """Fold one word to the canonical spelling (cached)."""
    r = _CACHE.get(word)
    if r is None:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        r = _fold_uncached(word)
        _CACHE[word] = r
    return r


def fold(text: str) -> str:
    """Fold a whole text: the folded words separated by single spaces (punctuation dropped)."""
    return " ".join(t.text for t in tokens(text))


def _is_symbol(ch: str) -> bool:
    return unicodedata.category(ch) == "So"


# A character past U+2000: where a symbol (an emoji) may be; most texts have none.
_HIGH_RE = re.compile("[\u2001-\U0010ffff]")


def _scan(text: str, base: int, out: list[Token]) -> None:
    fold = fold_word
    spans = [(f, m.start(), m.end()) for m in _WORD_RE.finditer(text) if (f := fold(m.group()))]
    if _HIGH_RE.search(text):
        # Symbols (emoji) between words become one-character tokens: cues like 😂 💀. A word
        # holds no symbol, so they only need to be put in their place.
        symbols = [
            (m.group(), m.start(), m.end())
            for m in _HIGH_RE.finditer(text)
            if _is_symbol(m.group())
        ]
        if symbols:
            spans = sorted(spans + symbols, key=lambda span: span[1])
    last = len(spans) - 1
    for i, (f, s, e) in enumerate(spans):
        nxt = spans[i + 1][1] if i < last else len(text)
        out.append(Token(f, base + s, base + e, text[e:nxt] or " "))


def tokens(text: str) -> list[Token]:
    """Folded tokens of ``text`` with offsets into ``text``.

    Very long texts are analysed on their first ``MAX_HEAD`` and last ``MAX_TAIL`` characters,
    so the time spent is bounded whatever the input.
    """
    out: list[Token] = []
    if not text:
        return out
    if len(text) <= MAX_HEAD + MAX_TAIL:
        _scan(text, 0, out)
    else:
        _scan(text[:MAX_HEAD], 0, out)
        if out:
            out[-1] = out[-1]._replace(gap=". ")
        tail_start = len(text) - MAX_TAIL
        _scan(text[tail_start:], tail_start, out)
    return out
