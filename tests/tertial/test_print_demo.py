"""The whole report's print view of the two demo reports: every economy table with the Word export's numbered
caption and the Word export's figures, cell for cell, and a fixed number of queries whatever the report's size."""

import io
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table as DocxTable

from economy import tables as economy_tables
from tertial.exports.docx import build_docx
from tertial.exports.selectors import load_report
from tertial.models import Report
from tests.demo_db import demo_db  # noqa: F401

from .helpers import url

DEMO = ["hasselby-vallingby", "socialnamnden"]


@pytest.fixture
def demo(demo_db, db):  # noqa: F811
    return demo_db


def _report(slug) -> Report:
    return Report.objects.select_related("namnd", "period").get(namnd__slug=slug)


class _EconomyTables(HTMLParser):
    """Each `table.economy-table` of a page as (caption, rows of cell texts, the header row first)."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._caption = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and "economy-table" in (dict(attrs).get("class") or ""):
            self.tables.append(["", []])
        elif self.tables and tag == "caption":
            self._caption = []
        elif self.tables and tag == "tr":
            self.tables[-1][1].append([])
        elif self.tables and tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self._cell = self._caption = None
        elif tag == "caption" and self._caption is not None:
            self.tables[-1][0] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("th", "td") and self._cell is not None:
            self.tables[-1][1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        for part in (self._cell, self._caption):
            if part is not None:
                part.append(data)


def _printed_tables(client, report) -> list:
    client.force_login(report.namnd.memberships.get(role="controller").user)
    response = client.get(url("report_print", report))
    assert response.status_code == 200
    parser = _EconomyTables()
    parser.feed(response.content.decode())
    return [(caption, rows) for caption, rows in parser.tables]


def _word_tables(report) -> list:
    """Each caption paragraph of the Word export ("Tabell 3. …, mnkr") with the table that follows it."""
    doc = Document(io.BytesIO(build_docx(load_report(report))))
    found, caption = [], None
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            caption = text if text.startswith("Tabell ") else caption
        elif child.tag == qn("w:tbl") and caption:
            rows = [[cell.text for cell in row.cells] for row in DocxTable(child, doc).rows]
            found.append((caption, rows))
            caption = None
    return found


@pytest.mark.parametrize("slug", DEMO)
def test_the_print_view_has_every_economy_table_as_the_word_export_prints_it(demo, client, slug):
    report = _report(slug)
    printed = _printed_tables(client, report)
    word = _word_tables(report)
    expected = [p for p in economy_tables.report_parts(report) if isinstance(p, economy_tables.Table)]
    assert len(printed) == len(word) == len(expected) >= 4
    assert [caption for caption, _rows in printed] == [caption for caption, _rows in word]
    for (caption, rows), (_caption, word_rows) in zip(printed, word, strict=True):
        assert rows == word_rows, caption  # the header row, every label and every figure, character for character
    assert printed[0][0].startswith("Tabell 1. ") and all(c.endswith((", mnkr", ", tkr")) for c, _r in printed)


def test_a_drift_table_caption_and_figures_are_swedish(demo, client):
    printed = dict(_printed_tables(client, _report("hasselby-vallingby")))
    rows = printed["Tabell 2. Driftbudget per verksamhetsområde (netto), mnkr"]
    assert rows[-1] == ["Totalt", "2\xa0091,0", "-0,1", "-5,9", "2\xa0079,0", "2\xa0077,6", "7,4"]


def test_the_print_view_reads_the_same_number_of_queries_for_a_small_and_a_large_economy(demo, client):
    # Guards the economy chapter's N+1s: a query per table, per row (areas, varav rows, resultatenheter,
    # budgetjusteringar) or per narrative. Hässelby-Vällingby has 18 economy tables, Socialnämnden 4.
    counts = []
    for slug in DEMO:
        report = _report(slug)
        client.force_login(report.namnd.memberships.get(role="controller").user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("report_print", report)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def _headings(html: str) -> list[tuple[int, str, bool]]:
    """(level, text, whether it is a section's own heading) of every heading of `html`."""
    import re

    from django.utils.html import strip_tags

    found = re.findall(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", html, re.S)
    return [(int(level), strip_tags(text).strip(), 'id="rubrik-' in attrs) for level, attrs, text in found]


@pytest.mark.parametrize("slug", DEMO)
def test_the_print_views_headings_are_the_reports_tree(demo, client, slug):
    """The Word export's outline in HTML headings: the chapters h2, the goal tree below Uppföljning av
    Kommunfullmäktiges inriktningsmål (inriktningsmål h3, KF:s mål h4, nämndmål h5, a nämndmål's parts h6), a
    heading never more than one level below the one before it, and a section's parts never at its own level."""
    report = _report(slug)
    client.force_login(report.namnd.memberships.get(role="controller").user)
    main = client.get(url("report_print", report)).content.decode()
    main = main[main.index("<main") :]
    headings = _headings(main)
    chapters = [text for level, text, _ in headings if level == 2]
    assert chapters[:2] == ["Förslag till beslut", "Sammanfattande analys"]
    assert "Uppföljning av Kommunfullmäktiges inriktningsmål" in chapters and "Uppföljning av ekonomi" in chapters
    levels = {text: level for level, text, _ in headings}
    prefixes = {"KF:s inriktningsmål": 3, "KF:s mål för verksamhetsområdet": 4, "Nämndmål": 5}
    goals = [(level, text, p) for level, text, own in headings for p in prefixes if own and text.startswith(p + ":")]
    assert len(goals) == report.sections.filter(goal__isnull=False).count()
    for level, text, prefix in goals:
        assert level == prefixes[prefix], text
    for (before, *_), (after, text, _) in zip(headings, headings[1:], strict=False):
        assert after <= before + 1, text
    nämndmål = next(i for i, (_, text, own) in enumerate(headings) if own and text.startswith("Nämndmål:"))
    assert headings[nämndmål + 1][0] == 6  # Beskrivning, or Bedömning och analys
    assert levels["Uppföljning av ekonomi"] == 2
