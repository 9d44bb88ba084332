"""Printing in a real browser (Debian's chromium, print media on an A4 page's width): the section page, the print
view of a section and of the whole report keep the analyses and every column of the indicator table on the page;
the whole report's economy tables fit their page, the wide ones on landscape pages, no header word broken."""

import re
import subprocess

import pytest
from django.urls import reverse

from indicators.table import indicator_headings
from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_no_axe_violations, login

pytestmark = pytest.mark.e2e
MM = 96 / 25.4  # CSS px per mm
# static/css/tertial.css's @page margins: 1,5 cm either side of a portrait page, 2 cm of a landscape one
A4_CONTENT_WIDTH = int((210 - 30) * MM)
A4_LANDSCAPE_CONTENT_WIDTH = int((297 - 40) * MM)


# JavaScript: the words of a cell's text that the layout breaks over two lines ("Period|ens", "2022-|01-01").
_BROKEN_WORDS = """const brokenWords = (cell) => {
    const broken = [];
    for (const node of cell.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) broken.push(match[0]);
      }
    }
    return broken;
  };"""
# Every header word and date of the indicator and activity tables broken over two lines, as "cell: word".
_BROKEN_GOAL_TABLE_WORDS = (
    "() => {"
    + _BROKEN_WORDS
    + """return [...document.querySelectorAll(
    '.indicator-table thead th, .activity-table thead th, .activity-table td.text-nowrap')]
    .flatMap(cell => brokenWords(cell).map(word => `${cell.textContent}: ${word}`));
}"""
)


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
    assert page.evaluate(_BROKEN_GOAL_TABLE_WORDS) == []  # columns as wide as their longest word
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


# Under print media, for the economy tables printed on `kind` pages (portrait or landscape): each table's
# overflow past the page's content width, each header word that breaks over two lines or overflows its cell, and
# each figure that wraps or overflows its cell.
_MEASURE = (
    """(kind) => {
  const width = document.documentElement.clientWidth, problems = [];
  """
    + _BROKEN_WORDS
    + """
  const tables = [...document.querySelectorAll('table.economy-table')].filter(table =>
    (getComputedStyle(table.closest('.print-table')).page === 'landscape') === (kind === 'landscape'));
  for (const table of tables) {
    const name = table.caption.textContent.trim();
    const right = table.getBoundingClientRect().right;
    if (right > width + 1) problems.push(`${name}: ${Math.round(right)} px > ${width} px`);
    for (const th of table.tHead.querySelectorAll('th')) {
      for (const word of brokenWords(th)) problems.push(`${name}: rubriken "${th.textContent}" bryter "${word}"`);
      if (th.scrollWidth > th.clientWidth + 1) problems.push(`${name}: rubriken "${th.textContent}" flödar över`);
    }
    for (const td of table.querySelectorAll('td.text-nowrap')) {
      if (td.getClientRects().length && (td.scrollWidth > td.clientWidth + 1 || brokenWords(td).length))
        problems.push(`${name}: talet "${td.textContent}" får inte plats`);
    }
  }
  return {count: tables.length, problems};
}"""
)


# Hässelby-Vällingby: Driftbudget per verksamhetsområde (7 columns) is wide; Socialnämnden: Resultaträkning (7) and
# Driftbudget per verksamhetsområde (9)
@pytest.mark.parametrize("index, controller, wide", [(0, "hvcontroller", 1), (1, "sncontroller", 2)])
def test_the_economy_tables_fit_their_a4_pages_wide_ones_landscape(page, economy_reports, index, controller, wide):
    report = economy_reports[index]
    login(page, controller, PASSWORD)
    page.goto(reverse("report_print", kwargs={"slug": report.namnd.slug, "period": report.period.code}))
    page.emulate_media(media="print")
    measured = {}
    for kind, width in (("portrait", A4_CONTENT_WIDTH), ("landscape", A4_LANDSCAPE_CONTENT_WIDTH)):
        page.set_viewport_size({"width": width, "height": 1000})
        measured[kind] = page.evaluate(_MEASURE, kind)
        assert not measured[kind]["problems"], "\n".join(measured[kind]["problems"])
    assert measured["landscape"]["count"] == wide and measured["portrait"]["count"] >= 2
    text_headings = page.get_by_role(
        "heading", name="Text", exact=True, include_hidden=True
    )  # the page's, not the paper's
    assert text_headings.count() and not any(h.is_visible() for h in text_headings.all())
    pdf = page.pdf(format="A4")
    landscape_pages = re.findall(rb"/MediaBox \[0 0 84\d\.\d+ 59\d\.\d+\]", pdf)
    assert len(landscape_pages) >= wide  # each wide table on a page of its own orientation
    # Every page, portrait or landscape, numbered as the tjänsteutlåtande: Sid 1 (N) … Sid N (N).
    pages = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    pages = pages.rstrip("\f").split("\f")
    assert [re.search(r"Sid (\d+) \((\d+)\)", p).groups() for p in pages] == [
        (str(n), str(len(pages))) for n in range(1, len(pages) + 1)
    ]
