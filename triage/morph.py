"""Word analysis for the learned model and the time/person reading.

* Kyrgyz: :func:`ky_stem` strips suffixes (plural, possessive, case, verb tense and person) off
  a folded word, so «сабашат», «сабап», «сабаган» all give «саба»; it also says whether a
  negative verb suffix (-ба/-бе/-бо/-па/-пе/-по) was stripped («урбайт» → ур, negated).
* Russian: lemmas from pymorphy3 («избили» → «избить»), loaded once per process.
* :func:`analyse` turns a letter's tokens into the word features of the model: stems or lemmas,
  negation (a negated stem is written «¬ур»; «урган жок», «өлгүм келбейт», «не бьёт»),
  and markers of time and person (hearsay, long ago, an adult's memory, a parent, news, a
  leaflet), as ``<name>`` tokens.

Everything works on folded words (``triage.normalize``): ө→о, ү→у, ң→н, ы→и, э→е.
"""

from __future__ import annotations

import re
from functools import lru_cache
from threading import Lock

from .normalize import Token, fold_word

# --------------------------------------------------------------------------- Kyrgyz

_VOWELS = frozenset("аеиоу")


_CLASSES = {"A": "аео", "А": "аео", "I": "иу", "D": "дтлн", "G": "гк"}


def _alts(*templates: str) -> tuple[str, ...]:
    """Expand suffixes written with A (а/е/о), I (и/у), D (д/т/л/н), G (г/к), longest first."""
    out: set[str] = set()
    for template in templates:
        forms = [""]
        for ch in template:
            forms = [f + c for f in forms for c in _CLASSES.get(ch, ch)]
        forms = [f.replace("ң", "н") for f in forms]
        out.update(forms)
    return tuple(sorted(out, key=lambda s: (-len(s), s)))


# Endings of nouns and pronouns: plural, possessive, case (folded spellings).
_NOUN = _alts(
    "DAр", "DIн", "GА", "нА", "DI", "нI", "DА", "нDА", "DАн", "нАн", "Iм", "Iн", "сI",
    "IбIз", "IмIз", "IнIз", "сIн", "IнА", "IнDА", "IнАн", "IнI", "DIк", "GI", "ки", "Dай",
    "IбIздIн", "IмдIн", "IмА", "Iмдан",
)  # fmt: skip
# Endings of verbs: tense, mood, person, participles and converbs (after any negation).
_VERB = _alts(
    "GАн", "DI", "DIм", "DIн", "DIк", "DIнIз", "DIңIз", "Ат", "йт", "Ам", "йм", "АбIз",
    "АсIн", "АсIз", "Iп", "п", "GIм", "GIн", "GIсI", "GАнмIн", "GАмIн", "GАнбIз", "Ар",
    "бАс", "пАс", "Iш", "IшIп", "GIлА", "GIлI", "сА", "сАм", "сАн", "сАк", "чу", "мАк",
    "IптIр", "птIр", "чI", "IшАт", "IштI", "шАт", "штI", "шкАн", "GАч", "GАнDА", "GАнDАн",
    "GАнDI", "GАнI", "йбIз", "бАйт", "пАйт", "бАй", "пАй", "бАгАн", "пАгАн", "бАдI", "пАдI",
)  # fmt: skip
_VERB_ONLY = frozenset(_VERB) - frozenset(_NOUN)
_SUFFIXES = tuple(sorted(set(_NOUN) | set(_VERB), key=lambda s: (-len(s), s)))
# Suffixes by their last letter, so a word is checked only against those that may fit.
_BY_LAST: dict[str, tuple[str, ...]] = {}
for _suf in _SUFFIXES:
    _BY_LAST[_suf[-1]] = (*_BY_LAST.get(_suf[-1], ()), _suf)
_NEG = ("ба", "бе", "бо", "па", "пе", "по")
_HEARSAY_ENDINGS = ("птир", "птур", "ибтир", "имиш")
MIN_STEM = 4
MAX_WORD = 40  # longer "words" (a key held down, binary junk) are cut before analysis


@lru_cache(maxsize=200_000)
def ky_stem(word: str) -> tuple[str, bool]:
    """(stem, negated) for a folded Kyrgyz word; a stem keeps four letters unless a verb-only ending leaves a verb root."""
    stem = word[:MAX_WORD]
    negated = False
    for _ in range(4):
        for suf in _BY_LAST.get(stem[-1:], ()):
            if not stem.endswith(suf):
                continue
            rest = len(stem) - len(suf)
            # A short verb root (ур-, ал-, кет-) only before a verb-only ending.
            if rest >= MIN_STEM or (
                rest >= 2 and suf in _VERB_ONLY and stem[rest - 1] not in _VOWELS
            ):
                stem = stem[:rest]
                if suf[:1] in "бп" and suf[1:2] in _VOWELS and rest >= 2:
                    negated = _negative_root(stem) or negated
                break
        else:
            break
    # A negative suffix right before the ending: урбайт → ур|ба|йт, кетпейт → кет|пе|йт.
    if stem[-2:] in _NEG and word != stem and _negative_root(stem[:-2]):
        stem, negated = stem[:-2], True
    return stem, negated


def _negative_root(root: str) -> bool:
    """Whether a negative suffix may follow this root: a root ending in a vowel needs three
    letters (оку|ба), so «саба|йт» (beats) is not «са|ба|йт»."""
    return len(root) >= 3 or (len(root) == 2 and root[-1] not in _VOWELS)


# --------------------------------------------------------------------------- Russian

_MORPH = None
_MORPH_LOCK = Lock()
_CYRILLIC_RU = re.compile(r"^[а-яё-]+$")


def _morph():
    global _MORPH
    if _MORPH is None:
        with _MORPH_LOCK:
            if _MORPH is None:
                try:
                    import pymorphy3

                    # No probability estimator: the first dictionary parse's lemma is enough
                    # for a feature, and estimating each parse's probability was a tenth of
                    # the triage's time (bench/triage_bench.py: 946 -> about 1,120 texts a
                    # second; held out the figures moved by 0.002-0.003).
                    _MORPH = pymorphy3.MorphAnalyzer(lang="ru", probability_estimator_cls=None)
                except Exception:  # noqa: BLE001 - no dictionaries: Russian words stay as written
                    _MORPH = False
    return _MORPH


@lru_cache(maxsize=200_000)
def ru_lemma(word: str) -> str | None:
    """The lemma of a Russian word (original spelling, lower case), or None if unknown."""
    if not _CYRILLIC_RU.match(word):
        return None
    m = _morph()
    if not m:
        return None
    # The dictionary's first parse, read straight from it: what ``m.parse(word)[0].normal_form``
    # gives for a known word (the same lemma for each of the corpus's 42,000 distinct Russian
    # words), without a second look-up to ask whether the word is known or building every
    # parse's tag (a third of the triage's time on new words).
    found = m.dictionary.words.similar_items(word, m.char_substitutes)
    if not found:
        return None
    fixed, parses = found[0]
    paradigm, index = parses[0]
    return fold_word(m.dictionary.build_normal_form(paradigm, index, fixed))


@lru_cache(maxsize=200_000)
def lemma(raw: str, folded: str, kyrgyz: bool = False) -> tuple[str, bool]:
    """(stem or lemma, negated) for one word: Russian if pymorphy knows it (and the letter is
    not Kyrgyz, where «мен», «бала» would read as Russian words), else the Kyrgyz stem."""
    if not kyrgyz and len(raw) > 2:
        ru = ru_lemma(raw.lower())
        if ru is not None:
            return ru, False
    return ky_stem(folded)


_KY_WORDS = frozenset(
    fold_word(w)
    for w in "мен сен ал биз жана деп менен эмес жок бул үчүн жатат болуп мага мени анын"
    " бирок дагы эле өтө көп азыр эч".split()
)
_RU_WORDS = frozenset(
    "и в не на что я с он она это как но меня мне у по за из так уже был была".split()
)


def is_kyrgyz(text: str, toks: list[Token]) -> bool:
    """Whether a letter reads as Kyrgyz: its own letters, or more Kyrgyz than Russian words."""
    if any(ch in text for ch in "өүңӨҮҢ"):
        return True
    ky = sum(t.text in _KY_WORDS for t in toks)
    ru = sum(t.text in _RU_WORDS for t in toks)
    return ky > ru


# --------------------------------------------------------------------------- markers

# Written in folded spelling; a marker fires when all its words follow each other (prefixes).
MARKERS: dict[str, tuple[str, ...]] = {
    # Long ago / childhood memory.
    "<long_ago>": (
        "в детстве", "когда я был маленьк", "когда я была маленьк", "когда мне было",
        "лет назад", "в юности", "в подростковом возрасте", "спустя много", "спустя годы",
        "до сих пор помню", "тогда мне было", "в том возрасте", "кичинекей кез", "бала кез",
        "жаш кез", "жил мурун", "жилдар мурун", "баягида", "эсимде", "окуп жургон",
        "когда я учился в школ", "когда я училась в школ", "в мои школьные", "кичине кез",
        "когда я был ребенк", "когда я была ребенк",
        # Not «спустя» («спустя месяц»), «вспоминаю» (a child's flashback every night), «много
        # лет» («много лет терплю»), «мурда» («бир жума мурда», a week ago), «мектепте окуп»
        # («мектепте окуп жүрөм», I study at school): said of now too.
    ),
    # The writer speaks of their own childhood as past («в детстве меня бил отчим»): stronger
    # than <long_ago> («мурда», «спустя» also say "earlier" in news of last week), and in the
    # first person («В детстве он перенёс травму» is a parent telling of their son).
    "<childhood>": (
        "в детстве меня", "в детстве мне", "в детстве я", "меня в детстве", "мне в детстве",
        "я в детстве", "в моем детстве", "когда мне было", "когда я был маленьк",
        "когда я была маленьк", "когда я был ребенк", "когда я была ребенк",
        "когда я учился в школ", "когда я училась в школ", "в мои школьные",
        "кичинекей кезимде", "кичине кезимде", "бала кезимде", "жаш кезимде",
        "окуп жургон кезимде", "мектепте окуп жургонумдо",
    ),
    # The writer is an adult now.
    "<adult>": (
        "мой муж", "я взросл", "я уже взросл", "мои дети", "у меня своя семья", "я замужем",
        "когда я вырос", "когда я выросла", "менин куйоом", "аялим", "азыр мен чон", "мен ишке",
        "у меня # детей", "у меня двое", "у меня трое", "у меня четверо", "мои внуки",
        # Not «на работе», «ишке» (mum is at work), «сейчас мне» («сейчас мне страшно»), «мой
        # парень», a sister's «замужем»: children and parents write them too.
    ),
    # A parent writes about their child.
    "<parent>": (
        "мой сын", "моя доч", "моего сына", "мою доч", "моей доч", "моему сыну", "наш сын",
        "наша доч", "ребенок", "уулум", "кизим", "балам", "балдарим", "небере",
    ),
    # Now / again / ongoing.
    "<now>": (
        "сейчас", "сегодня", "вчера", "каждый день", "опять", "снова", "до сих пор",
        "прямо сейчас", "завтра", "азир", "бугун", "кечее", "ар кун", "дагы", "ертен",
        "кайра", "кундо", "теперь", "продолжа", "по прежнему", "все еще", "дагы деле", "али да",
        "уланип", "кезимден бери", "с детства",
        # A danger told as going on («бирок кайра келип, баланы уруп жатат»): not «жатат» alone,
        # which also tells of a child now safe («чоң энесинин колунда жашап жатат»).
        "уруп жат", "сабап жат", "уруп жур", "сабап жур", "уруп сабап жат", "коркутуп жат",
        "коркутуп жур", "тийишип жат", "тийишип жур", "зордуктап жат",
    ),
    # Hearsay.
    "<hearsay>": (
        "деп айтишат", "дешет", "имиш", "говорят что", "говорят", "слышал", "слышала",
        "деп угулат",
    ),
    # A news report.
    "<news>": (
        "сообща", "по данным", "пресс служб", "уголовное дело", "возбужден", "задержан",
        "мвд", "увд", "прокуратур", "по информации", "билдир", "маалимат", "кильмиш иш",
        "иим", "милиция", "укук коргоо", "деп айтилат", "кабарла", "по словам",
        "рассказал", "рассказала", "отметил", "отметила", "журналист", "корреспондент",
    ),
    # A leaflet, a school-site article, advice to adults in general.
    "<leaflet>": (
        "родителям", "памятк", "рекоменд", "следует", "как распознать", "признаки",
        "если ваш ребенок", "что делать если", "специалист", "профилактик", "мероприят",
        "ата енелерге", "сунушта", "иш чара", "семинар", "тренинг",
    ),
    # A child writes in the first person about themself.
    "<child>": (
        "я учусь", "я в # класс", "я ученик", "я школьни", "# класс",
        "класста окуйм", "классте окуйм", "мен окуучу",
    ),
}  # fmt: skip


def _compile_markers():
    compiled = []
    for name, phrases in MARKERS.items():
        for phrase in phrases:
            words = tuple(fold_word(w) if w != "#" else "#" for w in phrase.split())
            compiled.append((name, words))
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name, words in compiled:
        index.setdefault(words[0][:3] if words[0] != "#" else "#", []).append((name, words))
    return index


_MARKER_INDEX = _compile_markers()


def markers(toks: list[Token]) -> list[str]:
    """The marker tokens found in the letter, each once, in order of first appearance."""
    found: list[str] = []
    ages: list[int] = []
    words = [t.text for t in toks]
    n = len(words)
    # Words followed by punctuation, where a bare age may end («мне 15, и …»): only numbers
    # can be ages, so only they are looked at.
    closed = {
        i for i, t in enumerate(toks) if t.text.isdecimal() and not _CLOSING.isdisjoint(t.gap)
    }
    for i, w in enumerate(words):
        for name, pat in _MARKER_INDEX.get("#" if w.isdigit() else w[:3], ()):
            if name in found or i + len(pat) > n:
                continue
            for k, p in enumerate(pat):
                word = words[i + k]
                if not (word.isdigit() if p == "#" else word.startswith(p)):
                    break
            else:
                found.append(name)
    for i, w in enumerate(words):
        if w.endswith(_HEARSAY_ENDINGS) and "<hearsay>" not in found:
            found.append("<hearsay>")
        if w.isdecimal():
            age = _age(words, i, closed)
            if age is not None:
                name = "<child>" if age < 18 else "<adult>" if age >= 20 else None
                if name and name not in found:
                    found.append(name)
            aged = _aged(words, i)
        else:
            aged = _word_aged(w)
            if aged is _NEIGHBOURS:
                aged = _aged(words, i)
        if aged is not None:
            ages.append(aged)
    if ages:
        # Any age the letter gives anyone («6 жаштагы кыз», «22-летняя»): a news story whose
        # every age is grown up tells of adults, a hint for the model only (the readings of
        # person above stay with the writer's own age).
        found.append("<aged_minor>" if min(ages) < 18 else "<aged_adult>")
    return found


_AGE_BEFORE = frozenset((fold_word("мне"), fold_word("мен"), fold_word("ему"), "ей"))


_PAST_BEFORE = tuple(fold_word(w) for w in ("когда", "тогда", "было", "болчу", "кезде", "кезим"))


# What may close an age said without its unit («мне 15, и меня бьют»).
_CLOSING = frozenset(",.;:!?)—–")
_AGE_WITHOUT_UNIT_BEFORE = frozenset((fold_word("мне"), fold_word("ему"), "ей"))
# Words after which a bare number is still an age («мне 35 и всё хорошо», not «мне 5 раз»).
_AGE_WITHOUT_UNIT_AFTER = frozenset(
    fold_word(w) for w in ("и", "а", "но", "я", "уже", "сейчас", "скоро", "теперь", "исполнилось")
)


def _age(words: list[str], i: int, closed: frozenset[int] | set[int] = frozenset()) -> int | None:
    """An age said of the writer or a child: «мне 14 лет», «14 жаштамын», «14 жашта», and in
    Russian without the unit when a comma or a conjunction ends it («мне 15, и меня бьют»;
    ``closed`` holds the positions of words followed by punctuation)."""
    w = words[i]
    if not w.isdecimal() or len(w) > 2:
        return None
    if any(w.startswith(_PAST_BEFORE) for w in words[max(0, i - 3) : i]):
        return None  # «когда мне было 9 лет»: an age of long ago, not now
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if nxt in _AT_AGE_PAST:
        return None  # «12 жашымда» (when I was 12): an age of long ago, not now
    if nxt.startswith("жаш") or (nxt in ("лет", "год") and i and words[i - 1] in _AGE_BEFORE):
        return int(w)
    if (
        i
        and words[i - 1] in _AGE_WITHOUT_UNIT_BEFORE
        and (i in closed or nxt in _AGE_WITHOUT_UNIT_AFTER or i + 1 == len(words))
        and 5 <= int(w)
    ):
        return int(w)
    return None


_YEARS_OLD = (fold_word("жаш"), fold_word("летн"))
_AT_AGE_PAST = tuple(fold_word(w) for w in ("жашымда", "жашында", "жашыбызда", "жашыңызда"))
_AGE_WORD = fold_word("возраст")


_KY_NUMBERS = {
    fold_word(w): n
    for n, w in enumerate("бир эки үч төрт беш алты жети сегиз тогуз он".split(), start=1)
}
_KY_TEN = fold_word("он")
_RU_YEARS = tuple(
    (fold_word(stem + "летн"), n)
    for n, stem in enumerate(
        "одно двух трех четырех пяти шести семи восьми девяти десяти одиннадцати двенадцати"
        " тринадцати четырнадцати пятнадцати шестнадцати семнадцати".split(),
        start=1,
    )
)
# Words that name a child whatever age is given («школьница», «семиклассник», «окуучу»).
_MINOR_STEMS = tuple(
    fold_word(w)
    for w in (
        "школьни", "ученик", "ученица", "ученице", "ученицу", "учениц", "подрост",
        "несовершеннолетн", "малолетн", "младен", "девочк", "мальчик", "ребен", "ребён",
        "окуучу", "өспүрүм", "наристе", "ымыркай", "бөбөк", "жеткинчек",
    )
)  # fmt: skip
# Words that may name a child or a grown-up («22 жаштагы бала», «мать троих детей»): no age,
# but a story that uses them is never read as one of adults only (``triage.engine.reading``).
MAYBE_CHILD_STEMS = tuple(
    fold_word(w)
    for w in (
        "бала", "балдар", "кыз", "дети", "детей", "детям", "детьми", "ребят", "сын", "доч",
        "уул", "небере", "внук", "внуч", "падчериц", "пасын", "малыш", "новорожд", "дошкольн",
        "воспитанниц", "воспитанник", "племянни", "тарбиялануучу",
    )
)  # fmt: skip
_MINOR_INSIDE = (fold_word("классник"), fold_word("классниц"))
_CLASS = fold_word("класс")
_NOT_OF_AGE = (fold_word("жашы"), fold_word("жете"))


_NEIGHBOURS = object()


@lru_cache(maxsize=100_000)
def _word_aged(word: str):
    """What :func:`_aged` gives for a word that is not a number, read once per word:
    ``_NEIGHBOURS`` when it depends on the next word («он эки жаштагы», «жашы жете элек»)."""
    if word in _KY_NUMBERS or word == _NOT_OF_AGE[0]:
        return _NEIGHBOURS
    return _aged([word], 0)


def _aged(words: list[str], i: int) -> int | None:
    """An age given to anyone: «6 жаштагы», «алты жаштагы», «5 жашар», «7-летнюю»,
    «семилетняя», «в возрасте 15 лет»; 0 for a word that names a child («школьница»)."""
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    # A number int() reads: «³» and «²» are digits to str.isdigit() but no number.
    if not w.isdecimal():
        if w in _KY_NUMBERS and nxt.startswith(_YEARS_OLD[0]):
            return _KY_NUMBERS[w] + (10 if i and words[i - 1] == _KY_TEN else 0)
        if _YEARS_OLD[1] in w:
            for stem, n in _RU_YEARS:
                if w.startswith(stem):
                    return n
        if w.startswith(_MINOR_STEMS) or (_CLASS in w and any(m in w for m in _MINOR_INSIDE)):
            return 0
        if w == _NOT_OF_AGE[0] and nxt == _NOT_OF_AGE[1]:
            return 0  # «жашы жете элек»: under age
        return None
    if len(w) == 4:
        return _born(int(w), words[i + 1 : i + 3])
    if len(w) > 2:
        return None
    if nxt.startswith(_YEARS_OLD) or (i and words[i - 1].startswith(_AGE_WORD)):
        return int(w)
    return None


# «1988-жылы туулган», «1985 года рождения», «1990 г.р.»: the year of birth police news gives.
_BORN_AFTER = (
    (fold_word("жылы"), fold_word("туулган")),
    (fold_word("года"), fold_word("рождения")),
    ("г", "р"),
)
# The news read here are of 2015 and later: whoever was born before 2000 was grown up then, and
# whoever was born after 2007 a child still; between, the year alone does not tell.
_BORN_ADULT_BEFORE = 2000
_BORN_CHILD_AFTER = 2007


def _born(year: int, after: list[str]) -> int | None:
    """An age from a year of birth (see :data:`_BORN_AFTER`): 30 for a grown-up, 0 for a child,
    ``None`` when the year does not tell."""
    if not any(
        len(after) == 2 and after[0] == a and after[1].startswith(b[:6]) for a, b in _BORN_AFTER
    ):
        return None
    if 1900 <= year < _BORN_ADULT_BEFORE:
        return 30
    if _BORN_CHILD_AFTER < year <= 2030:
        return 0
    return None


# --------------------------------------------------------------------------- analyse

_NEG_AFTER = frozenset(("жок", "емес"))
_NEG_BEFORE = frozenset(("не", "ни", "нет", "никогда"))


def analyse(text: str, toks: list[Token], marks: list[str] | None = None) -> list[str]:
    """The word features of a letter: stems/lemmas (negated ones as «¬stem») and markers
    (``marks`` may pass them when the caller already found them)."""
    out: list[str] = []
    n = len(toks)
    neg_next = False
    kyrgyz = is_kyrgyz(text, toks)
    out.append("<ky>" if kyrgyz else "<ru>")
    for i, tok in enumerate(toks):
        w = tok.text[:MAX_WORD]
        if not w[:1].isalpha():
            continue
        if w in _NEG_BEFORE:
            neg_next = True
            out.append(w)
            continue
        stem, negated = lemma(text[tok.start : tok.end][:MAX_WORD], w, kyrgyz)
        if neg_next or (i + 1 < n and toks[i + 1].text in _NEG_AFTER):
            negated = True
        neg_next = False
        out.append("¬" + stem if negated else stem)
    return out + (markers(toks) if marks is None else marks)


_UZ_WORDS = frozenset(
    fold_word(w)
    for w in "va bilan uchun emas juda menga meni qiling qildi bo'ldi kerak yo'q nima"
    " bu ham lekin chunki у ва билан учун эмас жуда керак йўқ нима лекин чунки".split()
)


def language(text: str, toks: list[Token]) -> str:
    """ "ky", "ru" or "other" (Uzbek and any language without Kyrgyz or Russian words); a
    letter with no words at all counts as "ky" (emoji, digits: nothing to read)."""
    words = [t.text for t in toks if t.text[:1].isalpha()]
    if not words:
        return "ky"
    if any(ch in text for ch in "ўқғҳЎҚҒҲ") or "o'" in text or "g'" in text or "oʻ" in text:
        return "other"
    uz = sum(w in _UZ_WORDS for w in words)
    if is_kyrgyz(text, toks):
        return "other" if uz > 2 and uz * 3 > len(words) else "ky"
    ru = sum(w in _RU_WORDS for w in words)
    ky = sum(w in _KY_WORDS for w in words)
    if uz >= 2 and uz > ru and uz > ky:
        return "other"
    if ru or ky or any(ch in text for ch in "ыэъЫЭЪ"):
        return "ky" if ky > ru else "ru"
    # Latin letters only and no known function word: Kyrgyz typed in Latin counts as Kyrgyz.
    return "ky"
