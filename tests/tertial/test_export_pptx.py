"""The slide deck opened with python-pptx: slide titles, bullets from the presentation summary, the economy total."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from economy import tables as economy_tables
from tertial.exports.pptx import build_pptx
from tertial.exports.selectors import load_report
from tertial.models import Report, Section
from tertial.numbers import parse_number
from tests.conftest import make_namnd

from .export_helpers import make_rich_report

pytestmark = pytest.mark.django_db

# The seed deck's rows (skarpnack-T2-2025): they sum to 1 354,0 while the deck printed TOTALT 1 369,2.
AREAS = [
    ("Nämnd- och administration", Decimal("47.2"), Decimal("-0.5")),
    ("Individ- och familjeomsorg", Decimal("158.8"), Decimal("3.5")),
    ("Arbetsmarknadsåtgärder", Decimal("10.9"), Decimal("-0.5")),
    ("Ekonomiskt bistånd", Decimal("67.2"), Decimal("-1.5")),
    ("Stadsmiljö", Decimal("18.1"), Decimal("0.0")),
    ("Förskola", Decimal("263.4"), Decimal("-3.0")),
    ("Äldreomsorg", Decimal("424.8"), Decimal("8.0")),
    ("Stöd och service till personer med funktionsnedsättning", Decimal("338.3"), Decimal("0.0")),
    ("Barn, kultur och fritid", Decimal("25.3"), Decimal("-0.5")),
]


@pytest.fixture
def areas(monkeypatch):
    total = (sum(a[1] for a in AREAS), sum(a[2] for a in AREAS))
    monkeypatch.setattr(economy_tables, "area_summary", lambda report, data=None: (AREAS, total))


def _open(report):
    report = Report.objects.select_related("namnd", "period").get(pk=report.pk)
    return Presentation(io.BytesIO(build_pptx(load_report(report))))


def _texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_slide_titles(areas):
    prs = _open(make_rich_report(size=2))
    titles = [slide.shapes.title.text if slide.shapes.title else None for slide in prs.slides]
    assert titles == [
        "Tertialrapport 2 2022",
        "Måluppfyllelse kommunfullmäktiges inriktningsmål",
        "1. En modern storstad med möjligheter och valfrihet för alla",  # the divider
        "1. En modern storstad med möjligheter och valfrihet för alla",  # its narrative
        "Ekonomi: Prognos T2 visar överskott 5,5\xa0mnkr",
        "Ekonomi per verksamhetsområde",
    ]
    # The bedömning is words on the slides, never part of a title.
    assert not any("uppfylls" in t.lower() for t in titles)


def test_overview_lists_inriktningsmal_with_bedomning_and_computed_counts(areas):
    prs = _open(make_rich_report(size=2))
    text = "\n".join(_texts(prs.slides[1]))
    assert "1. En modern storstad med möjligheter och valfrihet för alla – Uppfylls helt" in text
    assert "Ett av två verksamhetsområdesmål bedöms uppfyllas helt och ett delvis." in text
    assert "Av två nämndmål bedöms två uppfyllas helt." in text


def test_goal_slide_bullets_come_from_the_presentation_summary(areas):
    prs = _open(make_rich_report(size=1))
    body = [s for s in prs.slides[3].shapes if s.has_text_frame and s != prs.slides[3].shapes.title][0]
    assert [p.text for p in body.text_frame.paragraphs] == [
        "Antalet hushåll med ekonomiskt bistånd minskade.",
        "223 ungdomar feriejobbade.",
    ]


def test_long_summaries_continue_on_a_second_slide(areas):
    report = make_rich_report(size=1)
    section = Section.objects.get(report=report, goal__number="1")
    section.presentation_summary = "\n".join(f"- Punkt nummer {n} om verksamheten" for n in range(1, 10))
    section.save()
    prs = _open(report)
    titles = [slide.shapes.title.text for slide in prs.slides if slide.shapes.title]
    assert "1. En modern storstad med möjligheter och valfrihet för alla (forts.)" in titles
    bullets = [
        p.text for slide in prs.slides for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs
    ]
    assert [b for b in bullets if b.startswith("Punkt nummer")] == [
        f"Punkt nummer {n} om verksamheten" for n in range(1, 10)
    ]
    # Split evenly, not eight and a lonely ninth.
    per_slide = [
        sum(p.text.startswith("Punkt") for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs)
        for slide in prs.slides
    ]
    assert [n for n in per_slide if n] == [5, 4]


def test_economy_total_is_computed_from_the_rows(areas):
    prs = _open(make_rich_report(size=1))
    table = next(s.table for s in prs.slides[-1].shapes if s.has_table)
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["Mnkr netto", "Budget", "Avvikelse prognos T2"]
    assert rows[1] == ["Nämnd- och administration", "47,2", "-0,5"]
    assert rows[-1][0] == "TOTALT"
    body = rows[1:-1]
    assert sum(parse_number(r[1]) for r in body) == parse_number(rows[-1][1]) == Decimal("1354.0")
    assert sum(parse_number(r[2]) for r in body) == parse_number(rows[-1][2]) == Decimal("5.5")
    assert rows[-1][1] == "1\xa0354,0"


def test_no_empty_placeholder_or_template_text_reaches_a_slide(areas):
    report = make_rich_report(size=2)
    Section.objects.filter(report=report).update(presentation_summary="")  # no history needed in a test
    prs = _open(report)
    for slide in prs.slides:
        for shape in slide.placeholders:
            assert shape.text_frame.text.strip(), f"tom platshållare på bild {slide.slide_id}"
        for text in _texts(slide):
            assert "Klicka" not in text and "Click" not in text


def test_query_count_does_not_grow_with_the_report(areas):
    """Guards the N+1 of one query per goal section or child goal when counting bedömningar."""
    counts = []
    for size, slug in ((1, "liten"), (6, "stor")):
        report = Report.objects.select_related("namnd", "period").get(
            pk=make_rich_report(make_namnd(f"Nämnd {slug}", slug), size=size).pk
        )
        with CaptureQueriesContext(connection) as queries:
            build_pptx(load_report(report))
        counts.append(len(queries))
    # 22, and one for the nämnd's own presentationsmall (tertial.exports.slide_templates.deck_source).
    assert counts[0] == counts[1] <= 23


def _paragraphs(slide):
    body = next(s for s in slide.shapes if s.has_text_frame and s != slide.shapes.title)
    return [(p.level, p.text) for p in body.text_frame.paragraphs]


def test_a_divider_per_inriktningsmal_with_the_bedomning_in_words(areas):
    prs = _open(make_rich_report(size=2))
    divider = prs.slides[2]
    assert divider.slide_layout.name == "Section Header"
    assert divider.shapes.title.text == "1. En modern storstad med möjligheter och valfrihet för alla"
    assert [t for _, t in _paragraphs(divider)] == [
        "Bedömning: uppfylls helt",
        "Mål för verksamhetsområdet (2): 1 helt, 1 delvis",
    ]


def test_summary_paragraph_with_a_list_is_a_bullet_with_sub_bullets(areas):
    report = make_rich_report(size=1)
    section = Section.objects.get(report=report, goal__number="1")
    section.presentation_summary = "Ekonomiskt bistånd minskar\n- 836 hushåll i juni\n- 65 unga vuxna\nFler feriejobb"
    section.save()
    prs = _open(report)
    assert _paragraphs(prs.slides[3]) == [
        (0, "Ekonomiskt bistånd minskar"),
        (1, "836 hushåll i juni"),
        (1, "65 unga vuxna"),
        (0, "Fler feriejobb"),
    ]


def test_without_a_summary_the_bullets_are_the_analysis_first_sentences(areas):
    report = make_rich_report(size=1)
    section = Section.objects.get(report=report, goal__number="1")
    section.presentation_summary = ""
    section.analysis = (
        "Förvaltningen bedömer att målet nås helt. Bedömningen grundar sig på indikatorerna.\n"
        "## Ekonomiskt bistånd\n"
        "Antal hushåll har fortsatt att minska. Från 885 i januari till 836 i juni.\n"
        "Medelbidraget har stabiliserats. Det följer staden.\n"
        "Ett tredje stycke som inte kommer med.\n"
        "## Tom rubrik\n"
        "## Feriejobb\n"
        "- 920 ungdomar anställdes"
    )
    section.save()
    prs = _open(report)
    assert _paragraphs(prs.slides[3]) == [
        (0, "Förvaltningen bedömer att målet nås helt."),
        (0, "Ekonomiskt bistånd"),
        (1, "Antal hushåll har fortsatt att minska."),
        (1, "Medelbidraget har stabiliserats."),
        (0, "Feriejobb"),
        (1, "920 ungdomar anställdes"),
    ]


def test_economy_headline_slide_says_prognos_and_avvikelse_in_words(areas):
    prs = _open(make_rich_report(size=1))
    headline = next(s for s in prs.slides if s.shapes.title and s.shapes.title.text.startswith("Ekonomi:"))
    assert headline.shapes.title.text == "Ekonomi: Prognos T2 visar överskott 5,5\xa0mnkr"
    lines = _paragraphs(headline)
    assert lines[0] == (0, "Budget 1\xa0354,0\xa0mnkr, Prognos T2 1\xa0348,5\xa0mnkr")
    assert lines[1] == (0, "Avvikelse 5,5\xa0mnkr (överskott 5,5\xa0mnkr)")
    assert lines[2] == (0, "Störst avvikelse mot budget:")
    assert all(level == 1 for level, _ in lines[3:]) and 1 <= len(lines[3:]) <= 3


def test_the_deck_has_the_city_template_not_the_default_white(areas):
    from pptx.util import Inches

    prs = _open(make_rich_report(size=1))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    master = prs.slide_master
    assert master.background.fill.fore_color.rgb != RGBColor(0xFF, 0xFF, 0xFF)
    assert prs.slide_layouts[2].background.fill.fore_color.rgb == RGBColor(0x1B, 0x36, 0x5D)
    assert "Stockholms stad" in [s.text_frame.text for s in master.shapes if s.has_text_frame]
    theme = master.part.part_related_by(RT.THEME).blob.decode()
    assert '<a:latin typeface="Arial"' in theme and "Calibri" not in theme.split("<a:fontScheme")[1][:400]


def test_every_text_run_is_swedish_and_the_properties_are_the_reports(areas):
    import re
    import zipfile

    content = build_pptx(
        load_report(Report.objects.select_related("namnd", "period").get(pk=make_rich_report(size=1).pk))
    )
    package = zipfile.ZipFile(io.BytesIO(content))
    for name in package.namelist():
        if name.endswith(".xml") and ("slide" in name or "Master" in name or "Layout" in name):
            xml = package.read(name).decode()
            assert set(re.findall(r' lang="([^"]+)"', xml)) <= {"sv-SE"}, name
            assert "<a:r><a:t>" not in xml, name  # every run has its properties (and so its language)
    core = package.read("docProps/core.xml").decode()
    assert "Hässelby-Vällingby stadsdelsförvaltning" in core and "2013" not in core
    assert "Microsoft" not in package.read("docProps/app.xml").decode()


# A table typed in a presentation summary: the seed deck (skarpnack-T2-2025) shows its economy as a table.
SUMMARY_TABLE = (
    "<p>Prognosen per verksamhet:</p>"
    "<table><tbody><tr><th><p>Verksamhet</p></th><th><p>Budget</p></th><th><p>Prognos</p></th></tr>"
    "<tr><td><p>Förskola</p></td><td><p>263,4</p></td><td><p>266,4</p></td></tr>"
    "<tr><td><p>Äldreomsorg</p></td><td><p>424,8</p></td><td><p>416,8</p></td></tr></tbody></table>"
    "<ul><li><p>Äldreomsorgen visar överskott</p></li></ul>"
)


def _tables(prs):
    return [
        (slide.shapes.title.text, [[c.text for c in row.cells] for row in shape.table.rows], shape.table)
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_table
    ]


def test_a_table_in_a_summary_is_a_real_table_on_the_slides(areas):
    report = make_rich_report(size=1)
    section = Section.objects.get(report=report, goal__number="1")
    section.presentation_summary = SUMMARY_TABLE
    section.save()
    prs = _open(report)
    texts = [p.text for slide in prs.slides for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
    assert not any(" | " in t for t in texts)  # no row printed as "Förskola | 263,4 | 266,4"
    [(title, rows, table)] = [t for t in _tables(prs) if t[0].startswith("1. ")]
    assert title == "1. En modern storstad med möjligheter och valfrihet för alla (forts.)"
    assert rows == [
        ["Verksamhet", "Budget", "Prognos"],
        ["Förskola", "263,4", "266,4"],
        ["Äldreomsorg", "424,8", "416,8"],
    ]
    assert table.rows[0].cells[0].text_frame.paragraphs[0].runs[0].font.bold  # the header row
    # figures right-aligned, words left
    from pptx.enum.text import PP_ALIGN

    assert table.rows[1].cells[1].text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT
    assert table.rows[1].cells[0].text_frame.paragraphs[0].alignment != PP_ALIGN.RIGHT
    # the text around the table stays on the goal's slide, in order
    assert "Prognosen per verksamhet:" in texts and "Äldreomsorgen visar överskott" in texts


def test_a_long_table_continues_with_its_header_row(areas):
    report = make_rich_report(size=1)
    section = Section.objects.get(report=report, goal__number="1")
    rows = "".join(f"<tr><td><p>Enhet {n}</p></td><td><p>{n},5</p></td></tr>" for n in range(1, 31))
    section.presentation_summary = (
        f"<table><tbody><tr><th><p>Enhet</p></th><th><p>Prognos</p></th></tr>{rows}</tbody></table>"
    )
    section.save()
    tables = [t for t in _tables(_open(report)) if t[0].startswith("1. ")]
    assert len(tables) > 1
    assert all(t[1][0] == ["Enhet", "Prognos"] for t in tables)
    assert [r[0] for t in tables for r in t[1][1:]] == [f"Enhet {n}" for n in range(1, 31)]
