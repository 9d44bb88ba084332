"""The text editor's weight and the section page's load time in headless Chromium.

    .venv/bin/python bench/editor_bench.py [--base http://127.0.0.1:8000] [--user skribent-soc]
        [--password demo-skribent-soc-2022] [--section /rapporter/socialnamnden/2024-T1/avsnitt/54/] [--runs 7]

Prints the size of every file the editor adds to a page (raw and gzip, as whitenoise serves it compressed), and,
against a running server with the demo loaded (`manage.py load_demo`, `manage.py runserver`), the section page's
time to DOMContentLoaded, to the load event and until every visible editor has started (`.ProseMirror` present
for each visible rich-text field), median and fastest of --runs fresh page loads (a warm browser cache after
the first, as on a writer's laptop during a day's work; the first, cold, is printed separately).
"""

import argparse
import gzip
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tertial.settings")

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles import finders  # noqa: E402

from tertial.fields import RichTextWidget  # noqa: E402

EXTRA = ["django_prose_editor/editor.js", "django_prose_editor/material-icons.woff2"]  # loaded by the two below


def bundle_sizes():
    media = RichTextWidget().media
    paths = [str(p) for p in media._css.get("all", [])] + [str(getattr(s, "_path", s)) for s in media._js] + EXTRA
    rows, total, total_gz = [], 0, 0
    for path in paths:
        data = Path(finders.find(path)).read_bytes()
        zipped = len(gzip.compress(data, 9)) if not path.endswith(".woff2") else len(data)  # woff2 is compressed
        rows.append((path, len(data), zipped))
        total, total_gz = total + len(data), total_gz + zipped
    return rows, total, total_gz


def page_times(base, user, password, section, runs):
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=args)
        context = browser.new_context(base_url=base, locale="sv-SE")
        page = context.new_page()
        page.goto("/konto/login/")
        page.get_by_label("Användarnamn").fill(user)
        page.get_by_label("Lösenord").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Logga in").click()
        for _ in range(runs):
            started = time.perf_counter()
            page.goto(section, wait_until="load")
            page.wait_for_function(
                """() => { const fields = [...document.querySelectorAll('textarea[data-django-prose-editor-configurable]')]
                   .filter(t => !t.closest('details:not([open])'));
                   return fields.length > 0 && fields.every(t => t.closest('.prose-editor')?.querySelector('.ProseMirror')); }"""
            )
            ready = time.perf_counter() - started
            timing = page.evaluate(
                "() => { const n = performance.getEntriesByType('navigation')[0];"
                " return [n.domContentLoadedEventEnd, n.loadEventEnd]; }"
            )
            results.append((timing[0] / 1000, timing[1] / 1000, ready))
        browser.close()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="skribent-soc")
    parser.add_argument("--password", default="demo-skribent-soc-2022")
    parser.add_argument("--section", default="/rapporter/socialnamnden/2024-T1/avsnitt/54/")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes-only", action="store_true")
    options = parser.parse_args()

    rows, total, total_gz = bundle_sizes()
    print("Textredigerarens filer (byte, gzip):")
    for path, raw, zipped in rows:
        print(f"  {path:48} {raw:>9,} {zipped:>9,}".replace(",", " "))
    print(f"  {'totalt':48} {total:>9,} {total_gz:>9,}".replace(",", " "))
    if options.sizes_only:
        return
    times = page_times(options.base, options.user, options.password, options.section, options.runs)
    cold, warm = times[0], times[1:] or times
    print(f"Avsnittssidan {options.section} ({len(times)} laddningar):")
    print(
        f"  första (kall cache): DOMContentLoaded {cold[0]:.2f} s, load {cold[1]:.2f} s, redigerare klar {cold[2]:.2f} s"
    )
    for index, name in enumerate(["DOMContentLoaded", "load", "redigerare klar"]):
        values = [t[index] for t in warm]
        print(f"  {name:20} median {statistics.median(values):.2f} s, snabbast {min(values):.2f} s")


if __name__ == "__main__":
    main()
