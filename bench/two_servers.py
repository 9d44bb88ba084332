"""Two app servers, one PostgreSQL database: a save through one is seen at once through the other, and the
publication check's cached result is replaced on both.

    .venv/bin/python bench/two_servers.py [--ports 8103,8113] [--database postgres://postgres@127.0.0.1:5432/]

Makes a fresh database (`tertial_two_<first port>`, dropped at the end) with a bench report and a controller,
starts two gunicorn instances on loopback with the production settings (DEBUG off, 2 workers each, no shared
memory between them: only the database), logs in through server A, and then:

1. reads the report overview through A and B: the same Fel count, and the check's result stored once
   (the database cache, `tertial_cache`), B reading A's;
2. saves a goal section through A: its bedömning removed and a sentence added to its Analys;
3. reads the section and the overview through B at once: the new text, and one Fel more (a new cached result
   for the new version of the report, read by both servers, never the stale one).

The session cookie of the login through A is accepted by B (sessions are in the database). Exits non-zero if
anything is not as described.
"""

import argparse
import html
import http.cookiejar
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_test import ROOT, environment, psql, run, stop  # noqa: E402

PASSWORD = "två-servrar-lösenord-1"
SETUP = r"""
import sys

import django

django.setup()

from django.contrib.auth import get_user_model
from django.urls import reverse
from tertial.bench_data import create_bench_report
from tertial.models import Membership, Section

report = create_bench_report(
    slug="tva", name="Tvåservrarsnämnden", period_code="2025-T2", goals=8, indicators=16, activities=16,
    min_words=50, max_words=200,
)
user = get_user_model().objects.create_user("tva-controller", password=sys.argv[1])
Membership.objects.create(user=user, namnd=report.namnd, role=Membership.Role.CONTROLLER)
section = Section.objects.filter(report=report, kind=Section.Kind.GOAL).exclude(assessment="").order_by("position")[0]
kwargs = {"slug": report.namnd.slug, "period": report.period.code}
print("URLS", reverse("report_overview", kwargs=kwargs), reverse("section_edit", kwargs={**kwargs, "pk": section.pk}))
print("REPORT", report.pk)
"""


class Browser:
    """One user's browser: one cookie jar for both servers (cookies do not depend on the port)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, url) -> str:
        with self.opener.open(url, timeout=60) as response:
            if "/konto/login/" in response.geturl() and "/konto/login/" not in url:
                raise SystemExit(f"{url}: inte inloggad")
            return response.read().decode()

    def post(self, url, data: dict) -> str:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(url, data=body, headers={"Referer": url})
        with self.opener.open(request, timeout=60) as response:
            return response.read().decode()

    def login(self, origin, username):
        page = self.get(origin + "/konto/login/")
        self.post(origin + "/konto/login/", {"username": username, "password": PASSWORD, **_token(page)})


def _token(page: str) -> dict:
    return {"csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)}


def section_form(page: str) -> dict:
    """The section page's form as the browser would send it unchanged."""
    start = page.index('id="section-form"')
    form = page[start : page.index("</form>", start)]
    data = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if 'type="checkbox"' in tag or 'type="radio"' in tag:
            if " checked" in tag:
                data[name.group(1)] = value.group(1) if value and 'type="radio"' in tag else "on"
            continue
        data[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[name] = html.unescape(text)
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        selected = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        data[name] = selected.group(1) if selected else ""
    return data


def fel(page: str) -> int:
    """The Fel count of the overview's publication check badge (`3 fel`)."""
    return int(re.search(r">(\d+) fel<", page).group(1))


def cached_results(database_url: str, report_id: int) -> int:
    import psycopg

    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT COUNT(*) FROM tertial_cache WHERE cache_key LIKE %s", [f"%tertial:kontroll:{report_id}:%"]
        ).fetchone()
    return row[0]


def start_server(port: int, env: dict) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    conf = str(ROOT / "gunicorn.conf.py")
    cmd = [gunicorn, "tertial.wsgi", "-c", conf, "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, start_new_session=True)


def wait_for(origin: str) -> None:
    for _ in range(60):
        try:
            urllib.request.urlopen(origin + "/konto/login/", timeout=2).read()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise SystemExit(f"{origin} startade inte")


def check(condition: bool, what: str) -> None:
    print(("  ok   " if condition else "  FEL  ") + what, flush=True)
    if not condition:
        raise SystemExit(1)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ports", default="8103,8113", help="server A:s och B:s portar (standard 8103,8113)")
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/", help="PostgreSQL utan databasnamn")
    args = parser.parse_args(argv)
    port_a, port_b = (int(p) for p in args.ports.split(","))
    base = args.database if args.database.endswith("/") else args.database + "/"
    db_name = f"tertial_two_{port_a}"
    database_url = base + db_name
    psql(base, f"DROP DATABASE IF EXISTS {db_name}")
    psql(base, f"CREATE DATABASE {db_name}")
    servers = []
    try:
        env = environment(database_url, ROOT)
        run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env)
        run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env)
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
            script.write(SETUP)
        out = run(
            [sys.executable, script.name, PASSWORD], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "tertial.settings"}
        )
        Path(script.name).unlink()
        overview, section = next(line for line in out.splitlines() if line.startswith("URLS ")).split()[1:]
        report_id = int(next(line for line in out.splitlines() if line.startswith("REPORT ")).split()[1])
        a, b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
        servers = [start_server(port_a, env), start_server(port_b, env)]
        wait_for(a)
        wait_for(b)
        print(f"Server A {a} och server B {b} (2 gunicorn-processer var), en databas: {db_name}")

        browser = Browser()
        browser.login(a, "tva-controller")
        browser.get(b + overview)  # exits if B sends the browser to the login page
        check(True, "inloggad via A; B känner igen sessionen (sessionerna ligger i databasen)")

        before_a = fel(browser.get(a + overview))
        check(cached_results(database_url, report_id) == 1, "A:s översikt kontrollerade rapporten: ett sparat resultat")
        before_b = fel(browser.get(b + overview))
        check(before_a == before_b, f"B visar samma antal fel som A ({before_b}) …")
        check(cached_results(database_url, report_id) == 1, "… ur samma sparade resultat (inget nytt i cachen)")

        page = browser.get(a + section)
        data = section_form(page)
        marker = f"Sparat via server A {datetime.now():%H:%M:%S}."
        data["s-assessment"] = ""  # a goal without bedömning is a Fel
        data["s-analysis"] = (data.get("s-analysis", "") + "\n" + marker).strip()
        t0 = time.monotonic()
        saved = browser.post(a + section, data)
        check("Sparat (version" in saved, "avsnittet sparat via A (bedömningen borttagen, en mening tillagd)")

        seen = browser.get(b + section)
        elapsed = time.monotonic() - t0
        check(marker in html.unescape(seen), f"B visar den nya texten direkt ({elapsed * 1000:.0f} ms efter sparandet)")
        after_b = fel(browser.get(b + overview))
        check(
            after_b == before_b + 1,
            f"B:s översikt: {before_b} → {after_b} fel (kontrollen gjord för den nya versionen)",
        )
        after_a = fel(browser.get(a + overview))
        check(after_a == after_b, f"A:s översikt: {after_a} fel, samma resultat (inget gammalt kvar i A)")
        check(
            cached_results(database_url, report_id) == 2,
            "två sparade resultat: den gamla versionens (läses aldrig mer) och den nyas, delat av A och B",
        )
        print("Båda servrarna ser samma data, sessioner och kontrollresultat: bara databasen delas.")
    finally:
        for server in servers:
            stop(server)
        psql(base, f"DROP DATABASE IF EXISTS {db_name} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
