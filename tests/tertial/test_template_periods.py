"""Which periods a template entry applies to: the balance sheet's analysis belongs to Tertial 2 and the
verksamhetsberättelse, so a Tertial 1 report is made without it (and without its Fel in the Kontroll)."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from tertial.checks import run_checks
from tertial.models import Membership, Report, Section
from tertial.report_template import entry_save, template_for_year
from tertial.rollover import report_rollover
from tests.conftest import make_period, make_report, make_user

from .helpers import login

pytestmark = pytest.mark.django_db

BALANCE = Section.Kind.ECONOMY_BALANCE


@pytest.fixture
def city_admin(db):
    return make_user("stadsadmin", role=Membership.Role.CITY_ADMIN)


def _messages(report):
    return {f.message for f in run_checks(Report.objects.select_related("namnd", "period").get(pk=report.pk))}


def _has_balance_fel(report):
    return any(m.startswith("Analysen av balansräkningen saknas.") for m in _messages(report))


def test_the_balance_entry_applies_to_t2_and_vb_by_default():
    template = template_for_year(year=2024)
    balance = template.entries.get(kind=BALANCE)
    assert balance.period_kinds == ["T2", "VB"]
    assert template.entries.get(kind=Section.Kind.SUMMARY).period_kinds == ["T1", "T2", "VB"]
    # Copied to the next year as it is.
    assert template_for_year(year=2025).entries.get(kind=BALANCE).period_kinds == ["T2", "VB"]


def test_a_t1_report_has_no_balance_section_and_no_balance_fel(namnd):
    report = make_report(namnd, make_period(2024, "T1"))
    assert not report.sections.filter(kind=BALANCE).exists()
    assert report.sections.filter(kind=Section.Kind.ECONOMY_SALES).exists()
    assert not _has_balance_fel(report)


@pytest.mark.parametrize("kind", ["T2", "VB"])
def test_a_t2_and_a_vb_report_have_the_balance_section_and_its_fel(namnd, kind):
    report = make_report(namnd, make_period(2024, kind))
    assert report.sections.get(kind=BALANCE).required
    assert _has_balance_fel(report)


def test_an_entry_made_for_t1_only_is_left_out_of_t2(namnd):
    template = template_for_year(year=2024)
    entry = template.entries.get(kind=Section.Kind.SPECIAL_REPORTS)
    entry.periods = "T1"
    entry_save(entry=entry)
    assert make_report(namnd, make_period(2024, "T1")).sections.filter(kind=Section.Kind.SPECIAL_REPORTS).exists()
    assert not make_report(namnd, make_period(2024, "T2")).sections.filter(kind=Section.Kind.SPECIAL_REPORTS).exists()


def test_a_report_keeps_its_structure_when_the_template_changes_later(namnd):
    report = make_report(namnd, make_period(2024, "T2"))
    entry = template_for_year(year=2024).entries.get(kind=BALANCE)
    entry.periods = "VB"
    entry_save(entry=entry)
    from tertial.services import ensure_report_sections

    ensure_report_sections(report=report)
    assert report.sections.filter(kind=BALANCE).exists()


def test_the_template_page_shows_and_edits_the_periods_with_a_swedish_error_for_none(client, city_admin):
    template = template_for_year(year=2024)
    balance = template.entries.get(kind=BALANCE)
    login(client, city_admin)
    page = client.get(reverse("template:edit", args=[2024])).content.decode()
    assert "Gäller i" in page and "Tertial 2, Verksamhetsberättelse" in page and "Alla perioder" in page
    form = client.get(reverse("template:entry_edit", args=[2024, balance.pk])).content.decode()
    assert 'name="periods"' in form and "Tertial 1" in form
    post = {"title": balance.title, "chapter": balance.chapter, "required": "on", "may_be_not_applicable": "on"}
    response = client.post(reverse("template:entry_edit", args=[2024, balance.pk]), post)
    assert response.status_code == 400 and "Välj minst en period." in response.content.decode()
    balance.refresh_from_db()
    assert balance.period_kinds == ["T2", "VB"]
    response = client.post(reverse("template:entry_edit", args=[2024, balance.pk]), {**post, "periods": ["VB"]})
    assert response.status_code == 302
    balance.refresh_from_db()
    assert balance.period_kinds == ["VB"]
    assert balance.history.first().periods == "VB"
    # A period that does not exist is refused, not a 500.
    response = client.post(reverse("template:entry_edit", args=[2024, balance.pk]), {**post, "periods": ["T3"]})
    assert response.status_code == 400


def test_rollover_t1_to_t2_gets_the_balance_section_and_t2_to_vb_keeps_it(namnd, users):
    t1 = make_report(namnd, make_period(2024, "T1"))
    assert not t1.sections.filter(kind=BALANCE).exists()
    t2 = report_rollover(source=t1, period=make_period(2024, "T2"), user=users["controller"]).target
    balance = t2.sections.get(kind=BALANCE)
    balance.analysis = "<p>Balansomslutningen har ökat.</p>"
    balance.save()
    vb = report_rollover(source=t2, period=make_period(2024, "VB"), user=users["controller"]).target
    assert vb.sections.get(kind=BALANCE).analysis == "<p>Balansomslutningen har ökat.</p>"
    t1_next = report_rollover(source=vb, period=make_period(2025, "T1"), user=users["controller"]).target
    assert not t1_next.sections.filter(kind=BALANCE).exists()


def test_the_migration_removes_an_empty_balance_section_of_an_open_t1_report_only(namnd):
    migration = importlib.import_module("tertial.migrations.0021_templatesection_periods")
    t1 = make_report(namnd, make_period(2024, "T1"))
    entry = template_for_year(year=2024).entries.get(kind=BALANCE)
    # What a T1 report made before the periods existed has: the balance section, empty and required.
    made_before = Section.objects.create(
        report=t1, kind=BALANCE, template_entry=entry, chapter="ekonomi", required=True, position=59_000
    )
    written = make_report(namnd, make_period(2023, "T1"))
    written_section = Section.objects.create(
        report=written, kind=BALANCE, chapter="ekonomi", required=True, analysis="<p>Skriven.</p>"
    )
    locked = make_report(namnd, make_period(2025, "T1"))
    locked_section = Section.objects.create(report=locked, kind=BALANCE, chapter="ekonomi", required=True)
    Report.objects.filter(pk=locked.pk).update(status=Report.Status.FASTSTALLD)  # a fastställd report never changes
    t2 = make_report(namnd, make_period(2024, "T2"))
    migration.forwards(django_apps, None)
    assert Section.objects.filter(pk=locked_section.pk).exists()
    assert not Section.objects.filter(pk=made_before.pk).exists()
    assert Section.history.filter(id=made_before.pk, history_type="-").exists()
    assert Section.objects.filter(pk=written_section.pk).exists()  # a text somebody wrote stays
    assert t2.sections.filter(kind=BALANCE).exists()


def test_all_periods_are_the_period_kinds():
    """`tertial.sections.ALL_PERIODS` is written out because the registry cannot import the models: it must name
    every kind of period, in their order, or a new kind would silently get no template sections."""
    from tertial.models import Period
    from tertial.sections import ALL_PERIODS

    assert ALL_PERIODS.split(",") == list(Period.Kind.values)
