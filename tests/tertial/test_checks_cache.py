"""The publication check's result is cached per report version: a page view reads it, any change gives a new one."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from economy.models import BalanceItem
from goals.models import Goal
from tertial.checks import FEL, Finding, check_report, run_checks, run_checks_for_reports
from tertial.checks import cache as checks_cache
from tertial.checks.context import CheckContext
from tertial.editing import save_section
from tertial.models import Period, Section
from tests.conftest import make_namnd, make_report

from .checks_support import make_clean_report, reload
from .helpers import login, url

pytestmark = pytest.mark.django_db


def _unassessed(report):
    return [f for f in run_checks(report) if f.is_error and "bedömning" in f.message.lower()]


def test_an_edit_gives_the_new_result_at_once_and_no_stale_finding(client, users):
    report = make_clean_report(users["controller"].memberships.first().namnd)
    assert run_checks(report) == []
    goal_section = report.sections.get(goal__number="1.1")

    # The writer removes the bedömning through the page's service: the cached "nothing found" is not served.
    save_section(
        section=goal_section,
        user=users["skribent"],
        version=goal_section.version,
        changes={"section": {"assessment": ""}},
    )
    report = reload(report)
    assert [f.section_id for f in _unassessed(report)] == [goal_section.id]
    login(client, users["controller"])
    assert ">1 fel<" in client.get(url("report_overview", report)).content.decode()

    # ... and back: the Fel goes, on the next read, with no stale finding left.
    goal_section.refresh_from_db()
    save_section(
        section=goal_section,
        user=users["skribent"],
        version=goal_section.version,
        changes={"section": {"assessment": "helt"}},
    )
    assert run_checks(reload(report)) == []
    assert ">0 fel<" in client.get(url("report_overview", report)).content.decode()


def test_a_cached_result_is_served_without_running_the_checks(monkeypatch):
    report = make_clean_report()
    first = run_checks(report)
    monkeypatch.setattr("tertial.checks.check_report", lambda report: pytest.fail("the checks ran again"))
    report = reload(report)
    with CaptureQueriesContext(connection) as queries:
        assert run_checks(report) == first
    assert len(queries) == 2  # the version's fingerprint and the cached result


def test_every_kind_of_change_gives_a_new_fingerprint():
    report = make_clean_report()

    def fingerprint():
        return checks_cache.fingerprints([reload(report)])[report.id]

    seen = [fingerprint()]
    # A new row, a changed row and a deleted row of the report's own (economy: the balance sheet).
    item = BalanceItem.objects.create(report=report, side=BalanceItem.Side.ASSETS, name="Kassa", current=1)
    seen.append(fingerprint())
    item.current = 2
    item.save()
    seen.append(fingerprint())
    item.delete()
    seen.append(fingerprint())
    # The city's KF goal (namnd NULL), read by every nämnd's report of the year.
    kf = Goal.objects.get(number="1.1", namnd=None)
    kf.text = "Ny lydelse"
    kf.save()
    seen.append(fingerprint())
    # The report's own status and the nämnd's name.
    report.status = report.Status.UNDER_GRANSKNING
    report.save()
    seen.append(fingerprint())
    report.namnd.name = "Omdöpt nämnd"
    report.namnd.save()
    seen.append(fingerprint())
    assert len(set(seen)) == len(seen)


def test_another_reports_change_leaves_the_cached_result_alone(monkeypatch):
    mine = make_clean_report()
    other = make_report(make_namnd("Annan nämnd", "annan"))
    before = checks_cache.fingerprints([reload(mine)])[mine.id]
    section = other.sections.filter(kind=Section.Kind.GOAL).first()
    section.analysis = "Annan text"
    section.save()
    assert checks_cache.fingerprints([reload(mine)])[mine.id] == before


def test_new_code_never_reads_an_old_codes_result(monkeypatch):
    report = make_clean_report()
    key = checks_cache.cache_key(report, checks_cache.fingerprints([report])[report.id])
    monkeypatch.setattr(checks_cache, "_code_hash", "en-annan-version")
    assert checks_cache.cache_key(report, checks_cache.fingerprints([report])[report.id]) != key


def test_many_reports_read_their_cached_results_in_two_queries():
    reports = [make_clean_report(make_namnd(f"Nämnd {n}", f"namnd-{n}")) for n in range(3)]
    reports = [reload(r) for r in reports]
    computed = run_checks_for_reports(reports)
    with CaptureQueriesContext(connection) as queries:
        assert run_checks_for_reports(reports) == computed
    assert len(queries) == 2


def test_fastställ_checks_the_report_now_not_from_the_cache(users, monkeypatch):
    """The gate of Fastställd does not trust the cache: whatever the cache holds, a Fel found now stops it."""
    from tertial import workflow

    report = make_clean_report(users["controller"].memberships.first().namnd)
    workflow.set_report_status(report=report, user=users["controller"], to_status=report.Status.UNDER_GRANSKNING)
    report = reload(report)
    assert run_checks(report) == []  # cached: nothing found
    fel = Finding(severity=FEL, key="nytt-fel", place="Sammanfattning", message="Ett fel som nyss uppstod.")
    monkeypatch.setattr("tertial.checks.check_report", lambda r: [fel])
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.set_report_status(report=report, user=users["controller"], to_status=report.Status.FASTSTALLD)
    assert refused.value.blockers == [fel]


TABLE = re.compile(r'(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


def test_every_table_the_checks_read_is_in_the_fingerprint():
    """A check that reads a model the fingerprint does not follow would serve stale results: this fails first."""
    from tertial.bench_data import create_bench_report

    report = create_bench_report(
        slug="bench", name="Benchnämnd", period_code="2022-T2", goals=6, indicators=12, activities=12, max_words=600
    )
    report = reload(report)
    # An empty verksamhetsområde narrative makes the checks load the whole economy too.
    Section.objects.filter(report=report, kind=Section.Kind.ECONOMY_AREA).update(analysis="")
    with CaptureQueriesContext(connection) as queries:
        findings = check_report(report)
        ctx = CheckContext(report)
        for section in ctx.sections:
            if section.kind == Section.Kind.ECONOMY_AREA:
                ctx.economy_area_deviation(section)
                break
    assert any(f.severity == FEL for f in findings)
    read = {table for q in queries for table in TABLE.findall(q["sql"])}
    by_table = {m._meta.db_table: m for m in apps.get_models()}
    followed = {m._meta.db_table for m in checks_cache.SOURCES}
    # Period: year and kind only, never changed after it is made.
    unfollowed = {t for t in read if t in by_table and by_table[t] is not Period and t not in followed}
    assert not unfollowed
    assert {"tertial_section", "indicators_indicatorresult", "economy_arearow"} <= read


def _far_from_previous(report):
    return [f for f in run_checks(reload(report)) if f.key.startswith("langt-fran-forra")]


def test_an_edit_of_the_previous_report_gives_the_later_report_a_new_result():
    """The far-from-previous warning reads the nämnd's earlier report of the year (T1 at T2) and last year's VB:
    a change there is a new version of this report's check, not the cached result of the old one."""
    from decimal import Decimal as D

    from tests.conftest import make_period, set_indicator_result

    from .checks_support import indicator

    t2 = make_clean_report()
    kf1 = indicator(t2, "KF-1")
    set_indicator_result(report=t2, indicator=kf1, outcome=D("1.44"), outcome_men=D("1.4"), outcome_women=D("1.5"))
    t1 = make_report(t2.namnd, make_period(2022, "T1"))
    set_indicator_result(report=t1, indicator=kf1, outcome=D("1.4"), forecast=D("1.44"))
    assert _far_from_previous(t2) == []  # cached: nothing far from T1

    # T1 reopened and its figure corrected (a slipped comma there): T2's figure is now far from T1's.
    set_indicator_result(report=t1, indicator=kf1, outcome=D("14"))
    assert [f.key for f in _far_from_previous(t2)] == [f"langt-fran-forra:indikator-{kf1.id}:outcome"]

    # Last year's VB, read where there is no earlier report of the year: T1 goes, the VB in the system counts.
    t1.delete()
    assert _far_from_previous(t2) == []
    vb = make_report(t2.namnd, make_period(2021, "VB"))
    last = indicator(vb, "KF-1")
    set_indicator_result(report=vb, indicator=last, outcome=D("1.45"))
    assert _far_from_previous(t2) == []
    set_indicator_result(report=vb, indicator=last, outcome=D("0.5"))
    assert len(_far_from_previous(t2)) == 2  # Periodens utfall and Prognos helår against 0,5 %


def test_the_previous_reports_rows_are_in_the_fingerprint_and_no_one_elses():
    from tests.conftest import make_period, set_indicator_result

    from .checks_support import indicator

    t2 = make_clean_report()
    t1 = make_report(t2.namnd, make_period(2022, "T1"))
    vb = make_report(t2.namnd, make_period(2022, "VB"))  # later: not read at T2
    other = make_report(make_namnd("Annan nämnd", "annan"), make_period(2022, "T1"))

    def fingerprint():
        return checks_cache.fingerprints([reload(t2)])[t2.id]

    before = fingerprint()
    set_indicator_result(report=vb, indicator=indicator(t2, "KF-1"), outcome=7)
    set_indicator_result(report=other, indicator=indicator(other, "KF-1"), outcome=7)
    assert fingerprint() == before
    set_indicator_result(report=t1, indicator=indicator(t2, "KF-1"), outcome=7)
    assert fingerprint() != before
