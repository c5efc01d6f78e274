"""The crawl (issue 15): as each demo role and as an author, open every page reachable from the
menus and links, in each language, on a phone and on a desk. It fails on a 4xx/5xx, on an
internal value in the visible text (rule ids, choice keys, event kinds, field names — listed
from the code), on sideways scrolling at 360 px and on an axe-core fault (WCAG 2.2 AA, scripts
off). Its screenshots are for people to look
at: var/screenshots/crawl/<language>/<who>-<page>-<width>.png.

Tagged "crawl": it runs once, not once per database (`make crawl`; .ci/run calls it after the
SQLite suite), because it walks the whole demo and its findings do not depend on the database.
"""

import re
from collections import Counter
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.test import tag
from playwright.sync_api import Error as PlaywrightError

from ishenim.browser import SCREENSHOTS, BrowserTestCase
from ishenim.testing import PROJECT_APPS, internal_values, internal_values_in

DEMO_PASSWORD = "demo-ishenim-2026"
# The roles of the regulation B school, the district and child protection, and the responsible
# person of the regulation A school (its weekly collections, reviews and regulation pages).
STAFF = ["nurgul", "bakyt", "marat", "rayon", "koruu", "aigul"]
STAFF_LANGUAGES = ["ky", "ru"]
AUTHOR_LANGUAGES = ["ky", "ru", "uz"]
WIDTHS = (360, 1280)
PER_PATTERN = 2  # pages of one shape (a letter's page, a meeting's page) visited per walk
MOST_PAGES = 80
# Files and actions, not pages: checked for their status only, never opened as pages.
FILES = re.compile(r"\.(pdf|xlsx|docx|csv|png|jpg|jsonl|txt)$|/file/$|/attachments/")
NOT_FOLLOWED = ("/i18n/", "/staff/logout/", "/static/", "/media/")
CRAWL_DIR = SCREENSHOTS / "crawl"


def forbidden_values():
    """What a person must never read: the internal values of ishenim.testing, and besides
    them the triage's rule ids and the models' field names with an underscore."""
    from triage.engine import get_lexicon

    values = set(internal_values()) | set(get_lexicon().rules)
    for model in apps.get_models():
        if model.__module__.split(".")[0] in PROJECT_APPS | {"jobs"}:
            values |= {f.name for f in model._meta.get_fields() if "_" in f.name}
    return sorted(v for v in values if re.fullmatch(r"[a-z][a-z0-9_.]+", v) and len(v) > 3)


def pattern(url):
    """A page's shape: its path with numbers folded, and its query's keys."""
    parts = urlsplit(url)
    keys = sorted(k.split("=")[0] for k in parts.query.split("&") if k)
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def slug(url):
    parts = urlsplit(url)
    name = re.sub(r"[^a-z0-9]+", "-", (parts.path + "-" + parts.query).lower()).strip("-")
    return name or "home"


@tag("crawl")
class CrawlTests(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forbidden = forbidden_values()

    def setUp(self):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        self.problems = []

    def context_page(self, lang, width):
        page = self.new_page(width=width)
        page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": self.live_server_url}]
        )
        return page

    def log_in(self, page, username):
        page.goto(f"{self.live_server_url}/staff/login/")
        page.locator("input[name=username]").fill(username)
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        page.locator("main form button[type=submit]").first.click()
        self.assertNotIn("/staff/login/", page.url, f"{username} could not log in")

    def links(self, page):
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        out = []
        for href in hrefs:
            href = urldefrag(href).url
            if not href.startswith(self.live_server_url):
                continue
            path = href[len(self.live_server_url) :]
            if path.startswith(NOT_FOLLOWED):
                continue
            out.append(href)
        return out

    def check_page(self, page, who, lang, url, response):
        where = f"{who} [{lang}] {url[len(self.live_server_url) :]}"
        if response is None or response.status >= 400:
            self.problems.append(f"{where}: status {response and response.status}")
            return False
        # What people wrote is not ours to judge: e-mail addresses such as teacher@… go.
        text = re.sub(r"\S+@\S+", "", page.locator("body").inner_text())
        found = internal_values_in(text, self.forbidden)
        if found:
            self.problems.append(f"{where}: internal values on the page {found}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            self.problems.append(f"{where}: scrolls sideways by {overflow} px at 360 px")
        faults = self.axe(page)
        if faults:
            self.problems.append(f"{where}: accessibility faults {faults}")
        return True

    def walk(self, who, lang, starts, page):
        """Breadth first from `starts`; returns the pages seen, for the screenshots."""
        queue, seen, shapes, pages = list(starts), set(), Counter(), []
        while queue and len(pages) < MOST_PAGES:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            path = url[len(self.live_server_url) :]
            if FILES.search(urlsplit(url).path):
                status = page.request.get(url).status
                if status >= 400:
                    self.problems.append(f"{who} [{lang}] {path}: file status {status}")
                continue
            shapes[pattern(url)] += 1
            if shapes[pattern(url)] > PER_PATTERN:
                continue
            try:
                response = page.goto(url)
            except PlaywrightError as error:  # a file whose address does not say so
                if "Download" not in str(error):
                    raise
                status = page.request.get(url).status
                if status >= 400:
                    self.problems.append(f"{who} [{lang}] {path}: file status {status}")
                continue
            if not self.check_page(page, who, lang, url, response):
                continue
            pages.append(page.url)
            queue += [link for link in self.links(page) if link not in seen]
        return pages

    def screenshots(self, who, lang, urls, page_1280, page_360):
        folder = CRAWL_DIR / lang
        folder.mkdir(parents=True, exist_ok=True)
        for url in urls:
            for width, page in ((360, page_360), (1280, page_1280)):
                page.goto(url)
                page.screenshot(path=str(folder / f"{who}-{slug(url)}-{width}.png"), full_page=True)

    def report(self):
        self.assertEqual(self.problems, [], "\n" + "\n".join(self.problems))

    def test_every_staff_page_of_every_role(self):
        for lang in STAFF_LANGUAGES:
            for username in STAFF:
                phone = self.context_page(lang, 360)
                self.log_in(phone, username)
                if username == "nurgul":
                    # A long job of hers, so that its pages are walked too (jobs/).
                    phone.locator("button[value=journal_pdf]").click()
                pages = self.walk(username, lang, [phone.url], phone)
                self.assertGreater(len(pages), 1, f"{username} reached no page")
                desk = self.context_page(lang, 1280)
                self.log_in(desk, username)
                self.screenshots(username, lang, pages, desk, phone)
        self.report()

    def test_every_author_page(self):
        code = (Path(settings.VAR_DIR) / "demo-paper-form-code.txt").read_text().strip()
        for lang in AUTHOR_LANGUAGES:
            phone = self.context_page(lang, 360)
            start = f"{self.live_server_url}/"
            pages = self.walk("author", lang, [start, f"{self.live_server_url}/s/demo/"], phone)
            # The conversation opens with the receipt code, posted (never in a URL).
            phone.goto(f"{self.live_server_url}/s/demo/check/")
            phone.locator("main input[type=text], main input:not([type])").first.fill(code)
            with phone.expect_navigation() as navigation:
                phone.locator("main form button[type=submit]").last.click()
            if self.check_page(phone, "author", lang, phone.url, navigation.value):
                pages.append(phone.url)
            desk = self.context_page(lang, 1280)
            self.screenshots("author", lang, pages, desk, phone)
        self.report()
