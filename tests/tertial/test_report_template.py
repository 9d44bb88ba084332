"""The year's report template: one registry of section kinds, templates copied year to year, free sections and
subsections that reach the page, the Kontroll and every export, and the controller's own sections."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation

from tertial import sections
from tertial.checks import run_checks
from tertial.errors import ServiceError
from tertial.exports.docx import build_docx
from tertial.exports.pptx import build_pptx
from tertial.exports.selectors import load_report
from tertial.exports.xlsx import build_xlsx
from tertial.models import Membership, Report, ReportTemplate, Section, TemplateSection
from tertial.report_template import entry_save, template_copy, template_for_year
from tertial.services import report_create, report_section_add, report_section_remove
from tertial.workflow import WorkflowError, set_report_status
from tests.conftest import make_namnd, make_period, make_report, make_user

from .helpers import login, url

pytestmark = pytest.mark.django_db


def test_every_section_kind_has_a_registry_entry():
    # A kind added to Section.Kind without an entry would never reach the page, the checks or the exports.
    missing = [kind for kind in Section.Kind.values if kind not in sections.registry()]
    assert missing == []
    for info in sections.registry().values():
        assert info.render in sections.Render.values and info.chapter in sections.Chapter.values


def test_the_first_template_has_the_default_sections_and_the_next_year_copies_it():
    first = template_for_year(year=2024)
    assert [e.kind for e in first.entries.order_by("position")] == [k.key for k in sections.default_template_kinds()]
    entry = first.entries.get(kind=Section.Kind.INTERNAL_CONTROL)
    entry.instructions = "Redovisa avvikelser per process."
    entry.save()
    first.instructions_namndmal = "Bedöm nämndmålet utifrån indikatorerna."
    first.save()

    second = template_for_year(year=2025)
    assert second.copied_from == first
    assert (
        second.entries.get(kind=Section.Kind.INTERNAL_CONTROL).instructions == "<p>Redovisa avvikelser per process.</p>"
    )
    assert second.instructions_namndmal == "<p>Bedöm nämndmålet utifrån indikatorerna.</p>"
    # Editing next year leaves this year alone.
    copy = second.entries.get(kind=Section.Kind.INTERNAL_CONTROL)
    copy.title = "Intern kontroll och riskhantering"
    copy.save()
    assert first.entries.get(kind=Section.Kind.INTERNAL_CONTROL).title == "Intern kontroll"
    with pytest.raises(ServiceError, match="redan en rapportmall"):
        template_copy(source=first, year=2025)


def _free_entry(template, title, *, parent=None, **extra):
    entry = TemplateSection(template=template, kind="fri", title=title, chapter="ovrigt", parent=parent, **extra)
    return entry_save(entry=entry)


def test_a_free_section_in_the_template_reaches_the_report_the_page_and_every_export(client, namnd, users):
    template = template_for_year(year=2022)
    special = template.entries.get(kind=Section.Kind.SPECIAL_REPORTS)
    _free_entry(
        template,
        "Lika rättigheter för alla",
        instructions="Beskriv arbetet med **lika rättigheter**.",
        on_slides=True,
    )
    _free_entry(template, "Nationella minoriteters rättigheter", parent=special, required=False)
    report = make_report(namnd)
    free = report.sections.get(heading_text="Lika rättigheter för alla")
    child = report.sections.get(heading_text="Nationella minoriteters rättigheter")
    assert free.kind == Section.Kind.FREE and free.required and free.chapter_key == "ovrigt"
    assert child.parent == report.sections.get(kind=Section.Kind.SPECIAL_REPORTS) and not child.required

    # The writer sees the anvisningar above the editor.
    login(client, users["skribent"])
    page = client.get(url("section_edit", report, free)).content.decode()
    assert "Anvisningar" in page and "<strong>lika rättigheter</strong>" in page

    # Every export prints it, with no export code knowing the section.
    for section, text in ((free, "Alla ska bemötas lika."), (child, "Samiska förvaltningsområdet.")):
        section.analysis = text
        section.presentation_summary = "- Utbildning för all personal." if section == free else ""
        section.save()
    data = load_report(Report.objects.select_related("namnd", "period").get(pk=report.pk))
    doc = Document(io.BytesIO(build_docx(data)))
    headings = [(p.text, p.style.name) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert ("Lika rättigheter för alla", "Heading 2") in headings
    assert ("Nationella minoriteters rättigheter", "Heading 3") in headings  # under Särskilda redovisningar
    texts = [p.text for p in doc.paragraphs]
    assert "Alla ska bemötas lika." in texts and "Samiska förvaltningsområdet." in texts

    sheet = load_workbook(io.BytesIO(build_xlsx(data)))["Avsnitt"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert ["Övrigt", "Lika rättigheter för alla", "Ja", "Utkast", "Alla ska bemötas lika."] in rows

    deck = Presentation(io.BytesIO(build_pptx(data)))
    slide_texts = [" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    assert any("Lika rättigheter för alla" in t and "Utbildning för all personal." in t for t in slide_texts)


def test_an_empty_optional_section_is_left_out_and_a_required_one_is_a_fel(namnd):
    template = template_for_year(year=2022)
    _free_entry(template, "Klagomål, synpunkter och beröm", required=True)
    _free_entry(template, "Fokusområden", required=False)
    report = make_report(namnd)
    findings = {f.message for f in run_checks(Report.objects.select_related("namnd", "period").get(pk=report.pk))}
    assert any("Klagomål, synpunkter och beröm" in m and "obligatoriskt" in m for m in findings)
    assert not any("Fokusområden" in m for m in findings)
    doc = Document(
        io.BytesIO(build_docx(load_report(Report.objects.select_related("namnd", "period").get(pk=report.pk))))
    )
    assert "Fokusområden" not in [p.text for p in doc.paragraphs]  # no bare heading


def test_an_empty_report_cannot_be_faststalld(namnd, users):
    # A report made before the nämnd's plan exists: sections from the template, no goals.
    report = report_create(namnd=namnd, period=make_period(2026, "T1"))
    assert report.sections.exists()
    keys = {f.key for f in run_checks(Report.objects.select_related("namnd", "period").get(pk=report.pk))}
    assert "inga-mal" in keys
    set_report_status(report=report, user=users["controller"], to_status=Report.Status.UNDER_GRANSKNING)
    with pytest.raises(WorkflowError) as error:
        set_report_status(report=report, user=users["controller"], to_status=Report.Status.FASTSTALLD)
    assert any(b.key == "inga-mal" for b in error.value.blockers)
    assert any(b.key.startswith("tomt-avsnitt") for b in error.value.blockers)


def test_the_controller_adds_own_sections_but_cannot_remove_required_ones(report, users):
    own = report_section_add(
        report=report, title="  Personuppgiftsincidenter ", chapter="ovrigt", user=users["controller"]
    )
    assert own.title == "Personuppgiftsincidenter" and own.is_own and own.chapter_key == "ovrigt"
    assert own.position > report.sections.get(kind=Section.Kind.SPECIAL_REPORTS).position
    with pytest.raises(ServiceError, match="controller"):
        report_section_add(report=report, title="Mitt", chapter="ovrigt", user=users["skribent"])
    with pytest.raises(ServiceError, match="kapitel"):
        report_section_add(report=report, title="Mål", chapter="mal", user=users["controller"])
    required = report.sections.get(kind=Section.Kind.INTERNAL_CONTROL)
    with pytest.raises(ServiceError, match="obligatoriskt"):
        report_section_remove(section=required, user=users["controller"])
    with pytest.raises(ServiceError, match="följer planen"):
        report_section_remove(section=report.sections.filter(kind="goal").first(), user=users["controller"])
    own_id = own.pk
    report_section_remove(section=own, user=users["controller"])
    assert not Section.objects.filter(pk=own_id).exists()
    assert Section.history.filter(id=own_id, history_type="-").exists()  # the removal is in the history


def test_the_overview_adds_and_removes_own_sections(client, report, users):
    login(client, users["controller"])
    response = client.post(url("section_add", report), {"title": "Fokusområden", "chapter": "sammanfattning"})
    assert response.status_code == 302
    own = report.sections.get(heading_text="Fokusområden")
    assert own.position < report.sections.filter(kind="goal").order_by("position").first().position
    overview = client.get(url("report_overview", report)).content.decode()
    assert "Fokusområden" in overview and "Ta bort avsnittet Fokusområden" in overview
    login(client, users["skribent"])
    assert client.post(url("section_remove", report, own)).status_code == 403
    assert "Ta bort avsnittet" not in client.get(url("report_overview", report)).content.decode()
    login(client, users["outsider"])
    assert client.post(url("section_add", report), {"title": "X", "chapter": "ovrigt"}).status_code == 404
    login(client, users["controller"])
    assert client.post(url("section_remove", report, own)).status_code == 302
    assert not report.sections.filter(heading_text="Fokusområden").exists()


def test_a_faststalld_reports_structure_cannot_change(report, users):
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FASTSTALLD)
    report.refresh_from_db()
    with pytest.raises(ServiceError, match="fastställd"):
        report_section_add(report=report, title="Sent tillägg", chapter="ovrigt", user=users["controller"])


# --- the template pages ---------------------------------------------------------------------------------------


@pytest.fixture
def city_admin(db):
    return make_user("stadsadmin", role=Membership.Role.CITY_ADMIN)


def test_only_city_administrators_reach_the_template_pages(client, users, city_admin):
    template_for_year(year=2022)
    pages = [
        reverse("template:list"),
        reverse("template:edit", args=[2022]),
        reverse("template:entry_new", args=[2022]),
    ]
    for page in pages:
        assert client.get(page).status_code == 302  # anonymous: to the login
    for role in ("skribent", "controller", "sekreterare", "stad"):
        login(client, users[role])
        assert [client.get(page).status_code for page in pages] == [404, 404, 404]
        assert client.post(reverse("template:create"), {"year": 2023}).status_code == 404
    login(client, city_admin)
    assert [client.get(page).status_code for page in pages] == [200, 200, 200]
    assert not ReportTemplate.objects.filter(year=2023).exists()


def test_a_city_admin_sets_up_next_years_template_in_the_browser(client, city_admin):
    template_for_year(year=2022)
    login(client, city_admin)
    response = client.post(reverse("template:create"), {"year": 2023})
    assert response.status_code == 302 and response["Location"] == reverse("template:edit", args=[2023])
    template = ReportTemplate.objects.get(year=2023)
    response = client.post(
        reverse("template:entry_new", args=[2023]),
        {
            "kind": "fri",
            "title": "Klagomål, synpunkter och beröm",
            "chapter": "ovrigt",
            "required": "on",
            "may_be_not_applicable": "on",
            "periods": ["T1", "T2", "VB"],  # the boxes a new entry has ticked
            "instructions": "Sammanfatta inkomna klagomål.",
        },
    )
    assert response.status_code == 302
    entry = template.entries.get(title="Klagomål, synpunkter och beröm")
    assert entry.key == "klagomal-synpunkter-och-berom" and entry.required
    # Moved up past Särskilda redovisningar.
    before = [e.title for e in template.entries.filter(chapter="ovrigt").order_by("position")]
    client.post(reverse("template:entry_move", args=[2023, entry.pk]), {"riktning": "upp"})
    after = [e.title for e in template.entries.filter(chapter="ovrigt").order_by("position")]
    assert after.index("Klagomål, synpunkter och beröm") == before.index("Klagomål, synpunkter och beröm") - 1
    # A bad entry gets a Swedish error, not a 500.
    response = client.post(
        reverse("template:entry_new", args=[2023]), {"kind": "fri", "title": "", "chapter": "ovrigt"}
    )
    assert response.status_code == 400 and "Detta fält måste fyllas i" in response.content.decode()
    client.post(reverse("template:entry_delete", args=[2023, entry.pk]))
    assert not template.entries.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("extra", [0, 12])
def test_template_page_query_count_does_not_grow(client, city_admin, extra, django_assert_num_queries):
    template = template_for_year(year=2022)
    for n in range(extra):
        _free_entry(template, f"Avsnitt {n}")
    login(client, city_admin)
    # Session, user, the admin role, the template and its entries (parents joined): no query per entry.
    with django_assert_num_queries(5):
        assert client.get(reverse("template:edit", args=[2022])).status_code == 200


def test_a_report_of_another_namnd_is_unaffected_by_a_controllers_own_section(report, users):
    other = make_report(make_namnd("Annan", "annan"), report.period)
    report_section_add(report=report, title="Eget", chapter="ovrigt", user=users["controller"])
    assert not other.sections.filter(heading_text="Eget").exists()


def test_the_template_list_previews_an_entrys_anvisningar_as_text_not_markup(client, city_admin):
    template = template_for_year(year=2022)
    entry = template.entries.get(kind=Section.Kind.INTERNAL_CONTROL)
    entry.instructions = "<p>Redovisa avvikelser per <strong>process</strong>.</p><ul><li><p>Brister</p></li></ul>"
    entry.save()
    login(client, city_admin)
    page = client.get(reverse("template:edit", args=[2022])).content.decode()
    assert "Redovisa avvikelser per process. Brister" in page
    assert "&lt;p&gt;" not in page
