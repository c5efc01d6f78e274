"""Replace private people's names in a letter's text with [имя] before it leaves the school.

A simple rule, not a recogniser, so read an exported file before passing it on. It replaces:

- every word that begins like a word of a name the school knows (the author's sealed name,
  with any case ending: Айгүл → Айгүлгө, Айгуль → Айгули);
- a capitalised word that does not start a sentence (Марат, Asanov), unless it is on a short
  list of words written with a capital that are not private names (Сиз, Вы, Бишкек, Instagram…);
- a word at the start of a sentence when a patronymic or a polite address follows it
  ("Марина Ивановна", "Айгүл эже").

Its limits: a name written in lower case, a nickname ("Бака"), or a lone name at the start of a
sentence ("Марат мени урат.") stays; and a capitalised ordinary word in mid-sentence (a place,
a brand not on the list) is replaced too — that costs a word, never a child's privacy.
"""

import re

from triage.normalize import fold_word

PLACEHOLDER = "[имя]"

_WORD = re.compile(r"\w+(?:['’`-]\w+)*")
# What may stand between a sentence's end and its first word.
_OPENERS = set(" \t\"'«»„“”‘’()[]—–-*•")
_SENTENCE_END = set(".!?…\n\r")

# Written with a capital in letters but not private names (folded to lower case; a word
# matches when it begins with one of these, so Kyrgyz case endings are covered).
COMMON_PREFIXES = (
    # polite "you" (Сиз, Сизге, Вы, Вам, Ваш…) and God
    "сиз", "силер", "вы", "вам", "вас", "ваш", "бог", "кудай", "аллах", "алла",
    # the country, the capital, regions and big towns
    "кыргыз", "киргиз", "бишкек", "ош", "нарын", "талас", "баткен", "жалал", "джалал",
    "ысык", "иссык", "каракол", "токмок", "чүй", "чуй", "кант", "россия", "москв",
    "казахстан", "алматы", "узбекистан", "ташкент", "турци",
    # apps and sites children name
    "instagram", "инстаграм", "whatsapp", "ватсап", "вотсап", "telegram", "телеграм",
    "tiktok", "тикток", "youtube", "ютуб", "google", "гугл", "вконтакт", "facebook",
    "фейсбук", "roblox", "роблокс", "minecraft", "майнкрафт", "pubg", "free", "standoff",
    # the service itself, holidays and exams written with a capital
    "ишеним", "нооруз", "навруз", "новый", "жаңы", "орозо", "курман",
)  # fmt: skip
_COMMON = tuple({fold_word(p) for p in COMMON_PREFIXES})
# Said right after a name: a polite address to a teacher (Айгүл эже, Марат агай).
_ADDRESS_WORDS = frozenset(fold_word(w) for w in ("эже", "эжеке", "агай", "байке"))
_PATRONYMIC_ENDINGS = tuple(
    fold_word(w) for w in ("овна", "евна", "ична", "ович", "евич", "ьич", "улы", "кызы", "уулу")
)
_VOWELS = set("аеёиоуыэюяөүaeiouy")


def _is_capitalised(word: str) -> bool:
    """Capital first letter, then lower case: a name's shape (not ОРТ, not a single letter)."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and letters[0].isupper() and any(c.islower() for c in letters[1:])


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _is_common(word: str) -> bool:
    return fold_word(word).startswith(_COMMON)


def _stem(word: str) -> str:
    """A name's beginning: a final vowel or soft sign is dropped so that case endings still
    match (Айгуль → айгул, Асанова → асанов); "" for words too short to be safe. Spellings
    are folded as the triage folds them (Айгүл, Айгул and Aigul are one name)."""
    folded = fold_word(word)
    if len(folded) > 3 and (folded[-1] in _VOWELS or folded[-1] in "ьй"):
        folded = folded[:-1]
    return folded if len(folded) >= 3 else ""


def _same_name(folded: str, stems) -> bool:
    """The word is a form of a known name: it begins with a stem, or (a base form before an
    ending seen elsewhere: Марат … Маратка) a stem begins with it."""
    return any(
        folded.startswith(stem) or (len(folded) >= 4 and stem.startswith(folded)) for stem in stems
    )


def replace_names(text: str, known_names=()) -> str:
    """``text`` with private names replaced by [имя] (see the module's note for the limits)."""
    words = list(_WORD.finditer(text))
    # A name's shape: capitalised and not on the list of common capitalised words.
    shaped = [_is_capitalised(m.group()) and not _is_common(m.group()) for m in words]
    starts = [_starts_sentence(text, m.start()) for m in words]
    stems = {_stem(w) for name in known_names for w in _WORD.findall(name or "")}
    # A name seen in mid-sentence is a name at a sentence's start too.
    seen = {
        _stem(m.group()) for m, ok, st in zip(words, shaped, starts, strict=True) if ok and not st
    }
    stems |= {stem for stem in seen if len(stem) >= 4}  # short guesses would hide too much
    stems.discard("")
    replace = []
    for i, match in enumerate(words):
        folded = fold_word(match.group())
        hidden = _same_name(folded, stems) and (shaped[i] or folded.startswith(tuple(stems)))
        if not hidden and shaped[i] and i + 1 < len(words):
            following = fold_word(words[i + 1].group())
            hidden = following in _ADDRESS_WORDS or following.endswith(_PATRONYMIC_ENDINGS)
        replace.append(hidden)
    out, pos = [], 0
    for match, hidden in zip(words, replace, strict=True):
        if hidden:
            out.append(text[pos : match.start()])
            out.append(PLACEHOLDER)
            pos = match.end()
    out.append(text[pos:])
    # "Марина Ивановна" is one person: one placeholder.
    return re.sub(r"\[имя\](?:\s+\[имя\])+", PLACEHOLDER, "".join(out))
