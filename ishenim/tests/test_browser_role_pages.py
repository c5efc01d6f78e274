"""Issue 15's pages on a phone and on a desk, JavaScript off: the notices panel, a letter's
history in words, the director's journal and the district staff's home pages — no
accessibility fault, no sideways scroll, nothing from other hosts."""

from django.contrib.auth import get_user_model

from ishenim.browser import BrowserTestCase
from ishenim.testing import PASSWORD, CastMixin
from journal.work import register, update_work
from notify.models import Notice
from reports.models import DistrictViewer
from urgent.models import ChildProtectionSpecialist
from vault.keys import new_specialist_key


class RolePagesTests(CastMixin, BrowserTestCase):
    def setUp(self):
        self.make_cast()
        self.appeal, _ = self.submit("Мени класста шылдыңдашат, жардам бериңиз.")
        register(self.appeal, self.aida, summary="Шылдыңдоо")
        self.appeal.refresh_from_db()
        update_work(
            self.appeal,
            self.aida,
            {"status": "referred", "referred_to": "juvenile_inspector", "category": "bullying"},
            self.key,
        )
        for i in range(8):
            Notice.objects.create(
                user=self.aida, appeal=self.appeal, kind=Notice.DUE_TOMORROW, key=f"d{i}"
            )
        Notice.objects.create(
            user=self.aida, appeal=self.appeal, kind=Notice.URGENT_WAITING, key="u1"
        )
        User = get_user_model()
        rayon = User.objects.create_user("rayon", password=PASSWORD)
        DistrictViewer.objects.create(user=rayon, district=self.school.district)
        koruu = User.objects.create_user("koruu", password=PASSWORD)
        ChildProtectionSpecialist.objects.create(
            user=koruu, district=self.school.district, **new_specialist_key(PASSWORD)
        )

    def visits(self):
        return [
            ("aida", "journal-notices", "/staff/"),
            ("aida", "appeal-history", f"/staff/appeals/{self.appeal.pk}/"),
            ("dana", "director-journal", "/staff/"),
            ("rayon", "district-viewer-home", None),
            ("koruu", "specialist-home", None),
        ]

    def test_the_pages_of_each_role_have_no_accessibility_fault(self):
        for width in (360, 1280):
            for username, name, path in self.visits():
                page = self.new_page(width=width)
                page.goto(f"{self.live_server_url}/staff/login/")
                page.get_by_label("Логин").fill(username)
                page.get_by_label("Сырсөз").fill(PASSWORD)
                page.get_by_role("button", name="Кирүү").click()
                with self.subTest(page=name, width=width):
                    if path:
                        response = page.goto(f"{self.live_server_url}{path}")
                        self.assertEqual(response.status, 200, path)
                    self.assertEqual(page.locator("h1").count(), 1, name)
                    self.assertAccessible(page, f"staff-{name}-{width}")
