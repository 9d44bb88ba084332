"""Benchmark of the publication check: `run_checks` on a full-size report (create_bench_report: 30 goals,
150 indicators, 250 activities, analyses up to 6 000 words) and on a small one, in a throwaway SQLite database.

Prints the time (first run and best of five) and the number of queries of each; the target is ≤ 1 s and the same
number of queries at both sizes. Run: `.venv/bin/python bench/checks_bench.py`.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_db = tempfile.NamedTemporaryFile(prefix="checks-bench-", suffix=".sqlite3", delete=False)
os.environ["DATABASE_URL"] = f"sqlite:///{_db.name}"
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tertial.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tertial.bench_data import create_bench_report  # noqa: E402
from tertial.checks import run_checks  # noqa: E402
from tertial.models import Report  # noqa: E402
from tertial.richtext import word_count  # noqa: E402

TARGET_SECONDS = 1.0


def measure(report):
    report = Report.objects.select_related("namnd", "period").get(pk=report.pk)
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        findings = run_checks(report)
        first = time.perf_counter() - start
    best = first
    for _ in range(4):
        start = time.perf_counter()
        run_checks(report)
        best = min(best, time.perf_counter() - start)
    words = sum(word_count(s.analysis) for s in report.sections.all())
    return {"first": first, "best": best, "queries": len(queries), "findings": len(findings), "words": words}


def main() -> int:
    try:
        call_command("migrate", verbosity=0)
        small = create_bench_report(
            slug="bench-liten", name="Liten nämnd", period_code="2022-T2", goals=6, indicators=10, activities=10
        )
        full = create_bench_report(slug="bench-full", name="Stor nämnd", period_code="2022-T2")
        results = {"liten": measure(small), "fullstor": measure(full)}
    finally:
        connection.close()
        os.unlink(_db.name)
    for label, r in results.items():
        print(
            f"run_checks {label:9} {r['words']:7d} ord: första {r['first']:.3f} s, bästa av fem {r['best']:.3f} s, "
            f"{r['queries']} frågor, {r['findings']} fynd"
        )
    ok = results["fullstor"]["best"] <= TARGET_SECONDS and results["liten"]["queries"] == results["fullstor"]["queries"]
    print("OK" if ok else f"MÅLET MISSAT: ≤ {TARGET_SECONDS} s och lika många frågor i båda storlekarna")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
