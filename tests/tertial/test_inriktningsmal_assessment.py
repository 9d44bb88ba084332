"""The inriktningsmål's bedömning is a setting of the year's report template: the 2019–2022 reports give the
inriktningsmål prose only (no `Uppfylls helt`, no `Analys` heading), from 2023 they are assessed like the goals
below them. The report takes the setting when it is made; Word, PDF, Excel, the slides, the page and the
Kontroll all follow it."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation

from tertial.checks import run_checks
from tertial.exports.docx import build_docx
from tertial.exports.pptx import build_pptx
from tertial.exports.selectors import load_report
from tertial.exports.xlsx import build_xlsx
from tertial.models import Membership, Report, ReportTemplate, Section
from tertial.report_template import template_for_year
from tests.conftest import make_namnd, make_period, make_report, make_user

from .helpers import login, url

pytestmark = pytest.mark.django_db

PROSE = "Förvaltningens bedömning är att stadsdelsnämnden under året kommer att bidra till att inriktningsmålet nås."


def _report(assessed: bool, year=2022):
    template = template_for_year(year=year)
    template.inriktningsmal_assessment = assessed
    template.save()
    report = make_report(make_namnd(), make_period(year))
    for section in report.sections.select_related("goal").filter(goal__isnull=False):
        section.assessment = "helt"
        section.analysis = PROSE if section.goal.level == 1 else "En analys."
        section.save()
    return Report.objects.select_related("namnd", "period").get(pk=report.pk)


def _after_heading(doc, start: str) -> list[tuple[str, str]]:
    """(style, text) of the paragraphs from the heading starting with `start` to the next heading."""
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs if p.text.strip()]
    i = next(i for i, (style, text) in enumerate(paragraphs) if style.startswith("Heading") and text.startswith(start))
    following = []
    for style, text in paragraphs[i + 1 :]:
        if style.startswith("Heading"):
            break
        following.append((style, text))
    return following


def test_the_report_takes_the_templates_setting_when_it_is_made_and_keeps_it():
    report = _report(False)
    assert report.inriktningsmal_assessment is False
    template = ReportTemplate.objects.get(year=2022)
    template.inriktningsmal_assessment = True
    template.save()
    report.refresh_from_db()
    assert report.inriktningsmal_assessment is False  # a report keeps the structure it was made with
    # The next year's template is a copy, the setting included.
    template.inriktningsmal_assessment = False
    template.save()
    assert template_for_year(year=2023).inriktningsmal_assessment is False


@pytest.mark.parametrize("for_pdf", [False, True])
def test_word_and_pdf_print_the_inriktningsmal_as_prose_where_the_template_says_so(for_pdf):
    doc = Document(io.BytesIO(build_docx(load_report(_report(False)), for_pdf=for_pdf)))
    assert _after_heading(doc, "KF:s inriktningsmål: 1.") == [("Normal", PROSE)]
    # The goals below keep their bedömning and Analys.
    assert _after_heading(doc, "KF:s mål för verksamhetsområdet: 1.1")[:3] == [
        ("Bedömning", "Uppfylls helt"),
        ("Etikett", "Analys"),
        ("Normal", "En analys."),
    ]


def test_word_prints_the_inriktningsmal_bedomning_where_the_template_has_one():
    doc = Document(io.BytesIO(build_docx(load_report(_report(True, year=2024)))))
    assert _after_heading(doc, "KF:s inriktningsmål: 1.") == [
        ("Bedömning", "Uppfylls helt"),
        ("Etikett", "Analys"),
        ("Normal", PROSE),
    ]


def test_slides_and_excel_leave_out_the_inriktningsmal_bedomning():
    data = load_report(_report(False))
    prs = Presentation(io.BytesIO(build_pptx(data)))
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    overview = next(t for t in texts if t.startswith("1. Inriktningsmål"))
    assert "Uppfylls" not in overview.split("\n")[0]
    assert not any(t.startswith("Bedömning:") for t in texts)  # the divider has no bedömning line
    sheet = load_workbook(io.BytesIO(build_xlsx(data)))["Bedömningar"]
    rows = {r[0]: r[3] for r in sheet.iter_rows(values_only=True) if r and r[0] in ("1", "1.1")}
    assert rows == {"1": None, "1.1": "Uppfylls helt"}

    assessed = load_report(_report(True, year=2024))
    prs = Presentation(io.BytesIO(build_pptx(assessed)))
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes if shape.has_text_frame]
    assert any(t.startswith("1. Inriktningsmål – Uppfylls helt") for t in texts)
    assert any(t.startswith("Bedömning: uppfylls helt") for t in texts)


def test_the_section_page_asks_for_no_bedomning_and_the_kontroll_misses_none(client):
    report = _report(False)
    controller = make_user("controller", namnd=report.namnd, role=Membership.Role.CONTROLLER)
    login(client, controller)
    top = report.sections.get(goal__number="1")
    kf = report.sections.get(goal__number="1.1")
    assert 'name="s-assessment"' not in client.get(url("section_edit", report, top)).content.decode()
    assert 'name="s-assessment"' in client.get(url("section_edit", report, kf)).content.decode()
    overview = client.get(url("report_overview", report)).content.decode()
    assert "Bara text" in overview
    Section.objects.filter(pk=top.pk).update(assessment="")  # as a 2022 report holds it: no bedömning at all
    keys = {f.key for f in run_checks(report, fresh=True)}
    assert f"bedomning-saknas:avsnitt-{top.pk}" not in keys
    Section.objects.filter(pk=kf.pk).update(assessment="")
    assert f"bedomning-saknas:avsnitt-{kf.pk}" in {f.key for f in run_checks(report, fresh=True)}


def test_a_city_admin_sets_it_on_the_years_template(client):
    template = template_for_year(year=2022)
    admin = make_user("stadsadmin", role=Membership.Role.CITY_ADMIN)
    login(client, admin)
    address = reverse("template:goal_instructions", kwargs={"year": 2022})
    page = client.get(address).content.decode()
    assert "Inriktningsmålen har en bedömning" in page
    response = client.post(address, {"instructions_namndmal": "Bedöm målet."})  # the box left unticked
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.inriktningsmal_assessment is False
    assert template.history.count() == 2  # in the template's history
    # Nobody else may.
    other = make_user("controller", namnd=make_namnd("Annan", "annan"), role=Membership.Role.CONTROLLER)
    login(client, other)
    assert client.post(address, {"inriktningsmal_assessment": "on"}).status_code == 404
    template.refresh_from_db()
    assert template.inriktningsmal_assessment is False
