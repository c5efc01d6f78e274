"""Rule-based triage of trust-mailbox appeals.

``classify(text)`` returns a :class:`TriageResult`: an urgency ("urgent" | "attention" |
"normal"), a suggested category, the ids of the rules that fired and where they matched.

The rules live in ``triage/lexicon/*.toml`` (see ``triage/lexicon/README.md``). They are read
and compiled once, on first use. A learned linear model (``triage/model.py``, trained by
``manage.py triage_train``) rates urgency and category beside them; :func:`classify` says what
may lower or raise what. No network.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock

from .model import MIN_WORDS, get_model, rule_features, word_count
from .morph import MAYBE_CHILD_STEMS, language, markers
from .normalize import Token, fold_word, tokens

CATEGORIES = (
    "violence",
    "bullying",
    "sexual_abuse",
    "self_harm",
    "extortion",
    "family",
    "forced_marriage",
    "substances",
    "teacher_conduct",
    "study",
    "suggestion",
    "gratitude",
    "other",
)

# When two categories score the same, the more serious one wins.
PRECEDENCE = (
    "sexual_abuse",
    "self_harm",
    "forced_marriage",
    "extortion",
    "teacher_conduct",
    "violence",
    "substances",
    "family",
    "bullying",
    "suggestion",
    "study",
    "gratitude",
    "other",
)
_RANK = {c: i for i, c in enumerate(PRECEDENCE)}

LEVELS = ("normal", "attention", "urgent")

# Urgent hits of these categories are must-never-miss: the model may never lower them. Other
# rules join with ``never_miss = true`` in the lexicon (weapons, see violence.toml).
NEVER_MISS_CATEGORIES = frozenset(("self_harm", "sexual_abuse", "forced_marriage"))
_LEVEL_RANK = {"normal": 0, "none": 0, "attention": 1, "urgent": 2}

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"

# Kyrgyz/Uzbek negative verb suffixes after a verb stem (folded spelling): урба-, урма-, тийбе-.
_NEG_SUFFIXES = ("ба", "бе", "бо", "па", "пе", "по", "ма", "ме", "мо")
# Words that negate the word after them (Russian) or before them (Kyrgyz, Uzbek).
_NEG_BEFORE = frozenset(fold_word(w) for w in ("не", "ни", "нет", "never", "hech"))
_NEG_AFTER_PREFIX = tuple(fold_word(w) for w in ("жок", "эмес", "emas", "yo'q"))

_GAPS = {"..": 3, "...": 6}
DEFAULT_WINDOW = 10


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class TriageResult:
    """What the triage says about one text. Holds the text only in memory (never stored)."""

    urgency: str
    category: str
    rules: tuple[str, ...] = ()
    spans: tuple[tuple[int, int, str], ...] = ()
    scores: tuple[tuple[str, float], ...] = ()
    _text: str = field(default="", repr=False, compare=False)

    @property
    def is_urgent(self) -> bool:
        return self.urgency == "urgent"

    def phrases(self) -> tuple[str, ...]:
        """The matched substrings of the original text, in order, without repeats."""
        seen: list[str] = []
        for start, end, _rule in self.spans:
            p = self._text[start:end]
            if p not in seen:
                seen.append(p)
        return tuple(seen)

    def phrases_by_rule(self) -> dict[str, tuple[str, ...]]:
        """Each fired rule's matched substrings, in order, without repeats (for its reason)."""
        found: dict[str, list[str]] = {}
        for start, end, rule in self.spans:
            phrases = found.setdefault(rule, [])
            if self._text[start:end] not in phrases:
                phrases.append(self._text[start:end])
        return {rule: tuple(phrases) for rule, phrases in found.items()}

    def to_metadata(self) -> dict:
        """What may be stored next to a sealed appeal: no text, no phrases, no offsets."""
        return {"urgency": self.urgency, "category": self.category, "rules": list(self.rules)}


def highlight(text: str, result: TriageResult) -> list[tuple[str, str | None]]:
    """Split ``text`` into (segment, rule_id or None) pieces, for wrapping matches in <mark>."""
    pieces: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, rule in sorted(result.spans):
        if start < pos:  # overlapping span: the earlier one already covers it
            if end <= pos:
                continue
            start = pos
        if start > pos:
            pieces.append((text[pos:start], None))
        pieces.append((text[start:end], rule))
        pos = end
    if pos < len(text):
        pieces.append((text[pos:], None))
    return pieces


# --------------------------------------------------------------------------- lexicon


class LexiconError(ValueError):
    pass


@dataclass
class Rule:
    id: str
    category: str  # "cue", "figurative" or one of CATEGORIES
    level: str = "none"
    weight: float = 0.0
    about: str = ""
    about_ky: str = ""  # the reason shown to staff, one plain sentence (see triage.reasons)
    about_ru: str = ""
    patterns: list = field(default_factory=list)
    exceptions: list = field(default_factory=list)
    near: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    window: int = DEFAULT_WINDOW
    downgrade_if: tuple[str, ...] = ()
    negatable: bool = True
    alone: bool = False
    suppresses: tuple[str, ...] = ()
    reach: int = 0
    never_miss: bool = False  # an urgent hit the model may never lower (see classify)


@dataclass
class _Pattern:
    rule: Rule
    role: str  # "match" or "except"
    slots: list  # list of (gap_before, frozenset(atom ids))
    source: str
    last: frozenset | None = None  # the last word's atoms, for a quick "cannot match"


class Lexicon:
    def __init__(self, directory: Path = LEXICON_DIR):
        self.rules: dict[str, Rule] = {}
        self.atoms: dict[tuple[str, str], int] = {}
        self.prefix_index: dict[str, list[int]] = {}
        self.exact_index: dict[str, list[int]] = {}
        self.infix_atoms: list[tuple[str, int]] = []
        self.verb_atoms: set[int] = set()
        self.atom_stem: dict[int, str] = {}
        self.prefix_lengths: set[int] = set()
        self.first_index: dict[int, list[_Pattern]] = {}
        self.any_number = self._atom("#", "number")
        self._word_cache: dict[str, frozenset[int]] = {}
        files = sorted(directory.glob("*.toml"))
        if not files:
            raise LexiconError(f"no lexicon files in {directory}")
        for path in files:
            self._load(path)
        self._check_refs()
        self.cue_rules = [r for r in self.rules.values() if r.category == "cue"]
        self.fig_rules = [r for r in self.rules.values() if r.category == "figurative"]
        self.score_rules = [
            r for r in self.rules.values() if r.category not in ("cue", "figurative")
        ]

    # -- loading

    def _atom(self, stem: str, mode: str) -> int:
        key = (stem, mode)
        aid = self.atoms.get(key)
        if aid is None:
            aid = len(self.atoms)
            self.atoms[key] = aid
            self.atom_stem[aid] = stem
            if mode in ("prefix", "verb"):
                self.prefix_index.setdefault(stem, []).append(aid)
                self.prefix_lengths.add(len(stem))
                if mode == "verb":
                    self.verb_atoms.add(aid)
            elif mode == "exact":
                self.exact_index.setdefault(stem, []).append(aid)
            elif mode == "infix":
                self.infix_atoms.append((stem, aid))
        return aid

    def _compile(self, source: str, rule: Rule, role: str) -> _Pattern:
        slots = []
        gap = 0
        for word in source.split():
            if "|" in word and "-" in word:
                # «апам|ата-энем» would become «апам|ата» + «энем»: a slot no one meant.
                raise LexiconError(
                    f"{rule.id}: a hyphenated word inside alternatives in pattern {source!r}; "
                    "write it as a separate pattern"
                )
        # Hyphens split words in letters ("ата-энем" is two words), so they do here too.
        for word in source.replace("-", " ").split():
            if word in _GAPS:
                gap = _GAPS[word]
                continue
            alts = set()
            for alt in word.split("|"):
                if not alt:
                    continue
                if alt == "#":
                    alts.add(self.any_number)
                    continue
                mode = "prefix"
                if alt.startswith("="):
                    mode, alt = "exact", alt[1:]
                elif alt.startswith("*"):
                    mode, alt = "infix", alt[1:]
                if alt.endswith("!"):
                    mode, alt = "verb", alt[:-1]
                stem = fold_word(alt) if not _is_emoji(alt) else alt
                if not stem:
                    raise LexiconError(f"{rule.id}: empty word in pattern {source!r}")
                alts.add(self._atom(stem, mode))
            if not alts:
                raise LexiconError(f"{rule.id}: empty pattern {source!r}")
            slots.append((gap, frozenset(alts)))
            gap = 0
        if not slots:
            raise LexiconError(f"{rule.id}: empty pattern {source!r}")
        pat = _Pattern(rule, role, slots, source, slots[-1][1] if len(slots) > 1 else None)
        for aid in slots[0][1]:
            self.first_index.setdefault(aid, []).append(pat)
        return pat

    def _load(self, path: Path) -> None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise LexiconError(f"{path.name}: {exc}") from exc
        category = data.get("category")
        if category not in CATEGORIES and category not in ("cue", "figurative"):
            raise LexiconError(f"{path.name}: unknown category {category!r}")
        for raw in data.get("rule", []):
            rid = raw.get("id")
            if not rid:
                raise LexiconError(f"{path.name}: a rule without id")
            full_id = f"{category}.{rid}"
            if full_id in self.rules:
                raise LexiconError(f"{path.name}: duplicate rule id {full_id}")
            level = raw.get("level", "none")
            if level not in ("urgent", "attention", "none"):
                raise LexiconError(f"{full_id}: level must be urgent, attention or none")
            rule = Rule(
                id=full_id,
                category=category,
                level=level,
                weight=float(raw.get("weight", 1.0 if category in CATEGORIES else 0.0)),
                about=raw.get("about", ""),
                about_ky=_reason_text(raw, "about_ky", full_id),
                about_ru=_reason_text(raw, "about_ru", full_id),
                near=tuple(raw.get("near", ())),
                not_near=tuple(raw.get("not_near", ())),
                unless=tuple(raw.get("unless", ())),
                window=int(raw.get("window", DEFAULT_WINDOW)),
                downgrade_if=tuple(raw.get("downgrade_if", ())),
                negatable=bool(raw.get("negatable", True)),
                alone=bool(raw.get("alone", False)),
                suppresses=tuple(raw.get("suppresses", ())),
                reach=int(raw.get("reach", 0)),
                never_miss=bool(raw.get("never_miss", category in NEVER_MISS_CATEGORIES)),
            )
            unknown = set(raw) - {
                "id", "level", "weight", "about", "about_ky", "about_ru", "patterns", "except",
                "near", "not_near", "unless", "window", "downgrade_if", "negatable", "alone",
                "suppresses", "reach", "never_miss",
            }  # fmt: skip
            if unknown:
                raise LexiconError(f"{full_id}: unknown keys {sorted(unknown)}")
            pats = raw.get("patterns", [])
            if not pats:
                raise LexiconError(f"{full_id}: no patterns")
            rule.patterns = [self._compile(p, rule, "match") for p in pats]
            rule.exceptions = [self._compile(p, rule, "except") for p in raw.get("except", [])]
            self.rules[full_id] = rule

    def _check_refs(self) -> None:
        for rule in self.rules.values():
            for ref in rule.near + rule.not_near + rule.unless + rule.downgrade_if:
                if ref not in self.rules:
                    raise LexiconError(f"{rule.id}: refers to unknown rule {ref}")
            for ref in rule.suppresses:
                if ref not in CATEGORIES and ref not in self.rules:
                    raise LexiconError(f"{rule.id}: suppresses unknown {ref}")

    # -- matching

    def word_atoms(self, word: str) -> frozenset[int]:
        found = self._word_cache.get(word)
        if found is not None:
            return found
        hits: set[int] = set()
        if word.isdigit():
            hits.add(self.any_number)
        for k in self.prefix_lengths:
            if k <= len(word):
                for aid in self.prefix_index.get(word[:k], ()):
                    if aid in self.verb_atoms and word[k : k + 2] in _NEG_SUFFIXES:
                        continue
                    hits.add(aid)
        hits.update(self.exact_index.get(word, ()))
        for stem, aid in self.infix_atoms:
            if stem in word:
                hits.add(aid)
        found = frozenset(hits)
        if len(self._word_cache) > 200_000:
            self._word_cache.clear()
        self._word_cache[word] = found
        return found

    def find(self, toks: list[Token]) -> list[tuple[_Pattern, int, int]]:
        """All pattern matches as (pattern, first token, last token)."""
        sets = [self.word_atoms(t.text) for t in toks]
        n = len(toks)
        out = []
        first_index = self.first_index
        present = frozenset().union(*sets) if sets else frozenset()
        for i in range(n):
            for aid in sets[i]:
                for pat in first_index.get(aid, ()):
                    # A pattern whose last word is nowhere in the letter cannot match.
                    if pat.last is not None and pat.last.isdisjoint(present):
                        continue
                    end = _match_from(pat.slots, sets, i, n)
                    if end >= 0:
                        out.append((pat, i, end))
        return out


# A reason is one short sentence on a staff page, never a paragraph.
MAX_REASON_LENGTH = 120


def _reason_text(raw: dict, key: str, rule_id: str) -> str:
    """The staff-facing sentence in one language: required, so no page falls back to an id."""
    text = raw.get(key)
    if not isinstance(text, str) or not text.strip():
        raise LexiconError(f"{rule_id}: {key} is missing (one plain sentence for staff)")
    text = text.strip()
    if len(text) > MAX_REASON_LENGTH or "\n" in text:
        raise LexiconError(f"{rule_id}: {key} must be one line of at most {MAX_REASON_LENGTH}")
    return text


def _is_emoji(s: str) -> bool:
    return len(s) == 1 and ord(s) > 0x2000 and not s.isalnum()


def _match_from(slots, sets, i: int, n: int) -> int:
    pos = i
    for k in range(1, len(slots)):
        gap, alts = slots[k]
        nxt = -1
        for j in range(pos + 1, min(n, pos + 2 + gap)):
            if not alts.isdisjoint(sets[j]):
                nxt = j
                break
        if nxt < 0:
            return -1
        pos = nxt
    return pos


_LEXICON: Lexicon | None = None
_LOCK = Lock()


def get_lexicon() -> Lexicon:
    global _LEXICON
    if _LEXICON is None:
        with _LOCK:
            if _LEXICON is None:
                _LEXICON = Lexicon()
    return _LEXICON


def reload_lexicon(directory: Path | None = None) -> Lexicon:
    """Re-read the lexicon files (after a supervisor edited them)."""
    global _LEXICON
    with _LOCK:
        _LEXICON = Lexicon(directory or LEXICON_DIR)
    return _LEXICON


# --------------------------------------------------------------------------- classify


def _negated(toks: list[Token], a: int, b: int) -> bool:
    if a > 0 and toks[a - 1].text in _NEG_BEFORE and toks[a - 1].gap.strip() == "":
        return True
    if b + 1 < len(toks) and toks[b].gap.strip() == "":
        nxt = toks[b + 1].text
        if nxt.startswith(_NEG_AFTER_PREFIX):
            return True
    return False


def _explains(ref: str, spans, hits, toks: list[Token]) -> bool:
    """Whether a ``downgrade_if`` cue found at ``spans`` explains the rule's ``hits``. Most cues
    tell of the whole letter (a lesson's topic, figures); "it is over" and "the child was found"
    tell only of what was said before them ("it is over" also of its own sentence): «Мы с
    ребятами подрались, но потом помирились. А отчим каждый вечер бьёт маму и меня» -- the
    stepfather's beating is not over."""
    if ref not in (RESOLVED_CUE, FOUND_CUE):
        return True
    if ref == FOUND_CUE:
        # «его нашли у знакомых, но он снова сбежал»: the second running away is not found.
        return all(any(c >= a for c, _ in spans) for a, _ in hits)
    sentence = _sentence_numbers(toks)
    return all(any(c >= a or sentence[c] == sentence[a] for c, _ in spans) for a, _ in hits)


def _sentence_numbers(toks: list[Token]) -> list[int]:
    """The sentence of each token: a new one after a full stop, "!", "?" or a line break."""
    out, n = [], 0
    for t in toks:
        out.append(n)
        if any(ch in t.gap for ch in ".!?\n…"):
            n += 1
    return out


def _pupils_hit(a: int, teacher, peers) -> bool:
    """Whether the actor named last before the hit at ``a`` (within ``PEER_WINDOW`` words) is
    pupils rather than a teacher."""
    peer = max((y for x, y in peers if y < a and a - y <= PEER_WINDOW), default=None)
    if peer is None:
        return False
    return all(y <= peer for x, y in teacher if y < a)


def _overlaps(a: int, b: int, ranges) -> bool:
    return any(a <= y and x <= b for x, y in ranges)


def _near(a: int, b: int, ranges, window: int) -> bool:
    if window <= 0:
        return bool(ranges)
    return any(a - window <= y and x <= b + window for x, y in ranges)


def _merge_spans(raw) -> list[tuple[int, int, str]]:
    """Sorted spans; a span inside a longer one of the same rule is dropped."""
    out: list[tuple[int, int, str]] = []
    for start, end, rid in sorted(raw, key=lambda s: (s[0], -s[1], s[2])):
        if any(r == rid and s <= start and end <= e for s, e, r in out):
            continue
        out.append((start, end, rid))
    return out


MODEL_RULE = "model.urgent"
MODEL_LOWERED = "model.lowered"
READING_MEMORY = "reading.memory"
READING_OTHER_LANGUAGE = "reading.other_language"
# The writer tells of their own childhood as past, with no word of now, of a child writing or of
# news: a memory even when the writer's adulthood is not said («В детстве меня бил отчим»).
READING_CHILDHOOD = "reading.childhood"
# An urgent rule's danger told as over: a sentence passed, the child in safety, an accident.
READING_CASE_CLOSED = "reading.case_closed"
# Every age the text gives is grown up, no word names a child, and no one writes of themself or
# of their child: news of adults («Иркутскта 22 жаштагы кыргызстандык изделүүдө»), not a child
# in danger.
READING_ADULTS = "reading.adults"
_FIRST_PERSON = frozenset(
    fold_word(w)
    for w in "я меня мне мной мой моя мою моего моей мы нас нам наш наша нашего нашей"
    " мен мени мага менде менин биз бизди бизге биздин".split()
)

# --------------------------------------------------------------------------- precedence
#
# The data README's rules for letters that fit several categories. Scores decide between
# categories that merely compete; these rules decide between categories that the README ranks
# explicitly. Each entry: (winner, losers, trigger, min_winner_score, spare_urgent_loser).
# When the winner's trigger fired (a rule id, a tuple of rule ids, or None = any rule of the
# winner) and its score reaches the minimum, the losers drop out of the choice -- unless
# spare_urgent_loser is set and the loser has an urgent-level rule of its own.
_HITTING = (
    "violence.beating", "violence.hit_once", "violence.injury", "violence.injury_more",
    "violence.threat", "violence.threat_more", "violence.weapon", "violence.torment_at_home",
    "violence.group_attack",
)  # fmt: skip
_PROPOSAL = ("suggestion.proposal", "suggestion.proposal_more")
TEACHER_HITS = "teacher_conduct.teacher_hits"
TEACHER_CUE = "cue.teacher"
TEACHER_WINDOW = 30
PARENT_CUE = "cue.parent"
AT_HOME_CUE = "cue.at_home"
PARENT_WINDOW = 3
PEER_CUE = "cue.peer"
# Kyrgyz puts the verb last: «алты окуучусу ушул эле класстын башка окуучусун сабаган».
PEER_WINDOW = 6
_TEACHER_HITTING = ("violence.beating", "violence.hit_once", "violence.raised_hand")
PRECEDENCE_RULES = (
    # Thanks for a problem that is over: the letter is a thank-you (self-harm and sexual
    # abuse signs are never "over" and are not dropped).
    ("gratitude", ("violence", "bullying", "teacher_conduct", "family", "extortion", "study",
                   "suggestion", "substances"), ("gratitude.thanks_for_solved_problem",), 0, False),
    # Thanks for help with an exam or an olympiad: the letter is a thank-you, not a study matter.
    ("gratitude", ("study",), ("gratitude.thanks",), 0, False),
    # Money or belongings are the aim: extortion, even if beatings enforce it.
    ("extortion", ("violence", "bullying"), None, 4, False),
    # A teacher who hits or insults pupils: teacher_conduct (not violence or bullying).
    ("teacher_conduct", ("violence", "bullying", "study", "family"),
     ("teacher_conduct.teacher_hits", "teacher_conduct.insults", "teacher_conduct.mocks_pupils",
      "teacher_conduct.money_demands", "teacher_conduct.unfair_grades"), 6, False),
    # Violence by a family member is violence; neglect and hunger stay family.
    ("violence", ("family",), _HITTING, 3, True),
    # Alcohol at home is family, not substances among pupils.
    ("family", ("substances",), ("family.parent_drinking", "family.drinking_at_home"), 0, True),
    # A single push or a scuffle without injury, with teasing: bullying, not violence.
    ("bullying", ("violence",), None, 4, None),
)  # fmt: skip
# A proposal is a suggestion even when it mentions fights, bullying or vapes -- as long as
# nothing in the letter is urgent.
_SUGGESTION_BEATS = ("violence", "bullying", "substances", "forced_marriage", "family")


def _apply_precedence(
    positive: dict, fired: dict, lex: Lexicon, level: int, settled: set | None = None
) -> dict:
    """Drop the categories the data README's precedence rules say lose; each winner that made
    another category lose is added to ``settled`` (the learned model does not overrule it)."""
    if len(positive) < 2:
        return positive
    by_cat: dict[str, list[Rule]] = {}
    for rid in fired:
        rule = lex.rules[rid]
        by_cat.setdefault(rule.category, []).append(rule)
    for winner, losers, trigger, minimum, spare in PRECEDENCE_RULES:
        if winner not in positive or positive[winner] < minimum:
            continue
        if trigger is not None and not any(rid in fired for rid in trigger):
            continue
        for loser in losers:
            if loser not in positive:
                continue
            urgent_loser = any(r.level == "urgent" for r in by_cat.get(loser, ()))
            if spare is None and urgent_loser:
                continue  # bullying never overrides violence with an urgent-level rule
            if spare and urgent_loser:
                continue
            del positive[loser]
            if settled is not None:
                settled.add(winner)
    if level < 2 and "suggestion" in positive:
        explicit = any(rid in fired for rid in _PROPOSAL)
        wish = "suggestion.would_be_good" in fired
        for loser in _SUGGESTION_BEATS:
            if loser not in positive:
                continue
            # Only topic words (level none) on the other side: a wish is enough. A reported
            # fight or other incident (attention) needs an explicit proposal.
            topic_only = all(r.level == "none" for r in by_cat.get(loser, ()))
            if explicit or (wish and topic_only):
                del positive[loser]
                if settled is not None:
                    settled.add("suggestion")
    return positive


# The backstop may not raise a letter that the rules explained as thanks, a proposal or a
# study matter, unless a distress word (fear, crying, pain, farewell) is present.
_BENIGN = frozenset(("gratitude", "suggestion", "study"))
DISTRESS_CUE = "cue.distress"
# Words that only name a school subject, homework, a grade, the timetable or a textbook
# ("история", "домашнее", "двойка", "расписание", "учебник"): they say nothing of what the letter
# is; on the real corpus they kept the model from raising a teacher's harassment told with the
# subject's name ("учитель ОБЖ"), a story ("История девятилетнего мальчика, которого дядя
# протащил..."), a father who feared "a two" and found compass pricks on his son's hand, a boy
# who "looked at the timetable" and never came home (held out, recall 0.931 -> 0.934).
_TOPIC_WORDS = frozenset(
    (
        "study.subjects",
        "study.homework",
        "study.assessment",
        "study.timetable",
        "study.lessons_and_materials",
    )
)
RESOLVED_CUE = "cue.resolved"
NOBODY_HURTS_CUE = "cue.nobody_hurts"
FOUND_CUE = "cue.found"
STATISTICS_CUE = "cue.statistics"
MONEY_COLLECTION_CUE = "cue.money_collection"
# A danger that is over (see _case_closed): the offender sentenced or the child placed in
# safety; an accident. A child still searched for is not over.
CASE_CLOSED_CUE = "cue.case_closed"
ACCIDENT_CUE = "cue.accident"
_STILL_MISSING = ("family.missing_reported", "family.missing_person")


def _backstop_may_raise(fired, cues, lex: Lexicon, positive: dict | None = None) -> bool:
    """Whether the model may raise the letter: not when every rule that fired is thanks, a
    proposal or study, nor when the data README's precedence made the letter one of these (a
    proposal that mentions fights, thanks for a problem that is over) -- unless a distress
    word is present."""
    if not fired or DISTRESS_CUE in cues:
        return True
    if all(rid in _TOPIC_WORDS for rid in fired):
        return True
    if positive and all(c in _BENIGN for c in positive):
        return False
    return not all(lex.rules[rid].category in _BENIGN for rid in fired if rid in lex.rules)


@dataclass
class _RulesOutcome:
    toks: list
    fired: dict
    cues: dict
    scores: dict
    positive: dict
    level: int
    never_miss: bool
    marks: list
    settled_cats: frozenset
    markers: list
    lang: str = ""
    # An urgent-level rule fired but its own context took it down (a one-off fight, a problem
    # that is over, a game): the rules read the danger and explained it.
    explained: bool = False
    # The categories a precedence rule of the data README chose (alcohol at home is family).
    chosen_cats: frozenset = frozenset()


def classify(text: str, *, backstop: bool = True) -> TriageResult:
    """Triage one appeal (or a later message from its author).

    The lexicon rules and the learned model (:mod:`triage.model`) decide together:

    * the reading of time and person (:mod:`triage.morph` markers) first caps an adult's memory
      of long ago at "attention" (``reading.memory``);
    * a rule's "urgent" marked must-never-miss (self-harm, sexual abuse, forced marriage,
      weapons) stands whatever the model says;
    * another rule's "urgent" drops to "attention" only when the model is confident the letter
      is not urgent (its probability below the dev-chosen "lower" threshold; ``model.lowered``);
    * the model raises a letter to "urgent" when its probability reaches the "raise" threshold
      of the letter's language (``model.urgent``), unless the rules explained the letter as
      thanks or a proposal with no distress word, or explained its urgent words away (a one-off
      fight, a problem that is over) and the model is not sure ("raise_explained");
    * a letter in a language the triage does not cover (Uzbek, say) is at least "attention"
      (``reading.other_language``);
    * the category: the rules' when an urgent rule stands behind it, otherwise the model's
      log-probabilities plus a weight times the rules' (:func:`_choose_category`).

    ``backstop=False`` gives the rules (and the reading) alone.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    out = _rules(text)
    model = get_model() if backstop and out.toks else None
    rating = _rate(model, text, out) if model is not None else None
    return _combine(text, out, rating, model)


def classify_detail(text: str) -> tuple[int, bool, float, bool]:
    """(rules' level 0-2 after the reading, must-never-miss, the model's P(urgent), whether the
    model may raise this letter) -- what :func:`triage.train` needs to choose thresholds."""
    out = _rules(text)
    model = get_model()
    p = _rate(model, text, out).urgent if model is not None and out.toks else 0.0
    th = model.thresholds if model is not None else {}
    return out.level, out.never_miss, p, _may_raise(out, sure=p >= th.get("raise_explained", 2.0))


def _combine(text: str, out: _RulesOutcome, rating, model) -> TriageResult:
    level = out.level
    extra: list[str] = []
    category = _choose_category(out.positive, rating, model, out.settled_cats, out.chosen_cats)
    if rating is not None:
        th = model.thresholds
        # Never lowered at a rating at which the model would itself raise a letter.
        lower = min(th["lower"], raise_threshold(th, out.lang))
        if level == 2 and not out.never_miss and rating.urgent < lower:
            level = 1
            extra.append(MODEL_LOWERED)
        elif (
            level < 2
            and rating.urgent >= raise_threshold(th, out.lang)
            and _may_raise(out, sure=rating.urgent >= th.get("raise_explained", 2.0))
        ):
            level = 2
            extra.append(MODEL_RULE)
    if out.toks and level == 0 and READING_OTHER_LANGUAGE in out.marks:
        level = 1
    rules = tuple(sorted((*out.fired, *out.marks, *extra)))
    spans = _merge_spans(
        (out.toks[a].start, out.toks[b].end, rid)
        for rid, hits in out.fired.items()
        for a, b in hits
    )
    return TriageResult(
        urgency=LEVELS[level],
        category=category,
        rules=rules,
        spans=tuple(spans),
        scores=tuple(sorted(out.scores.items(), key=lambda kv: -kv[1])),
        _text=text,
    )


def raise_threshold(thresholds: dict, lang: str) -> float:
    """The model's "raise" threshold for a letter read as ``lang``: chosen per language on
    held-out ratings (the model rates Kyrgyz letters lower, having fewer to learn from), the
    common one for other languages and older weights."""
    return thresholds.get("raise_by_language", {}).get(lang, thresholds["raise"])


def _rate(model, text: str, out: _RulesOutcome):
    feats = rule_features(out.fired, get_lexicon().rules, out.level, out.marks, out.lang)
    return model.rate(text, out.toks, out.markers, feats)


def rule_features_of(text: str) -> list[str]:
    """The rule features (:func:`triage.model.rule_features`) of a letter, for training."""
    out = _rules(text)
    return rule_features(out.fired, get_lexicon().rules, out.level, out.marks, out.lang)


def _may_raise(out: _RulesOutcome, sure: bool = False) -> bool:
    """Whether the model may raise the letter to urgent. Not a memory, not a short note, not
    thanks or a proposal, and not a letter whose urgent words the rules explained away by their
    own context (a one-off fight with a split lip), that says the problem is over or that no one
    hurts the writer («мени эч ким коркутпайт»), unless a distress word is there or the model is
    ``sure`` (its probability at the "raise_explained" threshold):
    the rules' context words ("помирились", "уже прошло") stand beside an ongoing danger too,
    and held out the model was right on most such letters it rated 0.8 or more."""
    denied = NOBODY_HURTS_CUE in out.cues  # «мени эч ким коркутпайт»: danger words denied
    if (
        (out.explained or RESOLVED_CUE in out.cues or denied)
        and DISTRESS_CUE not in out.cues
        and not sure
    ):
        return False
    if _case_closed(out.cues, out.markers, out.fired):
        return False
    # Figures over a year or a region: no one child is in danger, and the article's own sad
    # words ("за последние годы") are not a child's distress. A school's money collection is
    # a complaint about money, never a child in danger, unless the letter says it hurts.
    if STATISTICS_CUE in out.cues:
        return False
    if MONEY_COLLECTION_CUE in out.cues and DISTRESS_CUE not in out.cues:
        return False
    return (
        READING_MEMORY not in out.marks
        and READING_CHILDHOOD not in out.marks
        and READING_ADULTS not in out.marks
        and word_count(out.toks) >= MIN_WORDS
        and _backstop_may_raise(out.fired, out.cues, get_lexicon(), out.positive)
    )


def _case_closed(cues: dict, found: list, fired: dict) -> bool:
    """The news says the case is closed, and nothing says it goes on ("опять", "сейчас") or
    hurts: «его приговорили к штрафу, а он опять бьёт» is not closed. An accident (a fire, a
    road crash, a child fallen into a well) is no one's doing: there is no one to protect the
    child from, unless a distress word is there or the child is still searched for (a boy
    swept away by a river)."""
    if DISTRESS_CUE in cues:
        return False
    if ACCIDENT_CUE in cues and not any(rid in fired for rid in _STILL_MISSING):
        return True
    return CASE_CLOSED_CUE in cues and "<now>" not in found


def _adults_news(found) -> bool:
    """News of grown-ups told as news («маалыматка караганда», «сообщает») with a word for a
    grown-up («киши», «мужчина», «аял»): even a must-never-miss danger (a knife, a hanging) is
    theirs, not a child's, when the story is also read as ``reading.adults``."""
    return "<news>" in found and "<adult>" in found


def _choose_category(
    positive: dict, rating, model, settled_cats=frozenset(), chosen_cats=frozenset()
) -> str:
    """The rules' category and the model's probabilities, weighed together.

    The rules' choice stands when a precedence rule chose it (``chosen_cats``: alcohol at home
    is family, a proposal about bullying is a suggestion), and when an urgent-level rule is
    behind it (a farewell stays self_harm even when it reads as thanks) unless the model's top
    probability reaches ``category_override`` (chosen on held-out ratings: on real texts an
    urgent rule's category was right less often than the model's -- a beating told by a mother
    whose child is bullied, a threat in a teacher's story). Otherwise, with a model trained by
    ``triage_train``, each category scores log P(category) + w x (the rules' weight for it), w
    chosen on held-out ratings (``category_weight``): on real letters the rules alone get about
    0.44 of categories right and the model alone about 0.52, together more. A model without that
    weight (older weights) overrides the rules only when they found nothing or it is confident
    of another category."""
    if positive:
        category = max(positive, key=lambda c: (positive[c], -_RANK[c]))
    else:
        category = "other"
    if rating is None or category in chosen_cats:
        return category
    if category in settled_cats and max(rating.categories.values()) < model.thresholds.get(
        "category_override", 2.0
    ):
        return category
    weight = model.thresholds.get("category_weight")
    if weight is not None:
        probs = rating.categories
        return max(
            probs,
            key=lambda c: (math.log(probs[c] + 1e-6) + weight * positive.get(c, 0.0), -_RANK[c]),
        )
    best = rating.category
    p = rating.categories[best]
    if best == category:
        return category
    if not positive or p >= model.thresholds.get("category", 0.6):
        return best
    return category


def _rules(text: str) -> _RulesOutcome:
    lex = get_lexicon()
    toks = tokens(text)
    matches = lex.find(toks) if toks else []

    by_rule: dict[str, list[tuple[int, int]]] = {}
    excepts: dict[str, list[tuple[int, int]]] = {}
    for pat, a, b in matches:
        target = by_rule if pat.role == "match" else excepts
        target.setdefault(pat.rule.id, []).append((a, b))

    def surviving(rule: Rule) -> list[tuple[int, int]]:
        raw = by_rule.get(rule.id)
        if not raw:
            return []
        exc = excepts.get(rule.id, ())
        kept = []
        for a, b in raw:
            if exc and _overlaps(a, b, exc):
                continue
            if rule.negatable and _negated(toks, a, b):
                continue
            kept.append((a, b))
        return kept

    cues: dict[str, list[tuple[int, int]]] = {}
    for rule in lex.cue_rules:
        hits = surviving(rule)
        if hits:
            cues[rule.id] = hits

    def context_ok(rule: Rule, a: int, b: int) -> bool:
        if rule.unless and any(ref in cues for ref in rule.unless):
            return False
        if rule.near and not any(_near(a, b, cues.get(ref, ()), rule.window) for ref in rule.near):
            return False
        if rule.not_near and any(
            _near(a, b, cues.get(ref, ()), rule.window) for ref in rule.not_near
        ):
            return False
        return True

    suppressors: list[tuple[Rule, int, int]] = []
    for rule in lex.fig_rules:
        for a, b in surviving(rule):
            if context_ok(rule, a, b):
                suppressors.append((rule, a, b))

    fired: dict[str, list[tuple[int, int]]] = {}
    for rule in lex.score_rules:
        if rule.id not in by_rule:
            continue
        kept = []
        for a, b in surviving(rule):
            if not context_ok(rule, a, b):
                continue
            if suppressors and any(
                (rule.category in s.suppresses or rule.id in s.suppresses)
                and (a - s.reach <= sb and sa <= b + s.reach)
                for s, sa, sb in suppressors
            ):
                continue
            kept.append((a, b))
        if kept:
            fired[rule.id] = kept

    # Data README: a teacher who hits is teacher_conduct. Real letters and news tell it with
    # the violence rules' words ("учительница избивает", "мугалим уруп-согуп"); such a hit next
    # to a teacher as the subject counts as the teacher's hitting -- not when a parent or home
    # stands right by the hit ("учительница сказала, что отец избивает его", "үйдө сабайт").
    teacher = cues.get(TEACHER_CUE)
    parent = [*cues.get(PARENT_CUE, ()), *cues.get(AT_HOME_CUE, ())]
    if teacher and TEACHER_HITS in lex.rules and TEACHER_HITS not in fired:
        hits = [
            (a, b)
            for rid in _TEACHER_HITTING
            for a, b in fired.get(rid, ())
            if _near(a, b, teacher, TEACHER_WINDOW) and not _near(a, b, parent, PARENT_WINDOW)
        ]
        if hits and not any(ref in cues for ref in lex.rules[TEACHER_HITS].unless):
            fired[TEACHER_HITS] = hits
    # Pupils named right before the hit are the ones who hit, not the teacher named further
    # away («учителей не хватало... ученик пятого класса избил девятиклассницу», «11-классники
    # поколотили младших, преподаватели вмешались», «ученик ударил учителя»).
    peers = cues.get(PEER_CUE)
    if peers and TEACHER_HITS in fired:
        kept = [(a, b) for a, b in fired[TEACHER_HITS] if not _pupils_hit(a, teacher or (), peers)]
        if kept:
            fired[TEACHER_HITS] = kept
        else:
            del fired[TEACHER_HITS]

    # A bare plea for help counts only when nothing else explains the letter.
    substantive = [rid for rid in fired if not lex.rules[rid].alone]
    if substantive:
        for rid in [rid for rid in fired if lex.rules[rid].alone]:
            del fired[rid]

    scores: dict[str, float] = {}
    level = 0
    explained = False
    for rid in fired:
        rule = lex.rules[rid]
        scores[rule.category] = scores.get(rule.category, 0.0) + rule.weight
        lv = _LEVEL_RANK[rule.level]
        if lv == 2 and any(
            ref in cues and _explains(ref, cues[ref], fired[rid], toks) for ref in rule.downgrade_if
        ):
            lv = 1
            explained = True
        level = max(level, lv)

    settled: set[str] = set()
    positive = _apply_precedence(
        {c: s for c, s in scores.items() if s > 0}, fired, lex, level, settled
    )
    never_miss = any(
        lex.rules[rid].never_miss and lex.rules[rid].level == "urgent" for rid in fired
    )
    found = markers(toks) if toks else []
    lang = language(text, toks) if toks else ""
    marks = reading(text, toks, found, lang)
    if level == 2 and READING_MEMORY in marks:
        level = 1
    elif level == 2 and READING_ADULTS in marks and (not never_miss or _adults_news(found)):
        level = 1
    elif level == 2 and READING_CHILDHOOD in marks and not never_miss:
        # Without an adult's word the writer may still be a child: a must-never-miss danger
        # (a sexual abuse, self-harm) told as past stays urgent.
        level = 1
    elif level == 2 and not never_miss and _case_closed(cues, found, fired):
        level = 1
        explained = True
        marks.append(READING_CASE_CLOSED)
    # The categories the rules settle: an urgent-level rule stands behind it, or a precedence
    # rule of the data README chose it over another.
    settled_cats = frozenset(
        settled | {lex.rules[rid].category for rid in fired if lex.rules[rid].level == "urgent"}
    )
    return _RulesOutcome(
        toks,
        fired,
        cues,
        scores,
        positive,
        level,
        never_miss,
        marks,
        settled_cats,
        found,
        lang,
        explained and level < 2,
        frozenset(settled),
    )


def reading(
    text: str, toks: list[Token], found: list[str] | None = None, lang: str | None = None
) -> list[str]:
    """The reading of time, person and language: ``reading.memory`` for an adult's memory of
    long ago (a marker of long ago and of an adult writer, and none of a child writing now),
    ``reading.childhood`` for the writer's own childhood told as past (no word of now, of a
    child writing, or of news), ``reading.adults`` for a story whose every person with an age
    is grown up (no word of a child, no one writing of themself or their child),
    ``reading.other_language`` for a letter in a language the triage does not cover."""
    marks = []
    if not toks:
        return marks
    found = set(markers(toks) if found is None else found)
    if "<long_ago>" in found and "<adult>" in found and "<child>" not in found:
        marks.append(READING_MEMORY)
    elif "<childhood>" in found and not found & {"<child>", "<now>", "<news>"}:
        marks.append(READING_CHILDHOOD)
    elif (
        "<aged_adult>" in found
        and not found & {"<child>", "<parent>"}
        and not any(t.text in _FIRST_PERSON or t.text.startswith(MAYBE_CHILD_STEMS) for t in toks)
    ):
        marks.append(READING_ADULTS)
    if (language(text, toks) if lang is None else lang) == "other":
        marks.append(READING_OTHER_LANGUAGE)
    return marks
