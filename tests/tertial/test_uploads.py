"""tertial.uploads: every Excel import's guard. Each crafted bad file is refused with a Swedish message naming
where the problem is, and zip bombs are refused before openpyxl opens the file."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook

from tertial import uploads
from tertial.uploads import Column, ImportRejected, clean_value, open_excel, read_table

COLUMNS = [Column("Kod", "code"), Column("Värde", "value"), Column("Kommentar", "comment", required=False)]


def workbook_bytes(*rows, title="Blad"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def patched(data: bytes, old: bytes, new: bytes) -> bytes:
    """The file with `old` replaced by `new` in the first worksheet's XML: what openpyxl itself will not write."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                assert old in content
                content = content.replace(old, new)
            archive.writestr(entry.filename, content)
    return out.getvalue()


def read(data: bytes, name="fil.xlsx"):
    """The rows of sheet `Blad`, or ImportRejected with every problem (as an import raises it)."""
    book = open_excel(SimpleUploadedFile(name, data))
    problems = []
    rows = read_table(book, "Blad", COLUMNS, problems)
    book.close()
    if problems:
        raise ImportRejected(problems)
    return rows


def rejected_lines(data: bytes) -> list[str]:
    with pytest.raises(ImportRejected) as error:
        read(data)
    assert str(error.value) == "Filen lästes inte in. Inget har ändrats."
    return error.value.details


def test_a_good_file_reads_by_header_in_any_order():
    rows = read(workbook_bytes(["Värde", "Okänd", "Kod"], [1.5, "x", " A1 "], [None, None, None], [2, None, "B"]))
    assert [(r.number, r.get("code"), r.get("value")) for r in rows] == [(2, "A1", 1.5), (4, "B", 2)]
    assert rows[0].problem("value", "fel").__str__() == "Blad, rad 2, kolumn A (Värde): fel"


def test_not_an_excel_file():
    assert rejected_lines(b"%PDF-1.4 inte en excelfil") == ["Filen är inte en Excelfil (.xlsx). Använd mallen."]


def test_a_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hej")
    assert rejected_lines(out.getvalue()) == ["Filen är inte en Excelfil (.xlsx). Använd mallen."]


def test_a_damaged_workbook():
    data = workbook_bytes(["Kod", "Värde"], ["A", 1])
    broken = patched(data, b"<sheetData>", b"<sheetData><row")
    assert "skadad" in rejected_lines(broken)[0]


@override_settings(MAX_IMPORT_FILE_SIZE=1000)
def test_oversize_file():
    assert rejected_lines(b"0" * 5000) == ["Filen är för stor. Största tillåtna storlek är 1000 byte."]


@override_settings(MAX_IMPORT_UNPACKED_SIZE=10 * 1024 * 1024)
def test_zip_bomb_is_refused_before_openpyxl_opens_it(monkeypatch):
    data = workbook_bytes(["Kod", "Värde"], ["A", 1])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        for entry in zipfile.ZipFile(io.BytesIO(data)).infolist():
            archive.writestr(entry, zipfile.ZipFile(io.BytesIO(data)).read(entry))
        archive.writestr("xl/media/bomb.bin", b"\0" * (50 * 1024 * 1024))  # 50 MB of zeros packs to ~50 kB
    assert len(out.getvalue()) < 200_000

    def must_not_open(*args, **kwargs):
        raise AssertionError("openpyxl opened a zip bomb")

    monkeypatch.setattr(uploads, "load_workbook", must_not_open)
    [line] = rejected_lines(out.getvalue())
    assert line.startswith("Filen packas upp till 50 MB, mer än tillåtna 10 MB.")


@override_settings(MAX_IMPORT_ZIP_ENTRIES=50)
def test_zip_with_too_many_entries():
    data = workbook_bytes(["Kod", "Värde"], ["A", 1])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        source = zipfile.ZipFile(io.BytesIO(data))
        for entry in source.infolist():
            archive.writestr(entry, source.read(entry))
        for n in range(60):
            archive.writestr(f"xl/extra/{n}.xml", "<x/>")
    assert rejected_lines(out.getvalue()) == ["Filen innehåller för många delar (69) för att vara en vanlig Excelfil."]


@override_settings(MAX_IMPORT_CELLS=20)
def test_too_many_cells():
    data = workbook_bytes(["Kod", "Värde"], *[[f"K{n}", n] for n in range(30)])
    assert rejected_lines(data) == ["Blad, rad 11: Filen har fler än 20 celler."]


def test_uncalculated_formula_is_named_by_cell():
    data = workbook_bytes(["Kod", "Värde"], ["A", "=1+1"])
    assert rejected_lines(data) == [
        "Blad, rad 2, kolumn B (Värde): Formeln är inte beräknad. Öppna filen i Excel, spara den och ladda upp den igen."
    ]


def test_calculated_formula_gives_its_value():
    data = patched(workbook_bytes(["Kod", "Värde"], ["A", "=1+1"]), b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>")
    assert read(data)[0].get("value") == 2


def test_infinity_and_absurd_magnitudes():
    data = patched(workbook_bytes(["Kod", "Värde"], ["A", 1.5], ["B", 1e13]), b"<v>1.5</v>", b"<v>1e999</v>")
    assert rejected_lines(data) == [
        "Blad, rad 2, kolumn B (Värde): Cellen innehåller inget giltigt tal (oändligt eller NaN).",
        "Blad, rad 3, kolumn B (Värde): Talet är orimligt stort (10¹² eller mer).",
    ]


def test_nan_is_refused():
    problems = []
    assert clean_value(float("nan"), None, "Blad", 7, 2, problems, "Årsmål") is None
    assert (
        str(problems[0]) == "Blad, rad 7, kolumn C (Årsmål): Cellen innehåller inget giltigt tal (oändligt eller NaN)."
    )


@pytest.mark.parametrize(("escaped", "code"), [(b"_x0001_", "0001"), (b"_xFFFE_", "FFFE"), (b"_x0000_", "0000")])
def test_control_characters_word_cannot_hold(escaped, code):
    data = patched(workbook_bytes(["Kod", "Värde"], ["PLATS", 1]), b"PLATS", b"a" + escaped + b"b")
    assert rejected_lines(data) == [
        f"Blad, rad 2, kolumn A (Kod): Texten innehåller ett otillåtet tecken (U+{code}) som inte kan skrivas i Word."
    ]


def test_tab_newline_and_carriage_return_are_text():
    data = patched(workbook_bytes(["Kod", "Värde"], ["PLATS", 1]), b"PLATS", b"a_x0009_b_x000D_\nc")
    assert read(data)[0].get("code") == "a\tb\nc"


def test_missing_column():
    assert rejected_lines(workbook_bytes(["Kod", "Fel"], ["A", 1])) == [
        "Blad, rad 1: Kolumnen ”Värde” saknas. Använd mallen."
    ]


def test_error_values_are_refused():
    data = patched(
        workbook_bytes(["Kod", "Värde"], ["A", 1.5]), b'<c r="B2" t="n"><v>1.5</v>', b'<c r="B2" t="e"><v>#DIV/0!</v>'
    )
    assert rejected_lines(data) == ["Blad, rad 2, kolumn B (Värde): Cellen visar felet #DIV/0!."]
