"""Median server time and SQL query count of every city-wide page (/stad/<period>/) at 10 and 30 full-size nämnder.

    DEBUG=1 .venv/bin/python bench/city_bench.py [--runs 10] [--sizes 10,30] [--years 0] [--small]
        [--database postgres://postgres@127.0.0.1:5432/h_NAME] [--both postgres://…]

Builds the nämnder with `create_bench_report` (what `manage.py generate_bench_data` makes: 30 goals, 150 indicators,
250 activities, analyses up to 6 000 words, an economy of eight verksamhetsområden) in a fresh database, so it
touches no one's data: in-memory SQLite, or with `--database` a new PostgreSQL database `<name>_citybench` on that
server, dropped at the end; then requests every page and export in-process with Django's test Client, logged in as
the city-wide reader, after one warm-up. `--both URL` runs SQLite and then PostgreSQL (each in its own process) and
prints one table with both. Status is timed warm (every report's publication check read from its cache) and cold
(the cache emptied before each request, so every report is checked anew); then every report is changed by a
save, as on a busy day, and Status is timed while the worker has yet to check them (shown as pending), the worker's
time for all of them (`db_worker`), and Status after it. `--years N` adds N earlier years of the same nämnder (a small T2 report each,
with its own goals, indicators and economy) to see whether history slows the pages; `--small` builds small reports (quick runs, 100 nämnder).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tertial.settings")
os.environ.setdefault("DEBUG", "1")


def _database_url(argv: list[str]) -> str:
    for index, arg in enumerate(argv):
        if arg == "--database" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--database="):
            return arg.split("=", 1)[1]
    return "sqlite://:memory:"


os.environ["DATABASE_URL"] = _database_url(sys.argv[1:])

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False  # time the pages as production serves them
if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # A throwaway database beside the given one (created, migrated and dropped by Django's test machinery).
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = settings.DATABASES["default"]["NAME"] + "_citybench"

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

PERIOD = "2025-T2"
PAGES = {
    "Måluppfyllelse": ("city:goals", {}),
    "Status": ("city:status", {}),
    "Ekonomi": ("city:economy", {}),
    "KF-indikatorer": ("city:indicators", {}),
    "Budgetjusteringar": ("city:adjustments", {}),
    "Förslag om årsmål": ("city:proposals", {}),
    "Excel: måluppfyllelse": ("city:export_excel", {"view": "maluppfyllelse"}),
    "Excel: status": ("city:export_excel", {"view": "status"}),
    "Excel: ekonomi": ("city:export_excel", {"view": "ekonomi"}),
    "Excel: KF-indikator": ("city:export_excel", {"view": "indikatorer"}),
    "Excel: budgetjusteringar": ("city:export_excel", {"view": "budgetjusteringar"}),
    "Excel: förslag": ("city:export_excel", {"view": "indikatorforslag"}),
    "Word: sammanställning": ("city:export_word", {}),
}
COLD = "Status (kall kontroll)"


def ms(seconds: float) -> str:
    from tertial.numbers import format_number

    return format_number(seconds * 1000, 1, "ms")


def build(first: int, last: int, period: str, small: bool) -> None:
    from tertial.bench_data import create_bench_report

    size = {"goals": 12, "indicators": 30, "activities": 40, "min_words": 50, "max_words": 200} if small else {}
    for number in range(first, last + 1):
        create_bench_report(slug=f"bench-{number:02d}", name=f"Testnämnd {number:02d}", period_code=period, **size)


def _time(client, url: str, runs: int, before=None) -> list[float]:
    times = []
    for _ in range(runs):
        if before:
            before()
        t0 = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - t0)
    return times


def measure(client, runs: int) -> list[tuple[str, float, int]]:
    """(page, median seconds, queries) of every page; the queries of a warm request (after one warm-up)."""
    from django.core.cache import cache

    results = []
    indicator = client.get(reverse("city:indicators", kwargs={"period": PERIOD})).context["code"]
    for label, (name, extra) in PAGES.items():
        url = reverse(name, kwargs={"period": PERIOD, **extra})
        if extra.get("view") == "indikatorer":
            url += f"?indikator={indicator}"
        response = client.get(url)  # warm-up
        if response.status_code != 200:
            raise SystemExit(f"{label}: {url} svarade {response.status_code}")
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len(queries)  # now: the next request's request_started signal empties the log it reads
        results.append((label, statistics.median(_time(client, url, runs)), count))
        if name == "city:status":
            cold_runs = max(1, runs // 5)
            times = _time(client, url, cold_runs, before=cache.clear)
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            results.append((COLD, statistics.median(times), len(queries)))
            results += after_saves(client, url)
    return results


def after_saves(client, url: str) -> list[tuple[str, float, int]]:
    """Every report changed by a save (a goal's bedömning through the page's service, committed): the Status page
    while the worker has yet to check them (each shown as pending), the worker's time for all of them
    (`db_worker`, database queue), and the page after it (read from the cache)."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django_tasks_db.models import DBTaskResult

    from tertial.editing import save_section
    from tertial.models import Period, Section

    year, kind = Period.parse_code(PERIOD)
    cache.clear()
    client.get(url)  # every report checked once, as after a quiet night
    admin = get_user_model().objects.filter(is_superuser=True).first() or get_user_model().objects.create_superuser(
        "bench-admin", password="bench-lösenord-1"
    )
    DBTaskResult.objects.all().delete()
    sections = Section.objects.filter(
        report__period__year=year, report__period__kind=kind, kind=Section.Kind.GOAL
    ).order_by("report", "position")
    first_goals = {}
    for section in sections:
        first_goals.setdefault(section.report_id, section)
    for section in first_goals.values():
        changed = "delvis" if section.assessment != "delvis" else "helt"
        save_section(section=section, user=admin, version=section.version, changes={"section": {"assessment": changed}})
    queued = DBTaskResult.objects.filter(status="READY").count()
    pending = client.get(url).context["rows"]
    shown = sum(1 for row in pending if row.check_pending)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)
    times = _time(client, url, 3)
    results = [(f"Status, {shown} i kö ({queued} order)", statistics.median(times), count)]
    t0 = time.perf_counter()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    worker = time.perf_counter() - t0
    results.append((f"  arbetaren: {len(first_goals)} kontroller", worker, 0))
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries)
    results.append(("Status, efter arbetaren", statistics.median(_time(client, url, 3)), count))
    return results


def run(args) -> dict:
    """Builds the nämnder and measures at each size in this process's database: {size: [(page, s, queries)]}."""
    from django.contrib.auth import get_user_model

    from tertial.models import Membership

    setup_test_environment()
    postgres = connection.vendor == "postgresql"
    if postgres:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0)
    try:
        reader = get_user_model().objects.create_user("bench-stad", password="bench-lösenord-1")
        Membership.objects.create(user=reader, role=Membership.Role.CITY)
        client = Client()
        client.force_login(reader)
        built = 0
        table = {}
        for size in args.sizes:
            started = time.perf_counter()
            build(built + 1, size, PERIOD, args.small)
            for year in range(1, args.years + 1):
                # One report a year: the bench generator builds a year's goal tree with its first report.
                build(built + 1, size, f"{2025 - year}-T2", True)
            built = size
            print(f"{connection.vendor}: {size} nämnder byggda på {time.perf_counter() - started:.0f} s", flush=True)
            table[size] = measure(client, args.runs)
        return table
    finally:
        if postgres:
            connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)


def print_table(tables: dict[str, dict], sizes: list[int], args) -> None:
    """One row per page: median at each size and backend, then the queries at each size (per backend when they
    differ)."""
    backends = list(tables)
    short = {"sqlite": "SQLite", "postgresql": "PG"}
    columns = [(b, n) for b in backends for n in sizes]
    header = f"{'sida':<26}" + "".join(f"{f'ms {short[b]} {n}':>14}" for b, n in columns)
    header += "".join(f"{f'frågor {n}':>11}" for n in sizes)
    print(header)
    first = tables[backends[0]][sizes[0]]
    for index, (label, *_rest) in enumerate(first):
        line = f"{label:<26}"
        for backend, size in columns:
            line += f"{ms(tables[backend][size][index][1]):>14}"
        for size in sizes:
            counts = sorted({tables[b][size][index][2] for b in backends})
            line += f"{'/'.join(str(c) for c in counts):>11}"
        print(line)
    kind = "små rapporter" if args.small else "rapporter i full storlek"
    years = f", {args.years} tidigare år med en rapport per nämnd" if args.years else ""
    print(
        f"({kind}{years}; median av {args.runs} mätningar per sida, kall Status {max(1, args.runs // 5)}; "
        "Django test Client i samma process, stadsövergripande läsare; frågor vid en varm begäran)"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=10, help="mätningar per sida (standard 10; kall Status en femtedel)"
    )
    parser.add_argument("--sizes", default="10,30", help="antal nämnder att mäta vid (standard 10,30)")
    parser.add_argument("--years", type=int, default=0, help="tidigare år med rapporter att lägga till")
    parser.add_argument("--small", action="store_true", help="små rapporter (för snabba körningar och 100 nämnder)")
    parser.add_argument("--database", help="en PostgreSQL-URL: mät i en ny databas <namn>_citybench på den servern")
    parser.add_argument("--both", metavar="URL", help="mät först i SQLite, sedan i PostgreSQL på URL, en tabell")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # for --both's child processes
    args = parser.parse_args(argv)
    args.sizes = sorted(int(s) for s in args.sizes.split(","))

    if args.both:
        tables = {}
        child = [a for a in argv if a != "--both" and not a.startswith("--both") and a != args.both]
        for backend, extra in [("sqlite", []), ("postgresql", ["--database", args.both])]:
            done = subprocess.run(
                [sys.executable, __file__, *child, *extra, "--json"], capture_output=True, text=True, check=False
            )
            if done.returncode:
                sys.stderr.write(done.stderr)
                return done.returncode
            *progress, last = done.stdout.strip().splitlines()
            print("\n".join(progress), flush=True)
            tables[backend] = {int(k): v for k, v in json.loads(last).items()}
        print_table(tables, args.sizes, args)
        return 0

    table = run(args)
    if args.json:
        print(json.dumps(table))
    else:
        print_table({connection.vendor: table}, args.sizes, args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
