"""SECRET_KEY is required to serve the app without DEBUG; management commands run without one."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    clean.update(env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)


def test_serving_without_debug_and_secret_key_is_refused_in_swedish():
    result = _run(["-c", "import tertial.wsgi"], DJANGO_SETTINGS_MODULE="tertial.settings")
    assert result.returncode != 0
    assert "SECRET_KEY måste sättas när DEBUG är avstängt." in result.stderr


def test_serving_with_a_secret_key_starts():
    result = _run(["-c", "import tertial.wsgi"], DJANGO_SETTINGS_MODULE="tertial.settings", SECRET_KEY="k" * 50)
    assert result.returncode == 0, result.stderr


def test_management_commands_run_without_secret_key():
    result = _run(["manage.py", "check"])
    assert result.returncode == 0, result.stderr
