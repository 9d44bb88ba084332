"""Running for real: `check --deploy` is clean with the documented production environment, HTTPS and the Content
Security Policy are on, SQLite runs in WAL mode, load_demo refuses a production database, no password reset
without e-mail."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

ROOT = Path(__file__).resolve().parents[2]
# The production environment the README documents (the database is not contacted by `check --deploy`).
PRODUCTION_ENV = {
    "SECRET_KEY": "pr0duction-" + "x7Qk2vLmN9pR4sT8wY1zB5cD3fG6hJ0" * 2,
    "ALLOWED_HOSTS": "tertial.example.se",
    "DATABASE_URL": "postgres://tertial@db.example.se:5432/tertial",
}


def _run(args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    clean.pop("DATABASE_URL", None)
    clean.update(env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_the_documented_production_environment():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_that_sqlite_is_for_demonstration():
    env = {**PRODUCTION_ENV, "DATABASE_URL": "sqlite:////tmp/ops-deploy-check.sqlite3"}
    result = _run(["manage.py", "check", "--deploy"], **env)
    assert "tertial.W001" in result.stdout + result.stderr
    assert "bara är till för demonstration" in " ".join((result.stdout + result.stderr).split())


def test_production_settings_force_https():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.DEBUG, s.DATABASES['default']['CONN_HEALTH_CHECKS'])"
    )
    result = _run(["manage.py", "shell", "-c", code], **PRODUCTION_ENV)
    assert result.stdout.splitlines()[-1].split() == ["True", "31536000", "True", "True", "False", "True"], (
        result.stderr
    )


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    code = (
        "from django.db import connection; c = connection.cursor();"
        "c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0];"
        "c.execute('PRAGMA busy_timeout'); print(mode, c.fetchone()[0])"
    )
    result = _run(["manage.py", "shell", "-c", code], DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    assert result.stdout.splitlines()[-1].split() == ["wal", "20000"], result.stderr


def test_load_demo_refuses_without_debug():
    result = _run(["manage.py", "load_demo"], DATABASE_URL="sqlite:////tmp/ops-load-demo-refused.sqlite3")
    assert result.returncode != 0
    assert "load_demo körs bara i utvecklingsläge (DEBUG=1)" in result.stderr


@pytest.mark.django_db
@override_settings(DEMO_DATA_ALLOWED=False)
def test_load_demo_refusal_writes_nothing():
    from django.contrib.auth import get_user_model

    with pytest.raises(CommandError, match="utvecklingsläge"):
        call_command("load_demo")
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_every_page_sends_a_content_security_policy_without_unsafe_inline(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"].startswith("'self'")
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_has_an_inline_style_or_an_inline_script_without_the_nonce():
    """The policy blocks both: a style attribute is silently ignored, an inline script does not run."""
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")) + sorted((ROOT / "tertial").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html" or "mark_safe" in text:
            for match in re.finditer(r"<script\b[^>]*>", text):
                if "src=" not in match.group(0) and "csp_nonce" not in match.group(0):
                    offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
            if path.suffix == ".html" and re.search(r'\sstyle="', text):
                offenders.append(f"{path.relative_to(ROOT)}: style-attribut")
            if re.search(r"\son(click|load|change|submit|input)=", text):
                offenders.append(f"{path.relative_to(ROOT)}: händelseattribut")
    assert not offenders, "\n".join(offenders)


@pytest.mark.django_db
def test_password_reset_is_not_offered_without_email(client):
    with pytest.raises(NoReverseMatch):
        reverse("password_reset")
    assert client.get("/konto/password_reset/").status_code == 404
    page = client.get(reverse("login")).content.decode()
    assert "Kontakta förvaltningens administratör" in page
