"""The district's child-protection specialist reads a letter only when its author excluded
every key holder of the school: then, and only then, the letter is sealed to the specialist's
own key as well, so the ladder never ends with nobody able to read it."""

import json

import vault
from urgent.models import ChildProtectionSpecialist, SpecialistCopy


def school_has_no_reader_left(school, excluded_ids):
    from urgent.ladder import key_holder_ids

    holders = key_holder_ids(school)
    return not (holders - set(excluded_ids))


def copy_if_needed(appeal, text, identity, excluded_ids):
    """Seal the letter to the district's specialists when no key holder of the school is left."""
    if not excluded_ids or not school_has_no_reader_left(appeal.school, excluded_ids):
        return 0
    payload = json.dumps(
        {"text": text, "identity": identity or {}, "tag": appeal.tag}, ensure_ascii=False
    )
    made = 0
    for sp in ChildProtectionSpecialist.objects.filter(district_id=appeal.school.district_id):
        SpecialistCopy.objects.get_or_create(
            appeal=appeal,
            specialist=sp,
            defaults={"sealed": vault.seal_text(bytes(sp.public_key), payload)},
        )
        made += 1
    return made


def open_copy(private_key, copy):
    return json.loads(vault.open_text(private_key, copy.sealed))
