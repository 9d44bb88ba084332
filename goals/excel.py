"""Cells of the KF-structure and plan workbooks: reading a goal number, a choice, a target, a date the way the
templates write them, and writing the templates (text never becomes a formula)."""

import io
import re
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.models import Indicator
from tertial.numbers import NumberParseError, parse_number

_GOAL_NUMBER = re.compile(r"^\d+(\.\d+)*$")
YES = {"ja", "j", "x", "1", "true", "sant"}
NO = {"nej", "n", "0", "false", "falskt"}

# Accepted spellings of the choices: the label as the template's drop-down writes it, and short forms.
GENDER_SPLIT = {
    "ej könsuppdelad": Indicator.GenderSplit.NONE,
    "nej": Indicator.GenderSplit.NONE,
    "andel inom respektive kön": Indicator.GenderSplit.RATE,
    "andel": Indicator.GenderSplit.RATE,
    "antal som summeras": Indicator.GenderSplit.COUNT,
    "antal": Indicator.GenderSplit.COUNT,
}
DIRECTION = {
    "högre är bättre": Indicator.Direction.HIGHER,
    "högre": Indicator.Direction.HIGHER,
    "lägre är bättre": Indicator.Direction.LOWER,
    "lägre": Indicator.Direction.LOWER,
    "ingen riktning": Indicator.Direction.NONE,
    "ingen": Indicator.Direction.NONE,
}
PERIOD_KIND = {label.lower(): value for value, label in Indicator.PeriodKind.choices}


class CellError(ValueError):
    """A cell that cannot be read; the message is Swedish and the caller adds sheet, row and column."""


def read_cell(row, name, reader, problems, *args, **kwargs):
    """`reader(row[name], ...)`, or None with the problem (sheet, row, column) appended."""
    try:
        return reader(row.get(name), *args, **kwargs)
    except CellError as error:
        problems.append(row.problem(name, str(error)))
        return None


def per_goal_positions(rows: dict) -> None:
    """Number the rows 0, 1, 2 … within each goal, in file order: the pages list them by goal, then position, so
    a file downloaded from them (sorted by goal) imports back with the same positions."""
    seen = {}
    for values in rows.values():
        values["position"] = seen.get(values["goal"], 0)
        seen[values["goal"]] = values["position"] + 1


def text(value, *, max_length: int | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        value = value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = str(value).strip()
    if max_length and len(result) > max_length:
        raise CellError(f"Texten är för lång (högst {max_length} tecken).")
    return result


def goal_number(value, parts: int | tuple[int, ...]) -> str:
    """`1.2.3` as typed; a number Excel turned into 1.2 (a float) is read back as text."""
    number = text(value).rstrip(".")
    allowed = (parts,) if isinstance(parts, int) else parts
    if not _GOAL_NUMBER.match(number) or number.count(".") + 1 not in allowed:
        example = {1: "1", 2: "1.2", 3: "1.2.3"}
        raise CellError(f"”{number}” är inget giltigt målnummer. Skriv till exempel {example[allowed[0]]}.")
    return number


def choice(value, spellings: dict, choices, default):
    """One of a TextChoices' values, typed as its label (the drop-down) or a short form."""
    if value is None:
        return default
    key = text(value).lower()
    if key not in spellings:
        wanted = " eller ".join(f"”{label}”" for _, label in choices.choices)
        raise CellError(f"”{text(value)}” är inget giltigt värde. Skriv {wanted}.")
    return spellings[key]


def yes_no(value) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    key = text(value).lower()
    if key in YES:
        return True
    if key in NO:
        return False
    raise CellError(f"”{text(value)}” ska vara Ja eller Nej.")


def whole_number(value, *, default: int = 0, maximum: int = 10) -> int:
    """A small whole number such as Decimaler. Text that is not a number is an error, not zero."""
    if value is None:
        return default
    try:
        number = parse_number(value, allow_percent=False) if not isinstance(value, bool) else None
    except NumberParseError:
        number = None
    if number is None or number != number.to_integral_value() or not 0 <= number <= maximum:
        raise CellError(f"”{text(value)}” är inget heltal mellan 0 och {maximum}.")
    return int(number)


def decimal(value) -> Decimal | None:
    """A figure: a number cell, or text in Swedish format (`2,15`, `1 500`)."""
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, datetime | date):
        raise CellError(f"”{text(value)}” är inte ett tal.")
    try:
        number = parse_number(value)
    except NumberParseError as error:
        raise CellError(str(error)) from None
    return number.quantize(Decimal("0.0001")) if number.as_tuple().exponent < -4 else number


def target(value) -> tuple[Decimal | None, str]:
    """An årsmål is a number (`2,15`) or a text (`Öka`, `Tas fram av nämnd/styrelse`): (value, text)."""
    if value is None:
        return None, ""
    try:
        return decimal(value), ""
    except CellError:
        return None, text(value, max_length=200)


def day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(text(value))
    except ValueError:
        raise CellError(f"”{text(value)}” är inget datum. Skriv till exempel 2025-01-31.") from None


def shift_year(value: date | None, years: int) -> date | None:
    """The same day `years` later (29 February becomes 28 February)."""
    if value is None:
        return None
    try:
        return value.replace(year=value.year + years)
    except ValueError:
        return value.replace(year=value.year + years, day=28)


def choice_label(choices, value) -> str:
    return str(dict(choices.choices)[value])


def build_workbook(sheets: list[tuple[str, list[str], list[list]]], instructions: list[str]) -> bytes:
    """A template: an Anvisningar sheet, then each (title, headers, rows). Text cells that start like a formula are
    written as text; choice columns get their drop-downs."""
    workbook = Workbook()
    about = workbook.active
    about.title = "Anvisningar"
    for line in instructions:
        about.append([line])
    about.column_dimensions["A"].width = 120
    drop_downs = {
        "Könsuppdelning": [label for _, label in Indicator.GenderSplit.choices],
        "Riktning": [label for _, label in Indicator.Direction.choices],
        "Periodicitet": [label for _, label in Indicator.PeriodKind.choices],
        "Följs upp": ["Ja", "Nej"],
        "Avser personer": ["Ja", "Nej"],
    }
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r":
                    cell.data_type, cell.quotePrefix = "s", True
        for index, header in enumerate(headers):
            letter = sheet.cell(row=1, column=index + 1).column_letter
            sheet.column_dimensions[letter].width = 60 if header in {"Mål", "Indikator", "Aktivitet"} else 18
            if header in drop_downs:
                validation = DataValidation(type="list", formula1='"' + ",".join(drop_downs[header]) + '"')
                validation.add(f"{letter}2:{letter}2000")
                sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
