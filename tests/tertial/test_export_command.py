"""`manage.py export_report`: files written, and clear Swedish errors for what does not exist."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from tertial.models import ExportLog

from .export_helpers import make_rich_report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pptx"])
def test_writes_the_export(tmp_path, fmt):
    make_rich_report(size=1)
    target = tmp_path / f"rapport.{fmt}"
    out = io.StringIO()
    call_command("export_report", "hasselby-vallingby", "2022-T2", "--format", fmt, "--output", str(target), stdout=out)
    assert zipfile.is_zipfile(target)
    assert "Skrev" in out.getvalue()
    log = ExportLog.objects.get()
    assert log.user is None and log.format == fmt


def test_the_word_file_is_the_report(tmp_path):
    make_rich_report(size=1)
    target = tmp_path / "rapport.docx"
    call_command("export_report", "hasselby-vallingby", "2022-t2", "--output", str(target), stdout=io.StringIO())
    assert "Nämndmål: 1.1.1 Nämndmål nummer 1" in [p.text for p in Document(str(target)).paragraphs]


@pytest.mark.parametrize(
    "args, message",
    [
        (["okand", "2022-T2"], "Nämnden ”okand” finns inte"),
        (["hasselby-vallingby", "2022"], "Ogiltig period"),
        (["hasselby-vallingby", "2022-T4"], "T1, T2 eller VB"),
        (["hasselby-vallingby", "2021-T2"], "har ingen rapport för perioden 2021-T2"),
        (["hasselby-vallingby", "2022-T2", "--format", "odt"], "Okänt format ”odt”"),
    ],
)
def test_clear_swedish_errors(args, message):
    make_rich_report(size=1)
    with pytest.raises(CommandError, match=message):
        call_command("export_report", *args, stdout=io.StringIO())
    assert not ExportLog.objects.exists()
