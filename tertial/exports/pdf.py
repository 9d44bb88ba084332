"""PDF of the Word document through LibreOffice headless, tagged (accessible) for screen readers.

Each conversion gets its own LibreOffice profile folder: two conversions sharing one profile block each other
(or fail) when requests arrive at the same time.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 180
# LibreOffice ≥ 7.4 reads filter options as JSON; UseTaggedPDF writes the structure tree (headings, tables, lists).
_FILTER = "pdf:writer_pdf_Export:" + json.dumps(
    {"UseTaggedPDF": {"type": "boolean", "value": "true"}, "ExportBookmarks": {"type": "boolean", "value": "true"}}
)


class PdfUnavailable(RuntimeError):
    """Raised with a Swedish message when no PDF can be made."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def unavailable_reason() -> str | None:
    """Why PDF cannot be offered on this server, in Swedish; None when it can."""
    if soffice_path() is None:
        return (
            "PDF kan inte skapas på den här servern eftersom LibreOffice (programmet soffice) inte är installerat. "
            "Ladda ner Word-dokumentet och spara det som PDF, eller be driften installera LibreOffice."
        )
    return None


def docx_to_pdf(docx: bytes) -> bytes:
    reason = unavailable_reason()
    if reason:
        raise PdfUnavailable(reason)
    with tempfile.TemporaryDirectory(prefix="tertial-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "rapport.docx"
        source.write_bytes(docx)
        profile = folder / "profil"
        command = [
            soffice_path(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            _FILTER,
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable("LibreOffice svarade inte i tid när PDF:en skulle skapas. Försök igen.") from None
        target = folder / "rapport.pdf"
        if not target.exists():
            raise PdfUnavailable(
                "LibreOffice kunde inte göra om dokumentet till PDF. Försök igen eller ladda ner Word."
            )
        return target.read_bytes()
