"""`manage.py generate_bench_data`: synthetic full-size reports (nämnder bench-01 … bench-NN) for benchmarks."""

import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from tertial.bench_data import create_bench_report, delete_bench_report
from tertial.models import Period
from tertial.numbers import format_number


class Command(BaseCommand):
    help = "Skapar syntetiska rapporter i full storlek för prestandamätningar (nämnderna bench-01 …)."

    def add_arguments(self, parser):
        parser.add_argument("--namnder", type=int, default=30, help="Antal nämnder (standard 30).")
        parser.add_argument("--period", default="2025-T2", help="Period, till exempel 2025-T2.")
        parser.add_argument("--goals", type=int, default=30, help="Mål per rapport.")
        parser.add_argument("--indicators", type=int, default=150, help="Indikatorer per rapport.")
        parser.add_argument("--activities", type=int, default=250, help="Aktiviteter per rapport.")
        parser.add_argument("--min-words", type=int, default=500, help="Minsta antal ord i en målanalys.")
        parser.add_argument("--max-words", type=int, default=6000, help="Största antal ord i en målanalys.")
        parser.add_argument("--seed", type=int, default=0, help="Slumpfrö: samma frö ger samma data.")
        parser.add_argument("--replace", action="store_true", help="Ersätt rapporter som redan finns.")

    def handle(self, *args, **options):
        try:
            Period.parse_code(options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options["namnder"] < 1 or options["min_words"] > options["max_words"]:
            raise CommandError("Ange minst en nämnd och --min-words högst lika med --max-words.")
        started = time.perf_counter()
        for number in range(1, options["namnder"] + 1):
            slug = f"bench-{number:02d}"
            if options["replace"]:
                delete_bench_report(slug=slug, period_code=options["period"])
            try:
                create_bench_report(
                    slug=slug,
                    name=f"Testnämnd {number:02d}",
                    period_code=options["period"],
                    goals=options["goals"],
                    indicators=options["indicators"],
                    activities=options["activities"],
                    min_words=options["min_words"],
                    max_words=options["max_words"],
                    seed=options["seed"],
                )
            except ValueError as error:
                raise CommandError(str(error)) from None
        elapsed = format_number(Decimal(str(time.perf_counter() - started)), 1, "s")
        self.stdout.write(f"{options['namnder']} rapporter för {options['period']} klara på {elapsed}")
