"""A letter whose searchable content changes leaves the index (its terms and its mark); the next key holder who lists,
opens or searches it indexes it again. Saves with `update_fields` that touch no sealed text
(status, urgency, …) keep it."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from journal.models import Appeal, Message
from search.models import IndexedLetter, Term

SEARCHED_FIELDS = {"sealed_summary", "sealed_identity"}


@receiver(post_save, sender=Appeal, dispatch_uid="search-appeal-changed")
def appeal_changed(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and not SEARCHED_FIELDS & set(update_fields)):
        return
    _forget(instance.pk)


@receiver(post_save, sender=Message, dispatch_uid="search-message-added")
def message_added(sender, instance, created, **kwargs):
    if created and instance.sender == Message.AUTHOR:
        _forget(instance.appeal_id)


def _forget(appeal_id):
    # The terms go too: a letter's terms in the index are always those of its present content,
    # so a search needs no second look at whether the letter is indexed.
    IndexedLetter.objects.filter(appeal_id=appeal_id).delete()
    Term.objects.filter(appeal_id=appeal_id).delete()
