"""For the migrations that store the Argon2id cost beside each existing hash and wrap."""


def params_in_use():
    """The cost every existing hash and wrap was made with: until now one setting
    (VAULT_OPSLIMIT, VAULT_MEMLIMIT, clamped to libsodium's minimum) served them all."""
    import nacl.pwhash
    from django.conf import settings

    return (
        max(settings.VAULT_OPSLIMIT, nacl.pwhash.argon2id.OPSLIMIT_MIN),
        max(settings.VAULT_MEMLIMIT, nacl.pwhash.argon2id.MEMLIMIT_MIN),
    )


def filler(app_label, model_name, ops_field, mem_field, only=None):
    """A RunPython function that fills the two fields of every existing row."""

    def fill(apps, schema_editor):
        opslimit, memlimit = params_in_use()
        rows = apps.get_model(app_label, model_name).objects.all()
        if only:
            rows = rows.filter(**only)
        rows.update(**{ops_field: opslimit, mem_field: memlimit})

    return fill
