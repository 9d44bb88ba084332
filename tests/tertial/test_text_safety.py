"""Characters no export can hold (U+FFFE, control characters) are removed on input and never break an export; user
text in Excel is never a formula."""

import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from economy.models import Area, AreaRow
from indicators.models import Indicator
from tertial.editing import save_section
from tertial.exports.selectors import load_report
from tertial.exports.services import build
from tertial.models import Report, Section
from tertial.textsafety import first_unsafe, strip_unsafe
from tests.tertial.export_helpers import make_rich_report

BAD = "Före\ufffe mitten\x01\x0b efter\uffff slut\U0010fffe"


def test_strip_unsafe_keeps_text_tab_and_newline():
    assert strip_unsafe(BAD) == "Före mitten efter slut"
    assert strip_unsafe("rad 1\nrad 2\tflik å ä ö – ”citat” 😀") == "rad 1\nrad 2\tflik å ä ö – ”citat” 😀"
    assert first_unsafe(BAD) == "U+FFFE" and first_unsafe("ren text") is None
    assert strip_unsafe(None) is None and strip_unsafe(Decimal("1")) == Decimal("1")


def test_a_typed_unsafe_character_is_removed_on_save(report, users):
    section = report.sections.filter(kind=Section.Kind.GOAL).first()
    saved, _ = save_section(
        section=section, user=users["skribent"], version=section.version, changes={"section": {"analysis": BAD}}
    )
    saved.refresh_from_db()
    assert saved.analysis == "<p>Före mitten efter slut</p>"


@pytest.fixture
def poisoned(db):
    """A report whose stored texts (from before the input was cleaned) hold U+FFFE and control characters."""
    report = make_rich_report(size=1)
    Section.objects.filter(report=report).update(analysis=BAD, presentation_summary=BAD, on_slides=True)
    Report.objects.filter(pk=report.pk).update(dnr="HVS\ufffe 2022/1", officer_name="Eva\x01")
    Indicator.objects.filter(namnd=report.namnd).update(name=BAD)
    return Report.objects.select_related("namnd", "period").get(pk=report.pk)


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pptx"])
def test_an_unsafe_character_in_a_stored_text_does_not_break_the_export(poisoned, fmt):
    content = build(load_report(poisoned), fmt)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml"))
    assert " mitten efter slut" in xml  # (Excel writes ö as &#246;)
    assert not any(bad in xml for bad in ("\ufffe", "\x01", "&#65534;", "&#1;", "_xFFFE_", "_x0001_"))


def test_excel_user_text_is_never_a_formula(report):
    """An area's name heads its sheet and the nämnd's name the title row: text, quote-prefixed, never run."""
    area = Area.objects.create(namnd=report.namnd, year=report.period.year, name='=HYPERLINK("http://x","klicka")')
    AreaRow.objects.create(report=report, area=area, budget=Decimal(10), forecast=Decimal(9))
    report.namnd.name = "@SUM(1+1) nämnd"
    report.namnd.save()
    report = Report.objects.select_related("namnd", "period").get(pk=report.pk)
    workbook = load_workbook(io.BytesIO(build(load_report(report), "xlsx")))
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if c.value.startswith(("=", "+", "-", "@"))]
    assert any("HYPERLINK" in c.value for c in risky) and any(c.value.startswith("@SUM") for c in risky)
    for cell in risky:
        assert cell.data_type == "s" and cell.quotePrefix, f"{cell.parent.title}!{cell.coordinate} {cell.value}"
