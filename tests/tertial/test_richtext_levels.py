"""Two subheading levels in analyses: `## ` and, one below, `### ` (page and Word)."""

import io

import pytest
from docx import Document

from tertial import richtext
from tertial.exports.docx import build_docx
from tertial.exports.selectors import load_report
from tertial.models import Report

from .export_helpers import make_rich_report

TEXT = "## Jämställdhet\nKvinnor och män.\n### Förskolan\nLika stöd.\n###utan mellanslag"


def test_lower_subheading_is_parsed_with_its_level():
    blocks = richtext.parse(TEXT)
    assert [(b.kind, b.text, b.level) for b in blocks] == [
        ("heading", "Jämställdhet", 1),
        ("paragraph", "Kvinnor och män.", 0),
        ("heading", "Förskolan", 2),
        ("paragraph", "Lika stöd.", 0),
        ("paragraph", "###utan mellanslag", 0),
    ]


def test_lower_subheading_is_h4_on_the_page():
    html = richtext.to_html("## Jämställdhet\n### <Förskolan>")
    assert html == "<h3>Jämställdhet</h3>\n<h4>&lt;Förskolan&gt;</h4>"
    assert richtext.to_html("### Förskolan", heading_level=4) == "<h5>Förskolan</h5>"


@pytest.mark.django_db
def test_lower_subheading_is_the_next_word_subheading_style():
    report = make_rich_report(size=1)
    section = report.sections.get(goal__number="1.1")  # KF:s mål för verksamhetsområdet: Heading 3
    section.analysis = TEXT
    section.save()
    report = Report.objects.select_related("namnd", "period").get(pk=report.pk)
    doc = Document(io.BytesIO(build_docx(load_report(report))))
    styles = [(p.style.name, p.text) for p in doc.paragraphs]
    # Subheadings inside a text have their own two styles (5 and 6), below every goal level (1–4).
    assert ("Heading 5", "Jämställdhet") in styles
    assert ("Heading 6", "Förskolan") in styles
