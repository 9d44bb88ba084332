"""The nämnd's plan from Excel: created, re-imported unchanged (nothing written), edited (changes listed), rows
missing from the file removed only on request and never from a fastställd report; bad files change nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps

from goals.models import Goal, ReportedGoal
from goals.services import plan_import
from indicators.models import Activity, Indicator, IndicatorResult, KfActivity, KfIndicator
from tertial.errors import ServiceError
from tertial.models import ImportLog, Report, Section
from tertial.services import report_create
from tertial.uploads import ImportRejected
from tests.conftest import make_goal, make_namnd, make_period

from .plan_files import full_size_plan, indicator, plan_bytes

YEAR = 2025


@pytest.fixture
def kf(db):
    """The city's structure for 2025: goals 1 → 1.1, 1.2 and 2 → 2.1; a KF indicator and a KF activity under 1.1."""
    g1, g2 = make_goal("1", "Inriktning ett", year=YEAR), make_goal("2", "Inriktning två", year=YEAR)
    goals = {
        "1.1": make_goal("1.1", "KF-mål ett ett", year=YEAR, parent=g1),
        "1.2": make_goal("1.2", "KF-mål ett två", year=YEAR, parent=g1),
        "2.1": make_goal("2.1", "KF-mål två ett", year=YEAR, parent=g2),
    }
    KfIndicator.objects.create(
        year=YEAR, goal=goals["1.1"], code="KF-A", name="Andel som", unit="%", decimals=1, kf_target_value=90
    )
    KfActivity.objects.create(year=YEAR, goal=goals["1.1"], text="Stadens uppdrag", end_date=date(YEAR, 12, 31))
    return goals


def simple_plan(**changes):
    parts = {
        "followed": ["1.1", "1.2"],
        "goals": [
            ("1.1.1", "Vi gör det bra", "Med bra menas", "Att det blir bra"),
            ("1.2.1", "Vi gör mer", "", ""),
        ],
        "indicators": [
            indicator("KF-A", "Andel som", "1.1", Årsmål="2,15"),
            indicator("N-1", "Antal besök", "1.1.1", Enhet="st", Decimaler=0, Årsmål="Öka", Riktning="Lägre är bättre"),
            indicator(
                "N-2", "Andel nöjda", "1.2.1", Enhet="%", Decimaler=1, Könsuppdelning="Andel inom respektive kön"
            ),
        ],
        "activities": [("1.1.1", "Starta projektet", "2025-01-01", "2025-06-30"), ("1.2", "KF-aktivitet", None, None)],
    }
    parts.update(changes)
    return plan_bytes(**parts)


def run(namnd, data, **kwargs):
    return plan_import(namnd=namnd, year=YEAR, data=data, file_name="plan.xlsx", **kwargs)


def counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models()} | {
        f"{m._meta.label} historik": m.history.count() for m in apps.get_models() if hasattr(m, "history")
    }


def test_first_import_creates_the_plan_with_history_and_log(kf, namnd, superuser):
    preview = run(namnd, simple_plan(), user=superuser)
    assert ReportedGoal.objects.filter(namnd=namnd).count() == 2
    g = Goal.objects.get(namnd=namnd, number="1.1.1")
    assert (g.text, g.description, g.expected_result, g.parent, g.sort_key) == (
        "Vi gör det bra",
        "<p>Med bra menas</p>",  # stored as the editor's HTML (tertial.richtext)
        "<p>Att det blir bra</p>",
        kf["1.1"],
        "001.001.001",
    )
    by_code = {i.code: i for i in Indicator.objects.filter(namnd=namnd, year=YEAR)}
    assert set(by_code) == {"KF-A", "N-1", "N-2"}
    ka = by_code["KF-A"]
    assert (ka.kind, ka.target_value, ka.kf_target_value, ka.unit, ka.decimals) == ("kf", Decimal("2.15"), 90, "%", 1)
    n1 = by_code["N-1"]
    assert (n1.kind, n1.target_value, n1.target_text, n1.direction) == ("namnd", None, "Öka", "lower")
    assert by_code["N-2"].gender_split == "rate"
    activities = {a.text: a for a in Activity.objects.filter(namnd=namnd)}
    # The city's KF activity under the followed 1.1 comes along; the file's own under 1.2 is a KF activity too.
    assert set(activities) == {"Starta projektet", "KF-aktivitet", "Stadens uppdrag"}
    assert activities["Stadens uppdrag"].kind == activities["KF-aktivitet"].kind == "kf"
    assert activities["Starta projektet"].end_date == date(2025, 6, 30)
    assert len(preview.created) == 2 + 2 + 3 + 3
    assert any("Stadens uppdrag" in note for note in preview.notes)
    assert Indicator.history.filter(history_type="+", history_user=superuser).count() == 3
    log = ImportLog.objects.get()
    assert (log.kind, log.namnd, log.year, log.created, log.dry_run, log.user) == (
        "plan",
        namnd,
        YEAR,
        10,
        False,
        superuser,
    )


def test_unchanged_reimport_writes_nothing(kf, namnd):
    run(namnd, simple_plan())
    before = counts()
    preview = run(namnd, simple_plan())
    assert (preview.created, preview.changed, preview.missing) == ([], [], [])
    assert preview.unchanged == 10
    after = counts()
    assert after.pop("tertial.ImportLog") == before.pop("tertial.ImportLog") + 1
    assert after == before


def test_edited_file_updates_by_natural_key_and_lists_missing_rows(kf, namnd):
    run(namnd, simple_plan())
    edited = simple_plan(
        goals=[("1.1.1", "Vi gör det ännu bättre", "Med bra menas", "Att det blir bra")],
        indicators=[
            indicator("KF-A", "Andel som", "1.1", Årsmål=3),
            indicator("N-1", "Antal besök", "1.1.1", Enhet="st"),
        ],
        activities=[("1.1.1", "Starta projektet", "2025-02-01", "2025-06-30")],
    )
    preview = run(namnd, edited)
    assert "Ändrat nämndmål: 1.1.1 Vi gör det ännu bättre (mål)" in preview.changed
    assert any(line.startswith("Ändrad indikator: KF-A") and "årsmål (tal)" in line for line in preview.changed)
    assert any(
        line.startswith("Ändrad aktivitet: Starta projektet") and "startdatum" in line for line in preview.changed
    )
    assert sorted(preview.missing) == [
        "Aktivitet under 1.2: KF-aktivitet",
        "Indikator N-2 Andel nöjda",
        "Nämndmål 1.2.1 Vi gör mer",
    ]
    assert Goal.objects.get(namnd=namnd, number="1.1.1").text == "Vi gör det ännu bättre"
    assert Goal.objects.filter(namnd=namnd, number="1.2.1").exists()  # not removed without confirmation
    assert Indicator.objects.filter(namnd=namnd, code="N-2").exists()

    preview = run(namnd, edited, remove_missing=True)
    assert preview.removed == 3
    assert not Goal.objects.filter(namnd=namnd, number="1.2.1").exists()
    assert not Indicator.objects.filter(namnd=namnd, code="N-2").exists()
    assert Indicator.history.filter(code="N-2", history_type="-").exists()


def test_rows_of_a_faststalld_report_are_neither_changed_nor_removed(kf, namnd):
    run(namnd, simple_plan())
    report = report_create(namnd=namnd, period=make_period(YEAR, "T1"))
    report.status = Report.Status.FASTSTALLD
    report.save()
    edited = simple_plan(
        goals=[("1.1.1", "Ny text", "", "")],
        indicators=[indicator("KF-A", "Andel som", "1.1", Årsmål="2,15")],
        activities=[],
    )
    preview = run(namnd, edited, remove_missing=True)
    assert preview.removed == 0 and preview.missing == []
    assert "Nämndmål 1.2.1 Vi gör mer saknas i filen men används i en fastställd rapport och tas inte bort." in (
        preview.blocked
    )
    assert any(
        line.startswith("Nämndmål 1.1.1 Vi gör det bra används i en fastställd rapport") for line in preview.blocked
    )
    assert Goal.objects.get(namnd=namnd, number="1.1.1").text == "Vi gör det bra"
    assert Indicator.objects.filter(namnd=namnd).count() == 3


def test_open_reports_get_the_new_goals_sections_and_results(kf, namnd):
    report = report_create(namnd=namnd, period=make_period(YEAR, "T1"))
    run(namnd, simple_plan())
    numbers = set(report.sections.filter(kind=Section.Kind.GOAL).values_list("goal__number", flat=True))
    assert {"1", "1.1", "1.1.1", "1.2", "1.2.1"} <= numbers
    assert "2.1" not in numbers  # not followed
    assert IndicatorResult.objects.filter(report=report).count() == 3
    assert report.activity_results.count() == 3


def test_a_removed_goal_takes_its_open_sections(kf, namnd):
    run(namnd, simple_plan())
    report = report_create(namnd=namnd, period=make_period(YEAR, "T1"))
    edited = simple_plan(
        goals=[("1.1.1", "Vi gör det bra", "Med bra menas", "Att det blir bra")],
        indicators=[indicator("KF-A", "Andel som", "1.1", Årsmål="2,15")],
        activities=[],
    )
    run(namnd, edited, remove_missing=True)
    assert not report.sections.filter(goal__number="1.2.1").exists()
    assert not report.indicator_results.filter(indicator__code="N-2").exists()


def test_dry_run_writes_only_the_log(kf, namnd):
    before = counts()
    preview = run(namnd, simple_plan(), dry_run=True)
    assert len(preview.created) == 10
    after = counts()
    assert after.pop("tertial.ImportLog") == 1 and before.pop("tertial.ImportLog") == 0
    assert after == before
    assert ImportLog.objects.get().dry_run


def test_confirmation_refused_when_the_result_changed_since_the_preview(kf, namnd):
    digest = run(namnd, simple_plan(), dry_run=True).digest
    assert run(namnd, simple_plan(), dry_run=True).digest == digest
    run(namnd, simple_plan(goals=[("1.1.1", "Annat", "", "")], indicators=[], activities=[]))
    with pytest.raises(ServiceError, match="har ändrats sedan förhandsgranskningen"):
        run(namnd, simple_plan(), digest=digest)


def test_a_kf_indicator_keeps_the_citys_definition(kf, namnd):
    preview = run(
        namnd,
        simple_plan(indicators=[indicator("KF-A", "Eget namn", "1.1", Enhet="st", **{"KF:s årsmål": 50})]),
    )
    ka = Indicator.objects.get(namnd=namnd, code="KF-A")
    assert (ka.name, ka.unit, ka.kf_target_value) == ("Andel som", "%", 90)
    assert "KF-indikatorn KF-A: stadens definition används (indikator, enhet)." in preview.notes
    assert "KF-indikatorn KF-A: KF:s årsmål tas från stadens struktur." in preview.notes


def test_an_unfollowed_kf_goal_is_not_given_the_citys_indicators(kf, namnd):
    run(namnd, simple_plan(followed=["1.2"], goals=[("1.2.1", "Vi gör mer")], indicators=[], activities=[]))
    assert not Indicator.objects.filter(namnd=namnd).exists()
    assert not Activity.objects.filter(namnd=namnd).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (plan_bytes(followed=["1.1"], drop_sheet="Indikatorer"), "Filen saknar bladen ”Indikatorer”. Använd mallen."),
        (
            plan_bytes(followed=["1.1"], headers={"Nämndmål": ["Nummer", "Text"]}),
            "Nämndmål, rad 1: Kolumnen ”Mål” saknas. Använd mallen.",
        ),
        (
            plan_bytes(followed=["1.1"], goals=[("1.1.1", "Ett"), ("1.1.1", "Två")]),
            "Nämndmål, rad 3, kolumn A (Nummer): Nämndmålet 1.1.1 står mer än en gång.",
        ),
        (
            plan_bytes(followed=["1.1"], goals=[("1.9.1", "Ett")]),
            "Nämndmål, rad 2, kolumn E (KF-mål): Okänt KF-mål 1.9: det finns inte i budgetårets KF-struktur.",
        ),
        (
            plan_bytes(followed=["1.1"], goals=[("1.2.1", "Ett")]),
            "Nämndmål, rad 2, kolumn E (KF-mål): KF-målet 1.2 följs inte upp: skriv Ja för det på bladet ”KF-mål”.",
        ),
        (
            plan_bytes(followed=["1.7"]),
            "KF-mål, rad 2, kolumn A (Nummer): Okänt KF-mål 1.7: det finns inte i budgetårets KF-struktur.",
        ),
        (
            plan_bytes(
                followed=["1.1"], goals=[("1.1.1", "Ett")], indicators=[indicator("N", "X", "1.1.1", Decimaler="två")]
            ),
            "Indikatorer, rad 2, kolumn E (Decimaler): ”två” är inget heltal mellan 0 och 6.",
        ),
        (
            plan_bytes(
                followed=["1.1"], goals=[("1.1.1", "Ett")], indicators=[indicator("N", "X", "1.1.1", Årsmål="=1+1")]
            ),
            "Indikatorer, rad 2, kolumn I (Årsmål): Formeln är inte beräknad.",
        ),
        (
            plan_bytes(
                followed=["1.1"], goals=[("1.1.1", "Ett")], indicators=[indicator("N", "X", "1.1.1", Riktning="Uppåt")]
            ),
            "Indikatorer, rad 2, kolumn H (Riktning): ”Uppåt” är inget giltigt värde. Skriv ”Högre är bättre” eller",
        ),
        (
            plan_bytes(followed=["1.1"], activities=[("1.1", "A", "2025-05-01", "2025-01-01")]),
            "Aktiviteter, rad 2, kolumn D (Slutdatum): Slutdatum ligger före startdatum.",
        ),
        (
            plan_bytes(followed=["1.1"], activities=[("1.1", "A", "i vår", None)]),
            "Aktiviteter, rad 2, kolumn C (Startdatum): ”i vår” är inget datum. Skriv till exempel 2025-01-31.",
        ),
        (
            plan_bytes(followed=["1.1"], indicators=[indicator("KF-A", "Andel som", "1.2")]),
            "Indikatorer, rad 2, kolumn C (Mål): Målet 1.2 finns inte bland nämndmålen eller de KF-mål som följs upp.",
        ),
        (b"inte en excelfil", "Filen är inte en Excelfil (.xlsx). Använd mallen."),
    ],
)
def test_bad_files_change_nothing_and_say_where(kf, namnd, data, message):
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        run(namnd, data)
    assert any(line.startswith(message) for line in rejected.value.details), rejected.value.details
    assert counts() == before


def test_no_kf_structure_for_the_year(namnd):
    with pytest.raises(ServiceError, match="Budgetåret 2025 har ingen KF-struktur ännu"):
        run(namnd, simple_plan())


def test_another_namnd_is_untouched(kf, namnd):
    other = make_namnd("Annan", "annan")
    run(other, simple_plan())
    run(namnd, simple_plan(goals=[("1.1.1", "Eget")], indicators=[], activities=[]), remove_missing=True)
    assert Goal.objects.get(namnd=other, number="1.1.1").text == "Vi gör det bra"
    assert Indicator.objects.filter(namnd=other).count() == 3


def test_query_count_does_not_grow_with_the_file(kf, namnd, django_assert_num_queries):
    """Guards against a query per goal, indicator or activity (lookups, full_clean's key checks, history rows).

    Bulk inserts are split only by the database's parameter limit (SQLite: 999, about 40 rows of an indicator with
    its history row), so two sizes below that give the same count and the full size stays far below one per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    other, third = make_namnd("Annan", "annan"), make_namnd("Tredje", "tredje")
    with CaptureQueriesContext(connection) as small:
        run(other, full_size_plan(goals=3, indicators=4, activities=4))
    with django_assert_num_queries(len(small.captured_queries)):
        run(namnd, full_size_plan(goals=20, indicators=35, activities=35))
    with CaptureQueriesContext(connection) as full:
        run(third, full_size_plan(goals=30, indicators=150, activities=250))
    assert len(full.captured_queries) <= len(small.captured_queries) + 20


def test_the_downloaded_plan_imports_back_unchanged(kf, namnd):
    """The template the page offers, filled with the plan, is the plan: editing starts from it."""
    from goals.plan_import import plan_workbook

    run(namnd, simple_plan())
    preview = run(namnd, plan_workbook(namnd=namnd, year=YEAR))
    assert (preview.created, preview.changed, preview.missing, preview.notes) == ([], [], [], [])
    assert preview.unchanged == 10
