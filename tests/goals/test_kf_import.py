"""The city's KF structure of a year: imported from the template, or year N made from year N−1 through the same
import; preview first, nothing removed without confirmation, nothing the nämnder use removed at all."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from goals.kf_import import ACTIVITY_COLUMNS, GOAL_COLUMNS, INDICATOR_COLUMNS
from goals.models import Goal, ReportedGoal
from goals.services import kf_copy_workbook, kf_structure_import
from indicators.models import KfActivity, KfIndicator
from tertial.errors import ServiceError
from tertial.models import ImportLog
from tertial.uploads import ImportRejected

GOALS = [("1", "En stad att leva i"), ("1.1", "Alla har arbete"), ("1.2", "Alla har bostad"), ("2", "Klimatsmart")]
INDICATORS = [
    ["KF-1", "Andel med arbete", "1.1", "%", 1, "Andel inom respektive kön", "Ja", "Högre är bättre", 71.5, "Tertial"],
    ["KF-2", "Stockholmsjobb", "1.1", "st", 0, None, None, None, "Tas fram av nämnd/styrelse", "År"],
]
ACTIVITIES = [["1.2", "Bygg bostäder", "2025-01-01", "2025-12-31"]]


def kf_bytes(goals=GOALS, indicators=INDICATORS, activities=ACTIVITIES, drop_sheet=None):
    workbook = Workbook()
    for title, columns, rows in (
        ("Mål", GOAL_COLUMNS, goals),
        ("KF-indikatorer", INDICATOR_COLUMNS, indicators),
        ("KF-aktiviteter", ACTIVITY_COLUMNS, activities),
    ):
        if title == drop_sheet:
            continue
        sheet = workbook.create_sheet(title)
        sheet.append([c.header for c in columns])
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(data, year=2025, **kwargs):
    return kf_structure_import(year=year, data=data, file_name="kf.xlsx", **kwargs)


def test_import_creates_the_years_structure(db, superuser):
    preview = run(kf_bytes(), user=superuser)
    assert len(preview.created) == 4 + 2 + 1
    tree = {g.number: g for g in Goal.objects.filter(year=2025)}
    assert tree["1.1"].parent == tree["1"] and tree["1.1"].level == Goal.Level.KF_MAL
    assert tree["2"].level == Goal.Level.INRIKTNINGSMAL and tree["2"].sort_key == "002"
    kf1 = KfIndicator.objects.get(code="KF-1")
    assert (kf1.goal, kf1.kf_target_value, kf1.gender_split, kf1.person_based) == (
        tree["1.1"],
        Decimal("71.5"),
        "rate",
        True,
    )
    kf2 = KfIndicator.objects.get(code="KF-2")
    assert (kf2.kf_target_value, kf2.kf_target_text, kf2.period_kind) == (None, "Tas fram av nämnd/styrelse", "ar")
    assert KfActivity.objects.get().end_date == date(2025, 12, 31)
    assert Goal.history.filter(history_user=superuser).count() == 4
    log = ImportLog.objects.get()
    assert (log.kind, log.year, log.created, log.namnd) == ("kf_struktur", 2025, 7, None)


def test_preview_writes_nothing_and_reimport_is_idempotent(db):
    preview = run(kf_bytes(), dry_run=True)
    assert len(preview.created) == 7 and not Goal.objects.exists()
    run(kf_bytes())
    again = run(kf_bytes())
    assert (again.created, again.changed, again.missing, again.unchanged) == ([], [], [], 7)


def test_changed_and_left_out_rows(db):
    run(kf_bytes())
    edited = kf_bytes(
        goals=[("1", "En stad att leva i"), ("1.1", "Alla har ett arbete")],
        indicators=[INDICATORS[0]],
        activities=[],
    )
    preview = run(edited)
    assert preview.changed == ["Ändrat mål: 1.1 Alla har ett arbete (mål)"]
    assert sorted(preview.missing) == [
        "KF-aktivitet under 1.2: Bygg bostäder",
        "KF-indikator KF-2 Stockholmsjobb",
        "Mål 1.2 Alla har bostad",
        "Mål 2 Klimatsmart",
    ]
    assert Goal.objects.filter(year=2025).count() == 4  # nothing removed without confirmation
    preview = run(edited, remove_missing=True)
    assert preview.removed == 4
    assert sorted(Goal.objects.filter(year=2025).values_list("number", flat=True)) == ["1", "1.1"]


def test_goals_the_namnder_follow_are_not_removed(db, namnd):
    run(kf_bytes())
    ReportedGoal.objects.create(namnd=namnd, goal=Goal.objects.get(year=2025, number="1.2"))
    preview = run(kf_bytes(goals=GOALS[:2], activities=[]), remove_missing=True)
    assert "Målet 1.2 Alla har bostad saknas i filen men används av nämnderna och tas inte bort." in preview.blocked
    assert "Mål 2 Klimatsmart" in preview.missing
    assert Goal.objects.filter(year=2025, number="1.2").exists()
    assert Goal.objects.filter(year=2025, number="1").exists()


def test_year_from_the_year_before(db):
    run(kf_bytes(activities=[["1.2", "Bygg bostäder", "2024-01-01", "2024-12-31"]]), year=2024)
    preview = run(kf_copy_workbook(year=2025), year=2025)
    assert len(preview.created) == 7
    assert KfIndicator.objects.get(year=2025, code="KF-1").kf_target_value == Decimal("71.5")
    assert KfActivity.objects.get(year=2025).start_date == date(2025, 1, 1)
    assert Goal.objects.get(year=2025, number="1.1").parent.year == 2025


def test_nothing_to_copy(db):
    with pytest.raises(ServiceError, match="Budgetåret 2024 har ingen KF-struktur att kopiera."):
        kf_copy_workbook(year=2025)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (kf_bytes(drop_sheet="KF-aktiviteter"), "Filen saknar bladen ”KF-aktiviteter”."),
        (kf_bytes(goals=[("1", "A"), ("1", "B")]), "Mål, rad 3, kolumn A (Nummer): Målet 1 står mer än en gång."),
        (kf_bytes(goals=[("3.1", "A")]), "Mål, rad 2, kolumn A (Nummer): Inriktningsmålet 3 saknas"),
        (kf_bytes(goals=[("1.1.1", "A")]), "Mål, rad 2, kolumn A (Nummer): ”1.1.1” är inget giltigt målnummer."),
        (
            kf_bytes(indicators=[["K", "X", "1.9", "%", "två"]]),
            "KF-indikatorer, rad 2, kolumn C (KF-mål): Okänt KF-mål 1.9",
        ),
        (kf_bytes(indicators=[["K", "X", "1.1", "%", "två"]]), "KF-indikatorer, rad 2, kolumn E (Decimaler): ”två”"),
        (
            kf_bytes(indicators=[["K", "Andel med arbete", "1.1", "%", 1, None, None, None, 171.5, "Tertial"]]),
            "KF-indikatorer, rad 2, kolumn I (KF:s årsmål): En andel i procent ligger mellan 0 och 100 %: 171,5",
        ),
    ],
)
def test_bad_files_change_nothing(db, data, message):
    with pytest.raises(ImportRejected) as rejected:
        run(data)
    assert any(line.startswith(message) for line in rejected.value.details), rejected.value.details
    assert not Goal.objects.exists() and not KfIndicator.objects.exists()


def test_the_downloaded_structure_imports_back_unchanged(db):
    from goals.kf_import import kf_workbook

    run(kf_bytes())
    preview = run(kf_workbook(year=2025))
    assert (preview.created, preview.changed, preview.missing, preview.unchanged) == ([], [], [], 7)
