"""Backup and restore of the PostgreSQL database, tried: a restored dump serves the same report.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tertial .venv/bin/python bench/backup_restore.py \
        [--report hasselby-vallingby/2022-T2] [--keep]

1. exports the report to Word from the database in DATABASE_URL (`manage.py export_report`);
2. dumps that database with `pg_dump -Fc` (the custom format, as the README's backup does);
3. restores the dump into a new database (`<name>_restore`, dropped at the end unless --keep) with `pg_restore`;
4. exports the same report to Word from the restored database;
5. compares the two files: byte for byte, and part by part inside the .docx (a Word file is a zip). Word's
   document properties say when the file was made (docProps/core.xml: created and modified, to the second) and the
   zip entries carry their time, so two exports in different seconds differ there and nowhere else: the report's
   content (word/document.xml, styles, headers, numbering, …) must be identical.

Prints the sizes, the SHA-256 of both files and of word/document.xml, and the parts that differ; exits non-zero if
any part other than docProps/core.xml differs, or if a step fails.
"""

import argparse
import hashlib
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parent.parent
# Parts that may differ between two exports of the same report: when the file was made.
TIMESTAMP_PARTS = {"docProps/core.xml"}


def _pg_env(config) -> dict:
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return env


def _pg_args(config) -> list[str]:
    args = ["-h", config.get("HOST") or "127.0.0.1", "-p", str(config.get("PORT") or 5432)]
    if config.get("USER"):
        args += ["-U", config["USER"]]
    return args


def _url_for(config, name: str) -> str:
    user = config.get("USER") or ""
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    at = "@" if user else ""
    return f"postgres://{user}{password}{at}{config.get('HOST') or '127.0.0.1'}:{config.get('PORT') or 5432}/{name}"


def _run(cmd, **kwargs):
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} misslyckades:\n{result.stdout}{result.stderr}")
    return result


def export_docx(database_url: str, slug: str, period: str, target: Path) -> bytes:
    env = dict(os.environ, DATABASE_URL=database_url, DEBUG=os.environ.get("DEBUG", "1"))
    _run(
        [sys.executable, "manage.py", "export_report", slug, period, "--format", "docx", "--output", str(target)],
        cwd=ROOT,
        env=env,
    )
    return target.read_bytes()


def parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", default="hasselby-vallingby/2022-T2", help="nämnd/period, as in the report's URL")
    parser.add_argument("--keep", action="store_true", help="keep the restored database")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit(
            "DATABASE_URL ska vara en PostgreSQL-databas, till exempel postgres://postgres@127.0.0.1:5432/tertial."
        )
    config = dj_database_url.parse(database_url)
    source = config["NAME"]
    restored = f"{source}_restore"
    slug, period = args.report.split("/")
    pg, env = _pg_args(config), _pg_env(config)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        before = export_docx(database_url, slug, period, tmp / "fore.docx")

        dump = tmp / f"{source}.dump"
        started = time.perf_counter()
        _run(["pg_dump", *pg, "-Fc", "--no-owner", "-f", str(dump), source], env=env)
        dump_seconds = time.perf_counter() - started

        _run(["dropdb", *pg, "--if-exists", restored], env=env)
        _run(["createdb", *pg, restored], env=env)
        started = time.perf_counter()
        _run(["pg_restore", *pg, "--no-owner", "--exit-on-error", "-d", restored, str(dump)], env=env)
        restore_seconds = time.perf_counter() - started
        try:
            after = export_docx(_url_for(config, restored), slug, period, tmp / "efter.docx")
        finally:
            if not args.keep:
                _run(["dropdb", *pg, "--if-exists", restored], env=env)

        a, b = parts(before), parts(after)
        differing = sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))
        print(
            f"Databas {source}: dump {dump.stat().st_size // 1024} kB på {dump_seconds:.1f} s (pg_dump -Fc), "
            f"återställd i {restored} på {restore_seconds:.1f} s (pg_restore)"
        )
        print(f"Word före:  {len(before)} byte, sha256 {sha(before)}")
        print(f"Word efter: {len(after)} byte, sha256 {sha(after)}")
        print(f"word/document.xml före/efter: {sha(a['word/document.xml'])} / {sha(b['word/document.xml'])}")
        print(f"Delar i filen: {len(a)}; olika: {', '.join(differing) or 'inga'}")
        if before == after:
            print("Resultat: byte för byte identiska.")
            return 0
        content_differs = [name for name in differing if name not in TIMESTAMP_PARTS]
        if content_differs:
            print(f"Resultat: FEL, innehållet skiljer sig i {', '.join(content_differs)}.")
            return 1
        print("Resultat: identiskt innehåll; bara tidsstämplarna (docProps/core.xml, zip-posternas tid) skiljer.")
        return 0


if __name__ == "__main__":
    sys.exit(main())
