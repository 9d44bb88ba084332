"""Printing in a real browser (Debian's chromium, print media on an A4 page's width): the section page, the print
view of a section and of the whole report keep the analyses and every column of the indicator table on the page."""

import pytest
from django.urls import reverse

from indicators.table import indicator_headings
from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e
A4_CONTENT_WIDTH = 718  # px at 96 dpi: 210 mm less chromium's default margins


def _url(name, section, **extra):
    report = section.report
    return reverse(name, kwargs={"slug": report.namnd.slug, "period": report.period.code, **extra})


def _assert_printed_whole(page, report):
    """Under print media at an A4 page's width: both analyses shown, the table's last column inside the page."""
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what printing does: opens folded analyses
    for text in ("Analysen av målet skrivs ut i sin helhet.", "Indikatorns analys skrivs ut."):
        # in the editor (the section page) or the written-out text (the print views), not the hidden textarea
        assert page.locator(".ProseMirror, .richtext-preview").filter(has_text=text).first.is_visible(), text
    headings = page.locator("table.indicator-table thead th")
    assert headings.all_inner_texts()[-3:] == indicator_headings(report.period.year)[-3:]
    last = headings.last.bounding_box()
    assert last["x"] + last["width"] <= A4_CONTENT_WIDTH + 1, last
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_CONTENT_WIDTH + 1
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000


def test_the_section_page_prints_its_analysis_and_every_column(page, report, filled):
    login(page, "skribent", PASSWORD)
    page.goto(_url("section_edit", filled, pk=filled.pk))
    page.locator(".richtext-editor .ProseMirror").first.wait_for()
    _assert_printed_whole(page, report)


@pytest.mark.parametrize("whole", [False, True])
def test_the_print_views_keep_the_analysis_and_every_column(page, report, filled, whole):
    login(page, "skribent", PASSWORD)
    page.goto(_url("report_print", filled) if whole else _url("section_print", filled, pk=filled.pk))
    assert_no_axe_violations(page)
    _assert_printed_whole(page, report)
