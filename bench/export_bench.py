"""Times every export of a full-size report (the size of the 96-page T2 2022 one, or larger) and prints the time,
the peak memory (tracemalloc) and the number of SQL queries of each.

    DEBUG=1 .venv/bin/python bench/export_bench.py [--pdf] [--demo]

`--demo` exports the demo's Hässelby-Vällingby T2 2022 (the whole published report, loaded by load_demo) instead
of the generated bench report.

Runs on a fresh in-memory SQLite database, so it touches no one's data. Targets (TECH.md, issue 5): Word ≤ 2 s,
Excel ≤ 1 s, slides ≤ 1 s. The time is the best of three runs without tracing; memory is measured in a separate
traced run (tracemalloc makes Python about twice as slow). `hela` is the slowest of the three runs of the whole
export as a request makes it (`export_report`: load, build, the export log and the audit log), and `väg` where
the page makes it: `arbetaren` for the formats the background worker makes (`REPORT_FORMATS`' `background`: any
export that can take a second), `direkt` for those made while the user waits.
"""

import os
import sys
import time
import tracemalloc
from decimal import Decimal
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tertial.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TARGETS = {"docx": 2.0, "xlsx": 1.0, "pptx": 1.0, "zip": None, "pdf": None}


def _sv(value: float, decimals: int) -> str:
    from tertial.numbers import format_number

    return format_number(Decimal(str(value)), decimals)


def _timed(work) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


def main(argv: list[str]) -> int:
    from economy.demo import load_hasselby_vallingby_2022
    from tertial.bench_data import create_bench_report
    from tertial.exports.selectors import load_report
    from tertial.exports.services import REPORT_FORMATS, build, export_report
    from tertial.models import Report

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if "--demo" in argv:
        from io import StringIO

        call_command("load_demo", stdout=StringIO())
        report = Report.objects.select_related("namnd", "period").get(namnd__slug="hasselby-vallingby")
    else:
        report = create_bench_report(slug="bench-export", name="Bänkstadsdelsnämnd", period_code="2022-T2")
        # The bench data has goals, indicators and activities; the economy is the real T2 2022 one (every table).
        load_hasselby_vallingby_2022(report)
        report = Report.objects.select_related("namnd", "period").get(pk=report.pk)
    print(f"Rapport skapad på {_sv(time.perf_counter() - started, 1)} s: {report}")
    data = load_report(report)
    words = sum(len(g.section.analysis.split()) for g in data.goals)
    print(
        f"  {len(data.goals)} mål, {sum(len(g.indicators) for g in data.goals)} indikatorer, "
        f"{sum(len(g.activities) for g in data.goals)} aktiviteter, {len(data.economy)} ekonomitabeller, "
        f"{words} ord i målens analyser"
    )
    formats = ["docx", "xlsx", "pptx", "zip"] + (["pdf"] if "--pdf" in argv else [])
    failed = False
    print(f"{'format':<6} {'tid':>9} {'mål':>6} {'minne':>11} {'frågor':>7} {'storlek':>10} {'hela':>9}  väg")
    for fmt in formats:
        times = []
        for _ in range(1 if fmt == "pdf" else 3):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                content = build(load_report(report), fmt)
                times.append(time.perf_counter() - t0)
        whole = max(_timed(partial(export_report, report=report, fmt=fmt)) for _ in range(1 if fmt == "pdf" else 3))
        tracemalloc.start()
        build(load_report(report), fmt)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        best = min(times)
        target = TARGETS[fmt]
        verdict = "" if target is None else ("OK" if best <= target else "FÖR LÅNGSAMT")
        failed |= verdict == "FÖR LÅNGSAMT"
        target_text = f"≤{target:.0f} s" if target else "–"
        print(
            f"{fmt:<6} {_sv(best, 2):>7} s {target_text:>6} {_sv(peak / 1e6, 1):>8} MB {len(queries):>7} "
            f"{_sv(len(content) / 1024, 0):>7} kB {_sv(whole, 2):>7} s  "
            f"{'arbetaren' if REPORT_FORMATS[fmt].background else 'direkt'} {verdict}"
        )
        out = ROOT / "bench" / "out"
        out.mkdir(exist_ok=True)
        (out / f"{'demo' if '--demo' in argv else 'bench'}.{fmt}").write_bytes(content)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
