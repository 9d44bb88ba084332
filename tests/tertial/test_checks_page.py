"""The Kontroll page, acknowledgements, publication blockers, the check_report command and query counts."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from economy.tables import consistency_problems
from tertial.checks import FEL, VARNING, check_report, context, publication_blockers, run_checks, summarize
from tertial.models import FindingAcknowledgement, Report, Section
from tests.conftest import PASSWORD, set_activity_result, set_indicator_result

from .checks_support import grow, indicator, make_clean_report, reload, section, set_text
from .helpers import assert_links_land

JOHANNA = "Resultatet ska redovisas i VB. //Johanna"
PHONE = "Frågor besvaras av förvaltningens växel på 08-508 08 508."


@pytest.fixture
def defective(namnd):
    """One Fel (the //Johanna note in 1.1.1) and one Varning (a telephone number in Intern kontroll)."""
    report = make_clean_report(namnd)
    set_text(report, JOHANNA)
    set_text(report, PHONE, kind=Section.Kind.INTERNAL_CONTROL)
    return reload(report)


def _url(report, name="checks:report"):
    return reverse(name, kwargs={"slug": report.namnd.slug, "period": report.period.code})


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)


def _warning(report):
    return next(f for f in run_checks(report) if f.severity == VARNING)


def test_page_access(client, defective, users):
    assert client.get(_url(defective)).status_code == 302  # anonymous: to the login
    _login(client, users["outsider"])
    assert client.get(_url(defective)).status_code == 404
    for role in ("skribent", "sekreterare", "stad", "controller"):
        _login(client, users[role])
        assert client.get(_url(defective)).status_code == 200


def test_page_lists_findings_grouped_by_section_with_links(client, defective, users):
    _login(client, users["skribent"])
    page = client.get(_url(defective)).content.decode()
    s = section(defective, number="1.1.1")
    assert '<h2 id="grupp-1" class="h4">Nämndmål 1.1.1</h2>' in page
    assert f'href="/rapporter/testnamnd/2022-T2/avsnitt/{s.id}/#id_s-analysis"' in page
    assert "//Johanna" in page and ">Fel<" in page and ">Varning<" in page
    assert "Rapporten kan inte fastställas: 1 fel och 1 okvitterade varningar" in page
    assert "Kvittera varningen" not in page  # a skribent cannot acknowledge


def test_controller_acknowledges_a_warning_with_a_comment(client, defective, users):
    _login(client, users["controller"])
    assert "Kvittera varningen" in client.get(_url(defective)).content.decode()
    key = _warning(defective).key
    response = client.post(_url(defective, "checks:acknowledge"), {"key": key, "comment": "Växelns nummer, ska stå."})
    assert response.status_code == 302
    assert response["Location"].startswith(_url(defective) + "#fynd-telefon")
    ack = FindingAcknowledgement.objects.get(report=defective, key=key)
    assert (ack.user, ack.comment) == (users["controller"], "Växelns nummer, ska stå.")
    assert "Intern kontroll" in ack.message
    page = client.get(_url(defective)).content.decode()
    assert "Kvitterad av controller" in page and "”Växelns nummer, ska stå.”" in page
    assert ack.history.count() == 1  # the trail: who and when, kept by simple-history too


def test_acknowledgement_needs_a_comment(client, defective, users):
    _login(client, users["controller"])
    response = client.post(_url(defective, "checks:acknowledge"), {"key": _warning(defective).key, "comment": " "})
    assert response.status_code == 400
    assert "Skriv varför varningen kan godtas." in response.content.decode()
    assert not FindingAcknowledgement.objects.exists()


def test_unknown_or_overlong_key_is_refused_clearly(client, defective, users):
    _login(client, users["controller"])
    for key in ("finns-inte", "x" * 300):
        response = client.post(_url(defective, "checks:acknowledge"), {"key": key, "comment": "Ok."})
        assert response.status_code == 400
        page = response.content.decode()
        assert "Varningen finns inte längre" in page or "Varningen kunde inte kvitteras" in page
    assert not FindingAcknowledgement.objects.exists()


def test_an_error_cannot_be_acknowledged(client, defective, users):
    _login(client, users["controller"])
    error = next(f for f in run_checks(defective) if f.severity == FEL)
    response = client.post(_url(defective, "checks:acknowledge"), {"key": error.key, "comment": "Det får stå."})
    assert response.status_code == 400
    assert "Ett fel kan inte kvitteras" in response.content.decode()
    assert not FindingAcknowledgement.objects.exists()


def test_only_controllers_acknowledge(client, defective, users):
    key = _warning(defective).key
    _login(client, users["skribent"])
    assert client.post(_url(defective, "checks:acknowledge"), {"key": key, "comment": "Ok."}).status_code == 403
    _login(client, users["outsider"])
    assert client.post(_url(defective, "checks:acknowledge"), {"key": key, "comment": "Ok."}).status_code == 404
    assert client.get(_url(defective, "checks:acknowledge")).status_code == 404  # the right before the method
    _login(client, users["controller"])
    assert client.get(_url(defective, "checks:acknowledge")).status_code == 405
    assert not FindingAcknowledgement.objects.exists()


def test_blockers_are_every_error_and_every_unacknowledged_warning(defective, users):
    """The Fastställd transition asks publication_blockers; here it is the gate itself that is tested."""
    from tertial.checks.services import acknowledge_finding

    assert [f.severity for f in publication_blockers(defective)] == [FEL, VARNING]
    acknowledge_finding(report=defective, user=users["controller"], key=_warning(defective).key, comment="Växeln.")
    assert [f.severity for f in publication_blockers(defective)] == [FEL]
    set_text(defective, "Resultatet ska redovisas i VB.")
    assert publication_blockers(reload(defective)) == []
    summary = summarize(reload(defective))
    assert (summary.errors, summary.warnings, summary.acknowledged, summary.blocking) == (0, 1, 1, 0)


def test_counts_partial(client, defective, users):
    from django.template.loader import render_to_string

    html = render_to_string("tertial/checks/_counts.html", {"report": defective, "check_summary": summarize(defective)})
    assert "1 fel" in html and "1 varningar" in html and _url(defective) in html


def test_overview_shows_the_check_counts(client, defective, users):
    _login(client, users["skribent"])
    page = client.get(reverse("report_overview", kwargs={"slug": "testnamnd", "period": "2022-T2"})).content.decode()
    assert 'aria-label="Publiceringskontroll"' in page
    assert "1 fel</span>" in page and "1 varningar</span>" in page


def test_command_prints_findings_and_fails_on_errors(defective):
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("check_report", "testnamnd", "2022-T2", stdout=out)
    assert raised.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("FEL\tNämndmål 1.1.1 – Analys\tTexten innehåller en intern anteckning")
    assert lines[1].startswith("VARNING\tIntern kontroll – Analys\tTexten innehåller ett telefonnummer")


def test_command_succeeds_with_only_warnings(defective):
    set_text(defective, "Resultatet ska redovisas i VB.")
    out = StringIO()
    call_command("check_report", "testnamnd", "2022-T2", stdout=out)
    assert out.getvalue().startswith("VARNING\t")


@pytest.mark.parametrize("args, message", [(("okand", "2022-T2"), "ingen rapport"), (("testnamnd", "2022"), "Ogiltig")])
def test_command_explains_bad_arguments(defective, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("check_report", *args, stdout=StringIO())


def _economy_queries(report):
    with CaptureQueriesContext(connection) as captured:
        consistency_problems(report)
    return len(captured)


def test_query_count_does_not_grow_with_the_report(namnd, other_namnd, django_assert_num_queries):
    """Guards the N+1 of reading each goal's section, each indicator's result or each activity's follow-up:
    sections, indicators, results, activities and follow-ups are five queries whatever the size."""
    small = make_clean_report(namnd)
    large = make_clean_report(other_namnd)
    grow(large, 60)
    for report in (small, large):
        report = reload(report)
        with django_assert_num_queries(5 + _economy_queries(report)):
            check_report(report)  # the check itself, uncached


def test_page_query_count_does_not_grow_with_the_report(client, namnd, other_namnd, users, django_assert_num_queries):
    """Guards the N+1 of showing each acknowledgement's user and each finding's section on the Kontroll page."""
    from tertial.models import Membership
    from tests.conftest import make_user

    small = make_clean_report(namnd)
    large = make_clean_report(other_namnd)
    grow(large, 40)
    for report in (small, large):
        set_text(report, JOHANNA)
    make_user("controller2", namnd=other_namnd, role=Membership.Role.CONTROLLER)
    counts = []
    for report, username in ((small, "controller"), (large, "controller2")):
        client.login(username=username, password=PASSWORD)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(report)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_section_partial_shows_the_sections_own_findings(defective):
    """The section page includes this partial: a writer sees what to fix in the section they write."""
    from django.template.loader import render_to_string

    from tertial.checks import findings_for_section

    s = section(defective, number="1.1.1")
    html = render_to_string("tertial/_findings.html", {"findings": findings_for_section(defective, s)})
    assert "//Johanna" in html and html.count("<li") == 1
    assert "telefonnummer" not in html  # that one is in Intern kontroll
    other = section(defective, number="1.1")
    assert findings_for_section(defective, other) == []
    assert "inget att anmärka" in render_to_string("tertial/_findings.html", {"findings": []})


def test_section_page_shows_an_acknowledged_warning_as_acknowledged(client, defective, users):
    """A Varning the controller has kvitterat is no longer open on the section page: it says who and when. Guards
    the N+1 of the acknowledgement and its user per finding: the page reads the same queries after the kvittering."""
    control = section(defective, kind=Section.Kind.INTERNAL_CONTROL)
    page_url = reverse(
        "section_edit", kwargs={"slug": defective.namnd.slug, "period": defective.period.code, "pk": control.pk}
    )
    _login(client, users["skribent"])
    assert "Kvitterad av" not in client.get(page_url).content.decode()
    with CaptureQueriesContext(connection) as before:
        client.get(page_url)
    _login(client, users["controller"])
    key = _warning(defective).key
    client.post(_url(defective, "checks:acknowledge"), {"key": key, "comment": "Växelns nummer, ska stå."})
    ack = FindingAcknowledgement.objects.get(report=defective, key=key)
    _login(client, users["skribent"])
    with CaptureQueriesContext(connection) as after:
        page = client.get(page_url).content.decode()
    assert len(after) == len(before)
    findings = page[page.index('class="list-unstyled findings"') :]
    assert "Varning, kvitterad" in findings and ">Varning<" not in findings
    assert f"Kvitterad av controller {ack.created_at.astimezone().strftime('%Y-%m-%d %H:%M')}" in findings
    assert "”Växelns nummer, ska stå.”" in findings


@pytest.fixture
def every_kind_of_link(namnd):
    """A finding at every kind of place the Kontroll links to (tertial/checks/context.py): a goal's bedömning and
    analysis, a presentation summary, Inte aktuellt of an empty text section, an indicator's outcome, its split by
    gender, its forecast and its analysis, an activity's empty and its written analysis."""
    from datetime import date
    from decimal import Decimal as D

    from indicators.models import Activity

    report = make_clean_report(namnd)
    namndmal = section(report, number="1.1.1")
    namndmal.assessment, namndmal.analysis = "", ""  # bedömning and analys missing
    namndmal.save()
    kf = section(report, number="1.1")
    kf.analysis, kf.presentation_summary = JOHANNA, f"<ul><li><p>{JOHANNA}</p></li></ul>"
    kf.save()
    emptied = section(report, Section.Kind.INTERNAL_CONTROL)
    emptied.analysis = ""  # required, and it may be Inte aktuellt
    emptied.save()
    kf_indicator = indicator(report, "KF-1")
    kf_indicator.historical_vb_outcome = D("1.49")
    kf_indicator.save()  # without a split by gender, and a forecast a third of last year's
    set_indicator_result(report=report, indicator=kf_indicator, outcome_men=None, forecast=D("0.5"))
    set_indicator_result(report=report, indicator=indicator(report, "N-1"), outcome=None, analysis=f"<p>{JOHANNA}</p>")
    own = Activity.objects.get(goal=namndmal.goal)
    own.end_date = date(report.period.year, 6, 30)  # ended, with nothing written
    own.save()
    set_activity_result(report=report, activity=Activity.objects.get(goal=kf.goal), analysis=f"<p>{JOHANNA}</p>")
    return reload(report)


@pytest.mark.parametrize(
    "role, locked",
    [("stad", False), ("sekreterare", False), ("controller", True), ("skribent", False)],
    ids=["stad", "sekreterare", "fastställd", "skribent"],
)
def test_every_link_of_the_kontroll_lands_on_an_element_with_its_id(client, users, every_kind_of_link, role, locked):
    """A reader's section page is the read-only one: it has an element with the id of every field a finding links
    to, also of a field that is empty there (Inte aktuellt: nej, an activity without a follow-up)."""
    report = every_kind_of_link
    links = [f.url for f in check_report(report) if "#" in f.url]
    anchors = {link.split("#")[1] for link in links}
    section_anchors = {v for k, v in vars(context).items() if k.startswith("ANCHOR_")}
    # A nämndmål's Beskrivning and Förväntat resultat are places of the search (test_search.py), not of a finding.
    assert section_anchors - {context.ANCHOR_DESCRIPTION, context.ANCHOR_EXPECTED_RESULT} <= anchors
    fields = {tuple(a.split("-", 2)[::2]) for a in anchors if a.startswith(("id_ind-", "id_akt-"))}
    assert fields == {
        ("id_ind", "outcome"),
        ("id_ind", "outcome_men"),
        ("id_ind", "forecast"),
        ("id_ind", "analysis"),
        ("id_akt", "analysis"),
    }
    if locked:
        report.status = Report.Status.FASTSTALLD
        report.save()
    _login(client, users[role])
    assert_links_land(client, links, role)
    if role != "skribent":  # the reader sees what the link is about
        emptied = client.get(next(link for link in links if link.endswith("#id_s-not_applicable"))).content.decode()
        assert '<p id="id_s-not_applicable"><strong>Inte aktuellt:</strong> nej</p>' in emptied


@pytest.mark.parametrize("role", ["stad", "sekreterare", "controller"])
def test_every_economy_link_of_the_kontroll_lands_on_its_table(client, report, users, monkeypatch, role):
    """The economy's findings (economy.tables.checks) link to their table on the economy page."""
    from decimal import Decimal as D

    from economy.models import BalanceItem, TurnoverChange
    from economy.tables.base import Problem
    from tests.economy.factories import make_area, make_area_row, make_summary

    area = make_area(report, "Äldreomsorg")
    make_area_row(report, area, "100", None, "99")
    make_summary(report, cost_budget="-120", income_budget="20")
    TurnoverChange.objects.create(report=report, area=area, costs=D(2), income=D(-2))
    for side, value in ((BalanceItem.Side.ASSETS, D(10)), (BalanceItem.Side.LIABILITIES, D(-10))):
        BalanceItem.objects.create(report=report, side=side, name=side.label, previous=value, current=value)
    keys = ["drift_summary", "drift_areas", "omslutningsforandringar", "balans_skulder"]  # those the checks name
    problems = [Problem(key, f"Tabell {key}", "Summan stämmer inte.") for key in keys]
    monkeypatch.setattr("tertial.checks.figures.consistency_problems", lambda report, data=None: problems)
    links = [f.url for f in check_report(reload(report)) if f.key.startswith("ekonomi:")]
    assert len(links) == len(keys)
    _login(client, users[role])
    assert_links_land(client, links, role)
