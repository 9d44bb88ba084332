"""Median server time and SQL query count of every city-wide page (/stad/<period>/) at 10 and 30 full-size nämnder.

    DEBUG=1 .venv/bin/python bench/city_bench.py [--runs 10] [--sizes 10,30] [--years 0] [--small]

Builds the nämnder with `create_bench_report` (what `manage.py generate_bench_data` makes: 30 goals, 150 indicators,
250 activities, analyses up to 6 000 words, an economy of eight verksamhetsområden) in a fresh in-memory SQLite
database, so it touches no one's data; then requests every page in-process with Django's test Client, logged in as
the city-wide reader, after one warm-up. `--years N` adds N earlier years of the same nämnder (a small T2 report each,
with its own goals, indicators and economy) to see whether history slows the pages; `--small` builds small reports (quick runs, 100 nämnder).
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

settings.DEBUG = False  # time the pages as production serves them

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
    "Excel: ekonomi": ("city:export_excel", {"view": "ekonomi"}),
    "Word: sammanställning": ("city:export_word", {}),
}


def ms(seconds: float) -> str:
    from tertial.numbers import format_number

    return format_number(seconds * 1000, 1, "ms")


def build(first: int, last: int, period: str, small: bool) -> None:
    from tertial.bench_data import create_bench_report

    size = {"goals": 12, "indicators": 30, "activities": 40, "min_words": 50, "max_words": 200} if small else {}
    for number in range(first, last + 1):
        create_bench_report(slug=f"bench-{number:02d}", name=f"Testnämnd {number:02d}", period_code=period, **size)


def measure(client, runs: int) -> list[tuple[str, float, float, int]]:
    results = []
    for label, (name, extra) in PAGES.items():
        url = reverse(name, kwargs={"period": PERIOD, **extra})
        response = client.get(url)  # warm-up
        if response.status_code != 200:
            raise SystemExit(f"{label}: {url} svarade {response.status_code}")
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len(queries)
        times = []
        for _ in range(runs if label != "Status" else max(1, runs // 5)):
            t0 = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - t0)
        results.append((label, statistics.median(times), min(times), count))
    return results


def main(argv: list[str]) -> int:
    from django.contrib.auth import get_user_model

    from tertial.models import Membership

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="mätningar per sida (standard 10; Status en femtedel)")
    parser.add_argument("--sizes", default="10,30", help="antal nämnder att mäta vid (standard 10,30)")
    parser.add_argument("--years", type=int, default=0, help="tidigare år med rapporter att lägga till")
    parser.add_argument("--small", action="store_true", help="små rapporter (för snabba körningar och 100 nämnder)")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))

    setup_test_environment()
    call_command("migrate", verbosity=0)
    reader = get_user_model().objects.create_user("bench-stad", password="bench-lösenord-1")
    Membership.objects.create(user=reader, role=Membership.Role.CITY)
    client = Client()
    client.force_login(reader)

    built = 0
    table = {}
    for size in sizes:
        started = time.perf_counter()
        build(built + 1, size, PERIOD, args.small)
        for year in range(1, args.years + 1):
            # One report a year: the bench generator builds a year's goal tree with its first report.
            build(built + 1, size, f"{2025 - year}-T2", True)
        built = size
        print(f"{size} nämnder byggda på {time.perf_counter() - started:.0f} s", flush=True)
        table[size] = measure(client, args.runs)

    header = f"{'sida':<24}" + "".join(f"{f'median {n}':>14}{f'frågor {n}':>11}" for n in sizes)
    print(header)
    for index, (label, *_rest) in enumerate(table[sizes[0]]):
        line = f"{label:<24}"
        for size in sizes:
            _, median, _fastest, count = table[size][index]
            line += f"{ms(median):>14}{count:>11}"
        print(line)
    kind = "små rapporter" if args.small else "rapporter i full storlek"
    years = f", {args.years} tidigare år med en rapport per nämnd" if args.years else ""
    print(
        f"({kind}{years}; {args.runs} mätningar per sida, Django test Client i samma process, stadsövergripande läsare)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
