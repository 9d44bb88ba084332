"""Every allowed and refused review transition of sections and reports, each recorded with who, when and why."""

import pytest

from tertial import workflow
from tertial.checks import Finding
from tertial.models import Report, ReportTransition, Section, SectionTransition
from tertial.workflow import WorkflowError, set_report_status, set_section_state

from .checks_support import make_publishable
from .helpers import login, url

S = Section.State
R = Report.Status

ALLOWED_SECTION = [
    (S.UTKAST, S.KLAR, "skribent", ""),
    (S.UTKAST, S.KLAR, "controller", ""),
    (S.ATERREMITTERAD, S.KLAR, "skribent", ""),
    (S.KLAR, S.UTKAST, "skribent", ""),
    (S.KLAR, S.GODKAND, "controller", ""),
    (S.KLAR, S.ATERREMITTERAD, "controller", "Analysen saknar jämställdhet."),
    (S.UTKAST, S.ATERREMITTERAD, "controller", "Börja om."),
    (S.GODKAND, S.ATERREMITTERAD, "controller", "Siffrorna ändrades."),
]


@pytest.fixture
def section(report):
    return report.sections.get(goal__number="1.1")


def _at(section, state):
    Section.objects.filter(pk=section.pk).update(state=state)  # test set-up only: no history wanted
    section.refresh_from_db()
    return section


@pytest.mark.parametrize("from_state, to_state, role, reason", ALLOWED_SECTION)
def test_allowed_section_transitions_are_recorded(users, section, from_state, to_state, role, reason):
    _at(section, from_state)
    set_section_state(section=section, user=users[role], to_state=to_state, reason=reason)
    section.refresh_from_db()
    assert section.state == to_state
    transition = SectionTransition.objects.get(section=section)
    assert (transition.from_state, transition.to_state, transition.user, transition.reason) == (
        from_state,
        to_state,
        users[role],
        reason,
    )
    assert section.history.first().history_user == users[role]


REFUSED_SECTION = [
    (S.KLAR, S.GODKAND, "skribent", "", "controller"),
    (S.KLAR, S.ATERREMITTERAD, "skribent", "Nej", "controller"),
    (S.KLAR, S.ATERREMITTERAD, "controller", "", "Skriv varför"),
    (S.GODKAND, S.ATERREMITTERAD, "controller", "   ", "Skriv varför"),
    (S.UTKAST, S.GODKAND, "controller", "", "kan inte gå från Utkast till Godkänd"),
    (S.GODKAND, S.KLAR, "skribent", "", "kan inte gå från Godkänd"),
    (S.GODKAND, S.UTKAST, "controller", "", "kan inte gå"),
    (S.UTKAST, S.KLAR, "sekreterare", "", "controller"),
    (S.UTKAST, "okänd", "controller", "", "Okänd"),
]


@pytest.mark.parametrize("from_state, to_state, role, reason, message", REFUSED_SECTION)
def test_refused_section_transitions(users, section, from_state, to_state, role, reason, message):
    _at(section, from_state)
    with pytest.raises(WorkflowError, match=message):
        set_section_state(section=section, user=users[role], to_state=to_state, reason=reason)
    section.refresh_from_db()
    assert section.state == from_state and not SectionTransition.objects.exists()


def test_section_transitions_refused_when_report_faststalld(users, report, section):
    Report.objects.filter(pk=report.pk).update(status=R.FASTSTALLD)
    with pytest.raises(WorkflowError, match="fastställd"):
        set_section_state(section=section, user=users["controller"], to_state=S.KLAR)


def test_returned_reason_is_shown_to_the_writer(client, users, report, section):
    _at(section, S.KLAR)
    login(client, users["controller"])
    client.post(url("section_transition", report, section), {"to_state": "aterremitterad", "reason": "Saknar analys."})
    login(client, users["skribent"])
    assert "Saknar analys." in client.get(url("section_edit", report, section)).content.decode()
    home = client.get("/").content.decode()
    assert "Saknar analys." in home and "Återremitterade avsnitt" in home
    # approved sections count in the progress bar
    section.refresh_from_db()
    set_section_state(section=section, user=users["skribent"], to_state=S.KLAR)
    set_section_state(section=section, user=users["controller"], to_state=S.GODKAND)
    home = client.get("/").content.decode()
    assert f"1 av {report.sections.count()} godkända" in home and "Saknar analys." not in home


def test_return_without_reason_shows_swedish_error(client, users, report, section):
    _at(section, S.KLAR)
    login(client, users["controller"])
    response = client.post(url("section_transition", report, section), {"to_state": "aterremitterad"}, follow=True)
    assert "Skriv varför avsnittet återremitteras." in response.content.decode()


ALLOWED_REPORT = [
    (R.UNDER_ARBETE, R.UNDER_GRANSKNING, ""),
    (R.UNDER_GRANSKNING, R.UNDER_ARBETE, "Fler ändringar behövs."),
    (R.UNDER_GRANSKNING, R.FASTSTALLD, ""),
    (R.FASTSTALLD, R.UNDER_ARBETE, "Nämnden återremitterade."),
]


@pytest.mark.parametrize("from_status, to_status, reason", ALLOWED_REPORT)
def test_allowed_report_transitions_are_recorded(users, report, from_status, to_status, reason):
    if to_status == R.FASTSTALLD:
        make_publishable(report)  # Fastställd needs a report the publication check has nothing against
    Report.objects.filter(pk=report.pk).update(status=from_status)
    set_report_status(report=report, user=users["controller"], to_status=to_status, reason=reason)
    report.refresh_from_db()
    assert report.status == to_status
    transition = ReportTransition.objects.get(report=report)
    assert (transition.from_status, transition.to_status, transition.user, transition.reason) == (
        from_status,
        to_status,
        users["controller"],
        reason,
    )


REFUSED_REPORT = [
    (R.UNDER_ARBETE, R.FASTSTALLD, "controller", "", "kan inte gå från Under arbete till Fastställd"),
    (R.FASTSTALLD, R.UNDER_ARBETE, "controller", "", "Skriv ett skäl"),
    (R.UNDER_GRANSKNING, R.UNDER_ARBETE, "controller", "", "Skriv ett skäl"),
    (R.FASTSTALLD, R.UNDER_GRANSKNING, "controller", "Snabbt", "kan inte gå"),
    (R.UNDER_ARBETE, R.UNDER_GRANSKNING, "skribent", "", "Bara nämndens controller"),
    (R.UNDER_ARBETE, R.UNDER_GRANSKNING, "outsider", "", "Bara nämndens controller"),
    (R.UNDER_ARBETE, R.UNDER_GRANSKNING, "stad", "", "Bara nämndens controller"),
]


@pytest.mark.parametrize("from_status, to_status, role, reason, message", REFUSED_REPORT)
def test_refused_report_transitions(users, report, from_status, to_status, role, reason, message):
    Report.objects.filter(pk=report.pk).update(status=from_status)
    with pytest.raises(WorkflowError, match=message):
        set_report_status(report=report, user=users[role], to_status=to_status, reason=reason)
    report.refresh_from_db()
    assert report.status == from_status and not ReportTransition.objects.exists()


def test_faststalld_refused_while_publication_blockers(client, users, report, monkeypatch):
    blocker = Finding(severity="fel", key="k", place="Nämndmål 1.1.1", message="Utfall saknas.")
    monkeypatch.setattr("tertial.checks.publication_blockers", lambda r: [blocker])
    Report.objects.filter(pk=report.pk).update(status=R.UNDER_GRANSKNING)
    with pytest.raises(WorkflowError) as error:
        set_report_status(report=report, user=users["controller"], to_status=R.FASTSTALLD)
    assert error.value.blockers == [blocker]
    login(client, users["controller"])
    response = client.post(url("report_status", report), {"to_status": "faststalld"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "kan inte fastställas" in page and "Utfall saknas." in page
    report.refresh_from_db()
    assert report.status == R.UNDER_GRANSKNING


def test_report_actions_offered_to_controller_only(users, report):
    assert [a[0] for a in workflow.report_transitions_for(users["controller"], report)] == [R.UNDER_GRANSKNING]
    assert workflow.report_transitions_for(users["skribent"], report) == []


def test_writer_changing_an_approved_section_sends_it_back_to_review(users, section):
    from tertial.editing import save_section

    _at(section, S.GODKAND)
    save_section(section=section, user=users["skribent"], version=1, changes={"section": {"analysis": "Ny mening."}})
    section.refresh_from_db()
    assert section.state == S.KLAR
    assert SectionTransition.objects.get(section=section).reason == "Ändrat efter godkännande."
    # the controller's own corrections keep the approval
    _at(section, S.GODKAND)
    save_section(section=section, user=users["controller"], version=2, changes={"section": {"analysis": "Rättad."}})
    section.refresh_from_db()
    assert section.state == S.GODKAND
