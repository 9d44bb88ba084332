"""Server time and query count of the print view of the whole report and of Sök i rapporten, full-size report.

    DEBUG=1 .venv/bin/python bench/print_search_bench.py [--runs 10]

Builds the full-size report (`create_bench_report`: 30 goals, 150 indicators, 250 activities, analyses up to
6 000 words) in a fresh in-memory SQLite database (as bench/pages_bench.py, which this reuses), then requests
in-process as the nämnd's skribent: the print view, and a search for a common word, a rare one and one that is
not there. Prints median and fastest of N runs (after one warm-up), queries and hits.
"""

import argparse
import statistics
import sys
import time

from pages_bench import ms  # sets up Django on an in-memory SQLite database


def main(argv: list[str]) -> int:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from tertial.bench_data import create_bench_report
    from tertial.models import Membership

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="antal mätningar per sida (standard 10)")
    args = parser.parse_args(argv)
    setup_test_environment()
    call_command("migrate", verbosity=0)
    report = create_bench_report(slug="bench-sok", name="Sökmätningsnämnden", period_code="2025-T2")
    writer = get_user_model().objects.create_user("bench-skribent", password="bench-lösenord-1")
    Membership.objects.create(user=writer, namnd=report.namnd, role=Membership.Role.SKRIBENT)
    client = Client()
    client.force_login(writer)
    kwargs = {"slug": report.namnd.slug, "period": report.period.code}
    search = reverse("report_search", kwargs=kwargs)
    pages = {
        "Utskrift, hela rapporten": reverse("report_print", kwargs=kwargs),
        "Sök ”förvaltningen”": f"{search}?q=förvaltningen",
        "Sök ”feriejobb”": f"{search}?q=feriejobb",
        "Sök ”zyxwvu”": f"{search}?q=zyxwvu",
    }
    print(f"{'sida':<26} {'median':>10} {'snabbast':>10} {'frågor':>7} {'träffar':>8} {'storlek':>9}")
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        # Counted by a wrapper around every execute: the query log a CaptureQueriesContext reads is emptied by each
        # request's request_started signal.
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *rest, log=queries: log.append(sql) or execute(sql, *rest)
        ):
            response = client.get(url)
        hits = response.content.decode().count("<mark>") if "q=" in url else ""
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - t0)
        size = f"{len(response.content) // 1024} kB"
        print(
            f"{name:<26} {ms(statistics.median(times)):>10} {ms(min(times)):>10} {len(queries):>7} {hits:>8} {size:>9}"
        )
    print(f"({args.runs} mätningar per sida, Django test Client i samma process, inloggad som skribent)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
