"""The editor's script in a real browser (Debian's chromium, no server): Word's clipboard HTML becomes the stored
format, and the toolbar formats the selected line from the keyboard."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e  # skipped by tests/e2e/conftest.py where chromium or Playwright is missing
EDITOR_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "editor.js"

WORD_HTML = """<html><head><style>p.MsoNormal{margin:0}</style></head><body><!--StartFragment-->
<h2>Jämställdhet</h2>
<p class=MsoNormal>Ett <b>fett</b>&nbsp;ord och <span style='font-weight:bold'>ett till</span>.</p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-list:Ignore'>·<span>&nbsp;&nbsp;&nbsp;</span></span><![endif]>Första punkten</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>·&nbsp;</span>Andra
punkten</p>
<ul><li>Tredje</li></ul>
<p class=MsoNormal><script>alert(1)</script>Slut<img src=x onerror="window.hacked=1"></p>
<!--EndFragment--></body></html>"""


@pytest.fixture
def page(browser):
    """A blank page with the editor's markup and script: no server needed (uses tests/e2e's shared browser)."""
    context = browser.new_context()
    page = context.new_page()
    page.set_content(
        '<form id="section-form"><div role="toolbar" aria-label="Formatering: Analys">'
        '<button type="button" data-format="heading" aria-controls="t">Rubrik</button>'
        '<button type="button" data-format="bullet" aria-controls="t">Punktlista</button>'
        '<button type="button" data-format="bold" aria-controls="t">Fet</button></div>'
        '<label for="t">Analys</label><textarea id="t" class="richtext-input"></textarea></form>'
    )
    page.add_script_tag(path=str(EDITOR_JS))
    yield page
    context.close()


def test_word_paste_keeps_headings_paragraphs_lists_and_bold(page):
    page.fill("#t", "")
    page.evaluate(
        """html => { const t = document.getElementById('t'); t.focus();
        const data = new DataTransfer(); data.setData('text/html', html); data.setData('text/plain', 'fel');
        t.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true})); }""",
        WORD_HTML,
    )
    assert page.input_value("#t") == (
        "## Jämställdhet\nEtt **fett** ord och **ett till**.\n- Första punkten\n- Andra punkten\n- Tredje\nSlut"
    )
    assert page.evaluate("window.hacked") is None  # nothing from the clipboard ran


def test_toolbar_formats_the_current_line_from_the_keyboard(page):
    page.fill("#t", "Arbetsmarknaden")
    page.focus("#t")
    page.get_by_role("button", name="Rubrik").focus()
    page.keyboard.press("Enter")
    assert page.input_value("#t") == "## Arbetsmarknaden"
    page.get_by_role("button", name="Rubrik").click()  # pressing again removes it
    assert page.input_value("#t") == "Arbetsmarknaden"
    page.fill("#t", "viktigt")
    page.evaluate("document.getElementById('t').select()")
    page.get_by_role("button", name="Fet").click()
    assert page.input_value("#t") == "**viktigt**"
