"""Excel import of the finance system's figures: applied whole or rejected whole, with a Swedish error per cell."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from economy.importer import ImportRejected, import_figures, template_workbook
from economy.models import AreaRow, CostType, CostTypeRow
from tests.conftest import PASSWORD

from .factories import make_area, make_area_row

D = Decimal
AREA_HEADERS = ["Verksamhetsområde", "Budget", "Prestations- och omslutningsförändringar", "Prognos"]


@pytest.fixture
def areas(report):
    ifo = make_area(report, "Individ- och familjeomsorg", position=1)
    kids = make_area(report, "barn och ungdom", parent=ifo, position=2)
    make_area(report, "Äldreomsorg", position=3)
    make_area_row(report, ifo, "1", None, "1")
    CostType.objects.create(namnd=report.namnd, year=2022, name="Personalkostnader", kind="kostnad")
    return ifo, kids


def xlsx(*rows, title="Verksamhetsområden", extra_sheet=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for r in rows:
        sheet.append(r)
    if extra_sheet:
        other = workbook.create_sheet(extra_sheet[0])
        for r in extra_sheet[1]:
            other.append(r)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("ekonomi.xlsx", buffer.getvalue())


def figures(report):
    return sorted(
        (r.area.name, r.budget, r.change, r.forecast)
        for r in AreaRow.objects.filter(report=report).select_related("area")
    )


def test_accepted_file_applies_numbers_and_swedish_text(report, areas):
    upload = xlsx(
        AREA_HEADERS,
        ["Äldreomsorg", 282.2, None, "283,4"],
        ["varav barn och ungdom", "2 091,5", "\u22125,9", 182.7],
        [None, None, None, None],
        extra_sheet=(
            "Kostnadsslag",
            [
                ["Kostnadsslag", "Budget föregående år", "Utfall föregående år", "Budget", "Utfall"],
                ["Personalkostnader", 800.6, 243.8, 875.6, "264,7"],
            ],
        ),
    )
    assert import_figures(report=report, uploaded=upload) == 3
    assert figures(report) == [
        ("Individ- och familjeomsorg", D("1"), None, D("1")),  # typed before its varav row existed: not read
        ("barn och ungdom", D("2091.5"), D("-5.9"), D("182.7")),
        ("Äldreomsorg", D("282.2"), None, D("283.4")),
    ]
    row = CostTypeRow.objects.get(report=report)
    assert (row.budget, row.outcome) == (D("875.6"), D("264.7"))
    assert AreaRow.history.filter(area__isnull=False).count() >= 2  # written with history


def test_rejected_file_changes_nothing_and_says_where(report, areas):
    before = figures(report)
    upload = xlsx(
        AREA_HEADERS,
        ["Individ- och familjeomsorg", 282.2, None, "283,4"],
        ["Okänd verksamhet", 1, 2, 3],
        ["barn och ungdom", "tolv", None, True],
    )
    with pytest.raises(ImportRejected) as rejected:
        import_figures(report=report, uploaded=upload)
    messages = [str(e) for e in rejected.value.errors]
    assert messages[0] == (
        "Verksamhetsområden, rad 3, kolumn A: Okänt verksamhetsområde ”Okänd verksamhet”: det finns inte i katalogen."
    )
    assert any(m.startswith("Verksamhetsområden, rad 4, kolumn B (Budget): ”tolv” är inte ett tal") for m in messages)
    assert any(m.startswith("Verksamhetsområden, rad 4, kolumn D (Prognos)") for m in messages)
    assert figures(report) == before


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("a.xlsx", b"inte en excelfil"), "Filen är inte en Excelfil"),
        (SimpleUploadedFile("a.xlsx", b"PK\x03\x04trasig zip"), "Filen är inte en Excelfil"),
        (xlsx(["Fel", "Rubriker"]), "Rubrikerna ska vara"),
        (xlsx(AREA_HEADERS, title="Blad1"), "Filen saknar bladen"),
    ],
)
def test_wrong_files_get_a_clear_error(report, areas, upload, message):
    with pytest.raises(ImportRejected) as rejected:
        import_figures(report=report, uploaded=upload)
    assert message in str(rejected.value.errors[0])


def test_uncalculated_formula_is_reported(report, areas):
    upload = xlsx(AREA_HEADERS, ["Individ- och familjeomsorg", "=1+1", None, 3])
    with pytest.raises(ImportRejected) as rejected:
        import_figures(report=report, uploaded=upload)
    assert "Formeln är inte beräknad" in str(rejected.value.errors[0])


def test_duplicate_rows_are_rejected(report, areas):
    upload = xlsx(AREA_HEADERS, ["barn och ungdom", 1, None, 1], ["varav barn och ungdom", 2, None, 2])
    with pytest.raises(ImportRejected) as rejected:
        import_figures(report=report, uploaded=upload)
    assert "förekommer mer än en gång" in str(rejected.value.errors[0])


@override_settings(MAX_IMPORT_FILE_SIZE=1000)
def test_huge_file_is_refused(client, users, report, areas):
    client.login(username="controller", password=PASSWORD)
    upload = SimpleUploadedFile("stor.xlsx", b"0" * 5000)
    response = client.post(
        reverse("economy:import", kwargs={"slug": report.namnd.slug, "period": report.period.code}), {"file": upload}
    )
    assert response.status_code == 400
    assert "Filen är för stor" in response.content.decode()


def test_template_round_trip_through_the_view(client, users, report, areas):
    client.login(username="controller", password=PASSWORD)
    kwargs = {"slug": report.namnd.slug, "period": report.period.code}
    response = client.get(reverse("economy:import_template", kwargs=kwargs))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Verksamhetsområden", "Kostnadsslag"]
    sheet = workbook["Verksamhetsområden"]
    assert [c.value for c in sheet[1]] == AREA_HEADERS
    assert sheet["A3"].value == "varav barn och ungdom"
    sheet["B3"] = 42.5
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(
        reverse("economy:import", kwargs=kwargs), {"file": SimpleUploadedFile("mall.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 200 and "Importen är klar" in response.content.decode()
    assert AreaRow.objects.get(area__name="barn och ungdom").budget == D("42.5")


def test_template_workbook_is_valid_for_an_empty_catalogue(report):
    assert load_workbook(io.BytesIO(template_workbook(report))).sheetnames == ["Verksamhetsområden", "Kostnadsslag"]


def test_import_is_logged(report, areas, superuser):
    upload = xlsx(AREA_HEADERS, ["Äldreomsorg", 282.2, None, "283,4"])
    import_figures(report=report, uploaded=upload, user=superuser)
    from tertial.models import ImportLog

    log = ImportLog.objects.get()
    assert (log.kind, log.namnd, log.year, log.file_name, log.changed, log.user) == (
        "ekonomi",
        report.namnd,
        2022,
        "ekonomi.xlsx",
        1,
        superuser,
    )


# --- A parent whose varav rows are a full breakdown is computed, never typed ---------------------------------


def test_a_parent_that_agrees_with_its_varav_rows_is_accepted_and_not_stored(report, areas):
    ifo, _kids = areas
    upload = xlsx(
        AREA_HEADERS,
        ["Individ- och familjeomsorg", 174.7, None, "182,7"],
        ["varav barn och ungdom", 174.7, None, 182.7],
    )
    import_figures(report=report, uploaded=upload)
    assert AreaRow.objects.get(report=report, area=ifo).budget == D("1")  # not written: it is computed
    from economy import tables

    t = next(t for t in tables.report_tables(report) if t.key == "drift_areas")
    assert t.rows[0].label == "Individ- och familjeomsorg" and t.rows[0].values[0] == D("174.7")


def test_a_parent_that_disagrees_with_its_varav_rows_is_rejected_naming_both(report, areas):
    upload = xlsx(
        AREA_HEADERS, ["Individ- och familjeomsorg", 282.2, None, None], ["varav barn och ungdom", 174.7, None, 182.7]
    )
    with pytest.raises(ImportRejected) as rejected:
        import_figures(report=report, uploaded=upload)
    assert [str(e) for e in rejected.value.errors] == [
        "Verksamhetsområden, rad 2, kolumn B (Budget): Individ- och familjeomsorg räknas fram ur sina varav-rader, "
        "som summerar till 174,7 mnkr, men filen har 282,2 mnkr."
    ]


def test_a_parent_figure_without_varav_figures_is_rejected(report, areas):
    upload = xlsx(AREA_HEADERS, ["Individ- och familjeomsorg", 282.2, None, None])
    with pytest.raises(ImportRejected) as rejected:
        import_figures(report=report, uploaded=upload)
    assert "räknas fram ur sina varav-rader, som saknar belopp här" in str(rejected.value.errors[0])


def test_an_import_orders_the_reports_check_from_the_worker(
    report, areas, monkeypatch, django_capture_on_commit_callbacks
):
    """Bulk history sends no signal: the import itself orders the check of the report's new figures."""
    from tertial.checks import background

    ordered = []
    monkeypatch.setattr(background, "refresh_later", lambda ids: ordered.append(sorted(ids)))
    upload = xlsx(AREA_HEADERS, ["varav barn och ungdom", 174.7, None, 182.7])
    with django_capture_on_commit_callbacks(execute=True):
        import_figures(report=report, uploaded=upload)
    assert ordered == [[report.id]]


def test_the_template_leaves_a_computed_parent_empty_so_a_changed_varav_row_imports(report, areas):
    ifo, kids = areas
    make_area_row(report, kids, "174.7", None, "182.7")
    book = load_workbook(io.BytesIO(template_workbook(report)))
    sheet = book["Verksamhetsområden"]
    assert [c.value for c in sheet[2]] == ["Individ- och familjeomsorg", None, None, None]
    sheet["B3"] = 180.0  # the controller changes the varav row only
    buffer = io.BytesIO()
    book.save(buffer)
    import_figures(report=report, uploaded=SimpleUploadedFile("ekonomi.xlsx", buffer.getvalue()))
    assert AreaRow.objects.get(report=report, area=kids).budget == D("180")
