"""Safe reading of an uploaded Excel file, shared by every import (economy figures, KF structure, nämnd plan).

The file is checked before openpyxl sees it (size, that it is a zip at all, the zip's entry count and unpacked size:
a zip bomb is refused from its directory, without unpacking anything), then opened read-only with the cached values.
Every cell an import reads passes `clean_value`: uncalculated formulas, inf/NaN, absurd magnitudes and control
characters that a Word document cannot hold are refused with the sheet, row and column named.
"""

import io
import math
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .errors import ServiceError
from .textsafety import first_unsafe

# A formula element in a worksheet's XML (with or without a namespace prefix).
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
# OOXML writes characters XML cannot hold as `_x0001_`; openpyxl leaves the escape in the text.
_OOXML_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")
MAX_MAGNITUDE = Decimal(10) ** 12


@dataclass
class ImportProblem:
    """One thing wrong with a file, where it is: `Indikatorer, rad 4, kolumn C (Decimaler): …`."""

    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self):
        where = [self.sheet] if self.sheet else []
        if self.row:
            where.append(f"rad {self.row}")
        if self.column:
            where.append(f"kolumn {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportRejected(ServiceError):
    """The file is refused as a whole; `errors` lists every problem found (also as `details`, one line each)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("Filen lästes inte in. Inget har ändrats.", details=[str(e) for e in self.errors])


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size} byte"


def _refuse(message: str):
    raise ImportRejected([ImportProblem("", None, "", message)])


def read_upload(uploaded) -> bytes:
    """The uploaded file's bytes, refused when larger than `MAX_IMPORT_FILE_SIZE` (without reading more)."""
    limit = settings.MAX_IMPORT_FILE_SIZE
    too_big = f"Filen är för stor. Största tillåtna storlek är {_mb(limit)}."
    if getattr(uploaded, "size", None) is not None and uploaded.size > limit:
        _refuse(too_big)
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        _refuse(too_big)
    return data


def check_archive(data: bytes) -> None:
    """Refuse what is not an .xlsx (zip) file, and a zip whose directory promises too many entries or too many
    unpacked bytes. Python's zipfile never yields more than an entry's declared size, so the directory is enough."""
    not_excel = "Filen är inte en Excelfil (.xlsx). Använd mallen."
    if not zipfile.is_zipfile(io.BytesIO(data)):
        _refuse(not_excel)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse(not_excel)
    if len(entries) > settings.MAX_IMPORT_ZIP_ENTRIES:
        _refuse(f"Filen innehåller för många delar ({len(entries)}) för att vara en vanlig Excelfil.")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > settings.MAX_IMPORT_UNPACKED_SIZE:
        _refuse(
            f"Filen packas upp till {_mb(unpacked)}, mer än tillåtna {_mb(settings.MAX_IMPORT_UNPACKED_SIZE)}. "
            "Spara om den i Excel eller dela upp den."
        )
    if not any(entry.filename == "xl/workbook.xml" for entry in entries):
        _refuse(not_excel)


class ExcelFile:
    """An opened workbook: the cached values, and (only when the file has formulas) the formulas beside them."""

    def __init__(self, data: bytes):
        check_archive(data)
        try:
            self.values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                has_formulas = any(
                    _FORMULA_TAG.search(archive.read(name))
                    for name in archive.namelist()
                    if name.startswith("xl/worksheets/") and name.endswith(".xml")
                )
            self.formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False) if has_formulas else None
        except ImportRejected:
            raise
        except Exception:  # openpyxl raises many kinds for a damaged or foreign file; all mean the same to the user
            _refuse("Filen är inte en Excelfil (.xlsx) eller är skadad. Använd mallen.")
        self.cells_read = 0

    @property
    def sheetnames(self) -> list[str]:
        return self.values.sheetnames

    def rows(self, sheet: str, problems: list):
        """(row number, [values]) for each row of `sheet`, each value through `clean_value`. Stops, with a
        problem, when the file has more cells than `MAX_IMPORT_CELLS`."""
        value_rows = self.values[sheet].iter_rows(values_only=True)
        formula_rows = self.formulas[sheet].iter_rows(values_only=True) if self.formulas else None
        headers = []
        for number in range(1, settings.MAX_IMPORT_CELLS + 2):
            try:
                cells = next(value_rows, None)
                formulas = next(formula_rows, ()) if formula_rows else ()
            except Exception:  # a damaged sheet (a number openpyxl cannot parse, broken XML) fails while read
                raise ImportRejected(
                    [ImportProblem(sheet, number, "", "Raden kan inte läsas: filen är skadad. Spara om den i Excel.")]
                ) from None
            if cells is None:
                return
            self.cells_read += len(cells)
            if self.cells_read > settings.MAX_IMPORT_CELLS:
                problems.append(
                    ImportProblem(sheet, number, "", f"Filen har fler än {settings.MAX_IMPORT_CELLS} celler.")
                )
                return
            row = []
            for index, value in enumerate(cells):
                formula = formulas[index] if index < len(formulas) else None
                header = headers[index] if index < len(headers) else ""
                row.append(clean_value(value, formula, sheet, number, index, problems, header))
            if number == 1:
                headers = [str(v) if v is not None else "" for v in row]
            yield number, row

    def close(self):
        self.values.close()
        if self.formulas:
            self.formulas.close()


def column_name(index: int, header: str = "") -> str:
    """`C (Decimaler)` for the zero-based column `index`."""
    letter = get_column_letter(index + 1)
    return f"{letter} ({header})" if header else letter


def clean_value(value, formula, sheet: str, row: int, index: int, problems: list, header: str = ""):
    """The cell's value as an import may use it, or None with a problem appended. Strings are stripped."""

    def refuse(message):
        problems.append(ImportProblem(sheet, row, column_name(index, header), message))

    if value is None:
        if isinstance(formula, str) and formula.startswith("="):
            refuse("Formeln är inte beräknad. Öppna filen i Excel, spara den och ladda upp den igen.")
        return None
    if isinstance(value, bool) or isinstance(value, (date, datetime)):
        return value
    if isinstance(value, float | int | Decimal):
        if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
            refuse("Cellen innehåller inget giltigt tal (oändligt eller NaN).")
            return None
        if abs(Decimal(str(value))) >= MAX_MAGNITUDE:
            refuse("Talet är orimligt stort (10¹² eller mer).")
            return None
        return value
    if isinstance(value, str):
        if "_x" in value:
            value = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        bad = first_unsafe(value)
        if bad:
            refuse(f"Texten innehåller ett otillåtet tecken ({bad}) som inte kan skrivas i Word.")
            return None
        value = value.strip()
        return value or None
    refuse("Cellen har ett värde som inte kan läsas.")  # error cells (#DIV/0!) come back as strings; this is other
    return None


def open_excel(uploaded) -> ExcelFile:
    """Read, check and open an uploaded .xlsx. Raises ImportRejected with a Swedish message."""
    return ExcelFile(read_upload(uploaded))


def open_excel_bytes(data: bytes) -> ExcelFile:
    """As `open_excel` for bytes already stored (between an import's preview and its confirmation)."""
    if len(data) > settings.MAX_IMPORT_FILE_SIZE:
        _refuse(f"Filen är för stor. Största tillåtna storlek är {_mb(settings.MAX_IMPORT_FILE_SIZE)}.")
    return ExcelFile(data)


ERROR_VALUES = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"}


@dataclass
class Column:
    """A column an import reads, found by its header in row 1 (any order)."""

    header: str
    field: str
    required: bool = True


@dataclass
class Row:
    """One non-empty row of a table: its values by field, and where each came from (for messages)."""

    sheet: str
    number: int
    values: dict
    columns: dict  # field -> (zero-based index, header)

    def get(self, field, default=None):
        return self.values.get(field, default)

    def problem(self, field: str | None, message: str) -> ImportProblem:
        column = column_name(*self.columns[field]) if field in self.columns else ""
        return ImportProblem(self.sheet, self.number, column, message)


def read_table(book: ExcelFile, sheet: str, columns: list[Column], problems: list) -> list[Row]:
    """The non-empty rows of `sheet` under the headers of row 1. A missing required column is a problem (and no
    rows are returned); columns the import does not know are ignored."""
    rows = book.rows(sheet, problems)
    first = next(rows, None)
    headers = [str(h).strip().lower() if h is not None else "" for h in (first[1] if first else [])]
    found = {}
    for column in columns:
        if column.header.lower() in headers:
            found[column.field] = (headers.index(column.header.lower()), column.header)
        elif column.required:
            problems.append(ImportProblem(sheet, 1, "", f"Kolumnen ”{column.header}” saknas. Använd mallen."))
    if any(c.required and c.field not in found for c in columns):
        return []
    result = []
    for number, cells in rows:
        values = {field: cells[i] if i < len(cells) else None for field, (i, _h) in found.items()}
        if all(v is None for v in values.values()):
            continue
        row = Row(sheet, number, values, found)
        for field, value in values.items():
            if isinstance(value, str) and value in ERROR_VALUES:
                problems.append(row.problem(field, f"Cellen visar felet {value}."))
                values[field] = None
        result.append(row)
    return result
