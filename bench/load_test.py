"""Bounded load test on loopback: logged-in users reading a full-size report through gunicorn and PostgreSQL.

    .venv/bin/python bench/load_test.py [--clients 20] [--workers 4] [--seconds 30] [--port 8113]
                                        [--database postgres://postgres@127.0.0.1:5432/] [--compare <git-rev>]

Makes a fresh PostgreSQL database (`tertial_load_<port>`, dropped at the end), migrates it, builds one full-size
report with the bench generator (`create_bench_report`: 30 goals, 150 indicators, 250 activities, analyses up to
6 000 words, an economy) and one controller per client, gathers the planner's statistics (ANALYZE), and starts
gunicorn with the production settings (DEBUG off; HTTPS redirect and secure cookies off, as on loopback only). Each
client logs in through the login form, then requests in turn the report overview, the heaviest goal page and a
report-level section page for `--seconds` seconds, after a warm-up that is not counted. Prints requests per
second, median and p95 time, and errors.

`--compare <git-rev>` first runs the same test on that revision's code (a temporary `git worktree`, the same
.venv), against the same database and data, then on this checkout, and prints both: the figures come from one run
on one machine. The database is migrated by this checkout; the older code only reads it, which works while the
schema changes between the two are additions.
"""

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "last-test-lösenord-1"

SETUP = r"""
import sys

import django

django.setup()

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.db.models import Count
from tertial.bench_data import create_bench_report
from tertial.models import Membership, Section

clients, password = int(sys.argv[1]), sys.argv[2]
report = create_bench_report(slug="last", name="Lasttestnämnden", period_code="2025-T2")
User = get_user_model()
for n in range(clients):
    user = User.objects.create_user(f"last-{n:02d}", password=password)
    Membership.objects.create(user=user, namnd=report.namnd, role=Membership.Role.CONTROLLER)
goal = (
    Section.objects.filter(report=report, kind=Section.Kind.GOAL)
    .annotate(n=Count("goal__indicators", distinct=True) + Count("goal__activities", distinct=True))
    .order_by("-n", "position")
    .first()
)
other = Section.objects.filter(report=report, goal__isnull=True).exclude(analysis="").order_by("position").first()
kwargs = {"slug": report.namnd.slug, "period": report.period.code}
pages = [reverse("report_overview", kwargs=kwargs)]
pages += [reverse("section_edit", kwargs={**kwargs, "pk": s.pk}) for s in (goal, other)]
print("URLS", *pages)
"""


def run(cmd, *, cwd, env, quiet=True):
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} misslyckades:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result.stdout


def environment(database_url: str, code: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="last-test-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        AXES_FAILURE_LIMIT="1000",
        LOG_LEVEL="ERROR",
        GUNICORN_ACCESSLOG="/dev/null",
        PYTHONPATH=str(code),
    )
    return env


def stop(server: subprocess.Popen) -> None:
    """gunicorn and its workers: a graceful stop, and a kill if requests still running do not end in time."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def psql(base_url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(base_url + "postgres", autocommit=True) as conn:
        conn.execute(sql)


def page_urls(setup_output: str) -> list[str]:
    """The overview, the heaviest goal page and a report-level section, as the setup printed them."""
    line = next(line for line in setup_output.splitlines() if line.startswith("URLS "))
    return line.split()[1:]


class Client(threading.Thread):
    def __init__(self, origin, username, urls, clock, results):
        super().__init__(daemon=True)
        self.origin, self.username, self.urls = origin, username, urls
        self.clock, self.results = clock, results
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def login(self):
        login_url = self.origin + "/konto/login/"
        page = self.opener.open(login_url, timeout=60).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode(
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(login_url, data=data, headers={"Referer": login_url})
        response = self.opener.open(request, timeout=60)
        if "/konto/login/" in response.geturl():
            raise SystemExit(f"{self.username} kunde inte logga in")

    def run(self):
        self.login()
        self.clock["logged_in"].wait()  # every client in (a login's password hash is heavy) before anyone counts
        self.clock["ready"].wait()
        start_at, stop_at = self.clock["start_at"], self.clock["stop_at"]
        i = 0
        while time.monotonic() < stop_at:
            url = self.origin + self.urls[i % len(self.urls)]
            i += 1
            t0 = time.monotonic()
            try:
                with self.opener.open(url, timeout=120) as response:
                    response.read()
                    ok = response.status == 200 and "/konto/login/" not in response.geturl()
            except (urllib.error.URLError, OSError):
                ok = False
            t1 = time.monotonic()
            if start_at <= t1 <= stop_at:  # the responses completed within the counted seconds
                self.results.append((t1 - t0, ok, url))


def load(code: Path, env: dict, urls: list[str], args) -> dict:
    """Start gunicorn on `code`, run the clients, stop gunicorn. Returns the figures."""
    run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=code, env=env)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "tertial.wsgi",
            "-c",
            str(code / "gunicorn.conf.py"),
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{args.port}",
        ],
        cwd=code,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    origin = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(origin + "/konto/login/", timeout=2).read()
                break
            except (urllib.error.URLError, OSError):
                time.sleep(0.5)
        else:
            raise SystemExit("gunicorn startade inte:\n" + server.stderr.read().decode()[-3000:])
        # The clients log in, then warm up (templates compiled, the report version checked once) before the
        # counted seconds.
        results: list = []
        clock = {"logged_in": threading.Barrier(args.clients + 1), "ready": threading.Event()}
        clients = [
            Client(origin, f"last-{n:02d}", urls[n % len(urls) :] + urls[: n % len(urls)], clock, results)
            for n in range(args.clients)
        ]
        for client in clients:
            client.start()
        clock["logged_in"].wait()
        clock["start_at"] = time.monotonic() + args.warmup
        clock["stop_at"] = clock["start_at"] + args.seconds
        clock["ready"].set()
        for client in clients:
            client.join()
    finally:
        stop(server)
    times = sorted(t for t, _ok, _url in results)
    errors = sum(1 for _t, ok, _url in results if not ok)
    per_page = {page: statistics.median([t for t, _ok, url in results if url.endswith(page)] or [0]) for page in urls}
    if not times:
        raise SystemExit("Inga svar under mätningen.")
    return {
        "requests": len(times),
        "throughput": len(times) / args.seconds,
        "median": statistics.median(times),
        "p95": times[min(len(times) - 1, int(0.95 * len(times)))],
        "errors": errors,
        "per_page": per_page,
    }


def show(label: str, r: dict) -> str:
    return (
        f"{label:<28} {r['throughput']:7.1f} req/s  median {r['median'] * 1000:7.0f} ms  "
        f"p95 {r['p95'] * 1000:7.0f} ms  ({r['requests']} svar, {r['errors']} fel)"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4, help="gunicorns arbetsprocesser (standard 4)")
    parser.add_argument("--seconds", type=int, default=30, help="mätningens längd (standard 30 s)")
    parser.add_argument("--warmup", type=int, default=5, help="uppvärmning som inte räknas (standard 5 s)")
    parser.add_argument("--port", type=int, default=8113)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/", help="PostgreSQL utan databasnamn")
    parser.add_argument("--compare", metavar="GIT-REV", help="mät först den revisionens kod, sedan den här")
    args = parser.parse_args(argv)

    base = args.database if args.database.endswith("/") else args.database + "/"
    db_name = f"tertial_load_{args.port}"  # one per port: two people's load tests do not meet
    database_url = base + db_name
    psql(base, f"DROP DATABASE IF EXISTS {db_name}")
    psql(base, f"CREATE DATABASE {db_name}")
    worktree = None
    try:
        env = environment(database_url, ROOT)
        print(f"Databas {db_name}: migrerar och bygger en rapport i full storlek …", flush=True)
        run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env)
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
            script.write(SETUP)
        try:
            setup = run(
                [sys.executable, script.name, str(args.clients), PASSWORD],
                cwd=ROOT,
                env={**env, "DJANGO_SETTINGS_MODULE": "tertial.settings"},
            )
        finally:
            os.unlink(script.name)
        # The planner's statistics, as autovacuum would have gathered them a minute after the data was loaded (it
        # may be off, as on the project's machines): without them PostgreSQL plans a fresh table as empty (a nested
        # loop over 150 indicator results took 4 ms instead of 0,1).
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute("ANALYZE")
        urls = page_urls(setup)
        print("Sidor: " + ", ".join(urls), flush=True)
        runs = []
        if args.compare:
            rev = run(["git", "rev-parse", "--short", args.compare], cwd=ROOT, env=os.environ.copy()).strip()
            worktree = Path(tempfile.mkdtemp(prefix=f"tertial-load-{rev}-"))
            shutil.rmtree(worktree)
            run(["git", "worktree", "add", "--detach", str(worktree), rev], cwd=ROOT, env=os.environ.copy())
            print(f"Mäter {rev} ({args.clients} klienter, {args.workers} gunicorn-processer) …", flush=True)
            runs.append((f"före ({rev})", load(worktree, environment(database_url, worktree), urls, args)))
            print(show(*runs[-1]), flush=True)
        here = run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, env=os.environ.copy()).strip()
        print(f"Mäter {here} ({args.clients} klienter, {args.workers} gunicorn-processer) …", flush=True)
        runs.append((f"efter ({here})" if args.compare else f"kod {here}", load(ROOT, env, urls, args)))
        print()
        for label, figures in runs:
            print(show(label, figures))
            print("    median per sida: " + ", ".join(f"{p} {t * 1000:.0f} ms" for p, t in figures["per_page"].items()))
        if len(runs) == 2:
            before, after = runs[0][1], runs[1][1]
            print(
                f"{'':<28} {after['throughput'] / before['throughput']:7.1f} × genomströmningen, "
                f"p95 {before['p95'] * 1000:.0f} → {after['p95'] * 1000:.0f} ms"
            )
        print(f"({args.seconds} s per mätning efter uppvärmning; översikt, tyngsta målsidan och ett rapportavsnitt)")
    finally:
        if worktree is not None:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, capture_output=True)
        psql(base, f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
