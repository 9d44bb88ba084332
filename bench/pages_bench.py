"""Median server time and SQL query count of the report's heaviest pages, for a full-size report.

    DEBUG=1 .venv/bin/python bench/pages_bench.py [--runs 20]

Builds one report of the size of the largest real ones (`create_bench_report`: 30 goals, 150 indicators, 250
activities, analyses up to 6 000 words) in a fresh in-memory SQLite database, so it touches no one's data, then
requests in-process, with Django's test Client logged in as the nämnd's controller: the report overview and the
goal page with the most indicators. Prints the median and the fastest of N runs (after one warm-up) and the
number of queries of one request.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tertial.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["DATABASE_URL"] = "sqlite://:memory:"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Time the pages as production serves them: no query log, no template debug information.
settings.DEBUG = False

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402


def ms(seconds: float) -> str:
    from tertial.numbers import format_number

    return format_number(seconds * 1000, 1, "ms")


def main(argv: list[str]) -> int:
    from django.contrib.auth import get_user_model

    from tertial.bench_data import create_bench_report
    from tertial.models import Membership, Section

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="antal mätningar per sida (standard 20)")
    args = parser.parse_args(argv)

    setup_test_environment()  # the test Client's host "testserver" is allowed
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    report = create_bench_report(slug="bench-sidor", name="Sidmätningsnämnden", period_code="2025-T2")
    print(f"Rapport skapad på {time.perf_counter() - started:.1f} s: {report}")

    controller = get_user_model().objects.create_user("bench-controller", password="bench-lösenord-1")
    Membership.objects.create(user=controller, namnd=report.namnd, role=Membership.Role.CONTROLLER)
    client = Client()
    client.force_login(controller)

    own_indicators = Q(goal__indicators__namnd=report.namnd)
    heaviest = (
        Section.objects.filter(report=report, kind=Section.Kind.GOAL)
        .annotate(indicators=Count("goal__indicators", filter=own_indicators))
        .order_by("-indicators", "position")
        .select_related("goal")
        .first()
    )
    print(
        f"  {report.sections.count()} avsnitt, {report.indicator_results.count()} indikatorutfall, "
        f"{report.activity_results.count()} aktivitetsuppföljningar; tyngsta målsidan: {heaviest.goal.number} "
        f"med {heaviest.indicators} indikatorer"
    )
    kwargs = {"slug": report.namnd.slug, "period": report.period.code}
    pages = {
        "Rapportöversikt": reverse("report_overview", kwargs=kwargs),
        f"Målsida {heaviest.goal.number}": reverse("section_edit", kwargs={**kwargs, "pk": heaviest.pk}),
    }

    print(f"{'sida':<22} {'median':>10} {'snabbast':>10} {'frågor':>7} {'storlek':>10}")
    failed = False
    for name, url in pages.items():
        response = client.get(url)  # warm-up: templates compiled, caches filled
        if response.status_code != 200:
            print(f"{name}: {url} svarade {response.status_code}")
            failed = True
            continue
        reset_queries()  # the query log is capped (9 000): a full one would count nothing
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)  # now: the captured list is read from the log, which each request resets
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t0)
        size = f"{len(response.content) // 1024} kB"
        print(f"{name:<22} {ms(statistics.median(times)):>10} {ms(min(times)):>10} {query_count:>7} {size:>10}")
    print(f"({args.runs} mätningar per sida, Django test Client i samma process, inloggad som controller)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
