"""The Historik page and the text diff of a very large text (the 1,6 MB text that once ran past the worker timeout).

    .venv/bin/python bench/history_bench.py [--runs 3] [--versions 10]   (or BENCH_DATABASE_URL=postgres://…/<empty db>)

In a fresh database: a report's Sammanfattande analys saved `--versions` times with a text of about 1,6 MB (5 000
paragraphs of 60 words, a few paragraphs changed each time), through the page's service. Prints the median time of
`history.text_diff` for four shapes of large texts, then the Historik page's median server time (Django test Client
in the same process, logged in as the nämnd's skribent), its query count and its size. The targets: every diff
under 1 s, the page under 3 s, and the same number of queries for 2 and for `--versions` versions.
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

settings.DEBUG = False  # time as production runs

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402


def ms(value: float) -> str:
    from tertial.numbers import format_number

    return format_number(value * 1000, 1, "ms")


def large_text(changed: int = -1) -> str:
    return "\n".join(
        (f"Ändrat stycke {n}: " if n % 997 == changed else f"Stycke {n}: ") + "text " * 60 for n in range(5_000)
    )


def diff_shapes():
    words = [f"ord{n}" for n in range(250_000)]
    one_line = " ".join(words)
    many = "\n".join(" ".join(words[i : i + 12]) for i in range(0, len(words), 12))
    return {
        "en rad, ett ord ändrat": (one_line, one_line.replace("ord1000 ", "ändrat ")),
        "många rader, var tionde ändrad": (many, many.replace("0 ord", "0 nytt")),
        "många rader, omkastade": (many, "\n".join(reversed(many.splitlines()))),
        "tomt till stort": ("", many),
    }


def page(client, url, runs):
    response = client.get(url)  # warm-up
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        client.get(url)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - t0)
    return response, statistics.median(times), len(queries)


def main(argv: list[str]) -> int:
    from django.contrib.auth import get_user_model

    from tertial.editing import save_section
    from tertial.history import text_diff
    from tertial.models import Membership, Namnd, Section
    from tertial.services import period_for, report_create

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="antal mätningar (standard 3)")
    parser.add_argument("--versions", type=int, default=10, help="antal sparade versioner (standard 10)")
    args = parser.parse_args(argv)
    setup_test_environment()
    call_command("migrate", verbosity=0)
    failed = False

    print(f"{'text_diff':<34} {'median':>10} {'rader':>6} {'tecken':>8}")
    for name, (old, new) in diff_shapes().items():
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            rows = text_diff(old, new)
            times.append(time.perf_counter() - t0)
        chars = sum(len(text) for _op, segments in rows for _o, text in segments)
        print(f"{name:<34} {ms(statistics.median(times)):>10} {len(rows):>6} {chars:>8}")
        failed |= statistics.median(times) > 1

    namnd = Namnd.objects.create(name="Benchnämnden", slug="bench", kind=Namnd.Kind.STADSDELSNAMND)
    report = report_create(namnd=namnd, period=period_for(year=2025, kind="T2"))
    section = report.sections.get(kind=Section.Kind.SUMMARY)
    writer = get_user_model().objects.create_user("bench-skribent", password="bench-lösenord-1")
    Membership.objects.create(user=writer, namnd=namnd, role=Membership.Role.SKRIBENT)
    client = Client()
    client.force_login(writer)
    url = reverse("section_history", kwargs={"slug": namnd.slug, "period": report.period.code, "pk": section.pk})
    counts = {}
    for n in range(args.versions):
        section.refresh_from_db()
        save_section(
            section=section, user=writer, version=section.version, changes={"section": {"analysis": large_text(n)}}
        )
        if n + 1 in (2, args.versions):
            response, median, queries = page(client, url, args.runs)
            counts[n + 1] = queries
            print(
                f"Historik, {n + 1} versioner à {len(large_text()) // 1024} kB: median {ms(median)}, {queries} frågor, "
                f"{len(response.content) // 1024} kB (svar {response.status_code})"
            )
            failed |= median > 3 or response.status_code != 200
    if len(set(counts.values())) > 1:
        print(f"  Antalet frågor växer med historiken: {counts}")
        failed = True
    print(f"({args.runs} mätningar, databas: {connection.vendor})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
