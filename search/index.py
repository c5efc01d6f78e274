"""Sealed search with a blind index: search inside letters without plaintext at rest.

A letter's searchable words (the author's messages, the journal summary, the author's name and
contacts) are cut into words, folded and stemmed with the triage's Kyrgyz and Russian rules
(«сабашат», «сабап» → «саба»; «избили» → «избить»; and a longer word's first five letters),
and each form is stored as a keyed hash (BLAKE2b under the school's index key, vault/blind.py)
— one row per distinct form in a letter.
A search hashes the query's stems the same way and asks SQL for the letters holding all of
them, so it touches only the matching letters, and memory stays the same whatever the size.

The index key is derived from the school key, so a letter can be indexed only in a request
that holds that key: when a key holder's session lists it in the journal, opens it, or
searches (intake has no key). Letters not yet indexed — new ones, changed ones, or indexed
under an earlier school key — are scanned at search time, opened a chunk at a time, and
indexed as they are scanned, so the next search finds them in the index.

What the index reveals, and to whom:
- To key holders (the school's responsible people): nothing they cannot read anyway. A search
  still answers only within what the journal lets them see (kept letters answer no search).
- To whoever has a copy of the database, files and settings but no school key (a thief of a
  backup, a database administrator): not a word. They see, for each letter, how many distinct
  stems it has (roughly how long it is) and which letters of the same school share a stem, so
  a frequency count can guess that the most common hash of a school is a word like «мен»
  («I») — which tells nothing about any letter. Hashes of different schools are unrelated
  (different keys), so letters cannot be linked across schools. Positions, counts and word
  order are not stored, so no sentence can be rebuilt.
- To someone watching the database while a key holder searches (the statements, their
  parameters): the hashes asked for and the letters they matched — which letters share the
  searched word, never the word itself.
- To the author: nothing changes; the author's own key opens only their own letter.
"""

import re
from itertools import islice

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q

import vault
from journal.models import Appeal, Message
from journal.sealing import open_identity
from search.models import IndexedLetter, Term
from triage.morph import ky_stem, ru_lemma
from triage.normalize import fold_word
from vault.blind import index_key, key_id, token

WORD = re.compile(r"\w+")
MAX_WORD = 40  # longer "words" (a key held down) are cut, like the triage does
# Kyrgyz adds suffixes to an unchanged root but the triage's stemmer sometimes cuts into it
# («телефонумду» → «телефо»), and a root's last consonant may soften («мектеп», «мектеби»): the
# first five letters of a longer word are one more form. It finds more, rarely too much.
PREFIX = 5
CHUNK = 200  # letters opened at a time when scanning: memory bounded whatever the size


def stems(text: str) -> set[str]:
    """The searchable forms of a text's words: the folded word, its Kyrgyz stem, and its Russian
    lemma when pymorphy knows it. A query word matches a letter holding any of its forms."""
    out = set()
    for match in WORD.finditer(text):
        raw = match.group()[:MAX_WORD]
        if len(raw) < 2 and not raw.isdigit():
            continue
        folded = fold_word(raw)
        out.add(folded)
        out.add(ky_stem(folded)[0])
        if len(folded) > PREFIX:
            out.add(folded[:PREFIX])
        russian = ru_lemma(raw.lower())
        if russian:
            out.add(russian)
    return out


def query_words(query: str) -> list[set[str]]:
    """The forms of each word of a query; a letter must match every word."""
    words = (stems(m.group()) for m in WORD.finditer(query))
    return [w for w in words if w]


def _texts(private_key, appeal, messages):
    for message in messages:
        yield vault.open_text(private_key, message.body_for_school)
    yield vault.open_text(private_key, appeal.sealed_summary)
    yield " ".join(str(v) for v in open_identity(private_key, appeal).values() if v)


def _author_messages(appeals):
    """The author's messages of each appeal: those prefetched by the journal, else one query."""
    missing = [a.pk for a in appeals if not hasattr(a, "author_messages")]
    found = {}
    if missing:
        for m in Message.objects.filter(appeal_id__in=missing, sender=Message.AUTHOR).order_by(
            "created_at", "id"
        ):
            found.setdefault(m.appeal_id, []).append(m)
    return {a.pk: getattr(a, "author_messages", None) or found.get(a.pk, []) for a in appeals}


def index_letters(private_key, appeals, force=False) -> int:
    """Index these letters of one school with its key, those not yet indexed (all of them with
    `force`). A letter the author kept from this reader is left for another key holder. Returns
    how many were indexed."""
    appeals = [a for a in appeals if not getattr(a, "kept", False)]
    if not appeals or private_key is None:
        return 0
    secret = index_key(private_key)
    kid = key_id(secret)
    if not force:
        done = set(
            IndexedLetter.objects.filter(
                appeal_id__in=[a.pk for a in appeals], key_id=kid
            ).values_list("appeal_id", flat=True)
        )
        appeals = [a for a in appeals if a.pk not in done]
        if not appeals:
            return 0
    messages = _author_messages(appeals)
    terms = []
    for appeal in appeals:
        found = set()
        for text in _texts(private_key, appeal, messages[appeal.pk]):
            found |= stems(text)
        terms += [Term(appeal_id=appeal.pk, token=token(secret, s)) for s in found]
    ids = [a.pk for a in appeals]
    # Two sessions indexing the same letter at once write the same rows: conflicts are ignored.
    # Known limit: content changed between the opening above and this write is indexed as it
    # was, until the letter's next change; the window is one request's indexing.
    with transaction.atomic():
        Term.objects.filter(appeal_id__in=ids).delete()
        Term.objects.bulk_create(terms, batch_size=2000, ignore_conflicts=True)
        IndexedLetter.objects.filter(appeal_id__in=ids).delete()
        IndexedLetter.objects.bulk_create(
            [IndexedLetter(appeal_id=a.pk, school_id=a.school_id, key_id=kid) for a in appeals],
            ignore_conflicts=True,
        )
    return len(ids)


def index_page(appeals, keys) -> int:
    """Index the letters of a journal page with the keys at hand ({school id: key})."""
    by_school = {}
    for appeal in appeals:
        by_school.setdefault(appeal.school_id, []).append(appeal)
    return sum(index_letters(keys.get(pk), letters) for pk, letters in by_school.items())


def _indexed(kid):
    return Exists(IndexedLetter.objects.filter(appeal=OuterRef("pk"), key_id=kid))


def index_missing(appeals, private_key, school_id) -> int:
    """Scan the letters of `appeals` (of this school) not yet indexed under this key, a chunk at
    a time, and index them."""
    kid = key_id(index_key(private_key))
    # Most searches find every letter of the school indexed: two counts on indexes say so
    # without looking for the letters one by one.
    if IndexedLetter.objects.filter(school_id=school_id, key_id=kid).count() >= (
        Appeal.objects.filter(school_id=school_id).count()
    ):
        return 0
    pending = (
        appeals.exclude(_indexed(kid))
        .select_related(None)
        .prefetch_related(None)
        .prefetch_related(
            Prefetch(
                "messages",
                queryset=Message.objects.filter(sender=Message.AUTHOR).order_by("created_at", "id"),
                to_attr="author_messages",
            )
        )
        .order_by()
        .iterator(chunk_size=CHUNK)
    )
    count = 0
    while chunk := list(islice(pending, CHUNK)):
        count += index_letters(private_key, chunk, force=True)
    return count


def matching(appeals, query, keys):
    """`appeals` narrowed to the letters holding every word of `query`, in the schools whose key
    is at hand ({school id: key}). The result is a query for SQL to run, not a list of ids."""
    words = query_words(query)
    if not words:
        return appeals.none()
    found = Q(pk__in=[])
    for school_id, private_key in keys.items():
        if private_key is None:
            continue
        index_missing(appeals.filter(school_id=school_id), private_key, school_id)
        secret = index_key(private_key)
        # A letter's terms are always of its present content (search/signals.py), and terms
        # made under an earlier key never equal today's: the terms alone decide.
        condition = Q(school_id=school_id)
        for forms in words:
            tokens = sorted({token(secret, s) for s in forms})
            condition &= Q(pk__in=Term.objects.filter(token__in=tokens).values("appeal_id"))
        found |= condition
    return appeals.filter(found)
