"""The text editor in a real browser (Debian's chromium): writing with the toolbar and Word's shortcuts, a table,
pasting Word's and Excel's clipboard HTML, saving, reloading and the Word export, with no CSP violation (the page
fixture fails on any) and no axe-core violation with the editor open."""

import io
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document

from tertial.exports.docx import build_docx
from tertial.exports.selectors import load_report
from tertial.models import Report
from tertial.services import ensure_report_sections
from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_no_axe_violations, login, text_editor

pytestmark = pytest.mark.e2e
CLIPBOARD = Path(__file__).resolve().parents[1] / "fixtures" / "clipboard"


@pytest.fixture
def goal_section(report):
    ensure_report_sections(report=report)
    return report.sections.select_related("goal").get(goal__number="1.1")


def _open(page, section):
    report = section.report
    login(page, "skribent", PASSWORD)
    page.goto(
        reverse("section_edit", kwargs={"slug": report.namnd.slug, "period": report.period.code, "pk": section.pk})
    )
    return text_editor(page, "Analys")


def _paste(page, editor, html):
    editor.evaluate(
        """(el, html) => { el.focus();
        const data = new DataTransfer(); data.setData('text/html', html); data.setData('text/plain', 'fel');
        el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true})); }""",
        html,
    )


def _save(page):
    page.get_by_role("button", name="Spara", exact=True).click()
    page.get_by_text("Sparat (version").wait_for()


def _word_tables(section):
    report = Report.objects.select_related("namnd", "period").get(pk=section.report_id)
    document = Document(io.BytesIO(build_docx(load_report(report))))
    return document, [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]


def test_type_format_and_a_table_from_the_keyboard_then_save_reload_and_export(page, report, users, goal_section):
    analysis = _open(page, goal_section)
    toolbar = page.get_by_role("toolbar", name="Formatering: Analys", exact=True)
    analysis.click()
    # A heading with Word's shortcut, a paragraph with bold and italic, a bullet list with a second level.
    analysis.press_sequentially("Förskolan")
    page.keyboard.press("Control+Alt+1")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    analysis.press_sequentially("Antalet barn har ")
    page.keyboard.press("Control+b")
    analysis.press_sequentially("minskat")
    page.keyboard.press("Control+b")
    analysis.press_sequentially(" och ")
    page.keyboard.press("Control+i")
    analysis.press_sequentially("kön")
    page.keyboard.press("Control+i")
    analysis.press_sequentially(" kortats.")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Shift+l")
    analysis.press_sequentially("Fler platser")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # one level in
    analysis.press_sequentially("Två avdelningar")
    page.keyboard.press("Tab")  # a third level is refused
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the sublist
    page.keyboard.press("Enter")  # out of the list
    # The toolbar from the keyboard: Alt+F10, then Tab to Infoga tabell; Escape would return to the text.
    page.keyboard.press("Alt+F10")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Rubrik"
    assert toolbar.get_by_role("button", name="Fet", exact=True).get_attribute("aria-keyshortcuts") == "Control+B"
    for _ in range(12):
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Infoga tabell":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Rader").fill("2")
    dialog.get_by_label("Kolumner").fill("2")
    dialog.get_by_role("button", name="Infoga tabell", exact=True).click()
    for text in ("Ålder", "Antal", "1-3 år", "1 025"):
        analysis.press_sequentially(text)
        page.keyboard.press("Tab")  # the next cell
    _save(page)

    goal_section.refresh_from_db()
    assert goal_section.analysis == (
        "<h2>Förskolan</h2><p>Antalet barn har <strong>minskat</strong> och <em>kön</em> kortats.</p>"
        "<ul><li><p>Fler platser</p><ul><li><p>Två avdelningar</p></li></ul></li></ul>"
        "<table><tbody><tr><th><p>Ålder</p></th><th><p>Antal</p></th></tr>"
        "<tr><td><p>1-3 år</p></td><td><p>1 025</p></td></tr></tbody></table>"
    )
    # Reloaded, the editor shows what was saved and has nothing unsaved to offer.
    page.reload()
    analysis = text_editor(page, "Analys")
    analysis.get_by_role("heading", name="Förskolan").wait_for()
    assert analysis.locator("table th").all_inner_texts() == ["Ålder", "Antal"]
    assert page.locator("#local-draft").is_hidden()
    document, tables = _word_tables(goal_section)
    # stored as typed, printed with a no-break space in the figure (tertial.textfigures)
    assert [["Ålder", "Antal"], ["1-3 år", "1\u00a0025"]] in tables
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 5", "Förskolan") in styles
    assert ("List Bullet", "Fler platser") in styles and ("List Bullet 2", "Två avdelningar") in styles


def test_word_paste_keeps_the_table_and_nested_list_through_save_reload_and_export(page, report, users, goal_section):
    analysis = _open(page, goal_section)
    _paste(page, analysis, (CLIPBOARD / "word_analysis.html").read_text(encoding="utf-8"))
    analysis.locator("table").wait_for()
    assert analysis.locator("table tr").nth(1).locator("td, th").all_inner_texts() == [
        "1-3 år",
        "1\u00a0025",
        "1\u00a0064",
    ]
    assert analysis.locator("ul ul li").all_inner_texts() == ["Två nya avdelningar", "Hösten 2024"]
    assert page.evaluate("window.hacked") is None  # nothing from the clipboard ran
    _paste(page, analysis, (CLIPBOARD / "excel_table.html").read_text(encoding="utf-8"))
    analysis.locator("table").nth(1).wait_for()
    _save(page)
    goal_section.refresh_from_db()
    for dropped in ("<img", "<a ", "style", "class", "Mso", "hacked"):
        assert dropped not in goal_section.analysis, dropped
    page.reload()
    analysis = text_editor(page, "Analys")
    assert analysis.locator("table").count() == 2
    _document, tables = _word_tables(goal_section)
    word = next(t for t in tables if t and t[0] == ["Ålder", "Tertial 2 2022", "Tertial 2 2023"])
    assert word[1:] == [["1-3 år", "1\u00a0025", "1\u00a0064"], ["4-5 år", "2\u00a0091,5", "−3,5\u00a0%"]]
    excel = next(t for t in tables if t and t[0] == ["Kostnadsslag", "Budget", "Utfall"])
    assert excel[1] == ["Personal", "412\u00a0300", "398\u00a0750"]  # Excel's space: a no-break one in Word


def test_section_page_with_the_editor_open_has_no_axe_violations(page, report, users, goal_section):
    analysis = _open(page, goal_section)
    analysis.click()
    analysis.press_sequentially("Text")
    assert_no_axe_violations(page)


def _tab_to(page, is_there: str, limit: int = 80):
    """Press Tab until `is_there` (a JS expression on document.activeElement, `el`) holds; fails after `limit`."""
    for _ in range(limit):
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({is_there}); }})()"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab reached no element where {is_there}")


def test_keyboard_only_a_heading_a_list_and_a_table(page, report, users, goal_section):
    """No mouse at all: Tab into the editor, Word's shortcuts, the toolbar by Alt+F10, the table dialog by its
    fields and Enter, Tab from cell to cell, Tab on to Spara and Enter."""
    _open(page, goal_section)
    page.locator("body").focus()
    _tab_to(page, "el.getAttribute('aria-labelledby') === 'id_s-analysis-etikett'")  # the Analys editor
    page.keyboard.type("Resultat")
    page.keyboard.press("Control+Alt+2")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+Shift+l")
    page.keyboard.type("Första punkten")
    page.keyboard.press("Enter")
    page.keyboard.type("Andra punkten")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the list
    page.keyboard.press("Alt+F10")
    _tab_to(page, "el.getAttribute('aria-label') === 'Infoga tabell'", limit=15)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    assert dialog.locator("select option").all_inner_texts() == ["Ja", "Nej"]  # Med rubrikrad, in Swedish
    _tab_to(
        page,
        "el.closest('dialog') && el.labels && el.labels[0] && el.labels[0].textContent.trim() === 'Rader'",
        10,
    )
    page.keyboard.press("Control+a")
    page.keyboard.type("2")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("2")
    page.keyboard.press("Enter")
    for text in ("Område", "Antal", "Förskola"):
        page.keyboard.type(text)
        page.keyboard.press("Tab")  # the next cell
    page.keyboard.type("1 025")
    page.keyboard.press("ArrowDown")  # out of the table (Tab in its last cell would add a row)
    page.keyboard.press("Tab")  # out of the editor
    _tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Spara'", limit=200)
    page.keyboard.press("Enter")
    page.get_by_text("Sparat (version").wait_for()
    goal_section.refresh_from_db()
    assert goal_section.analysis.startswith("<h3>Resultat</h3><ul><li><p>Första punkten</p></li><li><p>Andra punkten")
    assert (
        "<tr><th><p>Område</p></th><th><p>Antal</p></th></tr><tr><td><p>Förskola</p></td><td><p>1 025</p></td></tr>"
        in (goal_section.analysis)
    )
