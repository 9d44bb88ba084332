"""The roll-over (Tertial 2 from Tertial 1) of a full-size report, and the report-wide "Ändrat sedan Tertial 1" page.

    .venv/bin/python bench/rollover_bench.py [--runs 5]   (or with BENCH_DATABASE_URL=postgres://…/<empty database>)

Builds a full-size Tertial 1 (`create_bench_report`: 30 goals, 150 indicators, 250 activities, analyses up to 6 000
words) and a small one (10 goals, 50 indicators, 80 activities) in a fresh database, so it touches no one's data.
Times `report_rollover` of each (median of N runs, each rolled back, then one kept) with its query count; the
target is ≤ 2 s and the same number of queries for both sizes (on PostgreSQL; on SQLite `report_create`'s bulk
inserts split at 999 parameters, a few more INSERTs for the full report). Then, with a third of the full report's goal texts
edited in Tertial 2, the median server time and query count of the comparison page (Django test Client in the same
process, logged in as the nämnd's skribent).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or "sqlite://:memory:"
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tertial.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False  # time as production runs: no query log, no template debug information

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402


class _Rollback(Exception):
    pass


def seconds(value: float) -> str:
    from tertial.numbers import format_number

    return format_number(value, 2, "s")


def ms(value: float) -> str:
    from tertial.numbers import format_number

    return format_number(value * 1000, 1, "ms")


def time_rollover(source, period, runs: int):
    """Median and fastest time of `runs` roll-overs (each rolled back), the query count, and one kept."""
    from tertial.rollover import report_rollover

    times = []
    for _ in range(runs):
        try:
            with transaction.atomic():
                t0 = time.perf_counter()
                report_rollover(source=source, period=period)
                times.append(time.perf_counter() - t0)
                raise _Rollback
        except _Rollback:
            pass
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        log = report_rollover(source=source, period=period)
    return statistics.median(times), min(times), len(queries), log


def main(argv: list[str]) -> int:
    from django.contrib.auth import get_user_model
    from simple_history.utils import bulk_update_with_history

    from tertial.bench_data import create_bench_report
    from tertial.models import Membership, Section
    from tertial.services import period_for

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="antal mätningar (standard 5)")
    args = parser.parse_args(argv)

    setup_test_environment()
    call_command("migrate", verbosity=0)
    sizes = {
        "full": {"goals": 30, "indicators": 150, "activities": 250},
        "liten": {"goals": 10, "indicators": 50, "activities": 80, "max_words": 1500},
    }
    t2 = period_for(year=2025, kind="T2")
    print(f"{'rapport':<8} {'mål':>4} {'ind.':>5} {'akt.':>5} {'median':>9} {'snabbast':>9} {'frågor':>7}")
    counts, kept, failed = {}, {}, False
    for name, size in sizes.items():
        source = create_bench_report(slug=f"bench-{name}", name=f"Bench {name}", period_code="2025-T1", **size)
        median, fastest, queries, log = time_rollover(source, t2, args.runs)
        counts[name], kept[name] = queries, log
        print(
            f"{name:<8} {size['goals']:>4} {size['indicators']:>5} {size['activities']:>5} {seconds(median):>9} "
            f"{seconds(fastest):>9} {queries:>7}"
        )
        if name == "full" and median > 2:
            print("  Målet är högst 2 s.")
            failed = True
    if counts["full"] != counts["liten"]:
        if connection.vendor == "sqlite":
            # report_create's bulk inserts split at SQLite's 999 parameters; PostgreSQL inserts 500 rows a statement.
            print(f"  {counts['full'] - counts['liten']} frågor fler: SQLite delar stora INSERT vid 999 parametrar.")
        else:
            print(f"  Antalet frågor växer med rapporten: {counts['liten']} → {counts['full']}.")
            failed = True
    log = kept["full"]
    print(
        f"Kopierat i den fulla rapporten: {log.sections} avsnitt, {log.indicator_texts} indikatoranalyser, "
        f"{log.activity_texts} aktivitetsuppföljningar"
    )

    report = log.target
    goals = list(report.sections.filter(kind=Section.Kind.GOAL).order_by("position"))
    for section in goals[::3]:
        section.analysis = section.analysis.replace(" och ", " samt ", 3) + "\nEn ny mening för Tertial 2."
    bulk_update_with_history(goals[::3], Section, ["analysis"], batch_size=200)
    writer = get_user_model().objects.create_user("bench-skribent", password="bench-lösenord-1")
    Membership.objects.create(user=writer, namnd=report.namnd, role=Membership.Role.SKRIBENT)
    client = Client()
    client.force_login(writer)
    url = reverse("report_changes", kwargs={"slug": report.namnd.slug, "period": report.period.code})
    response = client.get(url)  # warm-up
    if response.status_code != 200:
        print(f"{url} svarade {response.status_code}")
        return 1
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    page_queries = len(queries)  # now: the captured list is read from the log, which each request resets
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t0)
    print(
        f"Ändrat sedan Tertial 1 (hela rapporten): median {ms(statistics.median(times))}, snabbast {ms(min(times))}, "
        f"{page_queries} frågor, {len(response.content) // 1024} kB"
    )
    print(f"({args.runs} mätningar, databas: {connection.vendor})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
