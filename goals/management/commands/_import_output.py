"""What the import commands print: the preview's lines, then one line of counts."""

from pathlib import Path

from django.core.management.base import CommandError

from tertial.errors import ServiceError


def read_file(path: str) -> tuple[bytes, str]:
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"Filen {path} finns inte.")
    return file.read_bytes(), file.name


def print_preview(command, preview, *, dry_run: bool):
    for title, lines in (
        ("Skapas" if dry_run else "Skapade", preview.created),
        ("Ändras" if dry_run else "Ändrade", preview.changed),
        ("Saknas i filen" + ("" if preview.removed else " (tas bort med --remove-missing)"), preview.missing),
        ("Ändras inte", preview.blocked),
        ("Noteringar", preview.notes),
    ):
        if lines:
            command.stdout.write(f"{title}:")
            for line in lines:
                command.stdout.write(f"  {line}")
    prefix = "Provkörning, inget sparat: " if dry_run else ""
    command.stdout.write(prefix + preview.counts + ".")


def fail(error: ServiceError):
    lines = [error.message, *error.details]
    raise CommandError("\n".join(lines), returncode=1)
