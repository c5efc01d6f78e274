"""Guards that catch what review misses (after djangoproject.com's own)."""

import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import polib
from django.conf import settings
from django.test import SimpleTestCase
from django.utils import translation

from ishenim.testing import BaseTestCase

ROOT = Path(settings.BASE_DIR)
LANGS = ("ky", "ru")


def catalog(lang):
    return polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"))


class TranslationTests(SimpleTestCase):
    def test_every_string_is_translated_in_kyrgyz_and_russian(self):
        for lang in LANGS:
            po = catalog(lang)
            missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
            fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
            self.assertEqual(missing, [], f"untranslated in {lang}")
            self.assertEqual(fuzzy, [], f"fuzzy in {lang}")

    def test_the_compiled_catalogs_match_the_sources(self):
        for lang in LANGS:
            mo = polib.mofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.mo"))
            compiled = {e.msgid: e.msgstr for e in mo}
            for e in catalog(lang):
                if e.msgid and not e.msgid_plural and not e.obsolete:
                    self.assertEqual(compiled.get(e.msgid), e.msgstr, f"{lang}: {e.msgid!r} stale")

    def test_the_catalogs_load(self):
        with translation.override("ky"):
            self.assertEqual(translation.gettext("Write a letter"), "Кат жазуу")
        with translation.override("ru"):
            self.assertEqual(translation.gettext("Write a letter"), "Написать письмо")

    @unittest.skipUnless(shutil.which("xgettext"), "gettext tools not installed")
    def test_no_string_in_the_code_is_missing_from_the_catalogs(self):
        """Extract the strings afresh from a copy of the code; each must be in the catalogs."""
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "src"
            shutil.copytree(
                ROOT,
                copy,
                ignore=shutil.ignore_patterns(
                    ".venv", "var", ".git", "node_modules", "bench", "*.mo", "__pycache__"
                ),
            )
            subprocess.run(
                [
                    str(Path(settings.BASE_DIR) / ".venv/bin/python")
                    if (ROOT / ".venv").exists()
                    else "python3",
                    "manage.py",
                    "makemessages",
                    "-l",
                    "ky",
                    "--no-location",
                    "--ignore=var",
                    "--ignore=.venv",
                ],
                cwd=copy,
                check=True,
                capture_output=True,
            )
            fresh = {
                e.msgid
                for e in polib.pofile(str(copy / "locale/ky/LC_MESSAGES/django.po"))
                if not e.obsolete
            }
        for lang in LANGS:
            known = {e.msgid for e in catalog(lang) if e.translated()}
            self.assertEqual(sorted(fresh - known), [], f"strings not in the {lang} catalog")


class GettextInFStringTests(SimpleTestCase):
    def test_no_translated_string_hides_inside_an_f_string(self):
        """xgettext cannot see _("...") inside an f-string: such text would stay English."""
        pattern = re.compile(r"""f(["']).*\{_\(""")
        for path in ROOT.glob("*/**/*.py"):
            if ".venv" in path.parts or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                self.assertIsNone(pattern.search(line), f"{path}:{number}")


class TemplateTests(SimpleTestCase):
    def test_no_template_or_stylesheet_loads_anything_from_another_site(self):
        pattern = re.compile(r"""(src|href)=["']https?://|url\(["']?https?://|@import""")
        for path in (
            list(ROOT.glob("*/templates/**/*.html"))
            + list(ROOT.glob("templates/*.html"))
            + list(ROOT.glob("static/**/*.css"))
        ):
            self.assertIsNone(pattern.search(path.read_text()), str(path))


class PageTests(BaseTestCase):
    def pages(self):
        appeal, code = self.submit()
        yield "/"
        yield "/s/demo/"
        yield "/s/demo/write/"
        yield "/s/demo/check/"
        yield "/s/demo/receipt/"
        self.client.post("/s/demo/check/", {"code": code})
        yield "/s/demo/conversation/"
        yield "/staff/login/"
        self.login()
        yield "/staff/"
        yield f"/staff/appeals/{appeal.pk}/"

    def test_every_page_has_exactly_one_h1_in_each_language(self):
        for lang in ("ky", "ru", "en"):
            self.client.logout()
            self.client.cookies["lang"] = lang
            for url in self.pages():
                body = self.client.get(url).content.decode()
                self.assertEqual(body.count("<h1"), 1, f"{url} ({lang})")
                self.assertIn(f'<html lang="{lang}">', body, url)
