"""Import of the finance system's figures from Excel, all or nothing.

Layout (the downloadable template `template_workbook` has it, filled with the nämnd's catalogue):
- sheet `Verksamhetsområden`, row 1 headers `Verksamhetsområde` · `Budget` ·
  `Prestations- och omslutningsförändringar` · `Prognos`; one row per verksamhetsområde as the catalogue names it
  (`varav barn och ungdom` or just `barn och ungdom` for a varav row); mnkr, netto. A verksamhetsområde whose
  varav rows are a full breakdown is their sum: left empty in the template, and a figure for it must agree.
- sheet `Kostnadsslag`, row 1 headers `Kostnadsslag` · `Budget föregående år` · `Utfall föregående år` · `Budget` ·
  `Utfall`; one row per kostnadsslag; mnkr, intäkter negative.
At least one of the sheets must be there. Numbers may be real numbers or text in Swedish format (`2 091,5`, `−0,1`).
An empty cell empties the figure. Every cell is checked before anything is written; one error rejects the whole file.
"""

import io
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from openpyxl import Workbook
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from tertial.checks.background import note_saved
from tertial.models import ImportLog
from tertial.numbers import NumberParseError, format_mnkr, parse_number
from tertial.uploads import ImportProblem, ImportRejected, column_name, open_excel

from .models import Area, AreaRow, CostType, CostTypeRow, TableVersion
from .services import check_editable, claim_table

MAX_ROWS = 2000
AREA_SHEET = "Verksamhetsområden"
COST_SHEET = "Kostnadsslag"
LAYOUT = {
    AREA_SHEET: (
        ["Verksamhetsområde", "Budget", "Prestations- och omslutningsförändringar", "Prognos"],
        ["budget", "change", "forecast"],
    ),
    COST_SHEET: (
        ["Kostnadsslag", "Budget föregående år", "Utfall föregående år", "Budget", "Utfall"],
        ["budget_previous", "outcome_previous", "budget", "outcome"],
    ),
}
QUANTUM = Decimal("0.001")
# The city's kostnadsslag of the resultaträkning (Socialnämnden T1 2024): the template lists them when the nämnd's
# catalogue has none yet, and an import creates the ones it names.
STANDARD_COST_TYPES = [
    *(
        (name, CostType.Kind.INCOME)
        for name in [
            "Avgifter",
            "Hyresintäkter mm",
            "Intäkter bidrag",
            "Försäljning",
            "Övriga intäkter",
            "Försäljn explo, reavinst",
            "Finansiella intäkter",
        ]
    ),
    *(
        (name, CostType.Kind.COST)
        for name in [
            "Personalkostnader",
            "Köp av verksamhet",
            "Lokalkostnader inkl hyror",
            "Bidrag",
            "Övriga kostnader",
            "Försäljomk explo, reaförl",
            "Kapitalkostnader",
            "Finansiella kostnader",
        ]
    ),
]


def _number(value) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or isinstance(value, (date, datetime)):
        raise NumberParseError(f"”{value}” är inte ett belopp.")
    if isinstance(value, (int, float)):
        return Decimal(str(value)).quantize(QUANTUM, rounding=ROUND_HALF_UP)
    number = parse_number(value, allow_percent=False)
    if number.as_tuple().exponent < -3:
        number = number.quantize(QUANTUM, rounding=ROUND_HALF_UP)
    return number


def _read_sheet(book, sheet, known, errors, lines=None):
    """{catalogue key: {field: Decimal|None}} for one sheet, errors appended per row and column; `lines` gets each
    key's row number."""
    headers, fields = LAYOUT[sheet]
    rows = book.rows(sheet, errors)
    first = next(rows, None)
    header = [str(h) if h is not None else "" for h in (first[1] if first else [])]
    if header[: len(headers)] != headers:
        errors.append(ImportProblem(sheet, 1, "", "Rubrikerna ska vara " + " · ".join(f"”{h}”" for h in headers) + "."))
        return {}
    result = {}
    for number, cells in rows:
        if number > MAX_ROWS + 1:
            errors.append(ImportProblem(sheet, number, "", f"Bladet har fler än {MAX_ROWS} rader."))
            break
        cells = list(cells) + [None] * (len(headers) - len(cells))
        if all(c is None for c in cells[: len(headers)]):
            continue
        name = str(cells[0] or "").strip()
        key = known.get(name.lower()) or known.get(name.lower().removeprefix("varav ").strip())
        if key is None:
            kind = "verksamhetsområde" if sheet == AREA_SHEET else "kostnadsslag"
            errors.append(ImportProblem(sheet, number, "A", f"Okänt {kind} ”{name}”: det finns inte i katalogen."))
            continue
        if key in result:
            errors.append(ImportProblem(sheet, number, "A", f"”{name}” förekommer mer än en gång."))
            continue
        figures = {}
        for index, field in enumerate(fields, start=1):
            try:
                figures[field] = _number(cells[index])
            except NumberParseError as error:
                errors.append(ImportProblem(sheet, number, column_name(index, headers[index]), str(error)))
        result[key] = figures
        if lines is not None:
            lines[key] = number
    return result


def _computed_parents(report, areas, figures, lines, errors):
    """A verksamhetsområde whose varav rows are a full breakdown is their sum, never typed: the file's figure for
    it is checked against the varav rows as they will be after the import (the file's, else the saved ones) and
    then left out. A figure that differs by 0,1 or more, or that has no varav rows to come from, is an error."""
    from .tables.data import children_sum, computed_parents

    computed = computed_parents(areas) & set(figures)
    if not computed:
        return
    headers, fields = LAYOUT[AREA_SHEET]
    saved = {r.area_id: r for r in AreaRow.objects.filter(report=report, area__parent_id__in=computed)}
    for parent in (a for a in areas if a.id in computed):
        children = [a.id for a in areas if a.parent_id == parent.id]
        for index, field in enumerate(fields, start=1):
            value = figures[parent.id].get(field)
            if value is None:
                continue
            parts = [figures[c].get(field) if c in figures else getattr(saved.get(c), field, None) for c in children]
            total = children_sum(parts)
            where = (AREA_SHEET, lines.get(parent.id), column_name(index, headers[index]))
            if total is None:
                errors.append(
                    ImportProblem(
                        *where,
                        f"{parent.name} räknas fram ur sina varav-rader, som saknar belopp här: ange beloppen på "
                        f"varav-raderna och lämna {parent.name} tom.",
                    )
                )
            elif abs(value - total) >= Decimal("0.1"):
                errors.append(
                    ImportProblem(
                        *where,
                        f"{parent.name} räknas fram ur sina varav-rader, som summerar till {format_mnkr(total)} mnkr, "
                        f"men filen har {format_mnkr(value)} mnkr.",
                    )
                )
        del figures[parent.id]


def import_figures(*, report, uploaded, user=None) -> int:
    """Apply the file to the report, or raise ImportRejected with every error and change nothing."""
    check_editable(report)
    book = open_excel(uploaded)
    catalogue = {"namnd_id": report.namnd_id, "year": report.period.year}
    area_list = list(Area.objects.filter(**catalogue))
    areas = {a.name.lower(): a.id for a in area_list}
    cost_types = {c.name.lower(): c.id for c in CostType.objects.filter(**catalogue)}
    for position, (name, kind) in enumerate(STANDARD_COST_TYPES):
        cost_types.setdefault(name.lower(), (name, kind, position))  # created on import if the file names it
    errors, read = [], {}
    present = [s for s in (AREA_SHEET, COST_SHEET) if s in book.sheetnames]
    if not present:
        errors.append(
            ImportProblem("", None, "", f"Filen saknar bladen ”{AREA_SHEET}” och ”{COST_SHEET}”. Använd mallen.")
        )
    lines = {}
    for sheet in present:
        known = areas if sheet == AREA_SHEET else cost_types
        read[sheet] = _read_sheet(book, sheet, known, errors, lines if sheet == AREA_SHEET else None)
    book.close()
    if AREA_SHEET in read:
        _computed_parents(report, area_list, read[AREA_SHEET], lines, errors)
    if errors:
        raise ImportRejected(errors)
    with transaction.atomic():
        # An import is a save of the tables it fills: a page opened before it gets the conflict page.
        for sheet, table in ((AREA_SHEET, TableVersion.Table.DRIFT), (COST_SHEET, TableVersion.Table.INCOME)):
            if read.get(sheet):
                claim_table(report=report, table=table, version=None)
        costs = {  # a kostnadsslag of the city's list left empty in the file is not created
            k: v
            for k, v in read.get(COST_SHEET, {}).items()
            if not isinstance(k, tuple) or any(x is not None for x in v.values())
        }
        new = [key for key in costs if isinstance(key, tuple)]
        if new:
            made = bulk_create_with_history(
                [CostType(name=n, kind=k, position=p, **catalogue) for n, k, p in new],
                CostType,
                default_user=user,
                default_change_reason="Import från Excel",
            )
            ids = {(c.name, c.kind): c.id for c in CostType.objects.filter(**catalogue)} if made else {}
            costs = {(ids[(key[0], key[1])] if isinstance(key, tuple) else key): v for key, v in costs.items()}
        read[COST_SHEET] = costs
        count = _apply(report, AreaRow, "area_id", read.get(AREA_SHEET, {}), LAYOUT[AREA_SHEET][1], user)
        count += _apply(report, CostTypeRow, "cost_type_id", read.get(COST_SHEET, {}), LAYOUT[COST_SHEET][1], user)
        ImportLog.objects.create(
            kind=ImportLog.Kind.ECONOMY,
            user=user if user is not None and user.is_authenticated else None,
            namnd_id=report.namnd_id,
            year=report.period.year,
            file_name=str(getattr(uploaded, "name", "") or "")[:255],
            changed=count,
            summary=f"{report.title}: {count} rader skapade eller ändrade",
        )
    return count


def _apply(report, model, key_field, figures, fields, user) -> int:
    if not figures:
        return 0
    existing = {getattr(r, key_field): r for r in model.objects.filter(report=report)}
    new, changed = [], []
    for key, values in figures.items():
        row = existing.get(key)
        if row is None:
            new.append(model(report=report, **{key_field: key}, **values))
        elif any(getattr(row, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(row, f, v)
            changed.append(row)
    if new:
        bulk_create_with_history(new, model, default_user=user, default_change_reason="Import från Excel")
    if changed:
        bulk_update_with_history(changed, model, fields, default_user=user, default_change_reason="Import från Excel")
    note_saved(new + changed)  # bulk history sends no signal: the report's check is ordered here
    return len(new) + len(changed)


def template_workbook(report) -> bytes:
    """The documented layout, filled with the catalogue's names and the report's current figures."""
    from .tables import load

    data = load(report)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = AREA_SHEET
    sheet.append(LAYOUT[AREA_SHEET][0])
    for fig in data.areas:
        # a parent whose varav rows are a full breakdown is computed from them: left empty, so that a changed
        # varav row is not refused against the parent's old sum
        sheet.append([fig.area.label, *([None] * 3 if fig.computed else [fig.budget, fig.change, fig.forecast])])
        for f in fig.children:
            sheet.append([f.area.label, f.budget, f.change, f.forecast])
    costs = workbook.create_sheet(COST_SHEET)
    costs.append(LAYOUT[COST_SHEET][0])
    for cost_type in data.cost_types:
        r = data.cost_type_rows.get(cost_type.id)
        values = [r.budget_previous, r.outcome_previous, r.budget, r.outcome] if r else [None] * 4
        costs.append([cost_type.name, *values])
    if not data.cost_types:  # no catalogue yet: the city's kostnadsslag, ready to be filled in
        for name, _kind in STANDARD_COST_TYPES:
            costs.append([name, None, None, None, None])
    for ws in (sheet, costs):
        for (cell,) in ws.iter_rows(min_row=2, max_col=1):
            if isinstance(cell.value, str) and cell.value[:1] in "=+-@\t\r":
                cell.data_type, cell.quotePrefix = "s", True  # a name is text, never a formula
        ws.column_dimensions["A"].width = 50
        for column in "BCDE":
            ws.column_dimensions[column].width = 22
        for row in ws.iter_rows(min_row=2, min_col=2):
            for cell in row:
                cell.number_format = "#,##0.0"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
