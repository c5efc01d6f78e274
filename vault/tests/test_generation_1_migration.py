"""Issue 13: existing data moves to generations. Each existing school's key becomes its
generation 1 (a migration); a staff member's old wrap of the school key turns into a seal to
their own key pair at their next login; the sheet printed before keeps opening generation 1."""

import importlib

from django.apps import apps
from django.conf import settings
from django.utils import translation

from ishenim.testing import PASSWORD, BaseTestCase
from vault import crypto
from vault.keys import _wrapped, recover
from vault.models import GenerationSeal, KeyGeneration, KeyGrant, MemberKey, RecoverySeal

migration = importlib.import_module("vault.migrations.0003_generations")


class Generation1MigrationTests(BaseTestCase):
    def make_it_old(self):
        """The school as the code before generations left it: a wrap per member, an Argon2
        wrap for the recovery sheet, no generation, no member key pairs."""
        keyring = recover(self.school, self.recovery)
        params = crypto.vault_params()
        salt = crypto.new_salt()
        self.school.recovery_salt = salt
        self.school.recovery_wrapped_key = crypto.wrap(keyring.keys[0], self.recovery, salt, params)
        self.school.recovery_opslimit = params.opslimit
        self.school.recovery_memlimit = params.memlimit
        self.school.save()
        KeyGeneration.objects.filter(school=self.school).delete()
        MemberKey.objects.filter(user=self.aida).delete()
        KeyGrant.objects.create(
            user=self.aida, school=self.school, **_wrapped(keyring.keys[0], PASSWORD)
        )
        RecoverySeal.objects.filter(generation__school=self.school).delete()

    def test_existing_schools_become_generation_1_and_old_wraps_become_seals_at_login(self):
        appeal, _ = self.submit("Эски мектептин каты")
        self.make_it_old()
        migration.existing_schools_are_generation_1(apps, None)
        generation = KeyGeneration.objects.get(school=self.school)
        self.assertEqual(generation.number, 1)
        self.assertEqual(bytes(generation.public_key), bytes(self.school.public_key))
        # The old sheet still opens the letters of generation 1.
        self.assertEqual(len(recover(self.school, self.recovery)), 1)
        # Aida's next login turns her wrap into a seal to a key pair of her own.
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        # A request through the test client leaves its language active in this thread.
        self.addCleanup(translation.activate, settings.LANGUAGE_CODE)
        self.login("aida")
        self.assertFalse(KeyGrant.objects.filter(user=self.aida).exists())
        self.assertTrue(MemberKey.objects.filter(user=self.aida).exists())
        self.assertTrue(
            GenerationSeal.objects.filter(user=self.aida, generation=generation).exists()
        )
        self.assertContains(self.client.get(f"/staff/appeals/{appeal.pk}/"), "Эски мектептин каты")

    def test_the_migration_leaves_a_school_that_has_generations_alone(self):
        migration.existing_schools_are_generation_1(apps, None)
        self.assertEqual(KeyGeneration.objects.filter(school=self.school).count(), 1)

    def test_a_member_who_had_not_logged_in_since_the_update_gets_the_newest_key_from_a_holder(
        self,
    ):
        self.make_it_old()
        keyring = recover(self.school, self.recovery)
        KeyGrant.objects.create(
            user=self.bolot, school=self.school, **_wrapped(keyring.keys[0], PASSWORD)
        )
        migration.existing_schools_are_generation_1(apps, None)
        self.client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        self.login("bolot")
        self.client.post("/staff/key/demo/", {"confirm": "on"})  # a new key before Aida logs in
        self.school.refresh_from_db()
        new, _ = self.submit("Жаңы ачкычтан кийинки кат")
        aida = self.client_class(HTTP_ACCEPT_LANGUAGE="en")
        aida.post("/staff/login/", {"username": "aida", "password": PASSWORD})
        self.assertNotContains(aida.get(f"/staff/appeals/{new.pk}/"), "Жаңы ачкычтан кийинки кат")
        page = self.client.get("/staff/key/demo/")
        self.assertContains(page, "Members without the newest key")
        self.client.post("/staff/key/demo/", {"give": self.aida.pk})
        self.assertContains(aida.get(f"/staff/appeals/{new.pk}/"), "Жаңы ачкычтан кийинки кат")
