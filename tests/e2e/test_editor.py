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
    # The toolbar from the keyboard: Alt+F10, then the arrow keys to Infoga tabell; Escape would return to the text.
    page.keyboard.press("Alt+F10")
    assert _focused(page) == "Rubrik"
    assert toolbar.get_by_role("button", name="Fet", exact=True).get_attribute("aria-keyshortcuts") == "Control+B"
    _arrow_to(page, "Infoga tabell")
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


def _focused(page) -> str | None:
    return page.evaluate("document.activeElement.getAttribute('aria-label')")


def _arrow_to(page, name: str):
    """Right arrow along the toolbar until the button `name` has the focus; fails after going round once."""
    for _ in range(20):
        if _focused(page) == name:
            return
        page.keyboard.press("ArrowRight")
    raise AssertionError(f"the arrow keys reached no button {name}")


def _in_toolbar(page) -> dict:
    """The focused button's name, its toolbar's name and how many of that toolbar's buttons are in the Tab order."""
    return page.evaluate(
        """() => { const el = document.activeElement, bar = el.closest('[role=toolbar]');
        return {button: el.getAttribute('aria-label'), toolbar: bar && bar.getAttribute('aria-label'),
                tabStops: bar && [...bar.querySelectorAll('button')].filter(b => b.tabIndex >= 0).length}; }"""
    )


def test_the_toolbar_is_one_tab_stop_and_the_arrow_keys_move_between_its_buttons(page, report, users, goal_section):
    """The WAI-ARIA toolbar pattern: Tab from the field before reaches the toolbar once (its first button), Left,
    Right, Home and End move along it (wrapping, the table buttons only inside a table), Tab goes on into the text
    and on to the next editor's toolbar; Shift+Tab back lands on the button last used. Pressed state is said."""
    analysis = _open(page, goal_section)
    toolbar = page.get_by_role("toolbar", name="Formatering: Analys", exact=True)
    page.locator("#id_s-assessment_0").focus()  # Bedömning, the field before the Analys
    page.keyboard.press("Tab")
    assert _in_toolbar(page) == {"button": "Rubrik", "toolbar": "Formatering: Analys", "tabStops": 1}
    for key, name in [
        ("ArrowRight", "Underrubrik"),
        ("End", "Gör om"),
        ("ArrowRight", "Rubrik"),  # round to the first
        ("ArrowLeft", "Gör om"),  # and back to the last
        ("ArrowLeft", "Ångra"),  # unavailable (nothing to undo) but reachable, and said so
        ("ArrowLeft", "Infoga tabell"),  # the table's own buttons are hidden outside a table
        ("Home", "Rubrik"),
        ("ArrowRight", "Underrubrik"),
    ]:
        page.keyboard.press(key)
        assert _in_toolbar(page) == {"button": name, "toolbar": "Formatering: Analys", "tabStops": 1}, key
    assert toolbar.get_by_role("button", name="Ångra", exact=True).get_attribute("aria-disabled") == "true"
    page.keyboard.press("Tab")  # out of the toolbar, into its text
    assert page.evaluate("document.activeElement.getAttribute('aria-labelledby')") == "id_s-analysis-etikett"
    page.keyboard.press("Shift+Tab")  # back: the button last used
    assert _in_toolbar(page)["button"] == "Underrubrik"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # out of the text: the next editor's toolbar, one stop again
    assert _in_toolbar(page) == {
        "button": "Rubrik",
        "toolbar": "Formatering: Sammanfattning för presentation",
        "tabStops": 1,
    }
    # Pressed state: Fet and Punktlista where the caret is, Ångra available once there is something to undo.
    analysis.click()
    page.keyboard.press("Control+Shift+l")
    page.keyboard.press("Control+b")
    analysis.press_sequentially("Fler platser")
    for name, pressed in [("Fet", "true"), ("Kursiv", "false"), ("Punktlista", "true"), ("Rubrik", "false")]:
        assert toolbar.get_by_role("button", name=name, exact=True).get_attribute("aria-pressed") == pressed, name
    assert toolbar.get_by_role("button", name="Ångra", exact=True).get_attribute("aria-disabled") is None
    # In a table its buttons join the row of arrow stops.
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # out of the list
    page.keyboard.press("Alt+F10")
    _arrow_to(page, "Infoga tabell")
    page.keyboard.press("Enter")
    page.get_by_role("dialog").get_by_role("button", name="Infoga tabell", exact=True).click()
    page.keyboard.press("Alt+F10")
    assert _in_toolbar(page)["button"] == "Infoga tabell"  # the button last used
    page.keyboard.press("ArrowRight")
    assert _in_toolbar(page)["button"] == "Lägg till kolumn"
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
    _arrow_to(page, "Infoga tabell")
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
    # The dialog closes and the editor takes the focus back in the new table's first cell; typed before that, the
    # first letters went to the closing dialog on a loaded machine ("råde").
    dialog.wait_for(state="hidden")
    page.wait_for_function(
        "() => { const n = window.getSelection().anchorNode; const el = n && (n.nodeType === 1 ? n : n.parentElement);"
        " return !!(el && el.closest('.ProseMirror td, .ProseMirror th') && document.activeElement.closest('.ProseMirror')); }"
    )
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
