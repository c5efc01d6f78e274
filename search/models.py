"""The blind index of the sealed search (search/index.py)."""

from django.db import models


class IndexedLetter(models.Model):
    """A letter whose terms are in the index, made with the index key `key_id` names. Gone when
    the letter's searchable content changes (search/signals.py): it is then indexed again."""

    appeal = models.OneToOneField(
        "journal.Appeal", models.CASCADE, primary_key=True, related_name="search_index"
    )
    # The school, so that "is every letter indexed?" is two counts on indexes (search/index.py).
    school = models.ForeignKey("schools.School", models.CASCADE, related_name="+", db_index=False)
    key_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["school", "key_id"], name="search_indexed_school_key")]


class Term(models.Model):
    """One word stem of a letter, as a keyed hash: no word, no position, no count."""

    appeal = models.ForeignKey(
        "journal.Appeal", models.CASCADE, related_name="search_terms", db_index=False
    )
    token = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["appeal", "token"], name="search_term_once_a_letter")
        ]
        indexes = [models.Index(fields=["token", "appeal"], name="search_term_token")]
