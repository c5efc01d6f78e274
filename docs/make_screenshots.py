"""docs/screenshots/: one page of each printed document rendered to PNG, and the pages the
README shows (the author's form, the staff dashboard; Kyrgyz and Russian). Made from the demo
school in a throw-away var folder, so nothing here touches your own data.

Run: .venv/bin/python docs/make_screenshots.py   (needs chromium and pdftoppm)
     .venv/bin/python docs/make_screenshots.py recovery-sheet   (just the recovery-key sheet)
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PASSWORD = "demo-ishenim-2026"
PY = str(ROOT / ".venv" / "bin" / "python")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def small_png(source: Path, target: Path, width: int | None = None):
    """A palette PNG: the pages are text and lines, 64 colours keep them sharp and small."""
    from PIL import Image

    image = Image.open(source).convert("RGB")
    if width and image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)


def pdf_page(pdf: bytes, name: str, page: int = 1):
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-png",
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(source),
                str(Path(tmp) / "page"),
            ],
            check=True,
        )
        small_png(Path(tmp) / "page.png", OUT / f"{name}.png")
    print("docs/screenshots/" + name + ".png")


def main(only=()):
    """Every screenshot, or only those named (`recovery-sheet`)."""
    from playwright.sync_api import sync_playwright

    var = Path(tempfile.mkdtemp(prefix="ishenim-shots-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "VAR_DIR": str(var), "SITE_URL": base, "DEBUG": "1", "HUEY_IMMEDIATE": "1"}
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PY, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    server = subprocess.Popen(
        [PY, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"))
            if not only:
                shoot(browser, base, env)
            if not only or "recovery-sheet" in only:
                recovery_sheet(browser, base)  # last: it starts a new school key
            browser.close()
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(var, ignore_errors=True)


def context(browser, base, lang, width):
    ctx = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=False, locale=lang
    )
    ctx.add_cookies([{"name": "lang", "value": lang, "url": base}])
    return ctx


def log_in(page, base, username):
    page.goto(f"{base}/staff/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()


def ids(env, code):
    done = subprocess.run(
        [PY, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1].split()


def shoot(browser, base, env):
    OUT.mkdir(parents=True, exist_ok=True)
    opening, report, meeting, year = ids(
        env,
        "from openings.models import BoxOpening as O; from reports.models import QuarterlyReport"
        " as R; from commission.models import Meeting as M; from schools.models import"
        " SchoolYear as Y;"
        " print(O.objects.order_by('pk').first().pk, R.objects.order_by('-pk').first().pk,"
        " M.objects.order_by('pk').first().pk,"
        " Y.objects.filter(school__slug='demo', sealed_pdf__isnull=False).first().pk)",
    )
    # The README's pages: the author's form on a phone, the staff dashboard on a desk.
    for lang in ("ky", "ru"):
        ctx = context(browser, base, lang, 400)
        page = ctx.new_page()
        page.goto(f"{base}/s/demo/write/anonymous/")
        with tempfile.NamedTemporaryFile(suffix=".png") as tmp:
            page.screenshot(path=tmp.name, full_page=True)
            small_png(Path(tmp.name), OUT / f"author-form-{lang}.png", 400)
        ctx.close()
        ctx = context(browser, base, lang, 1280)
        page = ctx.new_page()
        log_in(page, base, "nurgul")
        page.goto(f"{base}/staff/reports/school/demo/")
        with tempfile.NamedTemporaryFile(suffix=".png") as tmp:
            page.screenshot(path=tmp.name, full_page=False)
            small_png(Path(tmp.name), OUT / f"staff-dashboard-{lang}.png", 960)
        ctx.close()
        print(f"docs/screenshots/author-form-{lang}.png, staff-dashboard-{lang}.png")

    # The printed documents, from the demo as the social pedagogue sees them (Kyrgyz).
    ctx = context(browser, base, "ky", 1280)
    page = ctx.new_page()
    log_in(page, base, "nurgul")
    get = lambda path: page.request.get(base + path).body()  # noqa: E731
    pdf_page(get("/staff/journal.pdf"), "journal-ky-page2", 2)
    pdf_page(get(f"/staff/openings/{opening}/act.pdf"), "act-of-removal-ky")
    pdf_page(get("/staff/openings/journal.pdf"), "openings-journal-ky")
    pdf_page(get(f"/staff/reports/quarterly/{report}/report.pdf"), "quarterly-report-ky")
    pdf_page(get(f"/staff/commission/meetings/{meeting}/minutes.pdf"), "minutes-ky")
    pdf_page(get("/s/demo/board.pdf"), "board-sheet-ky")
    pdf_page(get("/s/demo/poster.pdf"), "poster-ky")
    pdf_page(get(f"/staff/years/{year}/journal.pdf"), "closed-year-journal-ky")
    pdf_page(get("/staff/school/demo/regulation.ky.pdf"), "regulation-b-ky")
    pdf_page(get("/staff/school/demo/data-sheet.ru.pdf"), "data-sheet-ru")
    page.goto(f"{base}/staff/print/forms/")
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    forms = page.request.post(
        f"{base}/staff/print/forms/",
        form={"csrfmiddlewaretoken": token, "count": "2"},
        headers={"Referer": f"{base}/staff/print/forms/"},
    )
    pdf_page(forms.body(), "paper-form-ky")
    ctx.close()
    # The regulation-A school's printed regulation, as its social pedagogue prints it.
    ctx = context(browser, base, "ru", 1280)
    page = ctx.new_page()
    log_in(page, base, "aigul")
    pdf_page(
        page.request.get(f"{base}/staff/school/demo-a/regulation.ru.pdf").body(), "regulation-a-ru"
    )
    ctx.close()
    # The receipt an author prints from the browser.
    ctx = context(browser, base, "ky", 800)
    page = ctx.new_page()
    page.goto(f"{base}/s/demo/write/anonymous/")
    page.locator("textarea").first.fill("Мектептин ашканасында тамак жетпейт.")
    page.locator("main form button[type=submit]").last.click()
    page.goto(f"{base}/s/demo/receipt/print/")
    page.emulate_media(media="print")
    pdf_page(page.pdf(format="A4"), "receipt-ky")
    ctx.close()


def recovery_sheet(browser, base):
    """The recovery-key sheet, shown once when a school's key is made or a new one started
    (issue 13), as the key holder prints it for the school safe: a new key of the demo school."""
    ctx = context(browser, base, "ky", 1280)
    page = ctx.new_page()
    log_in(page, base, "nurgul")
    page.goto(f"{base}/staff/key/demo/")
    page.locator("input[name=confirm]").check()
    page.locator("form:has(input[name=confirm]) button[type=submit]").click()
    page.emulate_media(media="print")
    margin = {side: "15mm" for side in ("top", "right", "bottom", "left")}
    pdf_page(page.pdf(format="A4", margin=margin), "recovery-sheet-ky")
    ctx.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
