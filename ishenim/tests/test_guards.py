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
LANGS = ("ky", "ru")  # every string, staff pages too
AUTHOR_LANGS = tuple(settings.AUTHOR_ONLY_LANGUAGES)  # the author pages' strings only
# The author pages' Python: the views' messages, the forms, the upload errors, the help lines.
# Choices the forms take from elsewhere (Appeal.AUTHOR_CHOICES) are found on the forms
# themselves, by author_form_strings().
AUTHOR_PYTHON = ("intake/views.py", "intake/forms.py", "intake/files.py", "intake/helplines.py")
TAG = re.compile(r"""{%\s*(extends|include)\s+["']([^"']+)["']""")


def catalog(lang):
    return polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"))


def template_files():
    """{template name: path} for the project's own templates."""
    found = {}
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]:
        if ".venv" in folder.parts:
            continue
        for path in folder.rglob("*.html"):
            found.setdefault(path.relative_to(folder).as_posix(), path)
    return found


def author_templates():
    """The templates of the author's pages, read from the templates themselves: base.html and
    every page that extends it directly (staff pages extend staff_base.html), with all they
    include, transitively. A new author page or partial is covered without editing this test."""
    files = template_files()
    uses = {name: TAG.findall(path.read_text()) for name, path in files.items()}
    pages = {"base.html"} | {
        name
        for name, tags in uses.items()
        if ("extends", "base.html") in tags and name != "staff_base.html"
    }
    todo, seen = list(pages), set()
    while todo:
        name = todo.pop()
        if name in seen or name not in files:
            continue
        seen.add(name)
        todo += [used for kind, used in uses[name] if kind == "include"]
    return {files[name].relative_to(ROOT).as_posix() for name in seen}


def author_form_strings():
    """Every label, help text, choice and error message of the forms the author fills in."""
    from django import forms as django_forms
    from django.utils.functional import Promise

    import intake.forms

    texts = set()
    for form in vars(intake.forms).values():
        if not (isinstance(form, type) and issubclass(form, django_forms.Form)):
            continue
        for field in form.base_fields.values():
            texts |= {field.label, field.help_text, *field.error_messages.values()}
            for choice in getattr(field, "choices", None) or []:
                texts.add(choice[1])
    return {t for t in texts if isinstance(t, Promise)}


def author_msgids():
    """The msgids of the author pages: those whose `#:` references (in the Kyrgyz catalog, which
    is always complete, or the author-only ones) point into the author pages' templates or
    Python, and those the author forms carry from other modules."""
    sources = author_templates() | set(AUTHOR_PYTHON)
    ids = set()
    for lang in ("ky", *AUTHOR_LANGS):
        for e in catalog(lang):
            if not e.obsolete and any(path in sources for path, _line in e.occurrences):
                ids.add(e.msgid)
    known = {e.msgid for e in catalog("ky")}
    for text in author_form_strings():
        msgid = text._args[0]  # the lazy proxy keeps the msgid it was made with
        if msgid in known:
            ids.add(msgid)
    return ids


class TranslationTests(SimpleTestCase):
    def test_every_string_is_translated_in_kyrgyz_and_russian(self):
        for lang in LANGS:
            po = catalog(lang)
            missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
            fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
            self.assertEqual(missing, [], f"untranslated in {lang}")
            self.assertEqual(fuzzy, [], f"fuzzy in {lang}")

    def test_every_string_of_the_author_pages_is_translated_in_uzbek(self):
        wanted = author_msgids()
        for lang in AUTHOR_LANGS:
            entries = {e.msgid: e for e in catalog(lang) if not e.obsolete}
            missing = sorted(m for m in wanted if m not in entries or not entries[m].translated())
            fuzzy = sorted(m for m in wanted if m in entries and "fuzzy" in entries[m].flags)
            self.assertEqual(missing, [], f"author strings untranslated in {lang}")
            self.assertEqual(fuzzy, [], f"author strings fuzzy in {lang}")

    def test_the_author_pages_are_found_from_the_templates(self):
        """The derivation itself: it sees the crisis receipt (an include of an include), the
        board's public page and the forms' partials, and no staff page."""
        found = author_templates()
        for path in (
            "templates/base.html",
            "templates/_field.html",
            "intake/templates/intake/write.html",
            "intake/templates/intake/_crisis.html",
            "intake/templates/intake/_help.html",
            "intake/templates/intake/conversation.html",
            "board/templates/board/public_board.html",
        ):
            self.assertIn(path, found)
        for path in found:
            self.assertNotIn("staff", path)
            self.assertNotIn("print_", path)
        self.assertGreater(len(author_msgids()), 100)
        self.assertIn("pupil", author_msgids())  # Appeal.AUTHOR_CHOICES, on the letter form

    def test_the_author_forms_speak_uzbek_also_where_django_words_them(self):
        """Django's own form errors (a whole number, an e-mail address) come from Django's
        Uzbek catalog; each must be there, or the child would read English."""
        known = {e.msgid for e in catalog("ky")}
        for lang in AUTHOR_LANGS:
            with translation.override(lang):
                for text in author_form_strings():
                    msgid = text._args[0]
                    if msgid not in known:
                        self.assertNotEqual(str(text), msgid, f"{lang}: {msgid!r}")

    def test_the_compiled_catalogs_match_the_sources(self):
        for lang in (*LANGS, *AUTHOR_LANGS):
            mo = polib.mofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.mo"))
            compiled = {e.msgid: e.msgstr for e in mo}
            for e in catalog(lang):
                if e.msgid and not e.msgid_plural and not e.obsolete:
                    # An untranslated entry is left out of the .mo (the Uzbek staff strings).
                    self.assertEqual(
                        compiled.get(e.msgid, ""), e.msgstr, f"{lang}: {e.msgid!r} stale"
                    )

    def test_the_catalogs_load(self):
        with translation.override("ky"):
            self.assertEqual(translation.gettext("Write a letter"), "Кат жазуу")
        with translation.override("ru"):
            self.assertEqual(translation.gettext("Write a letter"), "Написать письмо")
        with translation.override("uz"):
            self.assertEqual(translation.gettext("Write a letter"), "Xat yozish")

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
        yield "/s/demo/write/anonymous/"
        yield "/s/demo/write/signed/"
        yield "/s/demo/check/"
        yield "/s/demo/receipt/"
        self.client.post("/s/demo/check/", {"code": code})
        yield "/s/demo/conversation/"
        yield "/staff/login/"
        self.login()
        yield "/staff/"
        yield f"/staff/appeals/{appeal.pk}/"

    def test_every_page_has_exactly_one_h1_in_each_language(self):
        for lang in ("ky", "ru", "en", "uz"):
            self.client.logout()
            self.client.cookies["lang"] = lang
            for url in self.pages():
                body = self.client.get(url).content.decode()
                self.assertEqual(body.count("<h1"), 1, f"{url} ({lang})")
                # Uzbek is for the author pages; staff pages fall back to Kyrgyz.
                shown = "ky" if lang == "uz" and url.startswith("/staff/") else lang
                self.assertIn(f'<html lang="{shown}">', body, url)
