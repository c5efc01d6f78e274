"""Why the triage flagged a letter, in words a staff member reads (never a rule id).

Lexicon rules carry their own sentences (``about_ky``, ``about_ru``); a learned model has no
phrase to point at, so ``model.urgent`` gets one sentence from the catalog and the other
``model.*`` and ``reading.*`` ids their own sentences in both languages (``OWN_REASONS``). Rule ids
stay in the database and in command output, never on a page.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .engine import (
    MODEL_LOWERED,
    MODEL_RULE,
    READING_ADULTS,
    READING_CASE_CLOSED,
    READING_CHILDHOOD,
    READING_MEMORY,
    READING_OTHER_LANGUAGE,
    get_lexicon,
)

MODEL_PREFIX = "model."
READING_PREFIX = "reading."
# Reasons of the model and of the reading of time, person and language: (Kyrgyz, Russian).
OWN_REASONS = {
    MODEL_LOWERED: (
        "Модель бул текстти шашылыш эмес деп баалайт, ошондуктан көңүл бурууга түшүрүлдү",
        "Модель оценивает этот текст как не срочный, поэтому он понижен до «внимания»",
    ),
    READING_MEMORY: (
        "Чоң киши көп жыл мурунку окуяны эскерет окшойт",
        "Похоже, взрослый вспоминает то, что было много лет назад",
    ),
    READING_CHILDHOOD: (
        "Кат жазган адам өзүнүн балалык кезин эскерет окшойт",
        "Похоже, автор вспоминает своё детство",
    ),
    READING_CASE_CLOSED: (
        "Окуя бүткөн окшойт: күнөөлүү соттолгон, бала коопсуз жерде же бул кокус кырсык",
        "Похоже, случай уже закрыт: виновный осуждён, ребёнок в безопасности или это несчастный "
        "случай",
    ),
    READING_ADULTS: (
        "Текстте жашы айтылган адамдардын баары чоң кишилер окшойт, бала жөнүндө сөз жок",
        "Похоже, речь о взрослых: всем, чей возраст назван, больше 18 лет, о ребёнке ни слова",
    ),
    READING_OTHER_LANGUAGE: (
        "Кат триаж окубаган тилде жазылган, аны адам окуп чыгышы керек",
        "Письмо на языке, который триаж не читает: его должен прочитать человек",
    ),
}
_LEVEL_ORDER = {"urgent": 0, "attention": 1, "none": 2}


def reason_language(language: str | None = None) -> str:
    """The lexicon's language for a page language: Russian for ru and en (no English
    sentences are written), Kyrgyz otherwise — the interface's default."""
    language = (language or get_language() or "ky").lower()
    return "ru" if language.startswith(("ru", "en")) else "ky"


def reason(rule_id: str, language: str | None = None) -> str:
    """One sentence for one rule id, in the active (or given) language."""
    if rule_id == MODEL_RULE:
        return _("The model rates this text as urgent")
    if rule_id in OWN_REASONS:
        ky, ru = OWN_REASONS[rule_id]
        return ru if reason_language(language) == "ru" else ky
    if rule_id.startswith(MODEL_PREFIX):
        return _("The model suggests this from the text as a whole, not from one phrase")
    rule = get_lexicon().rules.get(rule_id)
    if rule is None:  # kept from a lexicon version whose rule was since removed or renamed
        return _("A phrase matched a triage rule that has since been changed")
    return rule.about_ru if reason_language(language) == "ru" else rule.about_ky


def _seriousness(rule_id: str):
    rule = get_lexicon().rules.get(rule_id)
    if rule is None:
        return (3, 0.0, rule_id)  # a model's or a removed rule's reason: after the phrases
    return (_LEVEL_ORDER[rule.level], -rule.weight, rule_id)


# The reason given when the suggested category is the model's and no phrase stands behind it.
MODEL_CATEGORY = MODEL_PREFIX + "category"


def _of_category(rule_id: str, category: str | None) -> bool:
    rule = get_lexicon().rules.get(rule_id)
    return rule is not None and rule.category == category


def explains(rule_id: str, category: str | None = None) -> bool:
    """Whether a rule's reason is shown for a letter the triage put in ``category``: a rule that
    speaks to the level (urgent, attention) always is, and the model's and the readings' own
    reasons; a rule that is only evidence of a category is shown for that category alone. In a
    letter about a phone taken by force «in the toilet», the toilet is where it happened, not a
    complaint about school facilities; a thank-you at the end of a bullying letter says nothing
    of the danger."""
    if not category:
        return True
    rule = get_lexicon().rules.get(rule_id)
    return rule is None or rule.level != "none" or rule.category == category


def reasons(
    rule_ids, results=(), language: str | None = None, category: str | None = None
) -> list[dict]:
    """One entry per distinct sentence, the most serious first: the sentence and the phrases
    that the triage ``results`` (of the letters' texts) matched for it; with ``category`` (the
    triage's suggestion), only the reasons that explain it or the level (:func:`explains`)."""
    phrases_by_rule: dict[str, list[str]] = {}
    for result in results:
        for rule_id, phrases in result.phrases_by_rule().items():
            phrases_by_rule.setdefault(rule_id, []).extend(phrases)
    every = set(rule_ids) | {rule_id for result in results for rule_id in result.rules}
    ids = {rule_id for rule_id in every if explains(rule_id, category)}
    if ids != every and not any(_of_category(rule_id, category) for rule_id in ids):
        # The rules found only evidence of other categories: the suggested one is the model's.
        ids.add(MODEL_CATEGORY)
    out: dict[str, list[str]] = {}
    for rule_id in sorted(ids, key=_seriousness):
        phrases = out.setdefault(reason(rule_id, language), [])
        phrases.extend(p for p in phrases_by_rule.get(rule_id, ()) if p not in phrases)
    return [{"sentence": sentence, "phrases": phrases} for sentence, phrases in out.items()]
