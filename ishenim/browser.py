"""Browser tests: Playwright driving Debian's Chromium, JavaScript off, 360 px wide.

Screenshots go to var/screenshots/ (CI keeps that folder as an artifact).
"""

import os
import shutil
import unittest
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase
from django.test import tag

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe waits on setTimeout(fn, 0); with page scripts off, run those as microtasks.
TIMER_SHIM = """(() => { let n = 0; const off = new Set();
  window.setTimeout = (fn, ms, ...a) => { const id = ++n;
    if (!(ms > 0)) Promise.resolve().then(() => off.has(id) || fn(...a)); return id; };
  window.clearTimeout = (id) => { off.add(id); }; })();"""


def _axe_source():
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


@tag("browser")
class BrowserTestCase(StaticLiveServerTestCase):
    width = 360

    @classmethod
    def setUpClass(cls):
        if not os.path.exists(CHROMIUM):
            if os.environ.get("REQUIRE_BROWSER"):
                raise RuntimeError("chromium is required for the browser tests (REQUIRE_BROWSER)")
            raise unittest.SkipTest("Debian's chromium is not installed")
        # Playwright's sync API runs an event loop in this thread; the ORM calls are ours.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        super().tearDownClass()

    def new_page(self, width=None, javascript=False, locale="ky"):
        context = self.browser.new_context(
            viewport={"width": width or self.width, "height": 800},
            java_script_enabled=javascript,
            locale=locale,
            service_workers="block",
        )
        self.addCleanup(context.close)
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.other_hosts = []
        page.on("request", lambda r: self._track(page, r))
        return page

    def _track(self, page, request):
        if not request.url.startswith((self.live_server_url, "data:", "about:")):
            page.other_hosts.append(request.url)

    def shot(self, page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def axe(self, page):
        page.evaluate(TIMER_SHIM + _axe_source())
        return page.evaluate(
            """async (tags) => { const r = await window.axe.run(document,
                 {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], preload: false});
               return r.violations.map(v => `${v.id}: ${v.help} — ${v.nodes[0].html.slice(0, 120)}`); }""",
            AXE_TAGS,
        )

    def assertAccessible(self, page, name):
        """No axe violation, no horizontal scroll at this width, nothing from other hosts."""
        self.shot(page, name)
        self.assertEqual(self.axe(page), [], f"accessibility faults on {name}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        self.assertLessEqual(overflow, 0, f"{name} scrolls sideways at {self.width} px")
        self.assertEqual(page.other_hosts, [], f"{name} asked other hosts")
