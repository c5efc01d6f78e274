"""Long jobs (issue 15): the journal's files are prepared by the worker, which holds no school
key; the page shows progress and a link; only the requester's session opens the file; files
are deleted after a day."""

from datetime import timedelta
from unittest import mock

from django.utils import timezone

from ishenim.testing import BaseTestCase
from jobs.models import Job
from jobs.tasks import run_job, sweep
from journal.work import register


class JobTests(BaseTestCase):
    def setUp(self):
        super().setUp()
        appeal, _ = self.submit("Мени класста шылдыңдашат.")
        register(appeal, self.aida, summary="Шылдыңдоо тууралуу кат")
        self.login("aida")

    def ask(self, kind=Job.JOURNAL_PDF, params=""):
        return self.client.post("/staff/files/new/", {"kind": kind, "params": params})

    def test_asking_for_the_pdf_leads_to_a_status_page_with_a_link_when_ready(self):
        r = self.ask()
        job = Job.objects.get()
        self.assertRedirects(r, f"/staff/files/{job.pk}/")
        self.assertEqual(job.status, Job.READY)  # huey runs inline in tests
        page = self.client.get(f"/staff/files/{job.pk}/")
        self.assertContains(page, f"/staff/files/{job.pk}/file/")
        self.assertNotIn("Refresh", page.headers)
        f = self.client.get(f"/staff/files/{job.pk}/file/")
        self.assertEqual(f["Content-Type"], "application/pdf")
        self.assertTrue(f.content.startswith(b"%PDF"))
        self.assertIn("attachment", f["Content-Disposition"])

    def test_the_xlsx_follows_the_journal_filter(self):
        self.ask(Job.JOURNAL_XLSX, "status=answered")
        job = Job.objects.get()
        self.assertEqual(job.params, "status=answered")
        f = self.client.get(f"/staff/files/{job.pk}/file/")
        self.assertTrue(f.content.startswith(b"PK"))

    def test_the_file_and_the_key_are_sealed_at_rest(self):
        self.ask()
        job = Job.objects.get()
        self.assertIsNone(job.sealed_school_key)  # wiped when the job ended
        self.assertFalse(bytes(job.sealed_file).startswith(b"%PDF"))
        self.assertNotIn(b"%PDF", bytes(job.sealed_file))
        self.assertEqual(job.total, 1)
        self.assertEqual(job.done, 1)

    def test_a_waiting_job_shows_progress_and_reloads_itself_without_script(self):
        with mock.patch("jobs.views.run_job"):
            self.ask()
        job = Job.objects.get()
        Job.objects.filter(pk=job.pk).update(status=Job.RUNNING, done=3, total=12)
        page = self.client.get(f"/staff/files/{job.pk}/")
        self.assertEqual(page["Refresh"], "3")
        self.assertContains(page, '<progress max="100" value="25"')
        self.assertContains(page, "Даяр: 3 / 12 кат.")
        self.assertNotContains(page, "<script")
        self.assertNotContains(page, "/file/")

    def test_russian_status_page_speaks_russian(self):
        self.client.cookies["lang"] = "ru"
        with mock.patch("jobs.views.run_job"):
            self.ask()
        job = Job.objects.get()
        page = self.client.get(f"/staff/files/{job.pk}/")
        self.assertContains(page, "Журнал обращений в PDF")
        self.assertContains(page, "Ждёт очереди")

    def test_the_worker_opens_the_school_key_only_with_the_jobs_key(self):
        with mock.patch("jobs.views.run_job") as queued:
            self.ask()
        job_id, secret = queued.call_args.args
        self.assertIsNotNone(Job.objects.get().sealed_school_key)
        with self.assertLogs("jobs.tasks", "ERROR"):  # a wrong key: the job fails, nothing leaks
            run_job.call_local(job_id, b"\0" * 32)
        job = Job.objects.get()
        self.assertEqual(job.status, Job.FAILED)
        self.assertIsNone(job.sealed_school_key)
        self.assertContains(self.client.get(f"/staff/files/{job.pk}/"), 'class="alert"')

    def test_another_session_of_the_same_user_cannot_open_the_file(self):
        self.ask()
        job = Job.objects.get()
        self.client.logout()
        self.login("aida")
        r = self.client.get(f"/staff/files/{job.pk}/file/")
        self.assertRedirects(r, f"/staff/files/{job.pk}/")
        self.assertNotContains(self.client.get(f"/staff/files/{job.pk}/"), "/file/")

    def test_outsider_gets_404(self):
        self.ask()
        job = Job.objects.get()
        self.client.logout()
        self.login("chyngyz")
        self.assertEqual(self.client.get(f"/staff/files/{job.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/staff/files/{job.pk}/file/").status_code, 404)

    def test_the_director_who_holds_no_key_cannot_ask_for_the_journal(self):
        self.client.logout()
        self.login("dana")
        r = self.ask()
        self.assertIn(r.status_code, (302, 404))
        self.assertFalse(Job.objects.exists())

    def test_files_are_deleted_after_a_day(self):
        self.ask()
        later = timezone.now() + timedelta(hours=24, minutes=1)
        self.assertEqual(sweep(later), 1)
        self.assertFalse(Job.objects.exists())

    def test_a_job_never_finished_loses_its_key(self):
        with mock.patch("jobs.views.run_job"):
            self.ask()
        sweep(timezone.now() + timedelta(minutes=31))
        job = Job.objects.get()
        self.assertEqual(job.status, Job.FAILED)
        self.assertIsNone(job.sealed_school_key)

    def test_the_export_is_an_audit_event(self):
        from audit.models import Event

        self.ask()
        self.assertTrue(Event.objects.filter(action="export", actor=self.aida).exists())


class JobKeyCarriesEveryGenerationTests(BaseTestCase):
    def test_the_worker_opens_a_letter_sealed_to_an_older_generation(self):
        """After a new school key, the year's journal still holds letters of the old one."""
        import nacl.utils

        from vault import crypto
        from vault.jobs import open_school_key, seal_school_key

        old, new = crypto.new_key_pair(), crypto.new_key_pair()
        letter = crypto.seal(old.public_key, b"old letter")
        secret = nacl.utils.random(32)
        ring = open_school_key(secret, seal_school_key(secret, crypto.Keyring([new, old])))
        self.assertEqual(crypto.open_sealed(ring, letter), b"old letter")
