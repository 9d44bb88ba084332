"""Benchmark of the plan import: a full-size plan (30 nämndmål, 150 indicators, 250 activities) imported into a
fresh nämnd under a KF structure (3 inriktningsmål, 12 KF goals, 36 KF indicators, 24 KF activities), then the same
file again (nothing to change), then its preview (trial run), in a throwaway SQLite database.

Prints seconds (wall clock, and this process's CPU time: on a shared machine the wall clock includes waiting for a
core) and queries for each; the target is ≤ 2 s and a query count that does not grow with the file (on SQLite the
bulk inserts split at 999 parameters, so the first import has a few more INSERTs than a small file; PostgreSQL
inserts 500 rows per statement).
Run: `.venv/bin/python bench/plan_import_bench.py` (or with `BENCH_DATABASE_URL=postgres://…/<empty database>`).
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_db = tempfile.NamedTemporaryFile(prefix="plan-import-bench-", suffix=".sqlite3", delete=False)
# BENCH_DATABASE_URL (an empty PostgreSQL database of your own) measures on PostgreSQL instead.
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{_db.name}"
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tertial.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from goals import excel, kf_import, plan_import  # noqa: E402
from goals.services import kf_structure_import  # noqa: E402
from goals.services import plan_import as run_plan_import  # noqa: E402
from tertial.models import Namnd  # noqa: E402

TARGET_SECONDS = 2.0
YEAR = 2025
KF_GOALS = [f"{i}.{j}" for i in (1, 2, 3) for j in (1, 2, 3, 4)]


def kf_file() -> bytes:
    goals = [[str(i), f"Inriktningsmål {i}", ""] for i in (1, 2, 3)]
    goals += [[n, f"KF:s mål {n}", ""] for n in KF_GOALS]
    goals.sort(key=lambda row: [int(p) for p in row[0].split(".")])
    indicators = [
        [f"KF-{n}", f"KF-indikator {n}", KF_GOALS[n % 12], "%", 1, "Andel inom respektive kön", "Ja", None, 80, None]
        for n in range(36)
    ]
    activities = [[KF_GOALS[n % 12], f"KF-aktivitet {n}", f"{YEAR}-01-01", f"{YEAR}-12-31"] for n in range(24)]
    return excel.build_workbook(
        [
            (kf_import.GOAL_SHEET, [c.header for c in kf_import.GOAL_COLUMNS], goals),
            (kf_import.INDICATOR_SHEET, [c.header for c in kf_import.INDICATOR_COLUMNS], indicators),
            (kf_import.ACTIVITY_SHEET, [c.header for c in kf_import.ACTIVITY_COLUMNS], activities),
        ],
        ["Benchmark"],
    )


def plan_file(goals=30, indicators=150, activities=250) -> bytes:
    followed = KF_GOALS
    numbers = [f"{followed[n % 12]}.{n // 12 + 1}" for n in range(goals)]
    goal_rows = [[number, f"Nämndmål {number}", "Beskrivning " * 20, "- Resultat", None] for number in numbers]
    indicator_rows = []
    for n in range(indicators):
        goal = numbers[n % goals]
        indicator_rows.append(
            [
                f"N-{n}",
                f"Indikator {n}",
                goal,
                "st",
                0,
                "Ej könsuppdelad",
                "Nej",
                "Högre är bättre",
                n,
                None,
                "Tertial",
                None,
            ]
        )
    activity_rows = [
        [numbers[n % goals], f"Aktivitet {n}", f"{YEAR}-01-01", f"{YEAR}-12-31"] for n in range(activities)
    ]
    return excel.build_workbook(
        [
            (
                plan_import.FOLLOWED_SHEET,
                [c.header for c in plan_import.FOLLOWED_COLUMNS],
                [[n, "", "Ja"] for n in followed],
            ),
            (plan_import.GOAL_SHEET, [c.header for c in plan_import.GOAL_COLUMNS], goal_rows),
            (plan_import.INDICATOR_SHEET, plan_import.INDICATOR_HEADERS, indicator_rows),
            (plan_import.ACTIVITY_SHEET, [c.header for c in plan_import.ACTIVITY_COLUMNS], activity_rows),
        ],
        ["Benchmark"],
    )


def measure(label, namnd, data, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        start, cpu = time.perf_counter(), time.process_time()
        preview = run_plan_import(namnd=namnd, year=YEAR, data=data, file_name="plan.xlsx", **kwargs)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<44} {seconds:6.2f} s ({cpu:4.2f} s CPU) {len(queries):3d} queries   {preview.counts}")
    return seconds


def main() -> int:
    call_command("migrate", verbosity=0)
    kf_structure_import(year=YEAR, data=kf_file(), file_name="kf.xlsx")
    small, full = Namnd.objects.create(name="Liten", slug="liten", kind="stadsdelsnamnd"), None
    full = Namnd.objects.create(name="Stor", slug="stor", kind="stadsdelsnamnd")
    data = plan_file()
    print(f"Planfil: 30 nämndmål, 150 indikatorer, 250 aktiviteter ({len(data) // 1024} kB)")
    measure("Liten plan (5/10/10), första import", small, plan_file(5, 10, 10))
    times = [
        measure("Full plan, första import", full, data),
        measure("Full plan, samma fil igen (inget ändras)", full, data),
        measure("Full plan, förhandsgranskning (provkörning)", full, data, dry_run=True),
    ]
    worst = max(times)
    print(
        f"Långsammast {worst:.2f} s, mål ≤ {TARGET_SECONDS:.0f} s: {'OK' if worst <= TARGET_SECONDS else 'ÖVER MÅLET'}"
    )
    os.unlink(_db.name)
    return 0 if worst <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
